import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type PgBoss from 'pg-boss';
import { AppError, badInput, notFound, type FieldProblem } from '../domain/errors';
import { diffRules, normalizeRules, type PolicyScope, type RecordingRules } from '../domain/policy';
import type { VendorKind } from '../domain/vendor-kind';
import type { Principal } from '../server/auth';
import type { AppDb } from '../store/db';
import { jobDbOf } from '../store/job-queue';
import type { Page, PageArgs } from '../store/pagination';
import type { ItemStatus, RolloutItemRow, RolloutRow, RolloutScope, RolloutStats, RolloutStatus } from '../store/rollout.store';
import type { StoredVendorError } from '../store/schema';
import type { ConnectionContext, RecordingVendor, VendorRequestPreview } from '../vendors/port';
import { getVendor } from '../vendors/registry';
import type { ConnectionService } from './connection.service';
import type { EventBus } from './event-bus';
import type { ServiceDeps } from './index';
import { checkAgainstVendor } from './policy.service';
import { SharedPacer } from './rollout-pacer';
import { sleep } from '../vendors/http';
import { storedError } from './vendor-errors';

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
  leaseSeconds: number;
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
  leaseSeconds: 60,
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

/** A person the vendor could not be reached for is tried this many times before it is FAILED. */
const MAX_ATTEMPTS = 5;
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
  private workerIds: string[] = [];
  private stopping = false;
  private readonly running = new Set<Promise<unknown>>();
  private readonly pacers = new Map<string, SharedPacer>();
  private readonly lastProgress = new Map<string, { at: number; timer?: NodeJS.Timeout }>();
  /** Names this replica's claims (two apps in one process are two replicas). */
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  readonly stats = { items: 0, written: 0, alreadyInSync: 0, failed: 0, retried: 0 };

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
        await this.boss.work<JobData>(ROLLOUT_QUEUE, { batchSize: 1, pollingIntervalSeconds: this.settings.pollingIntervalSeconds }, async ([job]) => {
          if (!job) return;
          const run = this.runJob(job.data);
          this.running.add(run);
          try {
            await run;
          } finally {
            this.running.delete(run);
          }
        }),
      );
    }
    if (this.workerIds.length) await this.joinRunning();
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
      p = new SharedPacer(this.deps.stores.rollouts, ctx.connectionId, rate, burst);
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
    return { record, vendor: getVendor(record.vendor as VendorKind) };
  }

  private validateScope(vendor: RecordingVendor, scope: RolloutScope): RolloutScope {
    const kinds = [scope.all === true, (scope.personIds?.length ?? 0) > 0, !!scope.locationId].filter(Boolean).length;
    const problems: FieldProblem[] = [];
    if (kinds !== 1) problems.push({ path: ['input', 'scope'], message: 'give exactly one of all: true, personIds or locationId' });
    if ((scope.personIds?.length ?? 0) > MAX_PERSON_IDS) problems.push({ path: ['input', 'scope', 'personIds'], message: `at most ${MAX_PERSON_IDS} people; use all or locationId` });
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
      throw new AppError('VENDOR_UNSUPPORTED_FIELD', `${vendor.displayName} cannot roll policies out`, { vendor: vendor.kind, fields: [{ path: ['input', 'connectionId'], message: 'no policies' }] });
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
      if (scope.personIds) await stores.rollouts.insertItems(tx, id, scope.personIds.map((personId, seq) => ({ personId, seq })));
      await this.enqueue(tx, id);
      await this.publish(tx, created, 'RUNNING');
      return created;
    });
    this.wake();
    return { rollout: row, plan: null };
  }

  /** The count and a sample of the exact requests, without writing anything. */
  private async plan(vendor: RecordingVendor, ctx: ConnectionContext, scope: RolloutScope, rules: RecordingRules, rate: number): Promise<RolloutPlan> {
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
    const { stores, logger } = this.deps;
    const [row] = await stores.rollouts.byIds(null, [data.rolloutId]);
    if (!row || row.status !== 'RUNNING' || this.stopping) return;
    // Unique per run of a job: two jobs in one process never share claims.
    const jobOwner = `${this.owner}:${data.shard}:${randomUUID().slice(0, 8)}`;
    const leaseMs = this.settings.leaseSeconds * 1000;
    const deadline = Date.now() + this.settings.sliceSeconds * 1000;
    const { record, ctx } = await this.connections.vendorContextForScope(null, row.connectionId);
    const vendor = getVendor(record.vendor as VendorKind);
    const pacer = this.pacerFor(vendor, ctx, row.ratePerSecond);
    const rules = row.rules as RecordingRules;
    const watch: Watch = { status: row.status as RolloutStatus, listed: row.listed, generation: row.resumedAt.getTime() };
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
      }
    };
    const refresher = setInterval(() => void refresh().catch(() => undefined), 250);
    const halted = () => watch.status !== 'RUNNING';
    const yielding = () => this.stopping || Date.now() > deadline;

    const list = async () => {
      while (!watch.listed && !halted() && !yielding()) {
        const lease = await stores.rollouts.takeListing(row.id, jobOwner, leaseMs);
        if (!lease) {
          // Another worker walks the directory; take over only if its lease runs out.
          await sleep(500);
          continue;
        }
        try {
          let seq = 0;
          let renewed = Date.now();
          let complete = true;
          const scope = row.scope;
          for await (const page of vendor.listPolicyScopes!(this.paced(ctx, pacer), { kind: 'PERSON', locationId: scope.locationId ?? null }, { pageSize: LIST_PAGE_SIZE })) {
            await stores.rollouts.insertItems(stores.db, row.id, page.map((s) => ({ personId: s.id, seq: seq++ })));
            emptyUntil = 0;
            announceItems();
            this.progress(row);
            if (halted() || this.stopping) {
              complete = false;
              break;
            }
            if (Date.now() - renewed > leaseMs / 3) {
              renewed = Date.now();
              if (!(await stores.rollouts.takeListing(row.id, jobOwner, leaseMs))) {
                complete = false;
                break;
              }
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
          const retryable = e instanceof AppError ? e.code === 'VENDOR_UNAVAILABLE' : true;
          logger.warn({ err: e, rolloutId: row.id }, 'roll-out directory listing failed');
          if (!retryable) {
            // Credentials or scope refused: nothing to do until someone fixes the connection and resumes.
            await this.pauseFor(row, error);
            watch.status = 'PAUSED';
            return;
          }
          await sleep(2000);
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
        buffer.push(...got);
        if (got.length === 0) emptyUntil = Date.now() + 200;
      })().finally(() => (claiming = undefined));
      return claiming;
    };
    const nextItem = async (): Promise<Claimed | undefined> => {
      for (;;) {
        const item = buffer.shift();
        // Claimed a little ahead, so a lane that finishes never waits for the database to hand it the next person.
        if (buffer.length < this.settings.lanes / 2 && !claiming && Date.now() >= emptyUntil && !halted() && !yielding()) void claimMore().catch(() => undefined);
        if (item) return item;
        if (claiming) {
          await claiming;
          continue;
        }
        if (Date.now() < emptyUntil) return undefined;
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
      await stores.rollouts.release(row.id, held.map((i) => i.personId), jobOwner);
    };

    const lane = async () => {
      for (;;) {
        if (halted() || yielding()) {
          if (!halted()) handover = true;
          await giveBack();
          return;
        }
        const item = await nextItem();
        if (!item) {
          if (await finished()) {
            done = true;
            return;
          }
          // The directory is still being walked, or the last people are held by other workers (or wait to retry).
          await idle(200);
          emptyUntil = 0;
          continue;
        }
        if (halted() || this.stopping) {
          await stores.rollouts.release(row.id, [item.personId], jobOwner);
          continue;
        }
        await this.processItem(row, vendor, ctx, pacer, rules, item, jobOwner, () => halted() || this.stopping);
      }
    };

    try {
      await Promise.all([list(), ...Array.from({ length: this.settings.lanes }, () => lane())]);
      await refresh();
      if (done && watch.status === 'RUNNING') {
        await stores.db.transaction(async (tx) => {
          const finished = await stores.rollouts.complete(tx, row.id);
          if (finished) await this.publish(tx, finished, finished.status);
        });
      } else if ((handover || !watch.listed) && watch.status === 'RUNNING') {
        // Hand the shard over: a fresh job, possibly on another replica, continues where this one stopped.
        await this.sendJob(row.id, data.shard, undefined, data.key);
      }
    } finally {
      clearInterval(refresher);
      announceItems();
      itemsArrived = [];
    }
  }

  /** The service pauses a roll-out it cannot continue (credentials refused), saying why in lastError. */
  private async pauseFor(row: RolloutRow, error: StoredVendorError): Promise<void> {
    const { stores } = this.deps;
    await stores.db.transaction(async (tx) => {
      const paused = await stores.rollouts.transition(tx, null, row.id, ['RUNNING'], 'PAUSED', error, row.resumedAt);
      if (paused) await this.publish(tx, paused, 'PAUSED');
    });
  }

  /** Read, compare, write if different, record: one person. */
  private async processItem(
    row: RolloutRow,
    vendor: RecordingVendor,
    ctx: ConnectionContext,
    pacer: SharedPacer,
    rules: RecordingRules,
    item: { personId: string; attempts: number },
    owner: string,
    halted: () => boolean,
  ): Promise<void> {
    const { stores, logger } = this.deps;
    const count = { n: 0 };
    const paced = this.paced(ctx, pacer, count);
    const scope: PolicyScope = { kind: 'PERSON', id: item.personId };
    this.stats.items++;
    try {
      const actual = await vendor.readPolicy!(paced, scope);
      const changes = diffRules(rules, actual);
      if (changes.length && halted()) {
        // Paused (or this replica is stopping) between the read and the write: leave the write to the next run.
        await stores.rollouts.release(row.id, [item.personId], owner);
        return;
      }
      if (changes.length === 0) {
        this.stats.alreadyInSync++;
        await stores.rollouts.finishItem(row.id, item.personId, owner, { status: 'ALREADY_IN_SYNC', requests: count.n });
      } else {
        await vendor.applyPolicy!(paced, scope, rules);
        this.stats.written++;
        await stores.rollouts.finishItem(row.id, item.personId, owner, { status: 'WRITTEN', requests: count.n, changes });
      }
    } catch (e) {
      const error = storedError(e);
      if (e instanceof AppError && (e.code === 'VENDOR_AUTH_FAILED' || e.code === 'VENDOR_AUTH_EXPIRED')) {
        // The token, not this person: every other person would fail the same way. Pause until someone fixes the
        // connection and resumes; this person stays pending.
        await stores.rollouts.release(row.id, [item.personId], owner);
        await this.pauseFor(row, error);
        return;
      }
      const retryable = e instanceof AppError ? e.code === 'VENDOR_UNAVAILABLE' : true;
      if (!(e instanceof AppError)) logger.error({ err: e, rolloutId: row.id }, 'roll-out item failed unexpectedly');
      if (retryable && item.attempts < MAX_ATTEMPTS) {
        this.stats.retried++;
        await stores.rollouts.retryItemLater(row.id, item.personId, owner, Math.min(30_000, 1000 * 2 ** item.attempts), count.n, error);
      } else {
        this.stats.failed++;
        await stores.rollouts.finishItem(row.id, item.personId, owner, { status: 'FAILED', requests: count.n, error });
      }
    }
    this.progress(row);
  }
}

export function emptyStats(): RolloutStats {
  return { pending: 0, written: 0, alreadyInSync: 0, failed: 0, recentItems: 0, recentRequests: 0, windowSeconds: 1 };
}
