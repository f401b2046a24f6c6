import { randomUUID } from 'node:crypto';
import type { Principal } from '../server/auth';
import { AppError, badInput, notFound } from '../domain/errors';
import { nextStatus, type LiveActionKind, type LiveStatus } from '../domain/live-recording';
import type { VendorKind } from '../domain/vendor-kind';
import type { LiveRecordingRow } from '../store/schema';
import type { Page, PageArgs } from '../store/pagination';
import type { LiveRecordingFilter, LiveRecordingPatch } from '../store/live-recording.store';
import type { LiveAction, PauseBehavior, VendorRecordingState } from '../vendors/port';
import { getVendor } from '../vendors/registry';
import type { ConnectionService } from './connection.service';
import type { EventBus } from './event-bus';
import type { ServiceDeps } from './index';
import { storedError } from './vendor-errors';

const LEASE_MS = 30_000;
const LEASE_WAIT_MS = 20_000;

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

  constructor(
    private readonly deps: ServiceDeps,
    private readonly connections: ConnectionService,
    private readonly events: EventBus,
  ) {}

  async start(actor: Principal, input: { connectionId: string; callId: string; channels?: number | null }, requestId?: string): Promise<LiveRecordingRow> {
    actor.require('recording:live');
    const { stores } = this.deps;
    const { record, ctx } = await this.connections.vendorContext(actor, input.connectionId, requestId);
    const vendor = getVendor(record.vendor as VendorKind);
    if (!vendor.capabilities.liveRecording?.start || !vendor.startRecording) {
      throw new AppError('VENDOR_UNSUPPORTED_FIELD', `${vendor.displayName} cannot start a recording on a call`, {
        vendor: vendor.kind,
        field: 'connectionId',
        fields: [{ path: ['input', 'connectionId'], message: `${vendor.displayName} has no live recording control` }],
      });
    }
    const state = await vendor.startRecording(ctx, { callId: input.callId, channels: input.channels ?? undefined });
    return stores.db.transaction(async (tx) => {
      const row = await stores.liveRecordings.insert(tx, {
        id: randomUUID(),
        tenantId: record.tenantId,
        connectionId: record.id,
        vendor: record.vendor,
        callId: input.callId,
        ...patchFrom(state),
        status: state.status,
        startedAt: state.startedAt ?? new Date(),
      });
      await this.events.publish(tx, { tenantId: row.tenantId, type: 'LIVE_RECORDING', kind: 'STARTED', id: row.id, version: row.version });
      await stores.audit.record(tx, { tenantId: row.tenantId, actor: actor.subject, action: 'live_recording.start', targetType: 'LiveRecording', targetId: row.id, after: auditView(row), outcome: { vendorStatus: state.status }, requestId });
      return row;
    });
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
    const vendor = getVendor(row.vendor as VendorKind);
    const caps = vendor.capabilities.liveRecording;
    if (!caps?.[action.kind] || !vendor.updateRecording) {
      throw new AppError('VENDOR_UNSUPPORTED_FIELD', `${vendor.displayName} cannot ${action.kind} a recording`, { vendor: vendor.kind });
    }
    if (action.kind === 'pause' && !caps.pauseBehaviors.includes(action.behavior)) {
      throw new AppError('VENDOR_UNSUPPORTED_FIELD', `${vendor.displayName} cannot pause with ${action.behavior}; it supports ${caps.pauseBehaviors.join(', ') || 'no choice of behaviour'}`, {
        vendor: vendor.kind,
        field: 'behavior',
        fields: [{ path: ['input', 'behavior'], message: `not supported by ${vendor.displayName}` }],
      });
    }
    // Fail fast on the state we just read; the authoritative check happens again under the lease.
    nextStatus(row.status as LiveStatus, action.kind);
    return this.serialise(id, () => this.actUnderLease(scope, row, action, actor.subject, requestId));
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

  private async acquire(id: string, token: string): Promise<LiveRecordingRow> {
    const { stores } = this.deps;
    const deadline = Date.now() + LEASE_WAIT_MS;
    for (let wait = 10; ; wait = Math.min(wait * 2, 200)) {
      const fresh = await stores.liveRecordings.acquire(stores.db, id, token, LEASE_MS);
      if (fresh) return fresh;
      if (Date.now() > deadline) throw new AppError('CONFLICT', 'Another action on this recording is still in progress; try again', { retryable: true });
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  private async actUnderLease(scope: readonly string[] | null, row: LiveRecordingRow, action: LiveAction, subject: string, requestId?: string): Promise<LiveRecordingRow> {
    const { stores } = this.deps;
    const token = randomUUID();
    const fresh = await this.acquire(row.id, token);
    let released = false;
    try {
      nextStatus(fresh.status as LiveStatus, action.kind);
      const { ctx } = await this.connections.vendorContextForScope(scope, fresh.connectionId, requestId);
      const vendor = getVendor(fresh.vendor as VendorKind);
      let state: VendorRecordingState;
      try {
        state = await vendor.updateRecording!(ctx, { callId: fresh.callId, recordingId: fresh.vendorRecordingId }, action);
      } catch (e) {
        // The vendor refused or failed: keep its view if we can read it, record the error, and report the refusal.
        const actual = await vendor.fetchRecording?.(ctx, { callId: fresh.callId, recordingId: fresh.vendorRecordingId }).catch(() => null);
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
          await this.events.publish(tx, { tenantId: r.tenantId, type: 'LIVE_RECORDING', kind: EVENT_KIND[action.kind], id: r.id, version: r.version });
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
      if (!released) await stores.liveRecordings.release(stores.db, fresh.id, token).catch(() => undefined);
    }
  }

  /** Asks the vendor for the recording's current state and stores it (e.g. after the call hung up). */
  async refresh(actor: Principal, id: string, requestId?: string): Promise<LiveRecordingRow> {
    actor.require('recording:read');
    const scope = actor.tenantFilter();
    const [row] = await this.deps.stores.liveRecordings.byIds(scope, [id]);
    if (!row) throw notFound('LiveRecording', id);
    const vendor = getVendor(row.vendor as VendorKind);
    if (!vendor.fetchRecording) return row;
    return this.serialise(id, async () => {
      const { stores } = this.deps;
      const token = randomUUID();
      const fresh = await this.acquire(id, token);
      const { ctx } = await this.connections.vendorContextForScope(scope, fresh.connectionId, requestId);
      let state: VendorRecordingState | null;
      try {
        state = await vendor.fetchRecording!(ctx, { callId: fresh.callId, recordingId: fresh.vendorRecordingId });
      } catch (e) {
        await stores.liveRecordings.release(stores.db, id, token);
        throw e;
      }
      return stores.db.transaction(async (tx) => {
        const r = await stores.liveRecordings.releaseWith(tx, id, token, state ? patchFrom(state) : {});
        if (r && state && state.status !== fresh.status) await this.events.publish(tx, { tenantId: r.tenantId, type: 'LIVE_RECORDING', kind: 'UPDATED', id: r.id, version: r.version });
        return r ?? fresh;
      });
    });
  }

  async page(actor: Principal, tenantId: string, filter: LiveRecordingFilter, args: PageArgs): Promise<Page<LiveRecordingRow>> {
    actor.require('recording:read');
    if (filter.status && !['IN_PROGRESS', 'PAUSED', 'STOPPED'].includes(filter.status)) throw badInput([{ path: ['status'], message: 'unknown status' }]);
    return this.deps.stores.liveRecordings.page(actor.tenantFilter(), tenantId, filter, args);
  }
}
