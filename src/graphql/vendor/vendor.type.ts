import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { VendorKind } from '../common/enums';
import { PolicyScopeKind } from '../common/enums';
import { PAUSE_BEHAVIORS } from '../../domain/vendor';

export const PauseBehavior = Object.fromEntries(PAUSE_BEHAVIORS.map((v) => [v, v])) as { SKIP: 'SKIP'; SILENCE: 'SILENCE' };
registerEnumType(PauseBehavior, {
  name: 'PauseBehavior',
  valuesConfig: {
    SKIP: { description: 'The paused part is left out of the recording.' },
    SILENCE: { description: 'The paused part is replaced by silence, so the timeline is kept.' },
  },
});

@ObjectType({ description: 'A field a connection needs: credentials are write-only, settings are readable.' })
export class ConnectionFieldInfo {
  @Field(() => String) name!: string;
  @Field(() => String) description!: string;
  @Field(() => Boolean) required!: boolean;
  @Field(() => Boolean) secret!: boolean;
}

@ObjectType()
export class RuleFieldNote {
  @Field(() => String, { description: 'Rule field path, e.g. "periodicBeep".' }) field!: string;
  @Field(() => String) note!: string;
}

@ObjectType()
export class LiveRecordingCapabilities {
  @Field(() => Boolean) start!: boolean;
  @Field(() => Boolean) pause!: boolean;
  @Field(() => Boolean) resume!: boolean;
  @Field(() => Boolean) stop!: boolean;
  @Field(() => [PauseBehavior]) pauseBehaviors!: string[];
}

@ObjectType()
export class AttachmentCapabilities {
  @Field(() => Boolean, { description: 'Content can be sent inline (base64).' }) inlineContent!: boolean;
  @Field(() => Boolean, { description: 'The vendor can download the recording from a URL.' }) recordUrl!: boolean;
  @Field(() => Boolean, { description: 'Content can be uploaded to a URL the vendor hands out.' }) uploadUrl!: boolean;
}

@ObjectType({ description: 'What a vendor can express. Setting a rule field outside ruleFields fails with VENDOR_UNSUPPORTED_FIELD.' })
export class VendorCapabilities {
  @Field(() => Boolean) policies!: boolean;
  @Field(() => [PolicyScopeKind]) policyScopes!: string[];
  @Field(() => [String], { description: 'Rule field paths this vendor can express.' }) ruleFields!: string[];
  @Field(() => [String], { description: 'Rule field paths this vendor cannot express.' }) unsupportedRuleFields!: string[];
  @Field(() => [RuleFieldNote]) fieldNotes!: RuleFieldNote[];
  @Field(() => LiveRecordingCapabilities, { nullable: true }) liveRecording!: LiveRecordingCapabilities | null;
  @Field(() => AttachmentCapabilities, { nullable: true }) attachments!: AttachmentCapabilities | null;
  @Field(() => [ConnectionFieldInfo]) credentialFields!: ConnectionFieldInfo[];
  @Field(() => [ConnectionFieldInfo]) settingFields!: ConnectionFieldInfo[];
}

@ObjectType()
export class VendorInfo {
  @Field(() => VendorKind) kind!: string;
  @Field(() => String) displayName!: string;
  @Field(() => VendorCapabilities) capabilities!: VendorCapabilities;
}
