import { AppError } from '../../domain/errors';
import type { VendorHttp } from '../http';
import type { ConnectionContext, LiveAction, LiveRecordingCapabilities, LiveRecordingPort, LiveRecordingRef, VendorRecordingState } from '../port';
import { WebexClient } from './client';
import type { WebexCallControlBody } from './wire';

/**
 * Webex Calling call control recording (specs/webex/call-control-recording.json): `POST /telephony/calls/
 * {start,stop,pause,resume}Recording` with `{callId, lineOwnerId?}`, 204 and no body. Kept apart from the policy code
 * of this folder: adapter.ts holds it as its `live` sub-port (webexLiveRecording).
 *
 * Webex has no recording id: the call id names the recording. The caller cannot choose what a pause does; Webex's
 * converged-recordings docs say "when the recording is paused in a call, the recording does not contain the pause",
 * which is SKIP.
 */
const WEBEX_LIVE_RECORDING: LiveRecordingCapabilities = {
  start: true,
  pause: true,
  resume: true,
  stop: true,
  pauseBehaviors: ['SKIP'],
};

function bodyOf(conn: ConnectionContext, callId: string): WebexCallControlBody {
  // lineOwnerId: the person, workspace or virtual line whose secondary line carries the call (connection setting).
  return conn.settings['lineOwnerId'] ? { callId, lineOwnerId: conn.settings['lineOwnerId'] } : { callId };
}

function stateAfter(callId: string, status: VendorRecordingState['status']): VendorRecordingState {
  return {
    callId,
    recordingId: null,
    status,
    pauseBehavior: status === 'PAUSED' ? 'SKIP' : null,
    channels: null,
    durationSeconds: null,
    mediaUrl: null,
  };
}

async function webexStartRecording(
  http: VendorHttp,
  conn: ConnectionContext,
  call: { callId: string; channels?: number },
): Promise<VendorRecordingState> {
  if (call.channels !== undefined && call.channels !== 1) {
    throw new AppError('VENDOR_UNSUPPORTED_FIELD', 'Webex Calling call control cannot choose the number of channels', {
      vendor: 'WEBEX',
      field: 'channels',
      fields: [{ path: ['channels'], message: 'Webex Calling records with its own channel layout' }],
    });
  }
  await new WebexClient(http, conn).callControl('startRecording', bodyOf(conn, call.callId));
  return stateAfter(call.callId, 'IN_PROGRESS');
}

async function webexUpdateRecording(
  http: VendorHttp,
  conn: ConnectionContext,
  ref: LiveRecordingRef,
  action: LiveAction,
): Promise<VendorRecordingState> {
  if (action.kind === 'pause' && !WEBEX_LIVE_RECORDING.pauseBehaviors.includes(action.behavior)) {
    throw new AppError(
      'VENDOR_UNSUPPORTED_FIELD',
      `Webex Calling cannot pause with ${action.behavior}: a paused stretch is left out of the recording (SKIP)`,
      {
        vendor: 'WEBEX',
        field: 'behavior',
        fields: [{ path: ['behavior'], message: 'Webex Calling supports SKIP only' }],
      },
    );
  }
  const client = new WebexClient(http, conn);
  const body = bodyOf(conn, ref.callId);
  switch (action.kind) {
    case 'pause':
      await client.callControl('pauseRecording', body);
      return stateAfter(ref.callId, 'PAUSED');
    case 'resume':
      await client.callControl('resumeRecording', body);
      return stateAfter(ref.callId, 'IN_PROGRESS');
    case 'stop':
      await client.callControl('stopRecording', body);
      return stateAfter(ref.callId, 'STOPPED');
  }
}

/**
 * Webex's call control cannot be read back (no GET of a call's recording state), but a repeat of an action that
 * was already applied is refused with a message that says so ("already being recorded", "not being recorded", "not
 * paused"). Recovery therefore sends the intended action again: either it applies now, or the refusal proves it had
 * been applied. Any other refusal means the intended state is not there (null: keep what is stored).
 */
const ALREADY: Record<LiveAction['kind'] | 'start', RegExp> = {
  start: /already being recorded/i,
  pause: /not being recorded/i,
  resume: /not paused/i,
  stop: /not being recorded/i,
};

async function settle(
  kind: LiveAction['kind'] | 'start',
  send: () => Promise<VendorRecordingState>,
  intended: VendorRecordingState,
): Promise<VendorRecordingState | null> {
  try {
    return await send();
  } catch (e) {
    if (e instanceof AppError && e.code === 'VENDOR_REJECTED' && ALREADY[kind].test(String(e.details['vendorMessage'] ?? ''))) return intended;
    if (e instanceof AppError && e.code === 'VENDOR_REJECTED') return null;
    throw e;
  }
}

function webexSettleStart(
  http: VendorHttp,
  conn: ConnectionContext,
  call: { callId: string; channels?: number },
): Promise<VendorRecordingState | null> {
  return settle('start', () => webexStartRecording(http, conn, call), stateAfter(call.callId, 'IN_PROGRESS'));
}

function webexSettleAction(
  http: VendorHttp,
  conn: ConnectionContext,
  ref: LiveRecordingRef,
  action: LiveAction,
): Promise<VendorRecordingState | null> {
  const target = action.kind === 'pause' ? 'PAUSED' : action.kind === 'resume' ? 'IN_PROGRESS' : 'STOPPED';
  return settle(action.kind, () => webexUpdateRecording(http, conn, ref, action), stateAfter(ref.callId, target));
}

/**
 * The adapter's `live` sub-port. `authed` runs every call, settling ones included, with the connection's live access
 * token (renewed once on a 401); Webex has no read of a recording and hands out no media, so fetchRecording and recordingMedia are absent.
 */
export function webexLiveRecording(
  http: VendorHttp,
  authed: <T>(conn: ConnectionContext, run: (conn: ConnectionContext) => Promise<T>) => Promise<T>,
): LiveRecordingPort {
  return {
    capabilities: WEBEX_LIVE_RECORDING,
    startRecording: (conn, call) => authed(conn, (c) => webexStartRecording(http, c, call)),
    updateRecording: (conn, ref, action) => authed(conn, (c) => webexUpdateRecording(http, c, ref, action)),
    // Recovery sends with the live token too: an integration stores no access token, only what renews one.
    settleStart: (conn, call) => authed(conn, (c) => webexSettleStart(http, c, call)),
    settleAction: (conn, ref, action) => authed(conn, (c) => webexSettleAction(http, c, ref, action)),
  };
}
