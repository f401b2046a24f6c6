import { createWebexAdapter } from '../../src/vendors/webex/adapter';
import { createWebexEmulator, WEBEX_DEFAULT_TOKEN, type WebexEmulator } from '../../src/sandbox/webex/emulator';
import type { Emulator } from '../../src/sandbox/common';
import type { ConnectionContext } from '../../src/vendors/port';
import { runLiveContract } from './live-contract';

const asWebex = (e: Emulator<unknown>) => e as unknown as WebexEmulator;

const connection = (emulator: Emulator<unknown>, credentials?: Record<string, string>): ConnectionContext => ({
  connectionId: 'conn-webex-live',
  tenantId: 'tenant-1',
  baseUrl: emulator.apiBaseUrl,
  settings: {},
  credentials: credentials ?? { accessToken: WEBEX_DEFAULT_TOKEN },
});

/** Person 0 records on demand (start/stop allowed); person 1 never records. */
const callFor = (emulator: Emulator<unknown>, index: number, record: 'On Demand with User Initiated Start' | 'Never') => {
  const webex = asWebex(emulator);
  const personId = webex.personId(index);
  webex.setSettings(personId, { enabled: record !== 'Never', record });
  return webex.createCall({ personId }).callId;
};

const STATUS = { none: 'NONE', recording: 'IN_PROGRESS', paused: 'PAUSED', stopped: 'STOPPED' } as const;

runLiveContract({
  kind: 'WEBEX',
  createEmulator: () => createWebexEmulator({ people: 5, rateLimit: null }) as unknown as Emulator<unknown>,
  createAdapter: (options) => createWebexAdapter(options),
  connection,
  newCall: (emulator) => callFor(emulator, 0, 'On Demand with User Initiated Start'),
  refusedCall: (emulator) => ({ callId: callFor(emulator, 1, 'Never'), message: /only valid when the call recording mode is "On Demand"/ }),
  vendorStatus: (emulator, rec) => STATUS[asWebex(emulator).call(rec.callId)?.recording ?? 'none'],
  // Webex has one recording per call: a call whose recording ever started counts as one.
  recordingsOnCall: (emulator, callId) =>
    asWebex(emulator)
      .call(callId)
      ?.history.some((h) => h.action === 'startRecording' && h.outcome === 204)
      ? 1
      : 0,
  isStartRequest: (e) => e.path.endsWith('/telephony/calls/startRecording'),
  pauseBehaviors: ['SKIP'],
  pauseOfPausedRefused: true,
  pauseRepeatedAfter5xx: false,
  lostStartAnswer: 'unknown',
  badCredentials: { accessToken: 'expired-or-wrong-token' },
});
