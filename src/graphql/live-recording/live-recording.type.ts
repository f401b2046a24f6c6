import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LIVE_STATUSES } from '../../domain/live-recording';
import { DateTime } from '../common/scalars';
import { connectionOf } from '../common/pagination';
import { VendorKind } from '../common/enums';
import { VendorError } from '../connection/connection.type';
import { PauseBehavior } from '../vendor/vendor.type';

export const LiveRecordingStatus = Object.fromEntries(LIVE_STATUSES.map((s) => [s, s])) as { [K in (typeof LIVE_STATUSES)[number]]: K };
registerEnumType(LiveRecordingStatus, {
  name: 'LiveRecordingStatus',
  description: 'Where a live recording stands, as its vendor confirmed.',
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
  @Field(() => ID, { description: 'The recording.' }) id!: string;
  tenantId!: string;
  connectionId!: string;
  @Field(() => VendorKind, { description: 'The vendor recording it.' }) vendor!: VendorKind;
  @Field(() => String, { description: "The vendor's call id." }) callId!: string;
  @Field(() => String, { nullable: true, description: "The vendor's recording id (Webex has none: the call is the handle)." }) vendorRecordingId!:
    | string
    | null;
  @Field(() => LiveRecordingStatus, { description: 'The status the vendor last confirmed.' }) status!: string;
  @Field(() => PauseBehavior, { description: 'What the current or last pause does.', nullable: true }) pauseBehavior!: string | null;
  @Field(() => Int, { description: '1 (mono) or 2 (a channel per party).', nullable: true }) channels!: number | null;
  @Field(() => Int, { nullable: true, description: 'As last reported by the vendor.' }) durationSeconds!: number | null;
  @Field(() => DateTime, { description: 'When the vendor started recording.', nullable: true }) startedAt!: Date | null;
  @Field(() => DateTime, { description: 'When the recording ended.', nullable: true }) endedAt!: Date | null;
  @Field(() => Int, { description: 'Increases with every confirmed change.' }) version!: number;
  @Field(() => VendorError, { nullable: true, description: 'The last action the vendor refused or could not take.' }) lastError!: VendorError | null;
  @Field(() => String, { nullable: true, description: 'Why the recording is FAILED_TO_START.' }) failureReason!: string | null;
  @Field(() => LiveRecordingAction, { nullable: true, description: 'A pause, resume or stop sent whose answer is not stored yet.' })
  pendingAction!: string | null;
  @Field(() => DateTime, { description: 'When it was created.' }) createdAt!: Date;
  @Field(() => DateTime, { description: 'When it last changed.' }) updatedAt!: Date;
}

@ObjectType({ description: "A page of a tenant's live recordings (Relay connection)." })
export class LiveRecordingConnection extends connectionOf(LiveRecording, 'LiveRecording', 'live recording') {}

export const LiveRecordingEventKind = { STARTED: 'STARTED', PAUSED: 'PAUSED', RESUMED: 'RESUMED', STOPPED: 'STOPPED', UPDATED: 'UPDATED' } as const;
registerEnumType(LiveRecordingEventKind, {
  name: 'LiveRecordingEventKind',
  description: 'What happened to a live recording.',
  valuesConfig: {
    STARTED: { description: 'It started (or recovery found it started at the vendor).' },
    PAUSED: { description: 'It was paused.' },
    RESUMED: { description: 'It was resumed.' },
    STOPPED: { description: 'It stopped; final.' },
    UPDATED: { description: 'Its state was read from the vendor and changed (the call ended, a pause seen at the vendor, ...).' },
  },
});

export const LiveRecordingAction = { PAUSE: 'PAUSE', RESUME: 'RESUME', STOP: 'STOP' } as const;
registerEnumType(LiveRecordingAction, {
  name: 'LiveRecordingAction',
  description: 'An action on a running recording.',
  valuesConfig: {
    PAUSE: { description: 'Pause.' },
    RESUME: { description: 'Resume.' },
    STOP: { description: 'Stop.' },
  },
});

export const AttachmentSource = { CONTENT: 'CONTENT', URL: 'URL', LIVE_RECORDING: 'LIVE_RECORDING' } as const;
registerEnumType(AttachmentSource, {
  name: 'AttachmentSource',
  description: 'Where an attached recording came from.',
  valuesConfig: {
    CONTENT: { description: 'Sent inline (contentBase64).' },
    URL: { description: 'Downloaded by the CRM from recordUrl.' },
    LIVE_RECORDING: { description: 'One of our live recordings, fetched from its vendor and uploaded.' },
  },
});

export const AttachmentStatus = { ATTACHING: 'ATTACHING', ATTACHED: 'ATTACHED', FAILED: 'FAILED' } as const;
registerEnumType(AttachmentStatus, {
  name: 'AttachmentStatus',
  description: 'Where an attachment stands.',
  valuesConfig: {
    ATTACHING: { description: 'Stored before the CRM was called; recovery sends it again if needed.' },
    ATTACHED: { description: 'The CRM holds the recording.' },
    FAILED: { description: 'The CRM refused it.' },
  },
});

@ObjectType({ description: "A change to one of the tenant's live recordings." })
export class LiveRecordingEvent {
  @Field(() => LiveRecordingEventKind, { description: 'What happened.' }) kind!: string;
  @Field(() => LiveRecording, { description: 'The recording as it is now.' }) recording!: LiveRecording;
}

@ObjectType({ description: 'A finished recording filed on a CRM call.' })
export class Attachment {
  @Field(() => ID, { description: 'The attachment.' }) id!: string;
  @Field(() => ID, { description: 'The CRM connection.' }) connectionId!: string;
  @Field(() => String, { description: 'The CRM call id.' }) crmCallId!: string;
  @Field(() => String, { description: 'The file name.' }) fileName!: string;
  @Field(() => AttachmentSource, { description: 'Where the recording came from.' }) source!: string;
  @Field(() => AttachmentStatus, { description: 'Whether the CRM holds it yet.' })
  status!: string;
  @Field(() => ID, { description: 'The live recording it came from (source LIVE_RECORDING).', nullable: true }) liveRecordingId!: string | null;
  @Field(() => Int, { description: 'Its size.', nullable: true }) sizeBytes!: number | null;
  @Field(() => Boolean, { description: 'The call already had a recording, which this one replaced (the CRM keeps one per call).' })
  replacedPrevious!: boolean;
  @Field(() => DateTime, { description: 'When it was filed.' }) createdAt!: Date;
}

@ObjectType({ description: 'A page of recordings filed on CRM calls (Relay connection).' })
export class AttachmentConnection extends connectionOf(Attachment, 'Attachment', 'attachment') {}

@ObjectType({ description: 'The recording filed on the CRM call.' })
export class AttachRecordingPayload {
  @Field(() => Attachment, { description: 'The attachment as stored.' }) attachment!: Attachment;
  @Field(() => Boolean, { description: 'True when an earlier recording on that call was replaced.' }) replacedPrevious!: boolean;
}

@ObjectType({ description: 'The recording started (status as the vendor confirmed it).' })
export class StartLiveRecordingPayload {
  @Field(() => LiveRecording, { description: 'The recording, with the status the vendor confirmed.' }) liveRecording!: LiveRecording;
}

@ObjectType({ description: 'The recording paused.' })
export class PauseLiveRecordingPayload {
  @Field(() => LiveRecording, { description: 'The recording, with the status the vendor confirmed.' }) liveRecording!: LiveRecording;
}

@ObjectType({ description: 'The recording resumed.' })
export class ResumeLiveRecordingPayload {
  @Field(() => LiveRecording, { description: 'The recording, with the status the vendor confirmed.' }) liveRecording!: LiveRecording;
}

@ObjectType({ description: 'The recording stopped; final.' })
export class StopLiveRecordingPayload {
  @Field(() => LiveRecording, { description: 'The recording, with the status the vendor confirmed.' }) liveRecording!: LiveRecording;
}

@ObjectType({ description: 'The recording as its vendor reports it now.' })
export class RefreshLiveRecordingPayload {
  @Field(() => LiveRecording, { description: 'The recording, with the status the vendor confirmed.' }) liveRecording!: LiveRecording;
}
