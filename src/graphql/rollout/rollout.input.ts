import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, IsNotEmpty, IsOptional, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { PageArgs } from '../common/pagination';
import { RecordingRulesInput } from '../policy/rules.input';
import { PolicyRolloutOutcomeStatus } from './rollout.type';

const VENDOR_ID = /^[A-Za-z0-9_.:=-]{1,256}$/;

@InputType({ description: 'Exactly one of: all, personIds, locationId.' })
export class PolicyRolloutScopeInput {
  @Field(() => Boolean, { nullable: true, description: 'Every person in the directory.' })
  @IsOptional()
  all?: boolean | null;

  @Field(() => [String], { nullable: true, description: 'These people (vendor person ids), up to 10,000.' })
  @IsOptional()
  @ArrayMaxSize(10_000, { message: 'personIds takes at most 10,000 ids; use all or locationId' })
  @Matches(VENDOR_ID, { each: true, message: 'each person id must be 1..256 letters, digits or _ . : = -' })
  personIds?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Everyone in this vendor location.' })
  @IsOptional()
  @Matches(VENDOR_ID, { message: 'locationId must be 1..256 letters, digits or _ . : = -' })
  locationId?: string | null;
}

@InputType({ description: 'A policy to roll out to the people in a scope of a connection.' })
export class StartPolicyRolloutInput {
  @Field(() => ID, { description: 'The connection (Webex).' })
  @IsUUID('all', { message: 'connectionId must be a connection id (UUID)' })
  connectionId!: string;

  @Field(() => String, { description: 'Display name, 1..200 characters.' })
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name!: string;

  @Field(() => RecordingRulesInput, { description: 'The policy every person in scope gets; validated against the vendor like a policy.' })
  @ValidateNested()
  rules!: RecordingRulesInput;

  @Field(() => PolicyRolloutScopeInput, { description: 'Who gets it.' }) @ValidateNested() scope!: PolicyRolloutScopeInput;

  @Field(() => Boolean, { defaultValue: false, description: 'Count the people and show the exact requests for a few; write nothing.' })
  dryRun: boolean = false;
}

@InputType({ description: 'A roll-out whose failed people to try again.' })
export class RetryFailedRolloutPeopleInput {
  @Field(() => ID, { description: 'The roll-out (COMPLETED_WITH_ERRORS).' })
  @IsUUID('all', { message: 'rolloutId must be a roll-out id (UUID)' })
  rolloutId!: string;
}

@ArgsType()
export class PolicyRolloutsArgs extends PageArgs {
  @Field(() => ID, { description: 'The tenant whose list this is.' })
  @IsUUID('all', { message: 'tenantId must be a tenant id (UUID)' })
  tenantId!: string;
}

@ArgsType()
export class RolloutOutcomesArgs extends PageArgs {
  @Field(() => PolicyRolloutOutcomeStatus, { description: 'Only the people with this outcome.', nullable: true }) status?:
    | 'PENDING'
    | 'WRITTEN'
    | 'ALREADY_IN_SYNC'
    | 'FAILED'
    | null;
}

@ArgsType()
export class DriftReportArgs extends PageArgs {
  @Field(() => ID, { description: 'The tenant whose list this is.' })
  @IsUUID('all', { message: 'tenantId must be a tenant id (UUID)' })
  tenantId!: string;
}

@InputType({ description: 'The roll-out to pause.' })
export class PausePolicyRolloutInput {
  @Field(() => ID, { description: 'The roll-out.' }) @IsUUID('all', { message: 'id must be a roll-out id (UUID)' }) id!: string;
}

@InputType({ description: 'The roll-out to resume.' })
export class ResumePolicyRolloutInput {
  @Field(() => ID, { description: 'The roll-out.' }) @IsUUID('all', { message: 'id must be a roll-out id (UUID)' }) id!: string;
}

@InputType({ description: 'The roll-out to cancel.' })
export class CancelPolicyRolloutInput {
  @Field(() => ID, { description: 'The roll-out.' }) @IsUUID('all', { message: 'id must be a roll-out id (UUID)' }) id!: string;
}
