import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTime, JSONScalar } from '../common/scalars';
import { PolicyScopeKind, SyncStatus } from '../common/enums';
import { PageInfo } from '../common/pagination';
import { VendorError } from '../connection/connection.type';
import { RecordingRules } from './rules.type';

@ObjectType()
export class PolicyScope {
  @Field(() => PolicyScopeKind) kind!: string;
  @Field(() => String, { description: "The vendor's id of the scope ('' for a whole organisation)." }) id!: string;
}

@ObjectType({ description: 'A field whose value at the vendor differs from the desired one.' })
export class FieldDiff {
  @Field(() => String) field!: string;
  @Field(() => JSONScalar, { nullable: true }) desired!: unknown;
  @Field(() => JSONScalar, { nullable: true }) actual!: unknown;
}

@ObjectType()
export class LintWarning {
  @Field(() => String, { description: 'Stable code, e.g. EXTERNAL_CALLS_UNANNOUNCED.' }) code!: string;
  @Field(() => String) field!: string;
  @Field(() => String) message!: string;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'The desired recording behaviour for one scope of one vendor connection, and its sync state.' })
export class RecordingPolicy {
  @Field(() => ID) id!: string;
  tenantId!: string;
  connectionId!: string;
  @Field(() => String) name!: string;
  @Field(() => PolicyScope) scope!: PolicyScope;
  @Field(() => RecordingRules, { description: 'The desired state.' }) rules!: RecordingRules;
  @Field(() => Int, { description: 'Increases with every change of the desired state; send it back as expectedVersion.' }) version!: number;
  @Field(() => SyncStatus) syncStatus!: string;
  @Field(() => Int, { nullable: true, description: 'The last version the vendor accepted.' }) syncedVersion!: number | null;
  @Field(() => VendorError, { nullable: true }) lastSyncError!: VendorError | null;
  @Field(() => JSONScalar, { nullable: true, description: 'The vendor request body last sent (credentials never included).' })
  lastVendorPayload!: unknown;
  @Field(() => DateTime, { nullable: true }) lastSyncedAt!: Date | null;
  @Field(() => [FieldDiff], { description: 'Differences found by the last reconcile (empty when none).' }) drift!: FieldDiff[];
  @Field(() => DateTime, { nullable: true }) lastReconciledAt!: Date | null;
  @Field(() => DateTime) createdAt!: Date;
  @Field(() => DateTime) updatedAt!: Date;
}

@ObjectType()
export class RecordingPolicyConnection {
  @Field(() => [RecordingPolicy]) nodes!: RecordingPolicy[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType({ description: 'One HTTP request to a vendor, exactly as sent (credentials redacted).' })
export class VendorRequest {
  @Field(() => String) method!: string;
  @Field(() => String) path!: string;
  @Field(() => JSONScalar, { nullable: true }) query!: unknown;
  @Field(() => JSONScalar, { nullable: true }) headers!: unknown;
  @Field(() => JSONScalar, { nullable: true }) body!: unknown;
}

@ObjectType()
export class SyncOutcome {
  @Field(() => SyncStatus) status!: string;
  @Field(() => VendorError, { nullable: true }) error!: VendorError | null;
  @Field(() => [VendorRequest], { description: 'The requests sent to the vendor.' }) requests!: VendorRequest[];
}

@ObjectType({ description: 'The desired state was stored; sync tells what the vendor answered.' })
export class RecordingPolicyPayload {
  @Field(() => RecordingPolicy) policy!: RecordingPolicy;
  @Field(() => SyncOutcome) sync!: SyncOutcome;
  @Field(() => [LintWarning]) warnings!: LintWarning[];
}

@ObjectType()
export class PolicyPreview {
  @Field(() => [VendorRequest], { description: 'Exactly what apply would send.' }) requests!: VendorRequest[];
  @Field(() => [LintWarning]) warnings!: LintWarning[];
}
