import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { VendorKind } from '../common/enums';
import { PolicyScopeKind } from '../common/enums';
import { PAUSE_BEHAVIORS } from '../../domain/vendor';

export const PauseBehavior = Object.fromEntries(PAUSE_BEHAVIORS.map((v) => [v, v])) as { SKIP: 'SKIP'; SILENCE: 'SILENCE' };
registerEnumType(PauseBehavior, {
  name: 'PauseBehavior',
  description: 'What happens to the paused part of a recording.',
  valuesConfig: {
    SKIP: { description: 'The paused part is left out of the recording.' },
    SILENCE: { description: 'The paused part is replaced by silence, so the timeline is kept.' },
  },
});

@ObjectType({ description: 'A field a connection needs: credentials are write-only, settings are readable.' })
export class ConnectionFieldInfo {
  @Field(() => String, { description: 'The name to send (NameValueInput.name).' }) name!: string;
  @Field(() => String, { description: 'What it is.' }) description!: string;
  @Field(() => Boolean, { description: 'connectVendor refuses a connection without it.' }) required!: boolean;
  @Field(() => Boolean, { description: 'Stored encrypted and never returned.' }) secret!: boolean;
}

@ObjectType({ description: 'How one vendor reads one rule field.' })
export class RuleFieldNote {
  @Field(() => String, { description: 'Rule field path, e.g. "periodicBeep".' }) field!: string;
  @Field(() => String, { description: 'The note.' }) note!: string;
}

@ObjectType({ description: 'The live-recording controls a vendor offers.' })
export class LiveRecordingCapabilities {
  @Field(() => Boolean, { description: 'The vendor can start a recording.' }) start!: boolean;
  @Field(() => Boolean, { description: 'The vendor can pause a recording.' }) pause!: boolean;
  @Field(() => Boolean, { description: 'The vendor can resume a recording.' }) resume!: boolean;
  @Field(() => Boolean, { description: 'The vendor can stop a recording.' }) stop!: boolean;
  @Field(() => [PauseBehavior], { description: 'What a pause can do at this vendor.' }) pauseBehaviors!: string[];
}

@ObjectType({ description: 'How a CRM takes recordings.' })
export class AttachmentCapabilities {
  @Field(() => Boolean, { description: 'Content can be sent inline (base64).' }) inlineContent!: boolean;
  @Field(() => Boolean, { description: 'The vendor can download the recording from a URL.' }) recordUrl!: boolean;
  @Field(() => Boolean, { description: 'Content can be uploaded to a URL the vendor hands out.' }) uploadUrl!: boolean;
}

@ObjectType({ description: 'What a vendor can express. Setting a rule field outside ruleFields fails with VENDOR_UNSUPPORTED_FIELD.' })
export class VendorCapabilities {
  @Field(() => Boolean, { description: 'The vendor holds recording policies.' }) policies!: boolean;
  @Field(() => [PolicyScopeKind], { description: 'The scopes a policy can govern at this vendor.' }) policyScopes!: string[];
  @Field(() => [String], { description: 'Rule field paths this vendor can express.' }) ruleFields!: string[];
  @Field(() => [String], { description: 'Rule field paths this vendor cannot express.' }) unsupportedRuleFields!: string[];
  @Field(() => [RuleFieldNote], { description: 'How the vendor reads some rule fields.' }) fieldNotes!: RuleFieldNote[];
  @Field(() => LiveRecordingCapabilities, { description: 'Live-recording controls; null when the vendor has none.', nullable: true })
  liveRecording!: LiveRecordingCapabilities | null;
  @Field(() => AttachmentCapabilities, { description: 'How recordings can be filed; null when the vendor files none.', nullable: true })
  attachments!: AttachmentCapabilities | null;
  @Field(() => [ConnectionFieldInfo], { description: 'The credentials connectVendor takes for this vendor.' })
  credentialFields!: ConnectionFieldInfo[];
  @Field(() => [ConnectionFieldInfo], { description: 'The settings connectVendor takes for this vendor.' }) settingFields!: ConnectionFieldInfo[];
}

@ObjectType({ description: 'A vendor this service speaks to.' })
export class VendorInfo {
  @Field(() => VendorKind, { description: 'The vendor.' }) kind!: string;
  @Field(() => String, { description: 'Its name.' }) displayName!: string;
  @Field(() => VendorCapabilities, { description: 'What it can express.' }) capabilities!: VendorCapabilities;
}
