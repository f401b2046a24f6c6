import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { AppError } from '../../src/domain/errors';
import { createSignalwireAdapter, type SignalwireAdapter } from '../../src/vendors/signalwire/adapter';
import {
  createSignalwireEmulator,
  SIGNALWIRE_DEFAULT_API_TOKEN,
  SIGNALWIRE_DEFAULT_PROJECT_ID,
  type SignalwireEmulator,
} from '../../src/sandbox/signalwire/emulator';
import type { Emulator } from '../../src/sandbox/common';
import type { ConnectionContext, VendorRecordingStatus } from '../../src/vendors/port';
import { runLiveContract } from './live-contract';
import { checkAgainstSpec, type SpecCheck } from './spec-validator';
import { TEST_HTTP_SETTINGS } from './policy-contract';

const asSw = (e: Emulator<unknown>) => e as unknown as SignalwireEmulator;

const connection = (emulator: Emulator<unknown>, credentials?: Record<string, string>): ConnectionContext => ({
  connectionId: 'conn-signalwire',
  tenantId: 'tenant-1',
  baseUrl: emulator.apiBaseUrl,
  settings: {},
  credentials: credentials ?? { projectId: SIGNALWIRE_DEFAULT_PROJECT_ID, apiToken: SIGNALWIRE_DEFAULT_API_TOKEN },
});

const STATUS: Record<string, VendorRecordingStatus> = { 'in-progress': 'IN_PROGRESS', paused: 'PAUSED', stopped: 'STOPPED' };
const isStart = (e: { method: string; path: string }) => e.method === 'POST' && /\/Calls\/[^/]+\/Recordings(\.json)?$/.test(e.path);

runLiveContract({
  kind: 'SIGNALWIRE',
  createEmulator: () => createSignalwireEmulator({ rateLimit: null }) as unknown as Emulator<unknown>,
  createAdapter: (options) => createSignalwireAdapter(options, { startLookupDelayMs: 0 }),
  connection,
  newCall: (emulator) => asSw(emulator).createCall().sid,
  refusedCall: (emulator) => {
    const sw = asSw(emulator);
    const call = sw.createCall();
    sw.hangup(call.sid);
    return { callId: call.sid, message: /Invalid call state/ };
  },
  vendorStatus: (emulator, rec) => {
    const r = asSw(emulator).recording(rec.recordingId ?? '');
    return r ? STATUS[r.status]! : 'NONE';
  },
  recordingsOnCall: (emulator, callId) => [...asSw(emulator).state.recordings.values()].filter((r) => r.callSid === callId).length,
  isStartRequest: isStart,
  pauseBehaviors: ['SKIP', 'SILENCE'],
  pauseOfPausedRefused: false,
  pauseRepeatedAfter5xx: true,
  lostStartAnswer: 'found',
  badCredentials: { projectId: SIGNALWIRE_DEFAULT_PROJECT_ID, apiToken: 'PTwrong0token0value' },
});

describe('SignalWire adapter specifics', () => {
  let emulator: SignalwireEmulator;
  let conn: ConnectionContext;
  const starts = () => emulator.requests().entries.filter(isStart);
  const adapterWith = (total: number, lookupDelay: number): SignalwireAdapter =>
    createSignalwireAdapter({ settings: { ...TEST_HTTP_SETTINGS, totalTimeoutMs: total } }, { startLookupDelayMs: lookupDelay });

  let spec: SpecCheck;
  before(async () => {
    emulator = createSignalwireEmulator({ rateLimit: null });
    await emulator.listen(0, '127.0.0.1');
    spec = checkAgainstSpec('signalwire', emulator as unknown as Emulator<unknown>);
    await spec.ready;
  });
  after(async () => {
    spec.stop();
    await emulator.close();
  });
  afterEach(() => spec.assertClean());
  beforeEach(() => {
    emulator.reset({ state: true });
    conn = connection(emulator as unknown as Emulator<unknown>);
  });

  it('after a start times out, looks the call up and adopts the recording that landed: one start, one recording', async () => {
    const call = emulator.createCall();
    // The first start is processed after 400 ms; the adapter gives up after 150 ms and looks up 500 ms later.
    emulator.faults.inject({ latencyMs: 400, latencyCount: 1, match: { method: 'POST' } });
    const adapter = adapterWith(150, 500);
    const rec = await adapter.live.startRecording(conn, { callId: call.sid });
    assert.equal(rec.status, 'IN_PROGRESS');
    assert.equal(starts().length, 1);
    assert.equal(emulator.startsPerCall()[call.sid], 1);
    const lookups = emulator.requests().entries.filter((e) => e.method === 'GET');
    assert.equal(lookups.length, 1, 'one lookup of the call recordings');
    assert.ok(lookups[0]!.seq > starts()[0]!.seq);
  });

  it('when the lookup finds nothing (the connection was reset before processing), starts once more', async () => {
    const call = emulator.createCall();
    emulator.faults.inject({ resetConnections: 1, match: { method: 'POST' } });
    const rec = await adapterWith(2_000, 0).live.startRecording(conn, { callId: call.sid });
    assert.equal(rec.status, 'IN_PROGRESS');
    assert.deepEqual(
      starts().map((e) => e.status),
      [0, 201],
    );
    assert.equal(emulator.startsPerCall()[call.sid], 1, 'one recording started');
  });

  it('gives up after the second unknown outcome, with two starts at most', async () => {
    const call = emulator.createCall();
    emulator.faults.inject({ resetConnections: 5, match: { method: 'POST' } });
    await assert.rejects(
      adapterWith(2_000, 0).live.startRecording(conn, { callId: call.sid }),
      (e: unknown) => e instanceof AppError && e.code === 'VENDOR_UNAVAILABLE',
    );
    assert.equal(starts().length, 2);
  });

  it('sends form-encoded RecordingChannels=dual and reads channels, duration and RFC 2822 times back', async () => {
    const call = emulator.createCall();
    const adapter = adapterWith(2_000, 0);
    const rec = await adapter.live.startRecording(conn, { callId: call.sid, channels: 2 });
    assert.deepEqual(starts()[0]!.body, { RecordingChannels: 'dual' });
    assert.equal(rec.channels, 2);
    assert.equal(rec.durationSeconds, 0);
    assert.ok(rec.startedAt instanceof Date && !Number.isNaN(rec.startedAt.getTime()));
    const fetched = await adapter.live.fetchRecording(conn, { callId: call.sid, recordingId: rec.recordingId });
    assert.equal(fetched?.recordingId, rec.recordingId);
    assert.equal(await adapter.live.fetchRecording(conn, { callId: call.sid, recordingId: '00000000-0000-4000-8000-000000000000' }), null);
    const newest = await adapter.live.fetchRecording(conn, { callId: call.sid });
    assert.equal(newest?.recordingId, rec.recordingId);
  });

  it('a stop whose answer was lost is read back instead of repeated', async () => {
    const call = emulator.createCall();
    const adapter = adapterWith(2_000, 0);
    const rec = await adapter.live.startRecording(conn, { callId: call.sid });
    emulator.faults.inject({ truncated: 1 });
    const stopped = await adapter.live.updateRecording(conn, { callId: call.sid, recordingId: rec.recordingId }, { kind: 'stop' });
    assert.equal(stopped.status, 'STOPPED');
    const updates = emulator.requests().entries.filter((e) => e.method === 'POST' && /Recordings\/[^/]+$/.test(e.path));
    assert.equal(updates.length, 1, 'the stop was sent once');
  });

  it('hands out the media URL on the Space host with Basic auth; the WAV downloads once the recording stopped', async () => {
    const call = emulator.createCall();
    const adapter = adapterWith(2_000, 0);
    const rec = await adapter.live.startRecording(conn, { callId: call.sid });
    const stopped = await adapter.live.updateRecording(conn, { callId: call.sid, recordingId: rec.recordingId }, { kind: 'stop' });
    const media = await adapter.live.recordingMedia(conn, { callId: call.sid, recordingId: rec.recordingId });
    assert.equal(new URL(media.url).origin, new URL(conn.baseUrl).origin);
    assert.equal(stopped.mediaUrl, media.url);
    assert.match(media.headers['Authorization'] ?? '', /^Basic /);
    const res = await fetch(media.url, { headers: media.headers });
    assert.equal(res.status, 200);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(bytes.subarray(0, 4).toString('ascii'), 'RIFF');
    assert.equal(bytes.subarray(8, 12).toString('ascii'), 'WAVE');
  });

  it('tests the connection with the account fetch, and maps a wrong token to VENDOR_AUTH_FAILED', async () => {
    const adapter = adapterWith(2_000, 0);
    await adapter.testConnection(conn);
    await assert.rejects(
      adapter.testConnection(
        connection(emulator as unknown as Emulator<unknown>, { projectId: SIGNALWIRE_DEFAULT_PROJECT_ID, apiToken: 'nope-nope' }),
      ),
      (e: unknown) => e instanceof AppError && e.code === 'VENDOR_AUTH_FAILED' && e.details.vendorCode === 20003,
    );
  });
});
