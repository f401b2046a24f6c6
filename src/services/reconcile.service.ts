import type PgBoss from 'pg-boss';
import type { RecordingPolicyRow } from '../store/schema';
import type { ConnectionContext, RecordingVendor } from '../vendors/port';
import { sleep } from '../vendors/http';
import type { ServiceDeps } from './deps';
import type { PolicyService } from './policy.service';
import { holdsWork } from './rollout-holds';
import { SharedPacer } from './rollout-pacer';

export const RECONCILE_QUEUE = 'policy-reconcile';
export const STANDARD_CHECK_QUEUE = 'standard-check';

export interface ReconcileSettings {
  /** Seconds between runs; 0 turns scheduled reconciliation off. */
  intervalSeconds: number;
  /**
   * Seconds between the recording standards' own checks between reconcile runs (afterRun alone: roll-outs settled,
   * directories walked for new people, corrections, compliance announced); 0: only after a reconcile run.
   */
  standardCheckSeconds: number;
  pollingIntervalSeconds: number;
  runWorkers: boolean;
  /** Policies whose vendor was unavailable are tried again within the run, after 1 s, 2 s, 4 s ... at most this. */
  holdMaxMs: number;
  /** A run keeps retrying them for at most this long (then the next run does). */
  retryForMs: number;
}

export const DEFAULT_RECONCILE_SETTINGS: ReconcileSettings = {
  intervalSeconds: 0,
  standardCheckSeconds: 0,
  pollingIntervalSeconds: 2,
  runWorkers: true,
  holdMaxMs: 30_000,
  retryForMs: 10 * 60_000,
};

export interface ReconcileRun {
  checked: number;
  drifted: number;
  /** The vendor refused the read for this scope (it is not DRIFTED or FAILED for that). */
  errors: number;
  /** Reads the vendor was unavailable for, each tried again later in the run. */
  held: number;
  /** Still unavailable when the run gave up retrying: left to the next run, their status untouched. */
  skipped: number;
}

/**
 * Drift on a schedule: every interval, one replica reads every policy back from its vendor
 * (PolicyService.reconcileRow), which marks DRIFTED with the field diff and publishes it.
 *
 * A repeating pg-boss job rather than `boss.schedule`: cron has minute resolution, intervals here are seconds.
 * The queue is `stately` with one key, so however many replicas run, one run is active and one is queued; each run
 * queues the next when it ends, so runs never overlap.
 *
 * Its reads are bulk traffic: each waits for a slot on the connection's request schedule that roll-outs and every
 * replica share (rollout-pacer.ts), so a run during a roll-out never pushes the vendor past its rate. A vendor that
 * is unavailable leaves its policies as they were (never DRIFTED or FAILED) and they are read again later.
 */
export class ReconcileService {
  private workerId?: string;
  private stopping = false;
  private readonly abort = new AbortController();
  private readonly pacers = new Map<string, SharedPacer>();
  readonly stats = { runs: 0, checked: 0, drifted: 0, errors: 0, held: 0, skipped: 0 };
  /** Runs after each pass (the recording standards' compliance, services/standard.service.ts). */
  afterRun?: () => Promise<void>;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly policies: PolicyService,
    private readonly boss: PgBoss,
    readonly settings: ReconcileSettings,
  ) {}

  async start(): Promise<void> {
    await this.boss.createQueue(RECONCILE_QUEUE, { name: RECONCILE_QUEUE, policy: 'stately' });
    if (this.settings.standardCheckSeconds > 0 && this.settings.runWorkers) {
      // The standards' check on its own, lighter schedule: it reads no policy back, so drift still waits for a
      // reconcile run, but a person added at a vendor is found and announced in seconds.
      await this.boss.createQueue(STANDARD_CHECK_QUEUE, { name: STANDARD_CHECK_QUEUE, policy: 'stately' });
      this.checkWorkerId = await this.repeat(STANDARD_CHECK_QUEUE, 'check', this.settings.standardCheckSeconds, async () => {
        if (this.afterRun && !this.stopping) await this.afterRun().catch((e) => this.deps.logger.warn({ err: e }, 'standard check failed'));
      });
    }
    if (!(this.settings.intervalSeconds > 0) || !this.settings.runWorkers) return;
    this.workerId = await this.repeat(RECONCILE_QUEUE, 'tick', this.settings.intervalSeconds, async () => {
      await this.runOnce();
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    for (const id of [this.workerId, this.checkWorkerId]) if (id) await this.boss.offWork({ id } as never).catch(() => undefined);
  }

  private checkWorkerId?: string;

  /**
   * Runs `run` every `seconds` on one replica at a time: a repeating pg-boss job with a singleton key (cron has
   * minute resolution), the next one queued when a run ends, nothing queued once the service stops.
   */
  private async repeat(queue: string, key: string, seconds: number, run: () => Promise<void>): Promise<string> {
    const next = async () => {
      if (this.stopping) return;
      await this.boss.send(queue, {}, { singletonKey: key, startAfter: seconds, expireInSeconds: 3600, retryLimit: 0 });
    };
    const id = await this.boss.work(queue, { batchSize: 1, pollingIntervalSeconds: this.settings.pollingIntervalSeconds }, async () => {
      try {
        await run();
      } finally {
        await next();
      }
    });
    await next();
    return id;
  }

  /** The connection's shared schedule, at the vendor's own pace for it. */
  private paced = (ctx: ConnectionContext, vendor: RecordingVendor): ConnectionContext => {
    const pace = vendor.requestPace?.(ctx);
    if (!pace) return ctx;
    const key = `${ctx.connectionId}:${pace.ratePerSecond}:${pace.burst}`;
    let pacer = this.pacers.get(key);
    if (!pacer) {
      pacer = new SharedPacer(this.deps.stores.requestSchedule, ctx.connectionId, pace.ratePerSecond, pace.burst);
      this.pacers.set(key, pacer);
    }
    const p = pacer;
    return { ...ctx, pace: (signal) => p.take(signal) };
  };

  /** Requests this replica's reconcile runs took from the shared schedules. */
  get pacedRequests(): number {
    let n = 0;
    for (const p of this.pacers.values()) n += p.granted;
    return n;
  }

  /** Reads one policy back; answers 'held' when the vendor was unavailable (nothing about the policy was recorded). */
  private async check(row: RecordingPolicyRow, run: ReconcileRun): Promise<'done' | 'held'> {
    try {
      const { drift } = await this.policies.reconcileRow(null, row, undefined, undefined, this.paced);
      run.checked++;
      if (drift.length) run.drifted++;
      return 'done';
    } catch (e) {
      if (holdsWork(e)) {
        run.held++;
        return 'held';
      }
      run.errors++;
      this.deps.logger.warn({ err: e, policyId: row.id }, 'scheduled reconcile of a policy failed');
      return 'done';
    }
  }

  /** One pass over every policy. A policy still PENDING is left to its sync job; an unavailable vendor is waited for. */
  async runOnce(): Promise<ReconcileRun> {
    const { stores, logger } = this.deps;
    let after: string | null = null;
    const run: ReconcileRun = { checked: 0, drifted: 0, errors: 0, held: 0, skipped: 0 };
    let held: string[] = [];
    for (;;) {
      const page = await stores.policies.pageAll({ first: 100, after });
      for (const row of page.items) {
        if (this.stopping) break;
        if (row.syncStatus === 'PENDING') continue;
        if ((await this.check(row, run)) === 'held') held.push(row.id);
      }
      if (!page.hasNextPage || this.stopping) break;
      after = page.endCursor;
    }
    if (held.length) logger.info({ policies: held.length }, 'scheduled reconcile: vendor unavailable for some policies; reading them again shortly');
    const giveUpAt = Date.now() + this.settings.retryForMs;
    let delay = 1000;
    while (held.length && !this.stopping && Date.now() < giveUpAt) {
      await sleep(Math.min(delay, Math.max(0, giveUpAt - Date.now())), this.abort.signal).catch(() => undefined);
      delay = Math.min(this.settings.holdMaxMs, delay * 2);
      const rows = await stores.policies.byIds(null, held);
      held = [];
      for (const row of rows) {
        if (this.stopping) break;
        if (row.syncStatus === 'PENDING') continue;
        if ((await this.check(row, run)) === 'held') held.push(row.id);
      }
    }
    run.skipped = held.length;
    if (held.length) logger.info({ policies: held.length }, 'scheduled reconcile: vendor still unavailable; left to the next run');
    if (this.afterRun && !this.stopping) await this.afterRun().catch((e) => logger.warn({ err: e }, 'after-reconcile step failed'));
    this.stats.runs++;
    this.stats.checked += run.checked;
    this.stats.drifted += run.drifted;
    this.stats.errors += run.errors;
    this.stats.held += run.held;
    this.stats.skipped += run.skipped;
    return run;
  }
}
