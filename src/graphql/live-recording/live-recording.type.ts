import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LIVE_STATUSES } from '../../domain/live-recording';
import { DateTime } from '../common/scalars';
import { PageInfo } from '../common/pagination';
import { VendorKind } from '../common/enums';
import { VendorError } from '../connection/connection.type';
import { PauseBehavior } from '../vendor/vendor.type';

export const LiveRecordingStatus = Object.fromEntries(LIVE_STATUSES.map((s) => [s, s])) as { [K in (typeof LIVE_STATUSES)[number]]: K };
registerEnumType(LiveRecordingStatus, {
  name: 'LiveRecordingStatus',
  valuesConfig: {
    STARTING: { description: 'Stored before the start was sent; the vendor has not confirmed it yet (recovery settles it).' },
    FAILED_TO_START: { description: 'The vendor refused the start, or it never happened (see failureReason); final.' },
    IN_PROGRESS: { description: 'Recording.' },
    PAUSED: { description: 'Paused; see pauseBehavior for what the paused part becomes.' },
    STOPPED: { description: 'Finished; final.' },
  },
});

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A recording on a call in progress. Its status is always the one the vendor last confirmed.' })
export class LiveRecording {
  @Field(() => ID) id!: string;
  tenantId!: string;
  connectionId!: string;
  @Field(() => VendorKind) vendor!: string;
  @Field(() => String, { description: "The vendor's call id." }) callId!: string;
  @Field(() => String, { nullable: true, description: "The vendor's recording id (Webex has none: the call is the handle)." }) vendorRecordingId!:
    | string
    | null;
  @Field(() => LiveRecordingStatus) status!: string;
  @Field(() => PauseBehavior, { nullable: true }) pauseBehavior!: string | null;
  @Field(() => Int, { nullable: true }) channels!: number | null;
  @Field(() => Int, { nullable: true, description: 'As last reported by the vendor.' }) durationSeconds!: number | null;
  @Field(() => DateTime, { nullable: true }) startedAt!: Date | null;
  @Field(() => DateTime, { nullable: true }) endedAt!: Date | null;
  @Field(() => Int, { description: 'Increases with every confirmed change.' }) version!: number;
  @Field(() => VendorError, { nullable: true, description: 'The last action the vendor refused or could not take.' }) lastError!: VendorError | null;
  @Field(() => String, { nullable: true, description: 'Why the recording is FAILED_TO_START.' }) failureReason!: string | null;
  @Field(() => String, { nullable: true, description: 'A pause, resume or stop sent whose answer is not stored yet (PAUSE, RESUME or STOP).' })
  pendingAction!: string | null;
  @Field(() => DateTime) createdAt!: Date;
  @Field(() => DateTime) updatedAt!: Date;
}

@ObjectType()
export class LiveRecordingConnection {
  @Field(() => [LiveRecording]) nodes!: LiveRecording[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType({ description: "A change to one of the tenant's live recordings." })
export class LiveRecordingEvent {
  @Field(() => String, { description: 'STARTED, PAUSED, RESUMED, STOPPED or UPDATED (seen at the vendor).' }) kind!: string;
  @Field(() => LiveRecording) recording!: LiveRecording;
}

@ObjectType({ description: 'A finished recording filed on a CRM call.' })
export class Attachment {
  @Field(() => ID) id!: string;
  @Field(() => ID) connectionId!: string;
  @Field(() => String) crmCallId!: string;
  @Field(() => String) fileName!: string;
  @Field(() => String, { description: 'CONTENT, URL or LIVE_RECORDING.' }) source!: string;
  @Field(() => String, { description: 'ATTACHING (stored before Bitrix24 was called; recovery sends it again if needed), ATTACHED or FAILED.' })
  status!: string;
  @Field(() => ID, { nullable: true }) liveRecordingId!: string | null;
  @Field(() => Int, { nullable: true }) sizeBytes!: number | null;
  @Field(() => Boolean, { description: 'The call already had a recording, which this one replaced (the CRM keeps one per call).' })
  replacedPrevious!: boolean;
  @Field(() => DateTime) createdAt!: Date;
}

@ObjectType()
export class AttachmentConnection {
  @Field(() => [Attachment]) nodes!: Attachment[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType()
export class AttachRecordingPayload {
  @Field(() => Attachment) attachment!: Attachment;
  @Field(() => Boolean, { description: 'True when an earlier recording on that call was replaced.' }) replacedPrevious!: boolean;
}
