import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { IsBase64, IsIn, IsOptional, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageArgs } from '../common/pagination';
import { PauseBehavior } from '../vendor/vendor.type';
import { LiveRecordingStatus } from './live-recording.type';

const CALL_ID = /^[A-Za-z0-9_.:=+-]{1,200}$/;

@InputType({ description: 'A call in progress to record.' })
export class StartLiveRecordingInput {
  @Field(() => ID, { description: 'The connection whose vendor carries the call.' })
  @IsUUID('all', { message: 'connectionId must be a connection id (UUID)' })
  connectionId!: string;
  @Field(() => String, { description: "The vendor's id of the call in progress." })
  @Matches(CALL_ID, { message: 'callId must be 1..200 letters, digits or _ . : = + -' })
  callId!: string;
  @Field(() => Int, { nullable: true, description: '1 (mono) or 2 (one channel per party), where the vendor lets you choose.' })
  @IsOptional()
  @Min(1, { message: 'channels must be 1 or 2' })
  @Max(2, { message: 'channels must be 1 or 2' })
  channels?: number | null;
}

@InputType({ description: 'A recording to pause, and how.' })
export class PauseLiveRecordingInput {
  @Field(() => ID, { description: 'The live recording.' }) @IsUUID('all', { message: 'id must be a live recording id (UUID)' }) id!: string;
  @Field(() => PauseBehavior, { defaultValue: 'SILENCE', description: 'SKIP leaves the paused part out; SILENCE keeps the timeline.' })
  behavior: 'SKIP' | 'SILENCE' = 'SILENCE';
}

@InputType({ description: 'Exactly one of contentBase64, recordUrl or liveRecordingId.' })
export class AttachRecordingInput {
  @Field(() => ID, { description: 'The CRM connection (Bitrix24).' })
  @IsUUID('all', { message: 'connectionId must be a connection id (UUID)' })
  connectionId!: string;
  @Field(() => String, { description: 'The CRM call id (Bitrix24 CALL_ID from telephony.externalcall.register).' })
  @Matches(CALL_ID, { message: 'crmCallId must be 1..200 letters, digits or _ . : = + -' })
  crmCallId!: string;
  @Field(() => String, { description: 'Must end in .wav or .mp3.' })
  @Matches(/^[^\\/:*?"<>|\u0000-\u001f]{1,200}\.(wav|mp3)$/i, { message: 'fileName must be a plain file name ending in .wav or .mp3' })
  fileName!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'The recording, base64-encoded, up to about 700 KB of audio (requests are capped at 1 MB); larger files go through liveRecordingId or recordUrl.',
  })
  @IsOptional()
  @MaxLength(1_000_000, { message: 'contentBase64 must be at most 1,000,000 characters: send larger recordings by liveRecordingId or recordUrl' })
  @IsBase64(undefined, { message: 'contentBase64 must be base64' })
  contentBase64?: string | null;
  @Field(() => String, { nullable: true, description: 'A URL the CRM downloads the recording from, once (the vendor advises against it).' })
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/i, { message: 'recordUrl must be an absolute http(s) URL' })
  @MaxLength(2000)
  recordUrl?: string | null;
  @Field(() => ID, { nullable: true, description: 'One of our stopped LiveRecordings: its media is fetched from its vendor and uploaded.' })
  @IsOptional()
  @IsUUID('all', { message: 'liveRecordingId must be a live recording id (UUID)' })
  liveRecordingId?: string | null;
}

@ArgsType()
export class LiveRecordingsArgs extends PageArgs {
  @Field(() => ID, { description: 'The tenant whose list this is.' })
  @IsUUID('all', { message: 'tenantId must be a tenant id (UUID)' })
  tenantId!: string;
  @Field(() => ID, { description: 'Only the recordings of this connection.', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'connectionId must be a connection id (UUID)' })
  connectionId?: string | null;
  @Field(() => String, { description: 'Only the recordings of this vendor call id.', nullable: true })
  @IsOptional()
  @Matches(CALL_ID, { message: 'callId is not a valid call id' })
  callId?: string | null;
  @Field(() => LiveRecordingStatus, { description: 'Only the recordings in this status (IN_PROGRESS, PAUSED or STOPPED).', nullable: true })
  @IsOptional()
  @IsIn(['IN_PROGRESS', 'PAUSED', 'STOPPED'])
  status?: string | null;
}

@ArgsType()
export class AttachmentsArgs extends PageArgs {
  @Field(() => ID, { description: 'The tenant whose list this is.' })
  @IsUUID('all', { message: 'tenantId must be a tenant id (UUID)' })
  tenantId!: string;
  @Field(() => String, { description: 'Only the recordings filed on this CRM call.', nullable: true })
  @IsOptional()
  @Matches(CALL_ID, { message: 'crmCallId is not a valid call id' })
  crmCallId?: string | null;
}

@InputType({ description: 'The recording to resume.' })
export class ResumeLiveRecordingInput {
  @Field(() => ID, { description: 'The live recording.' }) @IsUUID('all', { message: 'id must be a live recording id (UUID)' }) id!: string;
}

@InputType({ description: 'The recording to stop.' })
export class StopLiveRecordingInput {
  @Field(() => ID, { description: 'The live recording.' }) @IsUUID('all', { message: 'id must be a live recording id (UUID)' }) id!: string;
}

@InputType({ description: 'The recording to read from its vendor.' })
export class RefreshLiveRecordingInput {
  @Field(() => ID, { description: 'The live recording.' }) @IsUUID('all', { message: 'id must be a live recording id (UUID)' }) id!: string;
}
