import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../server/context';
import { notFound } from '../../domain/errors';
import type { PolicyScope as PolicyScopeT, RecordingRules as RecordingRulesT } from '../../domain/policy';
import { DeletePayload } from '../common/pagination';
import { toConnection, toPage, toPolicy, toTenant, toVendorError, toVendorRequest } from '../mappers';
import { Tenant } from '../tenant/tenant.type';
import { VendorConnection } from '../connection/connection.type';
import type { PolicyResult } from '../../services/policy.service';
import { FieldDiff, PolicyPreview, RecordingPolicy, RecordingPolicyConnection, RecordingPolicyPayload } from './policy.type';
import { CreateRecordingPolicyInput, PreviewRecordingPolicyInput, RecordingPoliciesArgs, UpdateRecordingPolicyInput } from './policy.input';

@ObjectType()
class ReconcilePayload {
  @Field(() => RecordingPolicy) policy!: RecordingPolicy;
  @Field(() => [FieldDiff], { description: 'Fields whose vendor value differs from the desired one; empty when in sync.' }) drift!: FieldDiff[];
}

const toPayload = (r: PolicyResult): RecordingPolicyPayload => ({
  policy: toPolicy(r.policy),
  sync: { status: r.sync.status, error: toVendorError(r.sync.error), requests: r.sync.requests.map(toVendorRequest) },
  warnings: r.warnings,
});

@Resolver(() => RecordingPolicy)
export class PolicyResolver {
  @Query(() => RecordingPolicy, { nullable: true })
  async recordingPolicy(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<RecordingPolicy> {
    ctx.principal.require('recording:read');
    const row = await ctx.loaders.policy.load(id);
    if (!row) throw notFound('RecordingPolicy', id);
    return toPolicy(row);
  }

  @Query(() => RecordingPolicyConnection, { description: "A tenant's policies, oldest first, optionally filtered." })
  async recordingPolicies(
    @Args(() => RecordingPoliciesArgs) args: RecordingPoliciesArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<RecordingPolicyConnection> {
    const page = await ctx.services.policies.page(
      ctx.principal,
      args.tenantId,
      { connectionId: args.connectionId, syncStatus: args.syncStatus },
      args,
    );
    return toPage(page, toPolicy);
  }

  @Mutation(() => RecordingPolicyPayload, {
    description:
      'Stores a new policy, then (unless apply is false) pushes it to the vendor. Refused before any vendor call when the vendor cannot express a field.',
  })
  async createRecordingPolicy(
    @Arg('input', () => CreateRecordingPolicyInput) input: CreateRecordingPolicyInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RecordingPolicyPayload> {
    const tenantId = (await ctx.loaders.connection.load(input.connectionId))?.tenantId;
    return ctx.idempotent('createRecordingPolicy', input, tenantId, async () =>
      toPayload(
        await ctx.services.policies.create(
          ctx.principal,
          { ...input, scope: input.scope as PolicyScopeT, rules: input.rules as RecordingRulesT },
          ctx.requestId,
        ),
      ),
    );
  }

  @Mutation(() => RecordingPolicyPayload, { description: 'Changes the desired state (optimistic concurrency on expectedVersion), then pushes it.' })
  async updateRecordingPolicy(
    @Arg('input', () => UpdateRecordingPolicyInput) input: UpdateRecordingPolicyInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RecordingPolicyPayload> {
    const tenantId = (await ctx.loaders.policy.load(input.id))?.tenantId;
    return ctx.idempotent('updateRecordingPolicy', input, tenantId, async () =>
      toPayload(await ctx.services.policies.update(ctx.principal, { ...input, rules: input.rules as RecordingRulesT | null }, ctx.requestId)),
    );
  }

  @Mutation(() => RecordingPolicyPayload, {
    description: 'Pushes the current desired version to the vendor again (after FAILED, or to overwrite drift).',
  })
  async retrySync(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<RecordingPolicyPayload> {
    const tenantId = (await ctx.loaders.policy.load(id))?.tenantId;
    return ctx.idempotent('retrySync', { id }, tenantId, async () =>
      toPayload(await ctx.services.policies.retrySync(ctx.principal, id, ctx.requestId)),
    );
  }

  @Mutation(() => PolicyPreview, {
    description: 'The exact vendor requests an apply would send (credentials redacted), and lint warnings. Changes nothing.',
  })
  async previewRecordingPolicy(
    @Arg('input', () => PreviewRecordingPolicyInput) input: PreviewRecordingPolicyInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PolicyPreview> {
    const r = await ctx.services.policies.preview(
      ctx.principal,
      { ...input, scope: input.scope as PolicyScopeT | null, rules: input.rules as RecordingRulesT | null },
      ctx.requestId,
    );
    return { requests: r.requests.map(toVendorRequest), warnings: r.warnings };
  }

  @Mutation(() => ReconcilePayload, { description: "Reads the vendor's state back and marks DRIFTED, with a field-level diff, when it differs." })
  async reconcileRecordingPolicy(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ReconcilePayload> {
    const r = await ctx.services.policies.reconcile(ctx.principal, id, ctx.requestId);
    return { policy: toPolicy(r.policy), drift: r.drift };
  }

  @Mutation(() => DeletePayload, { description: 'Deletes the policy here; the vendor keeps its current settings.' })
  async deleteRecordingPolicy(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<DeletePayload> {
    await ctx.services.policies.delete(ctx.principal, id, ctx.requestId);
    return { id, deleted: true };
  }

  @FieldResolver(() => Tenant)
  async tenant(@Root() p: RecordingPolicy, @Ctx() ctx: RequestContext): Promise<Tenant> {
    const row = await ctx.loaders.tenant.load(p.tenantId);
    if (!row) throw notFound('Tenant', p.tenantId);
    return toTenant(row);
  }

  @FieldResolver(() => VendorConnection)
  async connection(@Root() p: RecordingPolicy, @Ctx() ctx: RequestContext): Promise<VendorConnection> {
    const row = await ctx.loaders.connectionOf(p);
    if (!row) throw notFound('VendorConnection', p.connectionId);
    return toConnection(row);
  }
}
