import type { AuditAction } from '../domain/audit';
import { randomUUID } from 'node:crypto';
import type { Principal } from '../domain/principal';
import { AppError, badInput, notFound } from '../domain/errors';
import { LIVE_STATUSES, nextStatus, type LiveActionKind, type LiveStatus } from '../domain/live-recording';
import type { LiveRecordingRow } from '../store/schema';
import type { Page, PageArgs } from '../store/pagination';
import type { LiveRecordingFilter, LiveRecordingPatch } from '../store/live-recording.store';
import type { LiveAction, LiveRecordingPort, PauseBehavior, VendorRecordingState } from '../vendors/port';
import { getVendor } from '../vendors/registry';
import type { ConnectionService } from './connection.service';
import type { EventBus } from '../store/event-bus';
import type { ServiceDeps } from './deps';
import { storedError } from './vendor-errors';

/** A lease is renewed every third of it while its vendor call runs, so a dead holder's work is taken within LEASE_MS. */
const LEASE_MS = 15_000;
const LEASE_WAIT_MS = 20_000;

export interface LiveRecoverySettings {
  /** How often each replica looks for intents whose holder died (0: only when asked). */
  intervalMs: number;
  leaseMs: number;
  batch: number;
}

export const DEFAULT_LIVE_RECOVERY: LiveRecoverySettings = { intervalMs: 5_000, leaseMs: LEASE_MS, batch: 20 };

const isUnknownOutcome = (e: unknown) => e instanceof AppError && e.code === 'VENDOR_UNAVAILABLE';

function patchFrom(state: VendorRecordingState): LiveRecordingPatch {
  return {
    vendorRecordingId: state.recordingId,
    status: state.status,
    ...(state.pauseBehavior !== undefined ? { pauseBehavior: state.pauseBehavior } : {}),
    ...(state.channels != null ? { channels: state.channels } : {}),
    ...(state.durationSeconds != null ? { durationSeconds: Math.round(state.durationSeconds) } : {}),
    ...(state.startedAt ? { startedAt: state.startedAt } : {}),
    ...(state.endedAt ? { endedAt: state.endedAt } : {}),
    ...(state.mediaUrl ? { mediaUrl: state.mediaUrl } : {}),
    lastError: null,
  };
}

/** What the audit trail keeps of a recording. */
function auditView(r: LiveRecordingRow) {
  return { id: r.id, callId: r.callId, vendorRecordingId: r.vendorRecordingId, status: r.status, pauseBehavior: r.pauseBehavior, version: r.version };
}

const EVENT_KIND: Record<LiveActionKind, string> = { pause: 'PAUSED', resume: 'RESUMED', stop: 'STOPPED' };

/**
 * Live recordings. The stored status only ever follows the vendor's answer. Actions on one recording are
 * serialised by a short lease in PostgreSQL (across replicas) and a queue in this process, and the transition is
 * checked against the fresh state under the lease: a transition that has become invalid never reaches the vendor.
 */
export class LiveRecordingService {
  private readonly queues = new Map<string, Promise<unknown>>();
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<unknown> | null = null;
  private readonly recovery: LiveRecoverySettings;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly connections: ConnectionService,
    private readonly events: EventBus,
    recovery: Partial<LiveRecoverySettings> = {},
  ) {
    this.recovery = { ...DEFAULT_LIVE_RECOVERY, ...recovery };
  }

  /** Runs a recovery pass now and then every intervalMs, on every replica (rows are leased, so passes never collide). */
  async startRecovery(): Promise<void> {
    await this.recoverOnce().catch((err: unknown) => this.deps.logger.warn({ err }, 'live recording recovery pass failed'));
    if (this.recovery.intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      if (this.pass) return;
      this.pass = this.recoverOnce()
        .catch((err: unknown) => this.deps.logger.warn({ err }, 'live recording recovery pass failed'))
        .finally(() => (this.pass = null));
    }, this.recovery.intervalMs);
    this.timer.unref();
  }

  async stopRecovery(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.pass;
  }

  /** Keeps a lease alive while a vendor call runs; the returned function stops it. */
  private keepLease(id: string, token: string): () => void {
    const { stores } = this.deps;
    const t = setInterval(
      () => void stores.liveRecordings.renew(stores.db, id, token, this.recovery.leaseMs).catch(() => undefined),
      Math.max(50, this.recovery.leaseMs / 3),
    );
    t.unref();
    return () => clearInterval(t);
  }

  async start(
    actor: Principal,
    input: { connectionId: string; callId: string; channels?: number | null },
    requestId?: string,
  ): Promise<LiveRecordingRow> {
    actor.require('recording:live');
    const { stores } = this.deps;
    const { record, ctx } = await this.connections.vendorContext(actor, input.connectionId, requestId);
    const vendor = getVendor(record.vendor);
    const live = vendor.live;
    if (!live?.capabilities.start) {
      throw new AppError('VENDOR_UNSUPPORTED_FIELD', `${vendor.displayName} cannot start a recording on a call`, {
        vendor: vendor.kind,
        field: 'connectionId',
        fields: [{ path: ['input', 'connectionId'], message: `${vendor.displayName} has no live recording control` }],
      });
    }
    // Intent before effect: the row (STARTING, with the token chosen for this start, leased to us) is committed
    // before the vendor is asked. A crash after this point leaves a row the recovery pass settles with the vendor.
    const token = randomUUID();
    const intent = await stores.liveRecordings.insert(stores.db, {
      id: randomUUID(),
      tenantId: record.tenantId,
      connectionId: record.id,
      vendor: record.vendor,
      callId: input.callId,
      status: 'STARTING',
      // Version 1 is the first state the vendor confirmed; the intent is version 0.
      version: 0,
      channels: input.channels ?? null,
      startToken: token,
      lockToken: token,
      lockUntil: new Date(Date.now() + this.recovery.leaseMs),
    });
    const stopRenewing = this.keepLease(intent.id, token);
    let state: VendorRecordingState;
    try {
      state = await live.startRecording(ctx, { callId: input.callId, channels: input.channels ?? undefined });
    } catch (e) {
      stopRenewing();
      if (isUnknownOutcome(e)) {
        // Not known whether it started: the row stays STARTING for the recovery pass, which asks the vendor.
        await stores.liveRecordings.release(stores.db, intent.id, token);
      } else {
        // The vendor refused: nothing started anywhere, so nothing stays written (a refusal is an error, not a row).
        await stores.liveRecordings.discardIntent(stores.db, intent.id, token);
      }
      throw e;
    }
    stopRenewing();
    const row = await stores.db.transaction(async (tx) => {
      const r = await stores.liveRecordings.releaseWith(tx, intent.id, token, {
        ...patchFrom(state),
        status: state.status,
        startedAt: state.startedAt ?? new Date(),
      });
      if (!r) return undefined;
      await this.events.publish(tx, { tenantId: r.tenantId, type: 'LIVE_RECORDING', kind: 'STARTED', id: r.id, version: r.version });
      await stores.audit.record(tx, {
        tenantId: r.tenantId,
        actor: actor.subject,
        action: 'live_recording.start',
        targetType: 'LiveRecording',
        targetId: r.id,
        after: auditView(r),
        outcome: { vendorStatus: state.status },
        requestId,
      });
      return r;
    });
    if (row) return row;
    // The lease ran out under us and recovery settled the row from the vendor's own answer: that row is the truth.
    const [settled] = await stores.liveRecordings.byIds(null, [intent.id]);
    return settled!;
  }

  pause(actor: Principal, id: string, behavior: PauseBehavior, requestId?: string) {
    return this.act(actor, id, { kind: 'pause', behavior }, requestId);
  }

  resume(actor: Principal, id: string, requestId?: string) {
    return this.act(actor, id, { kind: 'resume' }, requestId);
  }

  stop(actor: Principal, id: string, requestId?: string) {
    return this.act(actor, id, { kind: 'stop' }, requestId);
  }

  private async act(actor: Principal, id: string, action: LiveAction, requestId?: string): Promise<LiveRecordingRow> {
    actor.require('recording:live');
    const scope = actor.tenantFilter();
    const [row] = await this.deps.stores.liveRecordings.byIds(scope, [id]);
    if (!row) throw notFound('LiveRecording', id);
    const vendor = getVendor(row.vendor);
    const live = vendor.live;
    if (!live?.capabilities[action.kind]) {
      throw new AppError('VENDOR_UNSUPPORTED_FIELD', `${vendor.displayName} cannot ${action.kind} a recording`, { vendor: vendor.kind });
    }
    const caps = live.capabilities;
    if (action.kind === 'pause' && !caps.pauseBehaviors.includes(action.behavior)) {
      throw new AppError(
        'VENDOR_UNSUPPORTED_FIELD',
        `${vendor.displayName} cannot pause with ${action.behavior}; it supports ${caps.pauseBehaviors.join(', ') || 'no choice of behaviour'}`,
        {
          vendor: vendor.kind,
          field: 'behavior',
          fields: [{ path: ['input', 'behavior'], message: `not supported by ${vendor.displayName}` }],
        },
      );
    }
    // Fail fast on the state we just read; the authoritative check happens again under the lease.
    nextStatus(row.status as LiveStatus, action.kind);
    return this.serialise(id, () => this.actUnderLease(scope, row, live, action, actor.subject, requestId));
  }

  private serialise<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.queues.get(id) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const tail = run.catch(() => undefined);
    this.queues.set(id, tail);
    void tail.then(() => {
      if (this.queues.get(id) === tail) this.queues.delete(id);
    });
    return run;
  }

  private async acquire(id: string, token: string, intent?: LiveAction): Promise<LiveRecordingRow> {
    const { stores } = this.deps;
    const deadline = Date.now() + LEASE_WAIT_MS;
    const pending = intent ? { kind: intent.kind, ...(intent.kind === 'pause' ? { behavior: intent.behavior } : {}), token } : undefined;
    for (let wait = 10; ; wait = Math.min(wait * 2, 200)) {
      const fresh = await stores.liveRecordings.acquire(stores.db, id, token, this.recovery.leaseMs, pending);
      if (fresh) return fresh;
      if (Date.now() > deadline)
        throw new AppError('CONFLICT', 'Another action on this recording is still in progress; try again', { retryable: true });
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  private async actUnderLease(
    scope: readonly string[] | null,
    row: LiveRecordingRow,
    live: LiveRecordingPort,
    action: LiveAction,
    subject: string,
    requestId?: string,
  ): Promise<LiveRecordingRow> {
    const { stores } = this.deps;
    const token = randomUUID();
    // The intent (this action) is written with the lease, before the vendor call (intent before effect).
    const fresh = await this.acquire(row.id, token, action);
    let released = false;
    let outcomeUnknown = false;
    let stopRenewing = () => undefined as void;
    try {
      nextStatus(fresh.status as LiveStatus, action.kind);
      stopRenewing = this.keepLease(fresh.id, token);
      const { ctx } = await this.connections.vendorContextForScope(scope, fresh.connectionId, requestId);
      let state: VendorRecordingState;
      try {
        state = await live.updateRecording(ctx, { callId: fresh.callId, recordingId: fresh.vendorRecordingId }, action);
      } catch (e) {
        // The vendor refused or failed: keep its view if we can read it, record the error, and report the refusal.
        const actual = await live.fetchRecording?.(ctx, { callId: fresh.callId, recordingId: fresh.vendorRecordingId }).catch(() => null);
        if (!actual && isUnknownOutcome(e)) {
          // Whether the action happened is unknown and the vendor cannot be read now: the intent stays for recovery.
          outcomeUnknown = true;
          throw e;
        }
        const updated = await stores.db.transaction(async (tx) => {
          const r = await stores.liveRecordings.releaseWith(tx, fresh.id, token, { ...(actual ? patchFrom(actual) : {}), lastError: storedError(e) });
          if (r && actual && actual.status !== fresh.status) {
            await this.events.publish(tx, { tenantId: r.tenantId, type: 'LIVE_RECORDING', kind: 'UPDATED', id: r.id, version: r.version });
          }
          await stores.audit.record(tx, {
            tenantId: fresh.tenantId,
            actor: subject,
            action: `live_recording.${action.kind}`,
            targetType: 'LiveRecording',
            targetId: fresh.id,
            before: auditView(fresh),
            after: r ? auditView(r) : null,
            outcome: { ok: false, error: storedError(e) },
            requestId,
          });
          return r;
        });
        released = true;
        void updated;
        throw e;
      }
      const updated = await stores.db.transaction(async (tx) => {
        const r = await stores.liveRecordings.releaseWith(tx, fresh.id, token, {
          ...patchFrom(state),
          ...(action.kind === 'pause' ? { pauseBehavior: state.pauseBehavior ?? action.behavior } : {}),
          ...(state.status === 'STOPPED' && !state.endedAt ? { endedAt: new Date() } : {}),
        });
        if (r) {
          await this.events.publish(tx, {
            tenantId: r.tenantId,
            type: 'LIVE_RECORDING',
            kind: EVENT_KIND[action.kind],
            id: r.id,
            version: r.version,
          });
          await stores.audit.record(tx, {
            tenantId: r.tenantId,
            actor: subject,
            action: `live_recording.${action.kind}`,
            targetType: 'LiveRecording',
            targetId: r.id,
            before: auditView(fresh),
            after: auditView(r),
            outcome: { ok: true, vendorStatus: state.status },
            requestId,
          });
        }
        return r;
      });
      released = true;
      if (!updated) throw new AppError('CONFLICT', 'The recording changed while the vendor call was under way; reload it');
      return updated;
    } finally {
      stopRenewing();
      if (!released) await stores.liveRecordings.release(stores.db, fresh.id, token, outcomeUnknown).catch(() => undefined);
    }
  }

  /**
   * One recovery pass: every row whose intent is unsettled and whose holder's lease ran out (the holder died, or the
   * vendor's answer was unknown) is settled with the vendor. A STARTING row becomes the recording the vendor has for
   * it (adopted) or FAILED_TO_START (it never happened); a pending action takes the state the vendor reports. A vendor
   * that is unavailable leaves the row for the next pass: unavailable is not failed.
   */
  async recoverOnce(): Promise<{ adopted: number; neverStarted: number; settled: number; waiting: number }> {
    const { stores, logger } = this.deps;
    const tally = { adopted: 0, neverStarted: 0, settled: 0, waiting: 0 };
    const token = randomUUID();
    const rows = await stores.liveRecordings.claimUnsettled(token, this.recovery.leaseMs, this.recovery.batch);
    for (const row of rows) {
      try {
        const kind = await this.settleRow(row, token);
        tally[kind] += 1;
      } catch (err) {
        tally.waiting += 1;
        logger.warn({ err, liveRecordingId: row.id, status: row.status }, 'live recording intent not settled yet; retrying on the next pass');
        await stores.liveRecordings.release(stores.db, row.id, token, true).catch(() => undefined);
      }
    }
    return tally;
  }

  private async settleRow(row: LiveRecordingRow, token: string): Promise<'adopted' | 'neverStarted' | 'settled'> {
    const { stores, logger } = this.deps;
    const vendor = getVendor(row.vendor);
    const { ctx } = await this.connections.vendorContextForScope(null, row.connectionId);
    const audit = (tx: Parameters<typeof stores.audit.record>[0], r: LiveRecordingRow | undefined, action: AuditAction, outcome: unknown) =>
      stores.audit.record(tx, {
        tenantId: row.tenantId,
        actor: 'system:recovery',
        action,
        targetType: 'LiveRecording',
        targetId: row.id,
        before: auditView(row),
        after: r ? auditView(r) : null,
        outcome,
      });
    if (row.status === 'STARTING') {
      const claimed = await stores.liveRecordings.claimedOnCall(row.connectionId, row.callId);
      const found = vendor.live ? await vendor.live.settleStart(ctx, { callId: row.callId, channels: row.channels ?? undefined }, claimed) : null;
      return stores.db.transaction(async (tx) => {
        const r = found
          ? await stores.liveRecordings.releaseWith(tx, row.id, token, {
              ...patchFrom(found),
              status: found.status,
              startedAt: found.startedAt ?? row.createdAt,
            })
          : await stores.liveRecordings.releaseWith(tx, row.id, token, {
              status: 'FAILED_TO_START',
              failureReason: 'The start never reached the vendor: it holds no recording of ours on this call',
            });
        if (r)
          await this.events.publish(tx, {
            tenantId: r.tenantId,
            type: 'LIVE_RECORDING',
            kind: found ? 'STARTED' : 'UPDATED',
            id: r.id,
            version: r.version,
          });
        await audit(tx, r, 'live_recording.start.recovered', found ? { adopted: true, vendorStatus: found.status } : { adopted: false });
        logger.info(
          { liveRecordingId: row.id, adopted: !!found },
          found ? 'recovered a start: adopted the vendor recording' : 'recovered a start: it never happened',
        );
        return found ? ('adopted' as const) : ('neverStarted' as const);
      });
    }
    const pending = row.pendingAction!;
    const action: LiveAction =
      pending.kind === 'pause' ? { kind: 'pause', behavior: (pending.behavior ?? 'SILENCE') as PauseBehavior } : { kind: pending.kind };
    const now = vendor.live ? await vendor.live.settleAction(ctx, { callId: row.callId, recordingId: row.vendorRecordingId }, action) : null;
    return stores.db.transaction(async (tx) => {
      const patch: LiveRecordingPatch = now
        ? {
            ...patchFrom(now),
            ...(now.status === 'STOPPED' && !now.endedAt && row.status !== 'STOPPED' ? { endedAt: new Date() } : {}),
            ...(now.status === 'PAUSED' ? { pauseBehavior: now.pauseBehavior ?? row.pauseBehavior } : {}),
          }
        : {};
      const r = await stores.liveRecordings.releaseWith(tx, row.id, token, patch);
      if (r && r.status !== row.status)
        await this.events.publish(tx, { tenantId: r.tenantId, type: 'LIVE_RECORDING', kind: 'UPDATED', id: r.id, version: r.version });
      await audit(tx, r, `live_recording.${pending.kind}.recovered`, { vendorStatus: now?.status ?? null });
      return 'settled' as const;
    });
  }

  /** Asks the vendor for the recording's current state and stores it (e.g. after the call hung up). */
  async refresh(actor: Principal, id: string, requestId?: string): Promise<LiveRecordingRow> {
    actor.require('recording:read');
    const scope = actor.tenantFilter();
    const [row] = await this.deps.stores.liveRecordings.byIds(scope, [id]);
    if (!row) throw notFound('LiveRecording', id);
    const live = getVendor(row.vendor).live;
    if (!live?.fetchRecording || row.status === 'STARTING' || row.status === 'FAILED_TO_START') return row;
    const fetchRecording = live.fetchRecording.bind(live);
    return this.serialise(id, async () => {
      const { stores } = this.deps;
      const token = randomUUID();
      const fresh = await this.acquire(id, token);
      const { ctx } = await this.connections.vendorContextForScope(scope, fresh.connectionId, requestId);
      let state: VendorRecordingState | null;
      try {
        state = await fetchRecording(ctx, { callId: fresh.callId, recordingId: fresh.vendorRecordingId });
      } catch (e) {
        await stores.liveRecordings.release(stores.db, id, token);
        throw e;
      }
      return stores.db.transaction(async (tx) => {
        const r = await stores.liveRecordings.releaseWith(tx, id, token, state ? patchFrom(state) : {});
        if (r && state && state.status !== fresh.status)
          await this.events.publish(tx, { tenantId: r.tenantId, type: 'LIVE_RECORDING', kind: 'UPDATED', id: r.id, version: r.version });
        return r ?? fresh;
      });
    });
  }

  /** The stored recording as it is now (a subscription's event names it): a fresh read, no loader cache. */
  async current(actor: Principal, id: string): Promise<LiveRecordingRow | undefined> {
    const [row] = await this.deps.stores.liveRecordings.byIds(actor.tenantFilter(), [id]);
    return row;
  }

  async page(actor: Principal, tenantId: string, filter: LiveRecordingFilter, args: PageArgs): Promise<Page<LiveRecordingRow>> {
    actor.require('recording:read');
    if (filter.status && !(LIVE_STATUSES as readonly string[]).includes(filter.status))
      throw badInput([{ path: ['status'], message: 'unknown status' }]);
    return this.deps.stores.liveRecordings.page(actor.tenantFilter(), tenantId, filter, args);
  }
}
