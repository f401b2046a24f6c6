import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTime, JSONScalar } from '../common/scalars';
import { PolicyScopeKind, SyncStatus } from '../common/enums';
import { connectionOf } from '../common/pagination';
import { HttpMethod, LintCode } from '../common/enums';
import type { LintCode as LintCodeT } from '../../domain/lint';
import { VendorError } from '../connection/connection.type';
import { RecordingRules } from './rules.type';

@ObjectType({ description: 'What a policy governs at its vendor.' })
export class PolicyScope {
  @Field(() => PolicyScopeKind, { description: 'The kind of scope.' }) kind!: string;
  @Field(() => String, { description: "The vendor's id of the scope ('' for a whole organisation)." }) id!: string;
}

@ObjectType({ description: 'A field whose value at the vendor differs from the desired one.' })
export class FieldDiff {
  @Field(() => String, { description: 'The rule field path, e.g. "calls.external".' }) field!: string;
  @Field(() => JSONScalar, { description: 'The desired value.', nullable: true }) desired!: unknown;
  @Field(() => JSONScalar, { description: "The vendor's value.", nullable: true }) actual!: unknown;
}

@ObjectType({ description: 'A warning on rules that are valid but probably not what you meant.' })
export class LintWarning {
  @Field(() => LintCode, { description: 'What the warning is about, as a stable code.' }) code!: LintCodeT;
  @Field(() => String, { description: 'The rule field path it is about.' }) field!: string;
  @Field(() => String, { description: 'What is wrong, in words.' }) message!: string;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'The desired recording behaviour for one scope of one vendor connection, and its sync state.' })
export class RecordingPolicy {
  @Field(() => ID, { description: 'The policy.' }) id!: string;
  tenantId!: string;
  connectionId!: string;
  @Field(() => String, { description: 'Display name.' }) name!: string;
  @Field(() => PolicyScope, { description: 'What the policy governs at its vendor.' }) scope!: PolicyScope;
  @Field(() => RecordingRules, { description: 'The desired state.' }) rules!: RecordingRules;
  @Field(() => Int, { description: 'Increases with every change of the desired state; send it back as expectedVersion.' }) version!: number;
  @Field(() => SyncStatus, { description: 'Whether the vendor holds the current desired version.' }) syncStatus!: string;
  @Field(() => Int, { nullable: true, description: 'The last version the vendor accepted.' }) syncedVersion!: number | null;
  @Field(() => VendorError, { description: 'What the vendor answered to the last failed sync.', nullable: true }) lastSyncError!: VendorError | null;
  @Field(() => JSONScalar, { nullable: true, description: 'The vendor request body last sent (credentials never included).' })
  lastVendorPayload!: unknown;
  @Field(() => DateTime, { description: 'When the vendor last accepted a version.', nullable: true }) lastSyncedAt!: Date | null;
  @Field(() => [FieldDiff], { description: 'Differences found by the last reconcile (empty when none).' }) drift!: FieldDiff[];
  @Field(() => DateTime, { description: "When the vendor's state was last read back.", nullable: true }) lastReconciledAt!: Date | null;
  @Field(() => DateTime, { description: 'When it was created.' }) createdAt!: Date;
  @Field(() => DateTime, { description: 'When it last changed.' }) updatedAt!: Date;
}

@ObjectType({ description: "A page of a tenant's recording policies (Relay connection)." })
export class RecordingPolicyConnection extends connectionOf(RecordingPolicy, 'RecordingPolicy', 'recording policy') {}

@ObjectType({ description: 'One HTTP request to a vendor, exactly as sent (credentials redacted).' })
export class VendorRequest {
  @Field(() => HttpMethod, { description: 'The HTTP method.' }) method!: string;
  @Field(() => String, { description: 'The path, under the base URL.' }) path!: string;
  @Field(() => JSONScalar, { description: 'The query parameters.', nullable: true }) query!: unknown;
  @Field(() => JSONScalar, { description: 'The headers (credentials redacted).', nullable: true }) headers!: unknown;
  @Field(() => JSONScalar, { description: 'The JSON body.', nullable: true }) body!: unknown;
}

@ObjectType({ description: 'What the vendor answered to a push of the desired state.' })
export class SyncOutcome {
  @Field(() => SyncStatus, { description: 'The policy sync status after it.' }) status!: string;
  @Field(() => VendorError, { description: 'What the vendor answered, when it did not accept it.', nullable: true }) error!: VendorError | null;
  @Field(() => [VendorRequest], { description: 'The requests sent to the vendor.' }) requests!: VendorRequest[];
}

/** The fields of every payload that stored a desired state and then (maybe) called the vendor. */
@ObjectType()
abstract class PolicyWrite {
  @Field(() => RecordingPolicy, { description: 'The policy as stored now (its syncStatus included).' }) policy!: RecordingPolicy;
  @Field(() => SyncOutcome, { description: 'What the vendor answered (PENDING when it was not called).' }) sync!: SyncOutcome;
  @Field(() => [LintWarning], { description: 'Lint warnings on the rules (the policy is stored anyway).' }) warnings!: LintWarning[];
}

/** The shape the resolvers build; each mutation returns it as its own payload type. */
export type RecordingPolicyPayload = PolicyWrite;

@ObjectType({ description: 'The policy was stored; sync tells what the vendor answered.' })
export class CreateRecordingPolicyPayload extends PolicyWrite {}

@ObjectType({ description: 'The new desired state was stored; sync tells what the vendor answered.' })
export class UpdateRecordingPolicyPayload extends PolicyWrite {}

@ObjectType({ description: 'The current desired version was sent again; sync tells what the vendor answered.' })
export class RetrySyncPayload extends PolicyWrite {}

@ObjectType({ description: 'What an apply would send. Nothing was stored or sent.' })
export class PreviewRecordingPolicyPayload {
  @Field(() => [VendorRequest], { description: 'Exactly what apply would send.' }) requests!: VendorRequest[];
  @Field(() => [LintWarning], { description: 'Lint warnings on the rules.' }) warnings!: LintWarning[];
}

@ObjectType({ description: "The vendor's state, read back and compared with the desired one." })
export class ReconcileRecordingPolicyPayload {
  @Field(() => RecordingPolicy, { description: 'The policy, DRIFTED when the vendor differs.' }) policy!: RecordingPolicy;
  @Field(() => [FieldDiff], { description: 'Fields whose vendor value differs from the desired one; empty when in sync.' }) drift!: FieldDiff[];
}

@ObjectType({ description: 'The policy deleted here (the vendor keeps its settings).' })
export class DeleteRecordingPolicyPayload {
  @Field(() => ID, { description: 'The id of the deleted policy (evict it from a client cache).' }) deletedId!: string;
}
