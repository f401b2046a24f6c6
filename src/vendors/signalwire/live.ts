import { AppError } from '../../domain/errors';
import type { VendorHttp } from '../http';
import type { ConnectionContext, LiveAction, LiveRecordingCapabilities, LiveRecordingPort, LiveRecordingRef, VendorRecordingState } from '../port';
import { SignalwireClient } from './client';
import { ACTIVE_STATUSES, toCreateForm, toRecordingState, toUpdateForm } from './mapping';
import type { SwRecording } from './wire';

/** Recordings on LaML calls (seed 003): started, paused with either behaviour, resumed and stopped by the API. */
export const SIGNALWIRE_LIVE_RECORDING: LiveRecordingCapabilities = {
  start: true,
  pause: true,
  resume: true,
  stop: true,
  pauseBehaviors: ['SKIP', 'SILENCE'],
};

export interface SignalwireLiveOptions {
  /**
   * After a start whose outcome is unknown (timeout, reset, lost answer), wait this long before listing the call's
   * recordings, so a request still being processed at SignalWire has landed. Default 500 ms.
   */
  startLookupDelayMs?: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const isUnavailable = (e: unknown): e is AppError => e instanceof AppError && e.code === 'VENDOR_UNAVAILABLE';

/** SignalWire's live recording sub-port (the adapter's `live`): Call Recordings of the LaML REST API. */
export class SignalwireLiveRecording implements LiveRecordingPort {
  readonly capabilities = SIGNALWIRE_LIVE_RECORDING;
  private readonly startLookupDelayMs: number;

  constructor(
    private readonly http: VendorHttp,
    options: SignalwireLiveOptions = {},
  ) {
    this.startLookupDelayMs = options.startLookupDelayMs ?? 500;
  }

  private client(conn: ConnectionContext): SignalwireClient {
    return new SignalwireClient(this.http, conn);
  }

  /**
   * Starts at most one recording per call of ours: after an answer that leaves the outcome unknown, the call's
   * recordings are listed first, and an active API-started one is adopted instead of starting another; only when
   * there is none is the start sent again, once.
   */
  async startRecording(conn: ConnectionContext, call: { callId: string; channels?: number }): Promise<VendorRecordingState> {
    const client = this.client(conn);
    const form = toCreateForm(call, conn.settings);
    const state = (rec: SwRecording) => toRecordingState(rec, (sid) => client.mediaUrl(sid));
    for (let attempt = 1; ; attempt += 1) {
      try {
        return state(await client.createCallRecording(call.callId, form));
      } catch (e) {
        if (!isUnavailable(e)) throw e;
        if (this.startLookupDelayMs > 0) await sleep(this.startLookupDelayMs);
        let list;
        try {
          list = await client.listRecordings(call.callId);
        } catch {
          throw e;
        }
        const started = list.recordings.find((r) => r.source.toLowerCase() === 'startcallrecordingapi' && ACTIVE_STATUSES.has(r.status));
        if (started) return state(started);
        if (attempt >= 2) throw e;
      }
    }
  }

  async updateRecording(conn: ConnectionContext, ref: LiveRecordingRef, action: LiveAction): Promise<VendorRecordingState> {
    const client = this.client(conn);
    const sid = requireSid(ref);
    const behavior = action.kind === 'pause' ? action.behavior : null;
    const state = (rec: SwRecording) => toRecordingState(rec, (s) => client.mediaUrl(s), behavior);
    try {
      return state(await client.updateCallRecording(ref.callId, sid, toUpdateForm(action)));
    } catch (e) {
      // A stop that may have been applied: read the recording before reporting a failure.
      if (!isUnavailable(e) || action.kind !== 'stop') throw e;
      let rec: SwRecording;
      try {
        rec = await client.retrieveRecording(sid);
      } catch {
        throw e;
      }
      const now = state(rec);
      if (now.status === 'STOPPED') return now;
      throw e;
    }
  }

  /** The recording named by the ref; without a recording id, the call's newest. Null when SignalWire has none. */
  async fetchRecording(conn: ConnectionContext, ref: LiveRecordingRef): Promise<VendorRecordingState | null> {
    const client = this.client(conn);
    const state = (rec: SwRecording) => toRecordingState(rec, (s) => client.mediaUrl(s));
    try {
      if (ref.recordingId) {
        const rec = await client.retrieveRecording(ref.recordingId);
        return rec.call_sid && rec.call_sid !== ref.callId ? null : state(rec);
      }
      const first = (await client.listRecordings(ref.callId)).recordings[0];
      return first ? state(first) : null;
    } catch (e) {
      if (e instanceof AppError && e.code === 'VENDOR_REJECTED' && e.details['httpStatus'] === 404) return null;
      throw e;
    }
  }

  /**
   * The call's API-started recording that no row of ours holds yet (list_recordings filtered by CallSid, newest
   * first). SignalWire takes no client token on a start, so the call and "not claimed" are what identify ours.
   */
  async settleStart(conn: ConnectionContext, call: { callId: string }, claimed: readonly string[]): Promise<VendorRecordingState | null> {
    const client = this.client(conn);
    const taken = new Set(claimed);
    const list = await client.listRecordings(call.callId);
    const ours = list.recordings.find(
      (r) => r.source.toLowerCase() === 'startcallrecordingapi' && !taken.has(r.sid) && (!r.call_sid || r.call_sid === call.callId),
    );
    return ours ? toRecordingState(ours, (s) => client.mediaUrl(s)) : null;
  }

  /** Re-reads the recording: its status is what the action did, or did not, change. */
  async settleAction(conn: ConnectionContext, ref: LiveRecordingRef, action: LiveAction): Promise<VendorRecordingState | null> {
    const now = await this.fetchRecording(conn, ref);
    if (now && now.status === 'PAUSED' && action.kind === 'pause') return { ...now, pauseBehavior: action.behavior };
    return now;
  }

  /** The Space's own media URL (.wav) with the connection's Basic auth; media exists once the recording stopped. */
  async recordingMedia(conn: ConnectionContext, ref: LiveRecordingRef): Promise<{ url: string; headers: Record<string, string> }> {
    const client = this.client(conn);
    const format = conn.settings['mediaFormat'] === 'mp3' ? 'mp3' : 'wav';
    return { url: client.mediaUrl(requireSid(ref), format), headers: client.authHeaders() };
  }
}

function requireSid(ref: LiveRecordingRef): string {
  if (!ref.recordingId) {
    throw new AppError('BAD_USER_INPUT', 'A SignalWire recording is addressed by its recording sid', {
      field: 'recordingId',
      fields: [{ path: ['recordingId'], message: 'required for SignalWire' }],
    });
  }
  return ref.recordingId;
}
