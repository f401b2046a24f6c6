import { Arg, Args, Ctx, Field, FieldResolver, Float, ID, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../../server/context';
import { notFound } from '../../domain/errors';
import type { FieldDiff as FieldDiffT, RecordingRules as RecordingRulesT } from '../../domain/policy';
import type { DomainEvent } from '../../domain/events';
import { TERMINAL_STATUSES, emptyStats } from '../../domain/rollout';
import type { RolloutItemRow, RolloutRow, RolloutStats, RolloutStatus } from '../../store/rollout.store';
import { DateTime } from '../common/scalars';
import { toConnection, toErrorCode, toPage, toPolicy, toTenant, toVendorError, toVendorRequest } from '../mappers';
import { Tenant } from '../tenant/tenant.type';
import { VendorConnection } from '../connection/connection.type';
import { RecordingPolicy } from '../policy/policy.type';
import type { RecordingRules } from '../policy/rules.type';
import { connectionOf } from '../common/pagination';
import {
  CancelPolicyRolloutInput,
  DriftReportArgs,
  PausePolicyRolloutInput,
  PolicyRolloutsArgs,
  ResumePolicyRolloutInput,
  RetryFailedRolloutPeopleInput,
  RolloutOutcomesArgs,
  StartPolicyRolloutInput,
} from './rollout.input';
import {
  CancelPolicyRolloutPayload,
  PausePolicyRolloutPayload,
  ResumePolicyRolloutPayload,
  PolicyRollout,
  PolicyRolloutConnection,
  PolicyRolloutOutcome,
  PolicyRolloutOutcomeConnection,
  RetryFailedRolloutPeoplePayload,
  StartPolicyRolloutPayload,
} from './rollout.type';

export const toRollout = (r: RolloutRow, stats?: RolloutStats): PolicyRollout => ({
  id: r.id,
  tenantId: r.tenantId,
  connectionId: r.connectionId,
  listed: r.listed,
  storedTotal: r.total,
  stats,
  name: r.name,
  rules: r.rules as RecordingRules,
  scope: { all: r.scope.all === true, locationId: r.scope.locationId ?? null, personCount: r.scope.personIds ? r.scope.personIds.length : null },
  status: r.status,
  allowedRequestsPerSecond: r.ratePerSecond,
  lastError: toVendorError(r.lastError),
  // Only a running roll-out waits; the columns of a paused or finished one are cleared by its transition anyway.
  waiting:
    r.status === 'RUNNING' && r.waitingSince && r.waitingUntil
      ? {
          reason: r.waitingMessage ?? '',
          code: toErrorCode(r.waitingCode) ?? 'VENDOR_UNAVAILABLE',
          since: r.waitingSince,
          nextAttemptAt: r.waitingUntil,
        }
      : null,
  isWaiting: r.status === 'RUNNING' && !!r.waitingSince,
  round: r.retryRound,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  finishedAt: r.finishedAt,
});

const toOutcome = (i: RolloutItemRow): PolicyRolloutOutcome => ({
  personId: i.personId,
  status: i.status,
  attempts: i.attempts,
  requests: i.requests,
  changes: (i.changes as FieldDiffT[] | null) ?? [],
  error: toVendorError(i.error),
  finishedAt: i.finishedAt,
  history: (i.history ?? []).map((h) => ({ ...h, code: toErrorCode(h.code), at: new Date(h.at) })),
});

@ObjectType({
  description:
    "A tenant's policies whose vendor state was changed outside this service, with the field-level differences: a Relay connection of drifted policies.",
})
class DriftReport extends connectionOf(RecordingPolicy, 'DriftedPolicy', 'drifted policy') {
  @Field(() => ID, { description: 'The tenant.' }) tenantId!: string;
  @Field(() => DateTime, { description: 'When this report was read.' }) generatedAt!: Date;
  @Field(() => [RecordingPolicy], {
    description: "Drifted policies, oldest first (the same as nodes); each one's drift lists the fields that differ.",
  })
  policies!: RecordingPolicy[];
}

/** Ends the stream after the event that reports a final status; the first event is the state at subscription. */
function untilFinal(events: AsyncIterableIterator<DomainEvent>, initial: DomainEvent): AsyncIterableIterator<DomainEvent> {
  let first: DomainEvent | undefined = initial;
  let final = false;
  const isFinal = (e: DomainEvent) => (TERMINAL_STATUSES as readonly string[]).includes(e.kind);
  const it: AsyncIterableIterator<DomainEvent> = {
    [Symbol.asyncIterator]: () => it,
    async next() {
      if (final) {
        await events.return?.();
        return { value: undefined, done: true };
      }
      if (first) {
        const value = first;
        first = undefined;
        final = isFinal(value);
        return { value, done: false };
      }
      const r = await events.next();
      if (!r.done) final = isFinal(r.value);
      return r;
    },
    return: () => events.return!(),
    throw: (e?: unknown) => events.throw!(e),
  };
  return it;
}

@Resolver(() => PolicyRollout)
export class RolloutResolver {
  @Query(() => PolicyRollout, { nullable: true, description: 'One roll-out; NOT_FOUND when it does not exist or is not yours.' })
  async policyRollout(@Arg('id', () => ID, { description: 'The roll-out.' }) id: string, @Ctx() ctx: RequestContext): Promise<PolicyRollout> {
    ctx.principal.require('recording:read');
    const row = await ctx.loaders.rollout.load(id);
    if (!row) throw notFound('PolicyRollout', id);
    return toRollout(row);
  }

  @Query(() => PolicyRolloutConnection, { description: "A tenant's roll-outs, oldest first." })
  async policyRollouts(@Args(() => PolicyRolloutsArgs) args: PolicyRolloutsArgs, @Ctx() ctx: RequestContext): Promise<PolicyRolloutConnection> {
    const page = await ctx.services.rollouts.page(ctx.principal, args.tenantId, args);
    for (const r of page.items) ctx.loaders.rollout.prime(r.id, r);
    return toPage(page, (r) => toRollout(r), args);
  }

  @Mutation(() => StartPolicyRolloutPayload, {
    description:
      'Rolls a policy out to every person in a scope of a connection, as one durable job paced at the rate the vendor allows: each person is read, skipped when already as desired, written otherwise. With dryRun, answers the count and the exact requests for a few people, and writes nothing.',
  })
  async startPolicyRollout(
    @Arg('input', () => StartPolicyRolloutInput, { description: 'The policy, the connection and who gets it.' }) input: StartPolicyRolloutInput,
    @Ctx() ctx: RequestContext,
  ): Promise<StartPolicyRolloutPayload> {
    const r = await ctx.services.rollouts.startRollout(
      ctx.principal,
      { connectionId: input.connectionId, name: input.name, rules: input.rules as RecordingRulesT, scope: input.scope, dryRun: input.dryRun },
      ctx.requestId,
    );
    return {
      rollout: r.rollout ? toRollout(r.rollout) : null,
      dryRun: r.plan
        ? {
            total: r.plan.total,
            allowedRequestsPerSecond: r.plan.ratePerSecond,
            estimatedSeconds: r.plan.estimatedSeconds,
            sample: r.plan.sample.map((s) => ({ personId: s.personId, requests: s.requests.map(toVendorRequest) })),
          }
        : null,
    };
  }

  @Mutation(() => PausePolicyRolloutPayload, { description: 'Stops after the people in flight; resume continues where it stopped.' })
  async pausePolicyRollout(
    @Arg('input', () => PausePolicyRolloutInput, { description: 'The roll-out to pause.' }) input: PausePolicyRolloutInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PausePolicyRolloutPayload> {
    return { rollout: toRollout(await ctx.services.rollouts.pause(ctx.principal, input.id)) };
  }

  @Mutation(() => ResumePolicyRolloutPayload, { description: 'Continues a paused roll-out where it stopped.' })
  async resumePolicyRollout(
    @Arg('input', () => ResumePolicyRolloutInput, { description: 'The roll-out to resume.' }) input: ResumePolicyRolloutInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ResumePolicyRolloutPayload> {
    return { rollout: toRollout(await ctx.services.rollouts.resume(ctx.principal, input.id)) };
  }

  @Mutation(() => CancelPolicyRolloutPayload, { description: 'Stops for good; people not reached stay PENDING. Settings already written stay.' })
  async cancelPolicyRollout(
    @Arg('input', () => CancelPolicyRolloutInput, { description: 'The roll-out to cancel.' }) input: CancelPolicyRolloutInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CancelPolicyRolloutPayload> {
    return { rollout: toRollout(await ctx.services.rollouts.cancel(ctx.principal, input.id)) };
  }

  @Mutation(() => RetryFailedRolloutPeoplePayload, {
    description:
      "Runs a roll-out that COMPLETED_WITH_ERRORS again for its FAILED people only (a new round); each person's history keeps what every earlier attempt answered. Audited.",
  })
  async retryFailedRolloutPeople(
    @Arg('input', () => RetryFailedRolloutPeopleInput, { description: 'The roll-out.' }) input: RetryFailedRolloutPeopleInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RetryFailedRolloutPeoplePayload> {
    const r = await ctx.services.rollouts.retryFailed(ctx.principal, input.rolloutId, ctx.requestId);
    return { rollout: toRollout(r.rollout), retried: r.retried };
  }

  @Subscription(() => PolicyRollout, {
    description: "A roll-out's progress: its state at once, then at most a few updates a second while it runs; the stream ends after a final status.",
    subscribe: async ({ args, context }) => {
      const ctx = context as RequestContext;
      ctx.principal.require('recording:read');
      const id = String(args.id);
      // Subscribe first, then read: no change can fall between the two.
      const events = await ctx.services.events.subscribe((e) => e.type === 'POLICY_ROLLOUT' && e.id === id);
      const now = await ctx.services.rollouts.fresh(ctx.principal.tenantFilter(), id);
      if (!now) {
        await events.return?.();
        throw notFound('PolicyRollout', id);
      }
      return untilFinal(events, { tenantId: now.row.tenantId, type: 'POLICY_ROLLOUT', kind: now.row.status, id });
    },
  })
  async policyRolloutProgress(
    @Root() event: DomainEvent,
    @Arg('id', () => ID, { description: 'The roll-out to watch.' }) _id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<PolicyRollout> {
    // A fresh read per event: the request's loaders would cache across events.
    const now = await ctx.services.rollouts.fresh(ctx.principal.tenantFilter(), event.id);
    if (!now) throw notFound('PolicyRollout', event.id);
    return toRollout(now.row, now.stats);
  }

  @Query(() => DriftReport, { description: "A tenant's drifted policies with their field diffs (found by reconcile, on demand or on the schedule)." })
  async driftReport(@Args(() => DriftReportArgs) args: DriftReportArgs, @Ctx() ctx: RequestContext): Promise<DriftReport> {
    const page = await ctx.services.policies.page(ctx.principal, args.tenantId, { syncStatus: 'DRIFTED' }, args);
    const connection = toPage(page, toPolicy, args);
    return Object.defineProperties(
      { tenantId: args.tenantId, generatedAt: new Date(), policies: connection.nodes },
      Object.getOwnPropertyDescriptors(connection),
    ) as DriftReport;
  }

  @Subscription(() => RecordingPolicy, {
    description: "A tenant's policies as drift is found on them (scheduled reconciliation or an explicit reconcile), across all replicas.",
    subscribe: async ({ args, context }) => {
      const ctx = context as RequestContext;
      ctx.principal.require('recording:read');
      const tenantId = String(args.tenantId);
      if (!ctx.principal.canAccessTenant(tenantId)) throw notFound('Tenant', tenantId);
      return ctx.services.events.subscribe((e) => e.type === 'RECORDING_POLICY' && e.kind === 'DRIFTED' && e.tenantId === tenantId);
    },
  })
  async recordingPolicyDrifted(
    @Root() event: DomainEvent,
    @Arg('tenantId', () => ID, { description: 'The tenant whose policies to watch.' }) _tenantId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<RecordingPolicy> {
    const row = await ctx.services.policies.current(ctx.principal, event.id);
    if (!row) throw notFound('RecordingPolicy', event.id);
    return toPolicy(row);
  }

  private async statsOf(r: PolicyRollout, ctx: RequestContext): Promise<RolloutStats> {
    return r.stats ?? (await ctx.loaders.rolloutStats.load(r.id)) ?? emptyStats();
  }

  @FieldResolver(() => Int, { description: 'People in scope; grows while the directory is being read (see totalKnown).' })
  async total(@Root() r: PolicyRollout, @Ctx() ctx: RequestContext): Promise<number> {
    const s = await this.statsOf(r, ctx);
    return r.listed
      ? Math.max(r.storedTotal, s.pending + s.written + s.alreadyInSync + s.failed)
      : s.pending + s.written + s.alreadyInSync + s.failed;
  }

  @FieldResolver(() => Boolean, { description: 'False while the vendor directory is still being read.' })
  totalKnown(@Root() r: PolicyRollout): boolean {
    return r.listed;
  }

  @FieldResolver(() => Int, { description: 'People with an outcome: written + alreadyInSync + failed.' })
  async done(@Root() r: PolicyRollout, @Ctx() ctx: RequestContext): Promise<number> {
    const s = await this.statsOf(r, ctx);
    return s.written + s.alreadyInSync + s.failed;
  }

  @FieldResolver(() => Int, { description: 'People whose settings were written.' })
  async written(@Root() r: PolicyRollout, @Ctx() ctx: RequestContext): Promise<number> {
    return (await this.statsOf(r, ctx)).written;
  }

  @FieldResolver(() => Int, { description: 'People read and found as desired: skipped without a write.' })
  async alreadyInSync(@Root() r: PolicyRollout, @Ctx() ctx: RequestContext): Promise<number> {
    return (await this.statsOf(r, ctx)).alreadyInSync;
  }

  @FieldResolver(() => Int, { description: 'People the vendor refused.' })
  async failed(@Root() r: PolicyRollout, @Ctx() ctx: RequestContext): Promise<number> {
    return (await this.statsOf(r, ctx)).failed;
  }

  @FieldResolver(() => Int, { description: 'People not reached yet.' })
  async pending(@Root() r: PolicyRollout, @Ctx() ctx: RequestContext): Promise<number> {
    return (await this.statsOf(r, ctx)).pending;
  }

  @FieldResolver(() => Float, { description: 'Vendor requests per second over the last 10 seconds (all replicas).' })
  async requestsPerSecond(@Root() r: PolicyRollout, @Ctx() ctx: RequestContext): Promise<number> {
    const s = await this.statsOf(r, ctx);
    return r.status === 'RUNNING' ? round(s.recentRequests / s.windowSeconds) : 0;
  }

  @FieldResolver(() => Float, { description: 'People per second over the last 10 seconds (all replicas).' })
  async personsPerSecond(@Root() r: PolicyRollout, @Ctx() ctx: RequestContext): Promise<number> {
    const s = await this.statsOf(r, ctx);
    return r.status === 'RUNNING' ? round(s.recentItems / s.windowSeconds) : 0;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Seconds left at the current pace (at the allowed rate before there is one); null unless running with a known total.',
  })
  async etaSeconds(@Root() r: PolicyRollout, @Ctx() ctx: RequestContext): Promise<number | null> {
    return eta(r, await this.statsOf(r, ctx));
  }

  @FieldResolver(() => DateTime, { description: 'When it should finish at the current pace; null unless etaSeconds is.', nullable: true })
  async estimatedCompletionAt(@Root() r: PolicyRollout, @Ctx() ctx: RequestContext): Promise<Date | null> {
    const s = eta(r, await this.statsOf(r, ctx));
    return s === null ? null : new Date(Date.now() + s * 1000);
  }

  @FieldResolver(() => PolicyRolloutOutcomeConnection, { description: 'Per-person outcomes in directory order, optionally by status.' })
  async outcomes(
    @Root() r: PolicyRollout,
    @Args(() => RolloutOutcomesArgs) args: RolloutOutcomesArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<PolicyRolloutOutcomeConnection> {
    return toPage(await ctx.services.rollouts.outcomes(ctx.principal, r.id, args.status, args), toOutcome, args);
  }

  @FieldResolver(() => Tenant, { description: 'The tenant that owns it.' })
  async tenant(@Root() r: PolicyRollout, @Ctx() ctx: RequestContext): Promise<Tenant> {
    const row = await ctx.loaders.tenant.load(r.tenantId);
    if (!row) throw notFound('Tenant', r.tenantId);
    return toTenant(row);
  }

  @FieldResolver(() => VendorConnection, { description: 'The connection whose people it reaches.' })
  async connection(@Root() r: PolicyRollout, @Ctx() ctx: RequestContext): Promise<VendorConnection> {
    const row = await ctx.loaders.connectionOf(r);
    if (!row) throw notFound('VendorConnection', r.connectionId);
    return toConnection(row);
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function eta(r: PolicyRollout, s: RolloutStats): number | null {
  if ((r.status as RolloutStatus) !== 'RUNNING' || !r.listed) return null;
  if (s.pending === 0) return 0;
  const perSecond = s.recentItems > 0 ? s.recentItems / s.windowSeconds : r.allowedRequestsPerSecond / 2;
  return Math.ceil(s.pending / perSecond);
}
