import { Field, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsIn, IsNotEmpty, IsOptional, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { ExtensionTargetKind, FileFormat, MediaSource, NotificationType, RecordingMode } from '../common/enums';

const ID_RULE = /^[A-Za-z0-9_.:@-]{1,128}$/;
const idMessage = (what: string) => `${what} must be 1..128 letters, digits or _ . : @ -`;

@InputType({ description: 'An audio message.' })
export class MediaRefInput {
  @Field(() => MediaSource, { description: 'System or custom media.' })
  source!: 'SYSTEM' | 'CUSTOM';

  @Field(() => String, { nullable: true, description: 'Required when source is CUSTOM.' })
  @ValidateIf((o: MediaRefInput) => o.source === 'CUSTOM' || o.mediaId != null)
  @IsNotEmpty({ message: 'mediaId is required when source is CUSTOM' })
  @MaxLength(255)
  mediaId?: string | null;
}

@InputType({ description: 'Which calls are recorded (null: leave ungoverned).' })
export class CallSelectionInput {
  @Field(() => Boolean, { description: 'Calls between extensions.', nullable: true }) internal?: boolean | null;
  @Field(() => Boolean, { description: 'Calls with outside (PSTN) parties.', nullable: true }) external?: boolean | null;
  @Field(() => Boolean, { description: 'Incoming calls.', nullable: true }) inbound?: boolean | null;
  @Field(() => Boolean, { description: 'Outgoing calls.', nullable: true }) outbound?: boolean | null;
  @Field(() => Boolean, { description: 'Paging and intercom calls.', nullable: true }) paging?: boolean | null;
  @Field(() => Boolean, { description: 'Voicemail.', nullable: true }) voicemail?: boolean | null;
}

@InputType({ description: 'A beep every so often while recording.' })
export class PeriodicBeepInput {
  @Field(() => Boolean, { description: 'The beep is on.' })
  enabled!: boolean;

  @Field(() => Int, { nullable: true, description: 'Seconds between beeps, 1..3600 (Webex takes 10..1800).' })
  @ValidateIf((o: PeriodicBeepInput) => o.intervalSeconds != null)
  @Min(1, { message: 'intervalSeconds must be at least 1' })
  @Max(3600, { message: 'intervalSeconds must be at most 3600' })
  intervalSeconds?: number | null;
}

@InputType({ description: 'A trunk whose calls are recorded.' })
export class TrunkTargetInput {
  @Field(() => String, { description: "The vendor's trunk id." }) @Matches(ID_RULE, { message: idMessage('id') }) id!: string;
  @Field(() => String, { description: 'Its name.', nullable: true }) @IsOptional() @MaxLength(200) name?: string | null;
  @Field(() => PeriodicBeepInput, { description: 'A beep on this trunk, overriding the policy one.', nullable: true })
  @IsOptional()
  @ValidateNested()
  periodicBeep?: PeriodicBeepInput | null;
}

@InputType({ description: 'An extension, extension group or the whole organisation whose calls are recorded.' })
export class ExtensionTargetInput {
  @Field(() => String, { description: "The vendor's id." }) @Matches(ID_RULE, { message: idMessage('id') }) id!: string;
  @Field(() => ExtensionTargetKind, { description: 'What the id names.' }) kind!: string;
  @Field(() => String, { description: 'Its name.', nullable: true }) @IsOptional() @MaxLength(200) name?: string | null;
  @Field(() => String, { description: 'Its extension number.', nullable: true }) @IsOptional() @MaxLength(64) number?: string | null;
}

@InputType({ description: 'A queue, IVR or conference room.' })
export class NamedTargetInput {
  @Field(() => String, { description: "The vendor's id." }) @Matches(ID_RULE, { message: idMessage('id') }) id!: string;
  @Field(() => String, { description: 'Its name.', nullable: true }) @IsOptional() @MaxLength(200) name?: string | null;
}

@InputType({ description: 'What is recorded, by PBX object (Yeastar).' })
export class RecordingTargetsInput {
  @Field(() => [TrunkTargetInput], { description: 'Trunks whose calls are recorded.', nullable: true })
  @IsOptional()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  trunks?: TrunkTargetInput[] | null;
  @Field(() => [ExtensionTargetInput], { description: 'Extensions and extension groups whose calls are recorded.', nullable: true })
  @IsOptional()
  @ArrayMaxSize(10000)
  @ValidateNested({ each: true })
  extensions?: ExtensionTargetInput[] | null;
  @Field(() => [NamedTargetInput], { description: 'Queues whose calls are recorded.', nullable: true })
  @IsOptional()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  queues?: NamedTargetInput[] | null;
  @Field(() => [NamedTargetInput], { description: 'IVRs whose calls are recorded.', nullable: true })
  @IsOptional()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  ivrs?: NamedTargetInput[] | null;
  @Field(() => [NamedTargetInput], { description: 'Conference rooms whose calls are recorded.', nullable: true })
  @IsOptional()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  conferences?: NamedTargetInput[] | null;
}

@InputType({ description: 'One message per call direction.' })
export class DirectionPromptsInput {
  @Field(() => MediaRefInput, { description: 'For internal calls.', nullable: true }) @IsOptional() @ValidateNested() internal?: MediaRefInput | null;
  @Field(() => MediaRefInput, { description: 'For inbound calls.', nullable: true }) @IsOptional() @ValidateNested() inbound?: MediaRefInput | null;
  @Field(() => MediaRefInput, { description: 'For outbound calls.', nullable: true }) @IsOptional() @ValidateNested() outbound?: MediaRefInput | null;
}

@InputType({ description: 'Telling the parties that the call is recorded.' })
export class AnnouncementInput {
  @Field(() => Boolean, { description: 'The announcement is played.', nullable: true }) enabled?: boolean | null;
  @Field(() => MediaRefInput, { description: 'One message for every call.', nullable: true })
  @IsOptional()
  @ValidateNested()
  media?: MediaRefInput | null;
  @Field(() => DirectionPromptsInput, { description: 'Per direction, where the vendor distinguishes.', nullable: true })
  @IsOptional()
  @ValidateNested()
  prompts?: DirectionPromptsInput | null;
}

@InputType({ description: 'An announcement when recording starts and when it stops.' })
export class StartStopAnnouncementInput {
  @Field(() => Boolean, { description: 'The announcement is played.', nullable: true }) enabled?: boolean | null;
  @Field(() => Boolean, { description: 'Internal calls.', nullable: true }) internalCalls?: boolean | null;
  @Field(() => Boolean, { description: 'External (PSTN) calls.', nullable: true }) externalCalls?: boolean | null;
}

@InputType({ description: 'How the parties learn of a pause or resume.' })
export class PauseResumeNotificationInput {
  @Field(() => Boolean, { description: 'The parties are told.' }) enabled!: boolean;

  @Field(() => NotificationType, { nullable: true, description: 'Required when enabled.' })
  @ValidateIf((o: PauseResumeNotificationInput) => o.enabled)
  @IsIn(['BEEP', 'ANNOUNCEMENT'], { message: 'type is required when the notification is enabled (BEEP or ANNOUNCEMENT)' })
  type?: string | null;
}

@InputType({ description: 'The vendor-neutral rules. Leave a field null to leave it ungoverned (the vendor keeps its value).' })
export class RecordingRulesInput {
  @Field(() => CallSelectionInput, { description: 'Which calls are recorded.', nullable: true })
  @IsOptional()
  @ValidateNested()
  calls?: CallSelectionInput | null;
  @Field(() => RecordingMode, { description: 'When calls are recorded.', nullable: true }) mode?: string | null;

  @Field(() => String, { nullable: true, description: 'The key that starts an on-demand recording (MegaFon "2", Webex "*44").' })
  @ValidateIf((o: RecordingRulesInput) => o.onDemandKey != null)
  @Matches(/^[0-9*#]{1,8}$/, { message: 'onDemandKey must be 1..8 of the keys 0-9, * and #' })
  onDemandKey?: string | null;

  @Field(() => [String], { nullable: true, description: 'Vendor user ids whose calls are not recorded.' })
  @IsOptional()
  @ArrayMaxSize(10000, { message: 'excludedUserIds takes at most 10000 ids' })
  @Matches(ID_RULE, { each: true, message: 'each excludedUserIds entry must be 1..128 letters, digits or _ . : @ -' })
  excludedUserIds?: string[] | null;

  @Field(() => RecordingTargetsInput, { description: 'Trunks, extensions, queues, IVRs and conferences that are recorded.', nullable: true })
  @IsOptional()
  @ValidateNested()
  targets?: RecordingTargetsInput | null;
  @Field(() => AnnouncementInput, { description: 'Telling the parties that the call is recorded.', nullable: true })
  @IsOptional()
  @ValidateNested()
  announcement?: AnnouncementInput | null;
  @Field(() => StartStopAnnouncementInput, { description: 'An announcement when recording starts and stops.', nullable: true })
  @IsOptional()
  @ValidateNested()
  startStopAnnouncement?: StartStopAnnouncementInput | null;
  @Field(() => PauseResumeNotificationInput, { description: 'How the parties learn of a pause or resume.', nullable: true })
  @IsOptional()
  @ValidateNested()
  pauseResumeNotification?: PauseResumeNotificationInput | null;
  @Field(() => PeriodicBeepInput, { description: 'A beep every so often while recording.', nullable: true })
  @IsOptional()
  @ValidateNested()
  periodicBeep?: PeriodicBeepInput | null;
  @Field(() => Boolean, { description: 'Caller and callee on separate channels.', nullable: true }) stereo?: boolean | null;
  @Field(() => FileFormat, { description: 'The file format of recordings.', nullable: true }) fileFormat?: string | null;
}
