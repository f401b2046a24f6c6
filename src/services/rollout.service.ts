import { randomUUID } from 'node:crypto';
import type PgBoss from 'pg-boss';
import { AppError, badInput, notFound, type FieldProblem } from '../domain/errors';
import { normalizeRules, type RecordingRules } from '../domain/policy';
import type { Principal } from '../domain/principal';
import { emptyStats, type ItemStatus, type RolloutScope, type RolloutStats, type RolloutStatus } from '../domain/rollout';
import type { EventBus } from '../store/event-bus';
import type { Page, PageArgs } from '../store/pagination';
import type { RolloutItemRow, RolloutRow } from '../store/rollout.store';
import type { ConnectionContext, RecordingVendor, VendorRequestPreview } from '../vendors/port';
import { getVendor } from '../vendors/registry';
import type { ConnectionService } from './connection.service';
import type { ServiceDeps } from './deps';
import { checkAgainstVendor } from './policy.service';
import type { RolloutCounters } from './rollout/job-run';
import type { RolloutSettings } from './rollout/settings';
import { RolloutWorker } from './rollout/worker';

export { DEFAULT_ROLLOUT_SETTINGS, type RolloutSettings } from './rollout/settings';

export interface StartRolloutInput {
  connectionId: string;
  name: string;
  rules: RecordingRules;
  scope: RolloutScope;
  dryRun?: boolean | null;
}

export interface RolloutPlan {
  total: number;
  ratePerSecond: number;
  /** At one read and one write per person, at the allowed rate. */
  estimatedSeconds: number;
  sample: { personId: string; requests: VendorRequestPreview[] }[];
}

export interface StartRolloutResult {
  rollout: RolloutRow | null;
  plan: RolloutPlan | null;
}

const DRY_RUN_SAMPLE = 3;
const MAX_PERSON_IDS = 10_000;

/**
 * Rolls one policy out to every person in a scope at a vendor, as one durable, resumable job (issue 10): the use
 * cases (start, with a dry run; pause, resume, cancel; retry the failed people; the queries).
 *
 * The roll-out is a row; each person is a row, created while the vendor's directory is streamed. The work is done by
 * this replica's RolloutWorker (rollout/worker.ts), which this service starts and stops and through which it queues
 * a roll-out's jobs in the transaction that starts, resumes or retries it: each job slice is a JobRun
 * (rollout/job-run.ts) whose lanes claim pending people under a lease, read, compare, write when different and
 * record the outcome. Every request waits for a slot on the connection's shared schedule (rollout-pacer.ts), so the
 * sum over replicas stays at the vendor's rate.
 */
export class RolloutService {
  private readonly worker: RolloutWorker;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly connections: ConnectionService,
    events: EventBus,
    boss: PgBoss,
    readonly settings: RolloutSettings,
  ) {
    this.worker = new RolloutWorker(deps, events, boss, settings, async (connectionId) => {
      const { record, ctx } = await connections.vendorContextForScope(null, connectionId);
      return { vendor: getVendor(record.vendor), ctx };
    });
  }

  /** Called once a roll-out has finished (after its commit), on the replica that finished it. */
  get onFinished(): ((rolloutId: string) => Promise<void>) | undefined {
    return this.worker.onFinished;
  }

  set onFinished(hook: ((rolloutId: string) => Promise<void>) | undefined) {
    this.worker.onFinished = hook;
  }

  /** What this replica's workers did (attempts, outcomes, waits, lease renewals). */
  get stats(): RolloutCounters {
    return this.worker.stats;
  }

  /** Starts this replica's roll-out workers (none when `workers` is 0) and joins the roll-outs already running. */
  start(): Promise<void> {
    return this.worker.start();
  }

  /** Lanes finish the person they hold, give back what they claimed, and hand their job to another replica. */
  stop(): Promise<void> {
    return this.worker.stop();
  }

  /** The vendor's rate for this connection, capped by configuration. */
  private rateOf(vendor: RecordingVendor, ctx: ConnectionContext): number {
    const own = vendor.requestPace?.(ctx).ratePerSecond ?? 1;
    const cap = this.settings.rateCap;
    return cap > 0 ? Math.min(own, cap) : own;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Use cases

  private async connectionOf(actor: Principal, connectionId: string) {
    const [record] = await this.deps.stores.connections.byIds(actor.tenantFilter(), [connectionId]);
    if (!record) throw notFound('VendorConnection', connectionId);
    return { record, vendor: getVendor(record.vendor) };
  }

  private validateScope(vendor: RecordingVendor, scope: RolloutScope): RolloutScope {
    const kinds = [scope.all === true, (scope.personIds?.length ?? 0) > 0, !!scope.locationId].filter(Boolean).length;
    const problems: FieldProblem[] = [];
    if (kinds !== 1) problems.push({ path: ['input', 'scope'], message: 'give exactly one of all: true, personIds or locationId' });
    if ((scope.personIds?.length ?? 0) > MAX_PERSON_IDS)
      problems.push({ path: ['input', 'scope', 'personIds'], message: `at most ${MAX_PERSON_IDS} people; use all or locationId` });
    if (problems.length) throw badInput(problems);
    if (!scope.personIds?.length && !vendor.listPolicyScopes) {
      throw new AppError('VENDOR_UNSUPPORTED_FIELD', `${vendor.displayName} has no directory to roll out over: name the people (personIds)`, {
        vendor: vendor.kind,
        field: 'input.scope',
        fields: [{ path: ['input', 'scope'], message: `${vendor.displayName} cannot list people` }],
      });
    }
    if (scope.personIds?.length) return { personIds: [...new Set(scope.personIds)] };
    return scope.all ? { all: true } : { locationId: scope.locationId! };
  }

  async startRollout(actor: Principal, input: StartRolloutInput, requestId?: string): Promise<StartRolloutResult> {
    actor.require('recording:write');
    const { stores } = this.deps;
    const { record, vendor } = await this.connectionOf(actor, input.connectionId);
    const rules = normalizeRules(input.rules);
    const scope = this.validateScope(vendor, input.scope);
    // Validated like a policy for one person of the scope: unsupported fields and vendor limits, before any call.
    checkAgainstVendor(vendor, { kind: 'PERSON', id: scope.personIds?.[0] ?? 'each-person' }, rules, ['input']);
    if (!vendor.readPolicy || !vendor.applyPolicy) {
      throw new AppError('VENDOR_UNSUPPORTED_FIELD', `${vendor.displayName} cannot roll policies out`, {
        vendor: vendor.kind,
        fields: [{ path: ['input', 'connectionId'], message: 'no policies' }],
      });
    }
    const { ctx } = await this.connections.vendorContextForScope(actor.tenantFilter(), record.id, requestId);
    const rate = this.rateOf(vendor, ctx);

    if (input.dryRun) return { rollout: null, plan: await this.plan(vendor, this.worker.pacerFor(vendor, ctx, rate).paced(ctx), scope, rules, rate) };

    const id = randomUUID();
    const row = await stores.db.transaction(async (tx) => {
      const created = await stores.rollouts.insert(tx, {
        id,
        tenantId: record.tenantId,
        connectionId: record.id,
        name: input.name.trim(),
        rules: rules as Record<string, unknown>,
        scope,
        status: 'RUNNING',
        ratePerSecond: rate,
        listed: !!scope.personIds,
        total: scope.personIds?.length ?? 0,
        createdBy: actor.subject,
      });
      if (scope.personIds)
        await stores.rollouts.insertItems(
          tx,
          id,
          scope.personIds.map((personId, seq) => ({ personId, seq })),
        );
      await this.worker.enqueue(tx, id);
      await this.worker.publish(tx, created, 'RUNNING');
      return created;
    });
    this.worker.wake();
    return { rollout: row, plan: null };
  }

  /** The count and a sample of the exact requests, without writing anything. */
  private async plan(
    vendor: RecordingVendor,
    ctx: ConnectionContext,
    scope: RolloutScope,
    rules: RecordingRules,
    rate: number,
  ): Promise<RolloutPlan> {
    const sampleIds: string[] = [];
    let total = 0;
    if (scope.personIds) {
      total = scope.personIds.length;
      sampleIds.push(...scope.personIds.slice(0, DRY_RUN_SAMPLE));
    } else {
      for await (const page of vendor.listPolicyScopes!(ctx, { kind: 'PERSON', locationId: scope.locationId })) {
        total += page.length;
        for (const s of page) if (sampleIds.length < DRY_RUN_SAMPLE) sampleIds.push(s.id);
      }
    }
    const sample = [];
    for (const personId of sampleIds) sample.push({ personId, requests: await vendor.previewPolicy!(ctx, { kind: 'PERSON', id: personId }, rules) });
    return { total, ratePerSecond: rate, estimatedSeconds: Math.ceil((total * 2) / rate), sample };
  }

  private async move(actor: Principal, id: string, from: readonly RolloutStatus[], to: RolloutStatus, verb: string): Promise<RolloutRow> {
    actor.require('recording:write');
    const { stores } = this.deps;
    const scope = actor.tenantFilter();
    const row = await stores.db.transaction(async (tx) => {
      const moved = await stores.rollouts.transition(tx, scope, id, from, to);
      if (moved) {
        if (to === 'RUNNING') await this.worker.enqueue(tx, id);
        await this.worker.publish(tx, moved, to);
      }
      return moved;
    });
    if (row) {
      if (to === 'RUNNING') this.worker.wake();
      return row;
    }
    const [current] = await stores.rollouts.byIds(scope, [id]);
    if (!current) throw notFound('PolicyRollout', id);
    throw new AppError('INVALID_TRANSITION', `Cannot ${verb} a roll-out that is ${current.status}`, { currentStatus: current.status, action: verb });
  }

  pause(actor: Principal, id: string): Promise<RolloutRow> {
    return this.move(actor, id, ['RUNNING'], 'PAUSED', 'pause');
  }

  resume(actor: Principal, id: string): Promise<RolloutRow> {
    return this.move(actor, id, ['PAUSED'], 'RUNNING', 'resume');
  }

  /** Stops for good; people not reached stay PENDING in the outcomes. */
  cancel(actor: Principal, id: string): Promise<RolloutRow> {
    return this.move(actor, id, ['RUNNING', 'PAUSED'], 'CANCELLED', 'cancel');
  }

  /**
   * Runs a finished roll-out again for its FAILED people only (a new round: what each earlier attempt answered stays
   * in their history). Answers the roll-out, RUNNING again, and how many people it put back.
   */
  async retryFailed(actor: Principal, id: string, requestId?: string): Promise<{ rollout: RolloutRow; retried: number }> {
    actor.require('recording:write');
    const { stores, logger } = this.deps;
    const scope = actor.tenantFilter();
    const result = await stores.db.transaction(async (tx) => {
      const r = await stores.rollouts.retryFailed(tx, scope, id);
      if (!r) return undefined;
      await this.worker.enqueue(tx, id);
      await this.worker.publish(tx, r.row, 'RUNNING');
      await stores.audit.record(tx, {
        tenantId: r.row.tenantId,
        actor: actor.subject,
        action: 'rollout.retryFailed',
        targetType: 'PolicyRollout',
        targetId: id,
        before: { status: 'COMPLETED_WITH_ERRORS' },
        after: { status: 'RUNNING', round: r.row.retryRound },
        outcome: { people: r.people },
        requestId,
      });
      return r;
    });
    if (!result) {
      const [current] = await stores.rollouts.byIds(scope, [id]);
      if (!current) throw notFound('PolicyRollout', id);
      throw new AppError(
        'INVALID_TRANSITION',
        `Only a roll-out that COMPLETED_WITH_ERRORS has failed people to retry; this one is ${current.status}`,
        {
          currentStatus: current.status,
          action: 'retryFailed',
        },
      );
    }
    logger.info({ rolloutId: id, round: result.row.retryRound, people: result.people }, 'roll-out retrying its failed people');
    this.worker.wake();
    return { rollout: result.row, retried: result.people };
  }

  async page(actor: Principal, tenantId: string, args: PageArgs): Promise<Page<RolloutRow>> {
    actor.require('recording:read');
    return this.deps.stores.rollouts.page(actor.tenantFilter(), tenantId, args);
  }

  async outcomes(actor: Principal, rolloutId: string, status: ItemStatus | null | undefined, args: PageArgs): Promise<Page<RolloutItemRow>> {
    actor.require('recording:read');
    return this.deps.stores.rollouts.outcomes(actor.tenantFilter(), rolloutId, status, args);
  }

  /** A roll-out with fresh counts (subscriptions read past the request's loaders). */
  async fresh(scope: readonly string[] | null, id: string): Promise<{ row: RolloutRow; stats: RolloutStats } | null> {
    const [row] = await this.deps.stores.rollouts.byIds(scope, [id]);
    if (!row) return null;
    const stats = (await this.deps.stores.rollouts.stats(scope, [id])).get(id) ?? emptyStats();
    return { row, stats };
  }
}
