import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type PgBoss from 'pg-boss';
import { AppError, badInput, notFound, type FieldProblem } from '../domain/errors';
import { diffRules, normalizeRules, type PolicyScope, type RecordingRules } from '../domain/policy';
import type { Principal } from '../domain/principal';
import type { AppDb } from '../store/db';
import { jobDbOf } from '../store/job-queue';
import type { Page, PageArgs } from '../store/pagination';
import type { AttemptEntry, RolloutScope } from '../domain/rollout';
import type { ItemStatus, RolloutItemRow, RolloutRow, RolloutStats, RolloutStatus } from '../store/rollout.store';
import type { StoredVendorError } from '../store/schema';
import type { ConnectionContext, RecordingVendor, VendorRequestPreview } from '../vendors/port';
import { getVendor } from '../vendors/registry';
import type { ConnectionService } from './connection.service';
import type { EventBus } from '../store/event-bus';
import type { ServiceDeps } from './deps';
import { checkAgainstVendor } from './policy.service';
import { SharedPacer } from './rollout-pacer';
import { sleep } from '../vendors/http';
import { storedError } from './vendor-errors';
import { holdReason, holdsWork, retryAfterOf } from './rollout-holds';

export const ROLLOUT_QUEUE = 'policy-rollout';
export const TERMINAL_STATUSES: readonly RolloutStatus[] = ['CANCELLED', 'COMPLETED', 'COMPLETED_WITH_ERRORS'];

export interface RolloutSettings {
  /** Caps the connection's own request rate (0: no cap). */
  rateCap: number;
  /** pg-boss jobs per roll-out: the most workers (over all replicas) one roll-out is shared by. */
  jobs: number;
  /** Jobs this replica runs at once (0: none). */
  workers: number;
  /** People one job works on at once. */
  lanes: number;
  /** Short, and renewed every third of it while the work runs (a dead replica's people are free within one lease). */
  leaseSeconds: number;
  /** While the vendor is unavailable, the next attempt comes after twice the time waited so far, within these bounds. */
  holdMinMs: number;
  holdMaxMs: number;
  /** A job hands over to a fresh one after this long (a dead replica's job then expires quickly). */
  sliceSeconds: number;
  pollingIntervalSeconds: number;
  /** At most one progress event per roll-out per replica in this interval. */
  progressIntervalMs: number;
}

export const DEFAULT_ROLLOUT_SETTINGS: RolloutSettings = {
  rateCap: 0,
  jobs: 4,
  workers: 2,
  lanes: 8,
  leaseSeconds: 10,
  holdMinMs: 1000,
  holdMaxMs: 30_000,
  sliceSeconds: 120,
  pollingIntervalSeconds: 2,
  progressIntervalMs: 500,
};

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

interface JobData {
  rolloutId: string;
  shard: number;
  /** The job's singleton key, kept across hand-overs (default `<rollout>:<shard>`). */
  key?: string;
}

const DRY_RUN_SAMPLE = 3;
/** Directory pages while rolling out: small enough that work starts at once and a page's rows insert quickly. */
const LIST_PAGE_SIZE = 100;
const MAX_PERSON_IDS = 10_000;

/** What one job sees of its roll-out: refreshed from the database a few times a second. */
interface Watch {
  status: RolloutStatus;
  listed: boolean;
  /** When the roll-out was last started or resumed: the jobs of that start. */
  generation: number;
  /** The vendor is unavailable: nobody claims before this instant (epoch ms; 0 when not waiting). */
  waitingUntil: number;
  waiting: boolean;
}

/**
 * Rolls one policy out to every person in a scope at a vendor, as one durable, resumable job (issue 10).
 *
 * The roll-out is a row; each person is a row, created while the vendor's directory is streamed. Work is driven by
 * pg-boss jobs (`jobs` per roll-out, `stately` per shard): each job runs `lanes` loops that claim pending people
 * with FOR UPDATE SKIP LOCKED under a lease, read the person's settings, skip them when already as desired, write
 * them otherwise, and record the outcome. Any replica may run any job; a claimed person is never worked on twice
 * at once, and a person whose worker died is taken over when its lease ends. Every request waits for a slot on
 * the connection's shared schedule (rollout-pacer.ts), so the sum over replicas stays at the vendor's rate.
 */
export class RolloutService {
  /** Called once a roll-out has finished (after its commit), on the replica that finished it. */
  onFinished?: (rolloutId: string) => Promise<void>;
  private workerIds: string[] = [];
  private stopping = false;
  private readonly running = new Set<Promise<unknown>>();
  private readonly pacers = new Map<string, SharedPacer>();
  private readonly lastProgress = new Map<string, { at: number; timer?: NodeJS.Timeout }>();
  /** Names this replica's claims (two apps in one process are two replicas). */
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  readonly stats = { items: 0, written: 0, alreadyInSync: 0, failed: 0, held: 0, waits: 0, leaseRenewals: 0, ticks: 0 };
  /** Jobs of each roll-out running in this replica: a running roll-out with none here gets one (see tick). */
  private readonly localJobs = new Map<string, number>();
  private ticker?: NodeJS.Timeout;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly connections: ConnectionService,
    private readonly events: EventBus,
    private readonly boss: PgBoss,
    readonly settings: RolloutSettings,
  ) {}

  async start(): Promise<void> {
    await this.boss.createQueue(ROLLOUT_QUEUE, { name: ROLLOUT_QUEUE, policy: 'stately' });
    for (let i = 0; i < this.settings.workers; i++) {
      this.workerIds.push(
        await this.boss.work<JobData>(
          ROLLOUT_QUEUE,
          { batchSize: 1, pollingIntervalSeconds: this.settings.pollingIntervalSeconds },
          async ([job]) => {
            if (!job) return;
            const run = this.runJob(job.data);
            this.running.add(run);
            try {
              await run;
            } finally {
              this.running.delete(run);
            }
          },
        ),
      );
    }
    if (this.workerIds.length) {
      await this.joinRunning();
      // Every replica looks for running roll-outs it has no job of, every few seconds: when a replica dies holding
      // every job of a roll-out (they stay active in pg-boss until they expire, minutes later), the others join
      // within one tick and take its people over as soon as their short leases run out.
      const every = (this.settings.leaseSeconds * 1000) / 3;
      this.ticker = setInterval(() => void this.tick().catch((e) => this.deps.logger.warn({ err: e }, 'roll-out presence check failed')), every);
    }
  }

  private async tick(): Promise<void> {
    if (this.stopping) return;
    this.stats.ticks++;
    let joined = 0;
    const running = await this.deps.stores.rollouts.running();
    for (const r of running) {
      if ((this.localJobs.get(r.id) ?? 0) > 0) continue;
      await this.sendJob(r.id, -1, undefined, `${r.id}:join:${this.owner}:0`);
      joined++;
    }
    // Counted by the crash tests (a take-over within a few ticks), so at debug level.
    this.deps.logger.debug({ tick: this.stats.ticks, running: running.length, joined }, 'roll-out presence tick');
    if (joined) this.wake();
  }

  /**
   * At start, this replica joins every running roll-out with jobs of its own keys. After a hard kill the dead
   * replica's jobs stay active in pg-boss until they expire (slice + lease + 60 s); these let a restarted service
   * continue at once, and take over the people the dead one held when their lease ends. Redundant jobs cost
   * nothing: claims keep them from working on the same person.
   */
  private async joinRunning(): Promise<void> {
    for (const r of await this.deps.stores.rollouts.running()) {
      for (let i = 0; i < this.settings.workers; i++) await this.sendJob(r.id, -1 - i, undefined, `${r.id}:join:${this.owner}:${i}`);
    }
    this.wake();
  }

  /** Lanes finish the person they hold, give back what they claimed, and hand their job to another replica. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.ticker) clearInterval(this.ticker);
    await Promise.all(this.workerIds.map((id) => this.boss.offWork({ id } as never).catch(() => undefined)));
    await Promise.allSettled([...this.running]);
    for (const p of this.lastProgress.values()) if (p.timer) clearTimeout(p.timer);
  }

  private wake(): void {
    if (this.stopping) return;
    for (const id of this.workerIds) this.boss.notifyWorker(id);
  }

  private async enqueue(tx: AppDb, rolloutId: string): Promise<void> {
    for (let shard = 0; shard < this.settings.jobs; shard++) await this.sendJob(rolloutId, shard, tx);
  }

  private async sendJob(rolloutId: string, shard: number, tx?: AppDb, key = `${rolloutId}:${shard}`): Promise<void> {
    await this.boss.send(ROLLOUT_QUEUE, { rolloutId, shard, key } satisfies JobData, {
      singletonKey: key,
      retryLimit: 1000,
      retryDelay: 1,
      // A job runs one slice, then finishes its people in flight: past this it is presumed dead and retried.
      expireInSeconds: this.settings.sliceSeconds + this.settings.leaseSeconds + 60,
      ...(tx ? { db: jobDbOf(tx) } : {}),
    });
  }

  /** The vendor's rate for this connection, capped by configuration. */
  private rateOf(vendor: RecordingVendor, ctx: ConnectionContext): number {
    const own = vendor.requestPace?.(ctx).ratePerSecond ?? 1;
    const cap = this.settings.rateCap;
    return cap > 0 ? Math.min(own, cap) : own;
  }

  /** One pacer per connection and rate in this process; its slots come from the schedule every replica shares. */
  private pacerFor(vendor: RecordingVendor, ctx: ConnectionContext, rate: number): SharedPacer {
    const burst = vendor.requestPace?.(ctx).burst ?? 1;
    const key = `${ctx.connectionId}:${rate}:${burst}`;
    let p = this.pacers.get(key);
    if (!p) {
      p = new SharedPacer(this.deps.stores.requestSchedule, ctx.connectionId, rate, burst);
      this.pacers.set(key, p);
    }
    return p;
  }

  private paced(ctx: ConnectionContext, pacer: SharedPacer, count?: { n: number }): ConnectionContext {
    return {
      ...ctx,
      pace: async (signal) => {
        if (count) count.n++;
        await pacer.take(signal);
      },
    };
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

    if (input.dryRun) return { rollout: null, plan: await this.plan(vendor, this.paced(ctx, this.pacerFor(vendor, ctx, rate)), scope, rules, rate) };

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
      await this.enqueue(tx, id);
      await this.publish(tx, created, 'RUNNING');
      return created;
    });
    this.wake();
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
        if (to === 'RUNNING') await this.enqueue(tx, id);
        await this.publish(tx, moved, to);
      }
      return moved;
    });
    if (row) {
      if (to === 'RUNNING') this.wake();
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
      await this.enqueue(tx, id);
      await this.publish(tx, r.row, 'RUNNING');
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
    this.wake();
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

  // ---------------------------------------------------------------------------------------------------------------
  // Progress events

  private async publish(tx: AppDb, row: Pick<RolloutRow, 'id' | 'tenantId'>, kind: string): Promise<void> {
    await this.events.publish(tx, { tenantId: row.tenantId, type: 'POLICY_ROLLOUT', kind, id: row.id });
  }

  /** At most one PROGRESS event per interval per roll-out from this replica; the last change is never lost. */
  private progress(row: Pick<RolloutRow, 'id' | 'tenantId'>): void {
    const every = this.settings.progressIntervalMs;
    const p = this.lastProgress.get(row.id) ?? { at: 0 };
    this.lastProgress.set(row.id, p);
    if (p.timer) return;
    const send = () => {
      p.timer = undefined;
      p.at = Date.now();
      void this.publish(this.deps.stores.db, row, 'PROGRESS').catch(() => undefined);
    };
    const wait = p.at + every - Date.now();
    if (wait <= 0) send();
    else p.timer = setTimeout(send, wait);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Workers

  private async runJob(data: JobData): Promise<void> {
    const { stores } = this.deps;
    const [row] = await stores.rollouts.byIds(null, [data.rolloutId]);
    if (!row || row.status !== 'RUNNING' || this.stopping) return;
    this.localJobs.set(row.id, (this.localJobs.get(row.id) ?? 0) + 1);
    try {
      await this.runSlice(row, data);
    } finally {
      const n = (this.localJobs.get(row.id) ?? 1) - 1;
      if (n > 0) this.localJobs.set(row.id, n);
      else this.localJobs.delete(row.id);
    }
  }

  private async runSlice(row: RolloutRow, data: JobData): Promise<void> {
    const { stores, logger } = this.deps;
    // Unique per run of a job: two jobs in one process never share claims.
    const jobOwner = `${this.owner}:${data.shard}:${randomUUID().slice(0, 8)}`;
    const leaseMs = this.settings.leaseSeconds * 1000;
    const renewEveryMs = leaseMs / 3;
    const deadline = Date.now() + this.settings.sliceSeconds * 1000;
    const { record, ctx } = await this.connections.vendorContextForScope(null, row.connectionId);
    const vendor = getVendor(record.vendor);
    const pacer = this.pacerFor(vendor, ctx, row.ratePerSecond);
    const rules = row.rules as RecordingRules;
    const watch: Watch = {
      status: row.status as RolloutStatus,
      listed: row.listed,
      generation: row.resumedAt.getTime(),
      waitingUntil: row.waitingUntil?.getTime() ?? 0,
      waiting: !!row.waitingSince,
    };
    let done = false;
    let handover = false;
    // Idle lanes wait for this job's listing to add people (or a short poll for other workers' people).
    let itemsArrived: (() => void)[] = [];
    const announceItems = () => itemsArrived.splice(0).forEach((w) => w());
    const idle = (ms: number) =>
      new Promise<void>((resolve) => {
        const t = setTimeout(resolve, ms);
        itemsArrived.push(() => {
          clearTimeout(t);
          resolve();
        });
      });

    const refresh = async () => {
      const [now] = await stores.rollouts.byIds(null, [row.id]);
      if (now) {
        // A pause and resume between two looks starts a new generation of jobs (with fresh credentials): this one
        // steps aside as if it had seen the pause.
        watch.status = now.resumedAt.getTime() !== watch.generation ? 'PAUSED' : (now.status as RolloutStatus);
        watch.listed = now.listed;
        watch.waitingUntil = now.waitingUntil?.getTime() ?? 0;
        watch.waiting = !!now.waitingSince;
      }
    };
    const refresher = setInterval(() => void refresh().catch(() => undefined), 250);
    const halted = () => watch.status !== 'RUNNING';
    const yielding = () => this.stopping || Date.now() > deadline;

    const run: JobRun = {
      row,
      vendor,
      ctx,
      pacer,
      rules,
      owner: jobOwner,
      watch,
      halted: () => halted() || this.stopping,
      lost: new Set(),
      renewedAt: Date.now(),
      leaseMs,
      ctxStale: false,
    };

    // Leases are short and renewed while the job lives: a dead replica's people are free within one lease, and a
    // person whose call is still running (a long Retry-After) stays with its worker however long that takes.
    let renewing = false;
    const renew = async () => {
      if (renewing) return;
      renewing = true;
      try {
        const held = new Set(await stores.rollouts.renewLeases(row.id, jobOwner, leaseMs));
        run.renewedAt = Date.now();
        this.stats.leaseRenewals++;
        logger.debug({ rolloutId: row.id, held: held.size }, 'roll-out leases renewed');
        for (const id of inFlight) if (!held.has(id)) run.lost.add(id);
      } catch (e) {
        logger.warn({ err: e, rolloutId: row.id }, 'roll-out lease renewal failed');
      } finally {
        renewing = false;
      }
    };
    const inFlight = new Set<string>();
    const renewer = setInterval(() => void renew(), renewEveryMs);

    const waitForVendor = async (): Promise<boolean> => {
      const left = watch.waitingUntil - Date.now();
      if (left <= 0) return false;
      // Whichever worker's call began the wait, the connection may be fixed meanwhile (reconnected, re-pointed):
      // every job reads it again before its next call, not only the one that met the failure.
      run.ctxStale = true;
      await idle(Math.min(left, 1000));
      return true;
    };

    const list = async () => {
      while (!watch.listed && !halted() && !yielding()) {
        if (await waitForVendor()) continue;
        const lease = await stores.rollouts.takeListing(row.id, jobOwner, leaseMs);
        if (!lease) {
          // Another worker walks the directory; take over only if its lease runs out.
          await sleep(500);
          continue;
        }
        try {
          let seq = 0;
          let complete = true;
          const scope = row.scope;
          await this.freshContext(run);
          for await (const page of vendor.listPolicyScopes!(
            this.paced(run.ctx, pacer),
            { kind: 'PERSON', locationId: scope.locationId ?? null },
            { pageSize: LIST_PAGE_SIZE },
          )) {
            await stores.rollouts.insertItems(
              stores.db,
              row.id,
              page.map((s) => ({ personId: s.id, seq: seq++ })),
            );
            emptyUntil = 0;
            announceItems();
            this.progress(row);
            if (watch.waiting) await this.endWait(run);
            if (halted() || this.stopping) {
              complete = false;
              break;
            }
          }
          if (complete && (await stores.rollouts.finishListing(row.id, jobOwner))) {
            watch.listed = true;
            this.progress(row);
          } else if (!complete) {
            await stores.rollouts.releaseListing(row.id, jobOwner);
          }
        } catch (e) {
          const error = storedError(e);
          await stores.rollouts.listingFailed(row.id, jobOwner, error);
          if (holdsWork(e)) {
            // The vendor, not the directory: wait (every worker does) and walk it again when the vendor is back.
            await this.hold(run, e);
            continue;
          }
          logger.warn({ rolloutId: row.id, code: error.code, message: error.message }, 'roll-out directory listing refused');
          // The scope itself was refused (a location that does not exist): nothing to do until someone decides.
          await this.pauseFor(row, error);
          watch.status = 'PAUSED';
          return;
        }
      }
    };

    // The job's lanes share one claim: a statement takes people for every lane at once, and an empty answer
    // parks every lane until the listing adds people or a short poll passes, instead of each lane asking again.
    type Claimed = { personId: string; seq: number; attempts: number };
    const buffer: Claimed[] = [];
    let claiming: Promise<void> | undefined;
    let emptyUntil = 0;
    let checking: Promise<boolean> | undefined;
    const claimMore = () => {
      claiming ??= (async () => {
        const got = await stores.rollouts.claim(row.id, jobOwner, this.settings.lanes, leaseMs);
        for (const g of got) inFlight.add(g.personId);
        buffer.push(...got);
        if (got.length === 0) emptyUntil = Date.now() + 200;
      })().finally(() => (claiming = undefined));
      return claiming;
    };
    const nextItem = async (): Promise<Claimed | undefined> => {
      for (;;) {
        const item = buffer.shift();
        // Claimed a little ahead, so a lane that finishes never waits for the database to hand it the next person.
        const canClaim = !halted() && !yielding() && watch.waitingUntil <= Date.now();
        if (buffer.length < this.settings.lanes / 2 && !claiming && Date.now() >= emptyUntil && canClaim) void claimMore().catch(() => undefined);
        if (item) return item;
        if (claiming) {
          await claiming;
          continue;
        }
        if (Date.now() < emptyUntil || !canClaim) return undefined;
        await claimMore();
      }
    };
    const finished = () => {
      checking ??= (async () => watch.listed && (await stores.rollouts.pendingState(row.id)).pending === 0)().finally(() => (checking = undefined));
      return checking;
    };
    const giveBack = async () => {
      await claiming?.catch(() => undefined);
      const held = buffer.splice(0);
      await stores.rollouts.release(
        row.id,
        held.map((i) => i.personId),
        jobOwner,
      );
      for (const i of held) inFlight.delete(i.personId);
    };

    const lane = async () => {
      for (;;) {
        if (halted() || yielding()) {
          if (!halted()) handover = true;
          await giveBack();
          return;
        }
        // The vendor is unavailable: people already claimed go back, nobody is tried until the next attempt time.
        if (watch.waitingUntil > Date.now()) {
          if (buffer.length) await giveBack();
          await waitForVendor();
          continue;
        }
        const item = await nextItem();
        if (!item) {
          if (await finished()) {
            done = true;
            return;
          }
          // The directory is still being walked, or the last people are held by other workers (or the vendor waits).
          if (!(await waitForVendor())) await idle(200);
          emptyUntil = 0;
          continue;
        }
        try {
          if (halted() || this.stopping) {
            await stores.rollouts.release(row.id, [item.personId], jobOwner);
            continue;
          }
          await this.freshContext(run);
          await this.processItem(run, item);
        } finally {
          inFlight.delete(item.personId);
          run.lost.delete(item.personId);
        }
      }
    };

    try {
      await Promise.all([list(), ...Array.from({ length: this.settings.lanes }, () => lane())]);
      await refresh();
      if (done && watch.status === 'RUNNING') {
        // Read before the transaction: on the embedded database a statement outside it would wait for it to end.
        const stats = (await stores.rollouts.stats(null, [row.id])).get(row.id) ?? emptyStats();
        let settled = false;
        await stores.db.transaction(async (tx) => {
          const finished = await stores.rollouts.complete(tx, row.id);
          settled = !!finished;
          if (finished) {
            await this.publish(tx, finished, finished.status);
            await stores.audit.record(tx, {
              tenantId: finished.tenantId,
              actor: 'system:rollout',
              action: 'rollout.complete',
              targetType: 'PolicyRollout',
              targetId: finished.id,
              after: { status: finished.status, round: finished.retryRound },
              outcome: { written: stats.written, alreadyInSync: stats.alreadyInSync, failed: stats.failed },
            });
            logger.info(
              {
                rolloutId: finished.id,
                status: finished.status,
                round: finished.retryRound,
                written: stats.written,
                alreadyInSync: stats.alreadyInSync,
                failed: stats.failed,
              },
              'roll-out finished',
            );
          }
        });
        // After the commit: whoever owns the roll-out's policies (a company standard) settles them now.
        if (settled && this.onFinished)
          await this.onFinished(row.id).catch((e) => logger.warn({ err: e, rolloutId: row.id }, 'after-roll-out step failed'));
      } else if ((handover || !watch.listed) && watch.status === 'RUNNING') {
        // Hand the shard over: a fresh job, possibly on another replica, continues where this one stopped.
        await this.sendJob(row.id, data.shard, undefined, data.key);
      }
    } finally {
      clearInterval(refresher);
      clearInterval(renewer);
      announceItems();
      itemsArrived = [];
    }
  }

  /** After a wait the connection may have changed (credentials fixed, re-pointed): jobs read it again. */
  private async freshContext(run: JobRun): Promise<void> {
    if (!run.ctxStale) return;
    run.reloading ??= (async () => {
      try {
        run.ctx = (await this.connections.vendorContextForScope(null, run.row.connectionId)).ctx;
        run.ctxStale = false;
      } finally {
        run.reloading = undefined;
      }
    })();
    await run.reloading;
  }

  /**
   * The vendor is unavailable for this roll-out: it waits (every worker of every replica stops claiming until the
   * next attempt time), says why, and goes on by itself once an attempt after that time succeeds.
   */
  private async hold(run: JobRun, e: unknown): Promise<void> {
    const { stores, logger } = this.deps;
    if (!(e instanceof AppError))
      logger.error({ err: e, rolloutId: run.row.id }, 'roll-out call failed unexpectedly; the roll-out waits and tries again');
    const reason = holdReason(e);
    const w = await stores.rollouts.startWaiting(run.row.id, reason, {
      minMs: this.settings.holdMinMs,
      maxMs: this.settings.holdMaxMs,
      retryAfterMs: retryAfterOf(e),
    });
    run.ctxStale = true;
    if (!w) return;
    run.watch.waitingUntil = Math.max(run.watch.waitingUntil, w.until.getTime());
    run.watch.waiting = true;
    if (w.began) {
      this.stats.waits++;
      logger.info(
        { rolloutId: run.row.id, code: reason.code, reason: reason.message, nextAttemptAt: w.until.toISOString() },
        'roll-out waiting: the vendor is unavailable',
      );
      await this.publish(stores.db, run.row, 'WAITING').catch(() => undefined);
    }
  }

  private async endWait(run: JobRun): Promise<void> {
    const { stores, logger } = this.deps;
    const ended = await stores.rollouts.endWaiting(run.row.id);
    if (!ended) return;
    run.watch.waiting = false;
    run.watch.waitingUntil = 0;
    logger.info(
      { rolloutId: run.row.id, code: ended.code, waitedSeconds: Math.round((Date.now() - ended.since.getTime()) / 100) / 10 },
      'roll-out resumed: the vendor answers again',
    );
    await this.publish(stores.db, run.row, 'RESUMED').catch(() => undefined);
  }

  /** The service pauses a roll-out whose scope the vendor refused, saying why in lastError. */
  private async pauseFor(row: RolloutRow, error: StoredVendorError): Promise<void> {
    const { stores } = this.deps;
    await stores.db.transaction(async (tx) => {
      const paused = await stores.rollouts.transition(tx, null, row.id, ['RUNNING'], 'PAUSED', error, row.resumedAt);
      if (paused) await this.publish(tx, paused, 'PAUSED');
    });
  }

  /** Read, compare, write if different, record: one person. */
  private async processItem(run: JobRun, item: { personId: string; attempts: number }): Promise<void> {
    const { stores, logger } = this.deps;
    const { row, vendor, rules, owner } = run;
    const count = { n: 0 };
    const paced = this.paced(run.ctx, run.pacer, count);
    const scope: PolicyScope = { kind: 'PERSON', id: item.personId };
    const entry = (outcome: AttemptEntry['outcome'], error: StoredVendorError | null = null): AttemptEntry => ({
      attempt: item.attempts,
      round: row.retryRound,
      at: new Date().toISOString(),
      outcome,
      code: error?.code ?? null,
      message: error?.message ?? null,
      requests: count.n,
    });
    // Held past the point where another worker may have taken it (renewals failing, or the lease was lost):
    // never write then, the other worker does.
    const stillHeld = () => !run.lost.has(item.personId) && Date.now() - run.renewedAt < (run.leaseMs * 2) / 3;
    this.stats.items++;
    try {
      const actual = await vendor.readPolicy!(paced, scope);
      const changes = diffRules(rules, actual);
      if (changes.length && (run.halted() || !stillHeld())) {
        // Paused (or this replica is stopping) between the read and the write: leave the write to the next run.
        await stores.rollouts.release(row.id, [item.personId], owner);
        return;
      }
      if (changes.length === 0) {
        this.stats.alreadyInSync++;
        await stores.rollouts.finishItem(row.id, item.personId, owner, { status: 'ALREADY_IN_SYNC', requests: count.n }, entry('ALREADY_IN_SYNC'));
      } else {
        await vendor.applyPolicy!(paced, scope, rules);
        this.stats.written++;
        await stores.rollouts.finishItem(row.id, item.personId, owner, { status: 'WRITTEN', requests: count.n, changes }, entry('WRITTEN'));
      }
      if (run.watch.waiting) await this.endWait(run);
    } catch (e) {
      const error = storedError(e);
      if (holdsWork(e)) {
        // Not an answer about this person: the roll-out waits first, then the person goes back, still pending.
        this.stats.held++;
        await this.hold(run, e);
        await stores.rollouts.holdItem(row.id, item.personId, owner, count.n, error, entry('WAITING', error));
      } else {
        this.stats.failed++;
        await stores.rollouts.finishItem(row.id, item.personId, owner, { status: 'FAILED', requests: count.n, error }, entry('FAILED', error));
        logger.warn(
          {
            rolloutId: row.id,
            personId: item.personId,
            code: error.code,
            message: error.message,
            vendorCode: error.vendorCode ?? null,
            attempt: item.attempts,
            round: row.retryRound,
          },
          'roll-out person failed',
        );
      }
    }
    this.progress(row);
  }
}

/** One slice of one job: what its lanes share. */
interface JobRun {
  row: RolloutRow;
  vendor: RecordingVendor;
  /** Re-read after a wait: the connection may have been fixed or re-pointed meanwhile. */
  ctx: ConnectionContext;
  ctxStale: boolean;
  reloading?: Promise<void>;
  pacer: SharedPacer;
  rules: RecordingRules;
  owner: string;
  watch: Watch;
  halted: () => boolean;
  /** People this job held whose lease a renewal no longer found (taken over): never written by this job. */
  lost: Set<string>;
  renewedAt: number;
  leaseMs: number;
}

export function emptyStats(): RolloutStats {
  return { pending: 0, written: 0, alreadyInSync: 0, failed: 0, recentItems: 0, recentRequests: 0, windowSeconds: 1 };
}
