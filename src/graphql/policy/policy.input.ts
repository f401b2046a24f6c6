import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { IsNotEmpty, IsOptional, IsUUID, Matches, MaxLength, Min, ValidateBy, ValidateNested } from 'class-validator';
import { PolicyScopeKind, SyncStatus } from '../common/enums';
import { PageArgs } from '../common/pagination';
import { RecordingRulesInput } from './rules.input';

@InputType({ description: 'What a policy governs at its vendor.' })
export class PolicyScopeInput {
  @Field(() => PolicyScopeKind, { description: 'The kind of scope (one of the vendor policyScopes).' }) kind!:
    | 'ORGANIZATION'
    | 'SETTINGS_RECORD'
    | 'PERSON'
    | 'WORKSPACE'
    | 'VIRTUAL_LINE';

  @Field(() => String, { defaultValue: '', description: "The vendor's id: settings record id, person id, workspace id; empty for ORGANIZATION." })
  @Matches(/^[A-Za-z0-9_.:=-]{0,256}$/, { message: 'scope.id must be up to 256 letters, digits or _ . : = -' })
  id: string = '';
}

@InputType({ description: 'A new policy for one scope of one connection.' })
export class CreateRecordingPolicyInput {
  @Field(() => ID, { description: 'The connection.' })
  @IsUUID('all', { message: 'connectionId must be a connection id (UUID)' })
  connectionId!: string;

  @Field(() => String, { description: 'Display name, 1..200 characters.' })
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name!: string;

  @Field(() => PolicyScopeInput, { description: 'What it governs at the vendor.' }) @ValidateNested() scope!: PolicyScopeInput;
  @Field(() => RecordingRulesInput, { description: 'The desired recording rules.' }) @ValidateNested() rules!: RecordingRulesInput;

  @Field(() => Boolean, { defaultValue: true, description: 'Push to the vendor now (default). False stores it as PENDING.' })
  apply: boolean = true;
}

@InputType({ description: 'A policy, the version you read, and what changes.' })
export class UpdateRecordingPolicyInput {
  @Field(() => ID, { description: 'The policy.' }) @IsUUID('all', { message: 'id must be a policy id (UUID)' }) id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one fails with CONFLICT.' })
  @Min(1, { message: 'expectedVersion must be at least 1' })
  expectedVersion!: number;

  @Field(() => String, { description: 'A new display name.', nullable: true })
  @IsOptional()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name?: string | null;

  @Field(() => RecordingRulesInput, { nullable: true, description: 'Replaces the whole rule set.' })
  @IsOptional()
  @ValidateNested()
  rules?: RecordingRulesInput | null;

  @Field(() => Boolean, { description: 'Push to the vendor now (default). False stores it as PENDING.', defaultValue: true })
  apply: boolean = true;
}

@InputType({ description: 'Either a stored policy (policyId), or connectionId + scope + rules for a policy not saved yet.' })
export class PreviewRecordingPolicyInput {
  @Field(() => ID, { description: 'A stored policy.', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'policyId must be a policy id (UUID)' })
  policyId?: string | null;
  // A stored policy names its own connection: a second one beside it would be silently ignored, so it is refused.
  @Field(() => ID, { description: 'The connection, for a policy not saved yet.', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'connectionId must be a connection id (UUID)' })
  @ValidateBy({
    name: 'notWithPolicyId',
    validator: {
      validate: (_v, args) => (args?.object as PreviewRecordingPolicyInput).policyId == null,
      defaultMessage: () => 'connectionId must not be given with policyId: the policy names its connection',
    },
  })
  connectionId?: string | null;
  @Field(() => PolicyScopeInput, { description: 'The scope, for a policy not saved yet.', nullable: true })
  @IsOptional()
  @ValidateNested()
  scope?: PolicyScopeInput | null;
  @Field(() => RecordingRulesInput, { description: 'The rules, for a policy not saved yet (or to preview a change to policyId).', nullable: true })
  @IsOptional()
  @ValidateNested()
  rules?: RecordingRulesInput | null;
}

@ArgsType()
export class RecordingPoliciesArgs extends PageArgs {
  @Field(() => ID, { description: 'The tenant whose list this is.' })
  @IsUUID('all', { message: 'tenantId must be a tenant id (UUID)' })
  tenantId!: string;
  @Field(() => ID, { description: 'Only the policies of this connection.', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'connectionId must be a connection id (UUID)' })
  connectionId?: string | null;
  @Field(() => SyncStatus, { description: 'Only the policies in this sync status.', nullable: true }) syncStatus?: string | null;
}

@InputType({ description: 'The policy to push again.' })
export class RetrySyncInput {
  @Field(() => ID, { description: 'The policy.' }) @IsUUID('all', { message: 'id must be a policy id (UUID)' }) id!: string;
}

@InputType({ description: 'The policy to read back from its vendor.' })
export class ReconcileRecordingPolicyInput {
  @Field(() => ID, { description: 'The policy.' }) @IsUUID('all', { message: 'id must be a policy id (UUID)' }) id!: string;
}

@InputType({ description: 'The policy to delete.' })
export class DeleteRecordingPolicyInput {
  @Field(() => ID, { description: 'The policy.' }) @IsUUID('all', { message: 'id must be a policy id (UUID)' }) id!: string;
}
