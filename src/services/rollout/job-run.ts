import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { AppError } from '../../domain/errors';
import { diffRules, type PolicyScope, type RecordingRules } from '../../domain/policy';
import { emptyStats, type AttemptEntry, type RolloutStatus } from '../../domain/rollout';
import type { Stores } from '../../store';
import type { AppDb } from '../../store/db';
import type { RolloutRow } from '../../store/rollout.store';
import type { StoredVendorError } from '../../store/schema';
import { sleep } from '../../vendors/http';
import type { ConnectionContext, RecordingVendor } from '../../vendors/port';
import { holdReason, holdsWork, retryAfterOf } from '../rollout-holds';
import type { SharedPacer } from '../rollout-pacer';
import { storedError } from '../vendor-errors';
import type { RolloutSettings } from './settings';

/** A pg-boss job of the roll-out queue: one shard of one roll-out. */
export interface JobData {
  rolloutId: string;
  shard: number;
  /** The job's singleton key, kept across hand-overs (default `<rollout>:<shard>`). */
  key?: string;
}

/** What this replica's workers did, counted by the tests (attempts, outcomes, waits, renewals, presence ticks). */
export interface RolloutCounters {
  items: number;
  written: number;
  alreadyInSync: number;
  failed: number;
  held: number;
  waits: number;
  leaseRenewals: number;
  ticks: number;
}

/** A connection's vendor and context, read afresh (credentials may have been fixed or the connection re-pointed). */
export type ConnectionContexts = (connectionId: string) => Promise<{ vendor: RecordingVendor; ctx: ConnectionContext }>;

/** What a job run takes from the worker that runs it (rollout/worker.ts): shared by every run in this replica. */
export interface JobHost {
  readonly stores: Stores;
  readonly logger: Logger;
  readonly settings: RolloutSettings;
  readonly stats: RolloutCounters;
  /** Names this replica's claims (two apps in one process are two replicas). */
  readonly owner: string;
  /** The replica is shutting down: lanes finish the person they hold and give the rest back. */
  readonly stopping: boolean;
  readonly contexts: ConnectionContexts;
  /** One pacer per connection and rate in this process; its slots come from the schedule every replica shares. */
  pacerFor(vendor: RecordingVendor, ctx: ConnectionContext, rate: number): SharedPacer;
  publish(db: AppDb, row: Pick<RolloutRow, 'id' | 'tenantId'>, kind: string): Promise<void>;
  /** At most one PROGRESS event per interval per roll-out from this replica. */
  progress(row: Pick<RolloutRow, 'id' | 'tenantId'>): void;
  /** Queues the job again (a fresh slice, possibly on another replica). */
  handOver(data: JobData): Promise<void>;
  /** Another roll-out's lead waits for a worker: this slice ends early (at once, or soon for a lead; looked up every few seconds). */
  leadWaiting(data: JobData, startedAt: number): Promise<boolean>;
  /** Called once a roll-out has finished (after its commit), on the replica that finished it. */
  readonly onFinished?: (rolloutId: string) => Promise<void>;
}

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

interface Claimed {
  personId: string;
  seq: number;
  attempts: number;
}

/** Directory pages while rolling out: small enough that work starts at once and a page's rows insert quickly. */
const LIST_PAGE_SIZE = 100;

/**
 * One slice of one job of a roll-out (../ROLLOUTS.md): `lanes` loops that claim pending people under a short lease,
 * read each person's settings, write them when they differ, and record the outcome; beside them the directory
 * listing (when nobody has walked it yet), a refresh of the roll-out's row and the lease renewal. The slice ends when
 * every person has an outcome (the run completes the roll-out), when the roll-out stops running, or after
 * `sliceSeconds` (the job is queued again). Everything the lanes share is a field here.
 */
export class JobRun {
  /** Unique per run of a job: two jobs in one process never share claims. */
  private readonly owner: string;
  private readonly leaseMs: number;
  private readonly startedAt = Date.now();
  private readonly rules: RecordingRules;
  private readonly watch: Watch;
  /** Re-read after a wait: the connection may have been fixed or re-pointed meanwhile. */
  private ctx: ConnectionContext;
  private ctxStale = false;
  private reloading?: Promise<void>;

  /** A lane found nobody left: the directory is listed and every person has an outcome. */
  private done = false;
  /** The slice ran out (or the replica stops) while the roll-out runs: a fresh job goes on. */
  private handover = false;
  /** Another roll-out's lead job waits for a worker: this one (not a lead) ends its slice now. */
  private steppingAside = false;

  /** People claimed for the lanes, not yet taken by one (one statement claims for every lane at once). */
  private readonly buffer: Claimed[] = [];
  private claiming?: Promise<void>;
  /** The last claim found nobody: lanes do not ask again before this instant (or before the listing adds people). */
  private emptyUntil = 0;
  private checking?: Promise<boolean>;
  /** People this job holds: claimed and not yet finished or given back. */
  private readonly inFlight = new Set<string>();
  /** People this job held whose lease a renewal no longer found (taken over): never written by this job. */
  private readonly lost = new Set<string>();
  private renewedAt = Date.now();
  private renewing = false;
  /** Idle lanes wait for this job's listing to add people (or a short poll for other workers' people). */
  private itemsArrived: (() => void)[] = [];

  private constructor(
    private readonly host: JobHost,
    private readonly row: RolloutRow,
    private readonly data: JobData,
    private readonly vendor: RecordingVendor,
    ctx: ConnectionContext,
    private readonly pacer: SharedPacer,
    private readonly deadline: number,
    owner: string,
  ) {
    this.owner = owner;
    this.leaseMs = host.settings.leaseSeconds * 1000;
    this.ctx = ctx;
    this.rules = row.rules as RecordingRules;
    this.watch = {
      status: row.status as RolloutStatus,
      listed: row.listed,
      generation: row.resumedAt.getTime(),
      waitingUntil: row.waitingUntil?.getTime() ?? 0,
      waiting: !!row.waitingSince,
    };
  }

  /** Reads the connection (its vendor and credentials) for one slice of a running roll-out. */
  static async open(host: JobHost, row: RolloutRow, data: JobData): Promise<JobRun> {
    const owner = `${host.owner}:${data.shard}:${randomUUID().slice(0, 8)}`;
    const deadline = Date.now() + host.settings.sliceSeconds * 1000;
    const { vendor, ctx } = await host.contexts(row.connectionId);
    return new JobRun(host, row, data, vendor, ctx, host.pacerFor(vendor, ctx, row.ratePerSecond), deadline, owner);
  }

  /** Runs the slice to its end: completes the roll-out, hands the shard over, or steps aside (paused, cancelled). */
  async run(): Promise<void> {
    const refresher = setInterval(() => void this.refresh().catch(() => undefined), 250);
    // Leases are short and renewed while the job lives: a dead replica's people are free within one lease, and a
    // person whose call is still running (a long Retry-After) stays with its worker however long that takes.
    const renewer = setInterval(() => void this.renewLeases(), this.leaseMs / 3);
    try {
      await Promise.all([this.list(), ...Array.from({ length: this.host.settings.lanes }, () => this.lane())]);
      await this.refresh();
      if (this.done && this.watch.status === 'RUNNING') {
        await this.finish();
      } else if ((this.handover || !this.watch.listed) && this.watch.status === 'RUNNING') {
        // Hand the shard over: a fresh job, possibly on another replica, continues where this one stopped.
        await this.host.handOver(this.data);
      }
    } finally {
      clearInterval(refresher);
      clearInterval(renewer);
      this.announceItems();
      this.itemsArrived = [];
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // What the job sees

  /** The roll-out no longer runs (paused, cancelled, finished, or a newer generation took over). */
  private halted(): boolean {
    return this.watch.status !== 'RUNNING';
  }

  /** Halted, or this replica is stopping: nothing more is written. */
  private stopped(): boolean {
    return this.halted() || this.host.stopping;
  }

  /** The slice is over: the lanes give their people back and a fresh job goes on. */
  private yielding(): boolean {
    return this.host.stopping || this.steppingAside || Date.now() > this.deadline;
  }

  private async refresh(): Promise<void> {
    const [now] = await this.host.stores.rollouts.byIds(null, [this.row.id]);
    if (now) {
      // A pause and resume between two looks starts a new generation of jobs (with fresh credentials): this one
      // steps aside as if it had seen the pause.
      this.watch.status = now.resumedAt.getTime() !== this.watch.generation ? 'PAUSED' : (now.status as RolloutStatus);
      this.watch.listed = now.listed;
      this.watch.waitingUntil = now.waitingUntil?.getTime() ?? 0;
      this.watch.waiting = !!now.waitingSince;
    }
    if (!this.steppingAside && (await this.host.leadWaiting(this.data, this.startedAt))) this.steppingAside = true;
  }

  private announceItems(): void {
    for (const w of this.itemsArrived.splice(0)) w();
  }

  /** Waits `ms`, or less if the listing adds people meanwhile. */
  private idle(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      this.itemsArrived.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Leases

  /** Extends the leases of the people (and the listing) this job holds; a person not found again is lost. */
  private async renewLeases(): Promise<void> {
    if (this.renewing) return;
    this.renewing = true;
    try {
      // The answer speaks for the people held when the statement ran: one claimed while it was on its way is
      // not in it and not lost. The leases run from then, so that is the time they were renewed.
      const asked = [...this.inFlight];
      const at = Date.now();
      const held = new Set(await this.host.stores.rollouts.renewLeases(this.row.id, this.owner, this.leaseMs));
      this.renewedAt = at;
      this.host.stats.leaseRenewals++;
      this.host.logger.debug({ rolloutId: this.row.id, held: held.size }, 'roll-out leases renewed');
      for (const id of asked) if (this.inFlight.has(id) && !held.has(id)) this.lost.add(id);
    } catch (e) {
      this.host.logger.warn({ err: e, rolloutId: this.row.id }, 'roll-out lease renewal failed');
    } finally {
      this.renewing = false;
    }
  }

  /**
   * Held past the point where another worker may have taken it (renewals failing, or the lease was lost): never
   * write then, the other worker does.
   */
  private stillHeld(personId: string): boolean {
    return !this.lost.has(personId) && Date.now() - this.renewedAt < (this.leaseMs * 2) / 3;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The directory

  /** Walks the vendor's directory into people rows, unless another worker does or it is done. */
  private async list(): Promise<void> {
    const { stores, logger } = this.host;
    const { row, watch } = this;
    while (!watch.listed && !this.halted() && !this.yielding()) {
      if (await this.waitForVendor()) continue;
      const lease = await stores.rollouts.takeListing(row.id, this.owner, this.leaseMs);
      if (!lease) {
        // Another worker walks the directory; take over only if its lease runs out.
        await sleep(500);
        continue;
      }
      try {
        let seq = 0;
        let complete = true;
        await this.freshContext();
        for await (const page of this.vendor.listPolicyScopes!(
          this.pacer.paced(this.ctx),
          { kind: 'PERSON', locationId: row.scope.locationId ?? null },
          { pageSize: LIST_PAGE_SIZE },
        )) {
          await stores.rollouts.insertItems(
            stores.db,
            row.id,
            page.map((s) => ({ personId: s.id, seq: seq++ })),
          );
          this.emptyUntil = 0;
          this.announceItems();
          this.host.progress(row);
          if (watch.waiting) await this.endWait();
          // The slice is bounded by the page too: a job that outlived its expiry would be retried while it runs.
          if (this.stopped() || this.yielding()) {
            complete = false;
            break;
          }
        }
        if (complete && (await stores.rollouts.finishListing(row.id, this.owner))) {
          watch.listed = true;
          this.host.progress(row);
        } else if (!complete) {
          await stores.rollouts.releaseListing(row.id, this.owner);
        }
      } catch (e) {
        const error = storedError(e);
        await stores.rollouts.listingFailed(row.id, this.owner, error);
        if (holdsWork(e)) {
          // The vendor, not the directory: wait (every worker does) and walk it again when the vendor is back.
          await this.hold(e);
          continue;
        }
        logger.warn({ rolloutId: row.id, code: error.code, message: error.message }, 'roll-out directory listing refused');
        // The scope itself was refused (a location that does not exist): nothing to do until someone decides.
        await this.pauseFor(error);
        watch.status = 'PAUSED';
        return;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Claims: the job's lanes share one claim. A statement takes people for every lane at once, and an empty answer
  // parks every lane until the listing adds people or a short poll passes, instead of each lane asking again.

  private claimMore(): Promise<void> {
    this.claiming ??= (async () => {
      const got = await this.host.stores.rollouts.claim(this.row.id, this.owner, this.host.settings.lanes, this.leaseMs);
      for (const g of got) this.inFlight.add(g.personId);
      this.buffer.push(...got);
      if (got.length === 0) this.emptyUntil = Date.now() + 200;
    })().finally(() => (this.claiming = undefined));
    return this.claiming;
  }

  /** The next person for a lane; undefined when nobody can be claimed now. */
  private async nextItem(): Promise<Claimed | undefined> {
    const lanes = this.host.settings.lanes;
    for (;;) {
      const item = this.buffer.shift();
      // Claimed a little ahead, so a lane that finishes never waits for the database to hand it the next person.
      const canClaim = !this.halted() && !this.yielding() && this.watch.waitingUntil <= Date.now();
      if (this.buffer.length < lanes / 2 && !this.claiming && Date.now() >= this.emptyUntil && canClaim) void this.claimMore().catch(() => undefined);
      if (item) return item;
      if (this.claiming) {
        await this.claiming;
        continue;
      }
      if (Date.now() < this.emptyUntil || !canClaim) return undefined;
      await this.claimMore();
    }
  }

  /** Gives back the people claimed and not yet taken by a lane. */
  private async giveBack(): Promise<void> {
    await this.claiming?.catch(() => undefined);
    const held = this.buffer.splice(0);
    await this.host.stores.rollouts.release(
      this.row.id,
      held.map((i) => i.personId),
      this.owner,
    );
    for (const i of held) this.inFlight.delete(i.personId);
  }

  /** Whether every person has an outcome (one look at a time for all lanes). */
  private allDone(): Promise<boolean> {
    this.checking ??= (async () => this.watch.listed && (await this.host.stores.rollouts.pendingState(this.row.id)).pending === 0)().finally(
      () => (this.checking = undefined),
    );
    return this.checking;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Lanes

  private async lane(): Promise<void> {
    const { stores } = this.host;
    for (;;) {
      if (this.halted() || this.yielding()) {
        if (!this.halted()) this.handover = true;
        await this.giveBack();
        return;
      }
      // The vendor is unavailable: people already claimed go back, nobody is tried until the next attempt time.
      if (this.watch.waitingUntil > Date.now()) {
        if (this.buffer.length) await this.giveBack();
        await this.waitForVendor();
        continue;
      }
      const item = await this.nextItem();
      if (!item) {
        if (await this.allDone()) {
          this.done = true;
          return;
        }
        // The directory is still being walked, or the last people are held by other workers (or the vendor waits).
        if (!(await this.waitForVendor())) await this.idle(200);
        this.emptyUntil = 0;
        continue;
      }
      try {
        if (this.stopped()) {
          await stores.rollouts.release(this.row.id, [item.personId], this.owner);
          continue;
        }
        await this.freshContext();
        await this.processPerson(item);
      } finally {
        this.inFlight.delete(item.personId);
        this.lost.delete(item.personId);
      }
    }
  }

  /** Read, compare, write if different, record: one person. */
  private async processPerson(item: Claimed): Promise<void> {
    const { stores, logger, stats } = this.host;
    const { row, vendor, rules, owner } = this;
    const count = { n: 0 };
    const paced = this.pacer.paced(this.ctx, count);
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
    stats.items++;
    try {
      const actual = await vendor.readPolicy!(paced, scope);
      const changes = diffRules(rules, actual);
      if (changes.length && (this.stopped() || !this.stillHeld(item.personId))) {
        // Paused (or this replica is stopping) between the read and the write: leave the write to the next run.
        await stores.rollouts.release(row.id, [item.personId], owner);
        return;
      }
      if (changes.length === 0) {
        stats.alreadyInSync++;
        await stores.rollouts.finishItem(row.id, item.personId, owner, { status: 'ALREADY_IN_SYNC', requests: count.n }, entry('ALREADY_IN_SYNC'));
      } else {
        await vendor.applyPolicy!(paced, scope, rules);
        stats.written++;
        await stores.rollouts.finishItem(row.id, item.personId, owner, { status: 'WRITTEN', requests: count.n, changes }, entry('WRITTEN'));
      }
      if (this.watch.waiting) await this.endWait();
    } catch (e) {
      const error = storedError(e);
      if (holdsWork(e)) {
        // Not an answer about this person: the roll-out waits first, then the person goes back, still pending.
        stats.held++;
        await this.hold(e);
        await stores.rollouts.holdItem(row.id, item.personId, owner, count.n, error, entry('WAITING', error));
      } else {
        stats.failed++;
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
    this.host.progress(row);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Holds: the vendor is unavailable for the whole roll-out

  /** Waits (at most a second) while the roll-out waits for the vendor; answers whether it was waiting. */
  private async waitForVendor(): Promise<boolean> {
    const left = this.watch.waitingUntil - Date.now();
    if (left <= 0) return false;
    // Whichever worker's call began the wait, the connection may be fixed meanwhile (reconnected, re-pointed):
    // every job reads it again before its next call, not only the one that met the failure.
    this.ctxStale = true;
    await this.idle(Math.min(left, 1000));
    return true;
  }

  /** After a wait the connection may have changed (credentials fixed, re-pointed): jobs read it again. */
  private async freshContext(): Promise<void> {
    if (!this.ctxStale) return;
    this.reloading ??= (async () => {
      try {
        this.ctx = (await this.host.contexts(this.row.connectionId)).ctx;
        this.ctxStale = false;
      } finally {
        this.reloading = undefined;
      }
    })();
    await this.reloading;
  }

  /**
   * The vendor is unavailable for this roll-out: it waits (every worker of every replica stops claiming until the
   * next attempt time), says why, and goes on by itself once an attempt after that time succeeds.
   */
  private async hold(e: unknown): Promise<void> {
    const { stores, logger, settings } = this.host;
    if (!(e instanceof AppError))
      logger.error({ err: e, rolloutId: this.row.id }, 'roll-out call failed unexpectedly; the roll-out waits and tries again');
    const reason = holdReason(e);
    const w = await stores.rollouts.startWaiting(this.row.id, reason, {
      minMs: settings.holdMinMs,
      maxMs: settings.holdMaxMs,
      retryAfterMs: retryAfterOf(e),
    });
    this.ctxStale = true;
    if (!w) return;
    this.watch.waitingUntil = Math.max(this.watch.waitingUntil, w.until.getTime());
    this.watch.waiting = true;
    if (w.began) {
      this.host.stats.waits++;
      logger.info(
        { rolloutId: this.row.id, code: reason.code, reason: reason.message, nextAttemptAt: w.until.toISOString() },
        'roll-out waiting: the vendor is unavailable',
      );
      await this.host.publish(stores.db, this.row, 'WAITING').catch(() => undefined);
    }
  }

  /** A call succeeded after the next attempt time: the wait ends (one caller over all replicas wins). */
  private async endWait(): Promise<void> {
    const { stores, logger } = this.host;
    const ended = await stores.rollouts.endWaiting(this.row.id);
    if (!ended) return;
    this.watch.waiting = false;
    this.watch.waitingUntil = 0;
    logger.info(
      { rolloutId: this.row.id, code: ended.code, waitedSeconds: Math.round((Date.now() - ended.since.getTime()) / 100) / 10 },
      'roll-out resumed: the vendor answers again',
    );
    await this.host.publish(stores.db, this.row, 'RESUMED').catch(() => undefined);
  }

  /** The worker pauses a roll-out whose scope the vendor refused, saying why in lastError. */
  private async pauseFor(error: StoredVendorError): Promise<void> {
    const { stores } = this.host;
    await stores.db.transaction(async (tx) => {
      const paused = await stores.rollouts.transition(tx, null, this.row.id, ['RUNNING'], 'PAUSED', error, this.row.resumedAt);
      if (paused) await this.host.publish(tx, paused, 'PAUSED');
    });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The end

  /** Every person has an outcome: completes the roll-out (one winner over all jobs), audits it, tells its owner. */
  private async finish(): Promise<void> {
    const { stores, logger } = this.host;
    const { row } = this;
    // Read before the transaction: on the embedded database a statement outside it would wait for it to end.
    const stats = (await stores.rollouts.stats(null, [row.id])).get(row.id) ?? emptyStats();
    let settled = false;
    await stores.db.transaction(async (tx) => {
      const finished = await stores.rollouts.complete(tx, row.id);
      settled = !!finished;
      if (finished) {
        await this.host.publish(tx, finished, finished.status);
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
    if (settled && this.host.onFinished)
      await this.host.onFinished(row.id).catch((e) => logger.warn({ err: e, rolloutId: row.id }, 'after-roll-out step failed'));
  }
}
