import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Stores } from '../../store';
import type { AppDb } from '../../store/db';
import type { EventBus } from '../../store/event-bus';
import { bossSchemaOf, jobDbOf } from '../../store/job-queue';
import type { RolloutRow } from '../../store/rollout.store';
import type { ConnectionContext, RecordingVendor } from '../../vendors/port';
import type { ServiceDeps } from '../deps';
import { SharedPacer } from '../rollout-pacer';
import { type ConnectionContexts, type JobData, type JobHost, JobRun, type RolloutCounters } from './job-run';
import type { RolloutSettings } from './settings';

/**
 * The roll-out jobs' queue. Policy `short`: a key is unique only among jobs not yet started, so a start, resume or
 * hand-over queued twice is one job, yet a job whose key is already running never blocks the queue. (The first
 * queue, `policy-rollout`, was `stately`: its unique index on running keys made pg-boss fetch nothing at all while
 * the oldest waiting job had the key of a running one, which a retry after a hard kill produces; a running
 * roll-out's jobs were re-queued here by joinRunning at start, so its old jobs are left to expire.)
 */
export const ROLLOUT_QUEUE = 'policy-rollout-slices';

/**
 * Jobs of priority LEAD (one per roll-out: shard 0, and each replica's join) are fetched before any other, so every
 * running roll-out has a worker before any roll-out gets a second; the others take the workers left over.
 */
const LEAD = 1;
/** How often a job looks whether a lead waits for its worker. */
const STEP_ASIDE_CHECK_MS = 2000;
/**
 * A lead gives its worker to another roll-out's waiting lead after this long (not after the whole slice): with more
 * running roll-outs than workers, each moves every few tens of seconds instead of waiting minutes at 0 done.
 */
const CONTENDED_SLICE_MS = 20_000;

/**
 * This replica's share of the roll-out work (../ROLLOUTS.md): the pg-boss workers of the roll-out queue
 * (`jobs` per roll-out, one of them its lead), each job a JobRun; the presence tick that joins running roll-outs this
 * replica has no job of; the pacers of each connection; and the throttled progress events. The roll-out service
 * (../rollout.service.ts) starts and stops it and queues the jobs of a start, resume or retry through it.
 */
export class RolloutWorker implements JobHost {
  onFinished?: (rolloutId: string) => Promise<void>;
  readonly stores: Stores;
  readonly logger: Logger;
  /** Names this replica's claims (two apps in one process are two replicas). */
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  readonly stats: RolloutCounters = { items: 0, written: 0, alreadyInSync: 0, failed: 0, held: 0, waits: 0, leaseRenewals: 0, ticks: 0 };
  private isStopping = false;
  private workerIds: string[] = [];
  private readonly running = new Set<Promise<unknown>>();
  private readonly pacers = new Map<string, SharedPacer>();
  private readonly lastProgress = new Map<string, { at: number; timer?: NodeJS.Timeout }>();
  /** Jobs of each roll-out running in this replica: a running roll-out with none here gets one (see tick). */
  private readonly localJobs = new Map<string, number>();
  /** Keys of the jobs running here: a second job of one key (a retry of a job still running) steps aside. */
  private readonly runningKeys = new Set<string>();
  private leadCheck?: { at: number; answer: Promise<boolean> };
  private ticker?: NodeJS.Timeout;

  constructor(
    private readonly deps: Pick<ServiceDeps, 'stores' | 'logger' | 'database'>,
    private readonly events: EventBus,
    private readonly boss: PgBoss,
    readonly settings: RolloutSettings,
    readonly contexts: ConnectionContexts,
  ) {
    this.stores = deps.stores;
    this.logger = deps.logger;
  }

  get stopping(): boolean {
    return this.isStopping;
  }

  async start(): Promise<void> {
    await this.boss.createQueue(ROLLOUT_QUEUE, { name: ROLLOUT_QUEUE, policy: 'short' });
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
      this.ticker = setInterval(() => void this.tick().catch((e) => this.logger.warn({ err: e }, 'roll-out presence check failed')), every);
    }
  }

  /** Lanes finish the person they hold, give back what they claimed, and hand their job to another replica. */
  async stop(): Promise<void> {
    this.isStopping = true;
    if (this.ticker) clearInterval(this.ticker);
    await Promise.all(this.workerIds.map((id) => this.boss.offWork({ id } as never).catch(() => undefined)));
    await Promise.allSettled([...this.running]);
    for (const p of this.lastProgress.values()) if (p.timer) clearTimeout(p.timer);
  }

  /** Asks this replica's workers to look for jobs now (a roll-out was started, resumed or joined). */
  wake(): void {
    if (this.isStopping) return;
    for (const id of this.workerIds) this.boss.notifyWorker(id);
  }

  /** Queues every shard's job of a roll-out, in the caller's transaction (it starts or resumes the roll-out). */
  async enqueue(tx: AppDb, rolloutId: string): Promise<void> {
    for (let shard = 0; shard < this.settings.jobs; shard++) await this.sendJob(rolloutId, shard, tx);
  }

  /**
   * Queues the job's next slice. A join beside the lead one ends with its slice instead: the presence tick joins
   * again when this replica has no job of the roll-out, so restarts never add jobs that live as long as it runs.
   */
  async handOver(data: JobData): Promise<void> {
    if (data.shard < -1) return;
    await this.sendJob(data.rolloutId, data.shard, undefined, data.key);
  }

  /**
   * A lead waits for a worker (another roll-out's first job): a job that is not its roll-out's lead gives its worker
   * at once, a lead once it has run CONTENDED_SLICE_MS (its successor queues behind the waiting lead).
   */
  leadWaiting(data: JobData, startedAt: number): Promise<boolean> {
    const now = Date.now();
    if (isLead(data.shard) && now - startedAt < CONTENDED_SLICE_MS) return Promise.resolve(false);
    if (this.leadCheck && now - this.leadCheck.at < STEP_ASIDE_CHECK_MS) return this.leadCheck.answer;
    const answer = this.deps.database
      .rawQuery<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${bossSchemaOf(this.deps.database)}.job WHERE name = $1 AND state < 'active' AND priority >= $2 AND start_after <= now()`,
        [ROLLOUT_QUEUE, LEAD],
      )
      .then((rows) => (rows[0]?.n ?? 0) > 0)
      .catch(() => false);
    this.leadCheck = { at: now, answer };
    return answer;
  }

  private async sendJob(rolloutId: string, shard: number, tx?: AppDb, key = `${rolloutId}:${shard}`): Promise<void> {
    await this.boss.send(ROLLOUT_QUEUE, { rolloutId, shard, key } satisfies JobData, {
      singletonKey: key,
      priority: isLead(shard) ? LEAD : 0,
      retryLimit: 1000,
      retryDelay: 1,
      // A job runs one slice, then finishes its people in flight: past this it is presumed dead and retried.
      expireInSeconds: this.settings.sliceSeconds + this.settings.leaseSeconds + 60,
      ...(tx ? { db: jobDbOf(tx) } : {}),
    });
  }

  private async tick(): Promise<void> {
    if (this.isStopping) return;
    this.stats.ticks++;
    let joined = 0;
    const running = await this.stores.rollouts.running();
    for (const r of running) {
      if ((this.localJobs.get(r.id) ?? 0) > 0) continue;
      await this.sendJob(r.id, -1, undefined, `${r.id}:join:${this.owner}:0`);
      joined++;
    }
    // Counted by the crash tests (a take-over within a few ticks), so at debug level.
    this.logger.debug({ tick: this.stats.ticks, running: running.length, joined }, 'roll-out presence tick');
    if (joined) this.wake();
  }

  /**
   * At start, this replica joins every running roll-out with jobs of its own keys. After a hard kill the dead
   * replica's jobs stay active in pg-boss until they expire (slice + lease + 60 s); these let a restarted service
   * continue at once, and take over the people the dead one held when their lease ends. Redundant jobs cost
   * nothing: claims keep them from working on the same person.
   */
  private async joinRunning(): Promise<void> {
    for (const r of await this.stores.rollouts.running()) {
      for (let i = 0; i < this.settings.workers; i++) await this.sendJob(r.id, -1 - i, undefined, `${r.id}:join:${this.owner}:${i}`);
    }
    this.wake();
  }

  private async runJob(data: JobData): Promise<void> {
    const key = data.key ?? `${data.rolloutId}:${data.shard}`;
    // pg-boss retried a job this replica still runs (it outlived its expiry): the run in progress goes on alone.
    if (this.runningKeys.has(key)) return;
    const [row] = await this.stores.rollouts.byIds(null, [data.rolloutId]);
    if (!row || row.status !== 'RUNNING' || this.isStopping) return;
    this.localJobs.set(row.id, (this.localJobs.get(row.id) ?? 0) + 1);
    this.runningKeys.add(key);
    try {
      const run = await JobRun.open(this, row, data);
      await run.run();
    } finally {
      this.runningKeys.delete(key);
      const n = (this.localJobs.get(row.id) ?? 1) - 1;
      if (n > 0) this.localJobs.set(row.id, n);
      else this.localJobs.delete(row.id);
    }
  }

  pacerFor(vendor: RecordingVendor, ctx: ConnectionContext, rate: number): SharedPacer {
    const burst = vendor.requestPace?.(ctx).burst ?? 1;
    const key = `${ctx.connectionId}:${rate}:${burst}`;
    let p = this.pacers.get(key);
    if (!p) {
      p = new SharedPacer(this.stores.requestSchedule, ctx.connectionId, rate, burst);
      this.pacers.set(key, p);
    }
    return p;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Progress events

  async publish(db: AppDb, row: Pick<RolloutRow, 'id' | 'tenantId'>, kind: string): Promise<void> {
    await this.events.publish(db, { tenantId: row.tenantId, type: 'POLICY_ROLLOUT', kind, id: row.id });
  }

  /** At most one PROGRESS event per interval per roll-out from this replica; the last change is never lost. */
  progress(row: Pick<RolloutRow, 'id' | 'tenantId'>): void {
    const every = this.settings.progressIntervalMs;
    const p = this.lastProgress.get(row.id) ?? { at: 0 };
    this.lastProgress.set(row.id, p);
    if (p.timer) return;
    const send = () => {
      p.timer = undefined;
      p.at = Date.now();
      void this.publish(this.stores.db, row, 'PROGRESS').catch(() => undefined);
    };
    const wait = p.at + every - Date.now();
    if (wait <= 0) send();
    else p.timer = setTimeout(send, wait);
  }
}

/** Shard 0 of a start and the first join of each replica (shard -1) lead their roll-out (see LEAD). */
function isLead(shard: number): boolean {
  return shard === 0 || shard === -1;
}
