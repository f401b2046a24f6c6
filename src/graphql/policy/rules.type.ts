import { Field, Int, ObjectType } from 'type-graphql';
import { ExtensionTargetKind, FileFormat, MediaSource, NotificationType, RecordingMode } from '../common/enums';

/** Output shapes of the vendor-neutral rules (domain/policy.ts). A null field is not governed by the policy. */

@ObjectType()
export class MediaRef {
  @Field(() => MediaSource) source!: string;
  @Field(() => String, { nullable: true, description: "The vendor's media id (audio-library file id, prompt file name)." }) mediaId?: string | null;
}

@ObjectType()
export class CallSelection {
  @Field(() => Boolean, { nullable: true }) internal?: boolean | null;
  @Field(() => Boolean, { nullable: true }) external?: boolean | null;
  @Field(() => Boolean, { nullable: true }) inbound?: boolean | null;
  @Field(() => Boolean, { nullable: true }) outbound?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Paging and intercom calls.' }) paging?: boolean | null;
  @Field(() => Boolean, { nullable: true }) voicemail?: boolean | null;
}

@ObjectType()
export class PeriodicBeep {
  @Field(() => Boolean) enabled!: boolean;
  @Field(() => Int, { nullable: true }) intervalSeconds?: number | null;
}

@ObjectType()
export class TrunkTarget {
  @Field(() => String) id!: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => PeriodicBeep, { nullable: true }) periodicBeep?: PeriodicBeep | null;
}

@ObjectType()
export class ExtensionTarget {
  @Field(() => String) id!: string;
  @Field(() => ExtensionTargetKind) kind!: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) number?: string | null;
}

@ObjectType()
export class NamedTarget {
  @Field(() => String) id!: string;
  @Field(() => String, { nullable: true }) name?: string | null;
}

@ObjectType()
export class RecordingTargets {
  @Field(() => [TrunkTarget], { nullable: true }) trunks?: TrunkTarget[] | null;
  @Field(() => [ExtensionTarget], { nullable: true }) extensions?: ExtensionTarget[] | null;
  @Field(() => [NamedTarget], { nullable: true }) queues?: NamedTarget[] | null;
  @Field(() => [NamedTarget], { nullable: true }) ivrs?: NamedTarget[] | null;
  @Field(() => [NamedTarget], { nullable: true }) conferences?: NamedTarget[] | null;
}

@ObjectType()
export class DirectionPrompts {
  @Field(() => MediaRef, { nullable: true }) internal?: MediaRef | null;
  @Field(() => MediaRef, { nullable: true }) inbound?: MediaRef | null;
  @Field(() => MediaRef, { nullable: true }) outbound?: MediaRef | null;
}

@ObjectType({ description: 'Telling the parties that the call is recorded.' })
export class Announcement {
  @Field(() => Boolean, { nullable: true }) enabled?: boolean | null;
  @Field(() => MediaRef, { nullable: true, description: 'One message for every call.' }) media?: MediaRef | null;
  @Field(() => DirectionPrompts, { nullable: true, description: 'Per direction, where the vendor distinguishes.' }) prompts?: DirectionPrompts | null;
}

@ObjectType({ description: 'An announcement when recording starts and when it stops.' })
export class StartStopAnnouncement {
  @Field(() => Boolean, { nullable: true }) enabled?: boolean | null;
  @Field(() => Boolean, { nullable: true }) internalCalls?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'External (PSTN) calls.' }) externalCalls?: boolean | null;
}

@ObjectType()
export class PauseResumeNotification {
  @Field(() => Boolean) enabled!: boolean;
  @Field(() => NotificationType, { nullable: true }) type?: string | null;
}

@ObjectType({ description: 'The vendor-neutral recording rules.' })
export class RecordingRules {
  @Field(() => CallSelection, { nullable: true }) calls?: CallSelection | null;
  @Field(() => RecordingMode, { nullable: true }) mode?: string | null;
  @Field(() => String, { nullable: true }) onDemandKey?: string | null;
  @Field(() => [String], { nullable: true }) excludedUserIds?: string[] | null;
  @Field(() => RecordingTargets, { nullable: true }) targets?: RecordingTargets | null;
  @Field(() => Announcement, { nullable: true }) announcement?: Announcement | null;
  @Field(() => StartStopAnnouncement, { nullable: true }) startStopAnnouncement?: StartStopAnnouncement | null;
  @Field(() => PauseResumeNotification, { nullable: true }) pauseResumeNotification?: PauseResumeNotification | null;
  @Field(() => PeriodicBeep, { nullable: true }) periodicBeep?: PeriodicBeep | null;
  @Field(() => Boolean, { nullable: true, description: 'Caller and callee on separate channels.' }) stereo?: boolean | null;
  @Field(() => FileFormat, { nullable: true }) fileFormat?: string | null;
}
