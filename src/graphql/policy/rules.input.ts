import { Field, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsIn, IsNotEmpty, IsOptional, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { ExtensionTargetKind, FileFormat, MediaSource, NotificationType, RecordingMode } from '../common/enums';

const ID_RULE = /^[A-Za-z0-9_.:@\-]{1,128}$/;
const idMessage = (what: string) => `${what} must be 1..128 letters, digits or _ . : @ -`;

@InputType()
export class MediaRefInput {
  @Field(() => MediaSource)
  source!: 'SYSTEM' | 'CUSTOM';

  @Field(() => String, { nullable: true, description: 'Required when source is CUSTOM.' })
  @ValidateIf((o: MediaRefInput) => o.source === 'CUSTOM' || o.mediaId != null)
  @IsNotEmpty({ message: 'mediaId is required when source is CUSTOM' })
  @MaxLength(255)
  mediaId?: string | null;
}

@InputType()
export class CallSelectionInput {
  @Field(() => Boolean, { nullable: true }) internal?: boolean | null;
  @Field(() => Boolean, { nullable: true }) external?: boolean | null;
  @Field(() => Boolean, { nullable: true }) inbound?: boolean | null;
  @Field(() => Boolean, { nullable: true }) outbound?: boolean | null;
  @Field(() => Boolean, { nullable: true }) paging?: boolean | null;
  @Field(() => Boolean, { nullable: true }) voicemail?: boolean | null;
}

@InputType()
export class PeriodicBeepInput {
  @Field(() => Boolean)
  enabled!: boolean;

  @Field(() => Int, { nullable: true, description: 'Seconds between beeps, 1..3600 (Webex takes 10..1800).' })
  @ValidateIf((o: PeriodicBeepInput) => o.intervalSeconds != null)
  @Min(1, { message: 'intervalSeconds must be at least 1' })
  @Max(3600, { message: 'intervalSeconds must be at most 3600' })
  intervalSeconds?: number | null;
}

@InputType()
export class TrunkTargetInput {
  @Field(() => String) @Matches(ID_RULE, { message: idMessage('id') }) id!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) name?: string | null;
  @Field(() => PeriodicBeepInput, { nullable: true }) @IsOptional() @ValidateNested() periodicBeep?: PeriodicBeepInput | null;
}

@InputType()
export class ExtensionTargetInput {
  @Field(() => String) @Matches(ID_RULE, { message: idMessage('id') }) id!: string;
  @Field(() => ExtensionTargetKind) kind!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) name?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(64) number?: string | null;
}

@InputType()
export class NamedTargetInput {
  @Field(() => String) @Matches(ID_RULE, { message: idMessage('id') }) id!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) name?: string | null;
}

@InputType()
export class RecordingTargetsInput {
  @Field(() => [TrunkTargetInput], { nullable: true }) @IsOptional() @ArrayMaxSize(1000) @ValidateNested({ each: true }) trunks?:
    | TrunkTargetInput[]
    | null;
  @Field(() => [ExtensionTargetInput], { nullable: true }) @IsOptional() @ArrayMaxSize(10000) @ValidateNested({ each: true }) extensions?:
    | ExtensionTargetInput[]
    | null;
  @Field(() => [NamedTargetInput], { nullable: true }) @IsOptional() @ArrayMaxSize(1000) @ValidateNested({ each: true }) queues?:
    | NamedTargetInput[]
    | null;
  @Field(() => [NamedTargetInput], { nullable: true }) @IsOptional() @ArrayMaxSize(1000) @ValidateNested({ each: true }) ivrs?:
    | NamedTargetInput[]
    | null;
  @Field(() => [NamedTargetInput], { nullable: true }) @IsOptional() @ArrayMaxSize(1000) @ValidateNested({ each: true }) conferences?:
    | NamedTargetInput[]
    | null;
}

@InputType()
export class DirectionPromptsInput {
  @Field(() => MediaRefInput, { nullable: true }) @IsOptional() @ValidateNested() internal?: MediaRefInput | null;
  @Field(() => MediaRefInput, { nullable: true }) @IsOptional() @ValidateNested() inbound?: MediaRefInput | null;
  @Field(() => MediaRefInput, { nullable: true }) @IsOptional() @ValidateNested() outbound?: MediaRefInput | null;
}

@InputType()
export class AnnouncementInput {
  @Field(() => Boolean, { nullable: true }) enabled?: boolean | null;
  @Field(() => MediaRefInput, { nullable: true }) @IsOptional() @ValidateNested() media?: MediaRefInput | null;
  @Field(() => DirectionPromptsInput, { nullable: true }) @IsOptional() @ValidateNested() prompts?: DirectionPromptsInput | null;
}

@InputType()
export class StartStopAnnouncementInput {
  @Field(() => Boolean, { nullable: true }) enabled?: boolean | null;
  @Field(() => Boolean, { nullable: true }) internalCalls?: boolean | null;
  @Field(() => Boolean, { nullable: true }) externalCalls?: boolean | null;
}

@InputType()
export class PauseResumeNotificationInput {
  @Field(() => Boolean) enabled!: boolean;

  @Field(() => NotificationType, { nullable: true, description: 'Required when enabled.' })
  @ValidateIf((o: PauseResumeNotificationInput) => o.enabled)
  @IsIn(['BEEP', 'ANNOUNCEMENT'], { message: 'type is required when the notification is enabled (BEEP or ANNOUNCEMENT)' })
  type?: string | null;
}

@InputType({ description: 'The vendor-neutral rules. Leave a field null to leave it ungoverned (the vendor keeps its value).' })
export class RecordingRulesInput {
  @Field(() => CallSelectionInput, { nullable: true }) @IsOptional() @ValidateNested() calls?: CallSelectionInput | null;
  @Field(() => RecordingMode, { nullable: true }) mode?: string | null;

  @Field(() => String, { nullable: true, description: 'The key that starts an on-demand recording (MegaFon "2", Webex "*44").' })
  @ValidateIf((o: RecordingRulesInput) => o.onDemandKey != null)
  @Matches(/^[0-9*#]{1,8}$/, { message: 'onDemandKey must be 1..8 of the keys 0-9, * and #' })
  onDemandKey?: string | null;

  @Field(() => [String], { nullable: true, description: 'Vendor user ids whose calls are not recorded.' })
  @IsOptional()
  @ArrayMaxSize(10000, { message: 'excludedUserIds takes at most 10000 ids' })
  @Matches(ID_RULE, { each: true, message: 'each excludedUserIds entry must be 1..128 letters, digits or _ . : @ -' })
  excludedUserIds?: string[] | null;

  @Field(() => RecordingTargetsInput, { nullable: true }) @IsOptional() @ValidateNested() targets?: RecordingTargetsInput | null;
  @Field(() => AnnouncementInput, { nullable: true }) @IsOptional() @ValidateNested() announcement?: AnnouncementInput | null;
  @Field(() => StartStopAnnouncementInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  startStopAnnouncement?: StartStopAnnouncementInput | null;
  @Field(() => PauseResumeNotificationInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  pauseResumeNotification?: PauseResumeNotificationInput | null;
  @Field(() => PeriodicBeepInput, { nullable: true }) @IsOptional() @ValidateNested() periodicBeep?: PeriodicBeepInput | null;
  @Field(() => Boolean, { nullable: true }) stereo?: boolean | null;
  @Field(() => FileFormat, { nullable: true }) fileFormat?: string | null;
}
