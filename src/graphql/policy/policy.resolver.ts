import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../server/context';
import { notFound } from '../../domain/errors';
import type { PolicyScope as PolicyScopeT, RecordingRules as RecordingRulesT } from '../../domain/policy';
import { toConnection, toPage, toPolicy, toTenant, toVendorError, toVendorRequest } from '../mappers';
import { Tenant } from '../tenant/tenant.type';
import { VendorConnection } from '../connection/connection.type';
import type { PolicyResult } from '../../services/policy.service';
import {
  CreateRecordingPolicyPayload,
  DeleteRecordingPolicyPayload,
  PreviewRecordingPolicyPayload,
  ReconcileRecordingPolicyPayload,
  RecordingPolicy,
  RecordingPolicyConnection,
  type RecordingPolicyPayload,
  RetrySyncPayload,
  UpdateRecordingPolicyPayload,
} from './policy.type';
import {
  CreateRecordingPolicyInput,
  DeleteRecordingPolicyInput,
  PreviewRecordingPolicyInput,
  ReconcileRecordingPolicyInput,
  RecordingPoliciesArgs,
  RetrySyncInput,
  UpdateRecordingPolicyInput,
} from './policy.input';

const toPayload = (r: PolicyResult): RecordingPolicyPayload => ({
  policy: toPolicy(r.policy),
  sync: { status: r.sync.status, error: toVendorError(r.sync.error), requests: r.sync.requests.map(toVendorRequest) },
  warnings: r.warnings,
});

@Resolver(() => RecordingPolicy)
export class PolicyResolver {
  @Query(() => RecordingPolicy, { nullable: true, description: 'One policy; NOT_FOUND when it does not exist or is not yours.' })
  async recordingPolicy(@Arg('id', () => ID, { description: 'The policy.' }) id: string, @Ctx() ctx: RequestContext): Promise<RecordingPolicy> {
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
    return toPage(page, toPolicy, args);
  }

  @Mutation(() => CreateRecordingPolicyPayload, {
    description:
      'Stores a new policy, then (unless apply is false) pushes it to the vendor. Refused before any vendor call when the vendor cannot express a field.',
  })
  async createRecordingPolicy(
    @Arg('input', () => CreateRecordingPolicyInput, { description: 'The policy.' }) input: CreateRecordingPolicyInput,
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

  @Mutation(() => UpdateRecordingPolicyPayload, {
    description: 'Changes the desired state (optimistic concurrency on expectedVersion), then pushes it.',
  })
  async updateRecordingPolicy(
    @Arg('input', () => UpdateRecordingPolicyInput, { description: 'The policy, the version you read, and what changes.' })
    input: UpdateRecordingPolicyInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RecordingPolicyPayload> {
    const tenantId = (await ctx.loaders.policy.load(input.id))?.tenantId;
    return ctx.idempotent('updateRecordingPolicy', input, tenantId, async () =>
      toPayload(await ctx.services.policies.update(ctx.principal, { ...input, rules: input.rules as RecordingRulesT | null }, ctx.requestId)),
    );
  }

  @Mutation(() => RetrySyncPayload, {
    description: 'Pushes the current desired version to the vendor again (after FAILED, or to overwrite drift).',
  })
  async retrySync(
    @Arg('input', () => RetrySyncInput, { description: 'The policy to push again.' }) { id }: RetrySyncInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RecordingPolicyPayload> {
    const tenantId = (await ctx.loaders.policy.load(id))?.tenantId;
    return ctx.idempotent('retrySync', { id }, tenantId, async () =>
      toPayload(await ctx.services.policies.retrySync(ctx.principal, id, ctx.requestId)),
    );
  }

  @Mutation(() => PreviewRecordingPolicyPayload, {
    description: 'The exact vendor requests an apply would send (credentials redacted), and lint warnings. Changes nothing.',
  })
  async previewRecordingPolicy(
    @Arg('input', () => PreviewRecordingPolicyInput, { description: 'A stored policy, or one not saved yet.' }) input: PreviewRecordingPolicyInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PreviewRecordingPolicyPayload> {
    const r = await ctx.services.policies.preview(
      ctx.principal,
      { ...input, scope: input.scope as PolicyScopeT | null, rules: input.rules as RecordingRulesT | null },
      ctx.requestId,
    );
    return { requests: r.requests.map(toVendorRequest), warnings: r.warnings };
  }

  @Mutation(() => ReconcileRecordingPolicyPayload, {
    description: "Reads the vendor's state back and marks DRIFTED, with a field-level diff, when it differs.",
  })
  async reconcileRecordingPolicy(
    @Arg('input', () => ReconcileRecordingPolicyInput, { description: 'The policy to read back.' }) input: ReconcileRecordingPolicyInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ReconcileRecordingPolicyPayload> {
    const r = await ctx.services.policies.reconcile(ctx.principal, input.id, ctx.requestId);
    return { policy: toPolicy(r.policy), drift: r.drift };
  }

  @Mutation(() => DeleteRecordingPolicyPayload, { description: 'Deletes the policy here; the vendor keeps its current settings.' })
  async deleteRecordingPolicy(
    @Arg('input', () => DeleteRecordingPolicyInput, { description: 'The policy to delete.' }) input: DeleteRecordingPolicyInput,
    @Ctx() ctx: RequestContext,
  ): Promise<DeleteRecordingPolicyPayload> {
    await ctx.services.policies.delete(ctx.principal, input.id, ctx.requestId);
    return { deletedId: input.id };
  }

  @FieldResolver(() => Tenant, { description: 'The tenant that owns it.' })
  async tenant(@Root() p: RecordingPolicy, @Ctx() ctx: RequestContext): Promise<Tenant> {
    const row = await ctx.loaders.tenant.load(p.tenantId);
    if (!row) throw notFound('Tenant', p.tenantId);
    return toTenant(row);
  }

  @FieldResolver(() => VendorConnection, { description: 'The connection whose vendor holds it.' })
  async connection(@Root() p: RecordingPolicy, @Ctx() ctx: RequestContext): Promise<VendorConnection> {
    const row = await ctx.loaders.connectionOf(p);
    if (!row) throw notFound('VendorConnection', p.connectionId);
    return toConnection(row);
  }
}
