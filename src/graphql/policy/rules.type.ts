import { Field, Int, ObjectType } from 'type-graphql';
import { ExtensionTargetKind, FileFormat, MediaSource, NotificationType, RecordingMode } from '../common/enums';

/** Output shapes of the vendor-neutral rules (domain/policy.ts). A null field is not governed by the policy. */

@ObjectType({ description: 'An audio message.' })
export class MediaRef {
  @Field(() => MediaSource, { description: 'System or custom media.' }) source!: string;
  @Field(() => String, { nullable: true, description: "The vendor's media id (audio-library file id, prompt file name)." }) mediaId?: string | null;
}

@ObjectType({ description: 'Which calls are recorded (null: not governed).' })
export class CallSelection {
  @Field(() => Boolean, { description: 'Calls between extensions.', nullable: true }) internal?: boolean | null;
  @Field(() => Boolean, { description: 'Calls with outside (PSTN) parties.', nullable: true }) external?: boolean | null;
  @Field(() => Boolean, { description: 'Incoming calls.', nullable: true }) inbound?: boolean | null;
  @Field(() => Boolean, { description: 'Outgoing calls.', nullable: true }) outbound?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Paging and intercom calls.' }) paging?: boolean | null;
  @Field(() => Boolean, { description: 'Voicemail.', nullable: true }) voicemail?: boolean | null;
}

@ObjectType({ description: 'A beep every so often while recording.' })
export class PeriodicBeep {
  @Field(() => Boolean, { description: 'The beep is on.' }) enabled!: boolean;
  @Field(() => Int, { description: 'Seconds between beeps.', nullable: true }) intervalSeconds?: number | null;
}

@ObjectType({ description: 'A trunk whose calls are recorded.' })
export class TrunkTarget {
  @Field(() => String, { description: "The vendor's trunk id." }) id!: string;
  @Field(() => String, { description: 'Its name.', nullable: true }) name?: string | null;
  @Field(() => PeriodicBeep, { description: 'A beep on this trunk, overriding the policy one.', nullable: true }) periodicBeep?: PeriodicBeep | null;
}

@ObjectType({ description: 'An extension, extension group or the whole organisation whose calls are recorded.' })
export class ExtensionTarget {
  @Field(() => String, { description: "The vendor's id." }) id!: string;
  @Field(() => ExtensionTargetKind, { description: 'What the id names.' }) kind!: string;
  @Field(() => String, { description: 'Its name.', nullable: true }) name?: string | null;
  @Field(() => String, { description: 'Its extension number.', nullable: true }) number?: string | null;
}

@ObjectType({ description: 'A queue, IVR or conference room.' })
export class NamedTarget {
  @Field(() => String, { description: "The vendor's id." }) id!: string;
  @Field(() => String, { description: 'Its name.', nullable: true }) name?: string | null;
}

@ObjectType({ description: 'What is recorded, by PBX object (Yeastar).' })
export class RecordingTargets {
  @Field(() => [TrunkTarget], { description: 'Trunks whose calls are recorded.', nullable: true }) trunks?: TrunkTarget[] | null;
  @Field(() => [ExtensionTarget], { description: 'Extensions and extension groups whose calls are recorded.', nullable: true }) extensions?:
    | ExtensionTarget[]
    | null;
  @Field(() => [NamedTarget], { description: 'Queues whose calls are recorded.', nullable: true }) queues?: NamedTarget[] | null;
  @Field(() => [NamedTarget], { description: 'IVRs whose calls are recorded.', nullable: true }) ivrs?: NamedTarget[] | null;
  @Field(() => [NamedTarget], { description: 'Conference rooms whose calls are recorded.', nullable: true }) conferences?: NamedTarget[] | null;
}

@ObjectType({ description: 'One message per call direction.' })
export class DirectionPrompts {
  @Field(() => MediaRef, { description: 'For internal calls.', nullable: true }) internal?: MediaRef | null;
  @Field(() => MediaRef, { description: 'For inbound calls.', nullable: true }) inbound?: MediaRef | null;
  @Field(() => MediaRef, { description: 'For outbound calls.', nullable: true }) outbound?: MediaRef | null;
}

@ObjectType({ description: 'Telling the parties that the call is recorded.' })
export class Announcement {
  @Field(() => Boolean, { description: 'The announcement is played.', nullable: true }) enabled?: boolean | null;
  @Field(() => MediaRef, { nullable: true, description: 'One message for every call.' }) media?: MediaRef | null;
  @Field(() => DirectionPrompts, { nullable: true, description: 'Per direction, where the vendor distinguishes.' }) prompts?: DirectionPrompts | null;
}

@ObjectType({ description: 'An announcement when recording starts and when it stops.' })
export class StartStopAnnouncement {
  @Field(() => Boolean, { description: 'The announcement is played.', nullable: true }) enabled?: boolean | null;
  @Field(() => Boolean, { description: 'Internal calls.', nullable: true }) internalCalls?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'External (PSTN) calls.' }) externalCalls?: boolean | null;
}

@ObjectType({ description: 'How the parties learn of a pause or resume.' })
export class PauseResumeNotification {
  @Field(() => Boolean, { description: 'The parties are told.' }) enabled!: boolean;
  @Field(() => NotificationType, { description: 'A beep or an announcement.', nullable: true }) type?: string | null;
}

@ObjectType({ description: 'The vendor-neutral recording rules.' })
export class RecordingRules {
  @Field(() => CallSelection, { description: 'Which calls are recorded.', nullable: true }) calls?: CallSelection | null;
  @Field(() => RecordingMode, { description: 'When calls are recorded.', nullable: true }) mode?: string | null;
  @Field(() => String, { description: 'The key that starts an on-demand recording.', nullable: true }) onDemandKey?: string | null;
  @Field(() => [String], { description: 'Vendor user ids whose calls are never recorded.', nullable: true }) excludedUserIds?: string[] | null;
  @Field(() => RecordingTargets, { description: 'Trunks, extensions, queues, IVRs and conferences that are recorded.', nullable: true })
  targets?: RecordingTargets | null;
  @Field(() => Announcement, { description: 'Telling the parties that the call is recorded.', nullable: true }) announcement?: Announcement | null;
  @Field(() => StartStopAnnouncement, { description: 'An announcement when recording starts and stops.', nullable: true })
  startStopAnnouncement?: StartStopAnnouncement | null;
  @Field(() => PauseResumeNotification, { description: 'How the parties learn of a pause or resume.', nullable: true })
  pauseResumeNotification?: PauseResumeNotification | null;
  @Field(() => PeriodicBeep, { description: 'A beep every so often while recording.', nullable: true }) periodicBeep?: PeriodicBeep | null;
  @Field(() => Boolean, { nullable: true, description: 'Caller and callee on separate channels.' }) stereo?: boolean | null;
  @Field(() => FileFormat, { description: 'The file format of recordings.', nullable: true }) fileFormat?: string | null;
}
