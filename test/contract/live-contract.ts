import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { AppError } from '../../src/domain/errors';
import type { VendorKind } from '../../src/domain/vendor-kind';
import type { AdapterHttpOptions } from '../../src/vendors/http';
import {
  PAUSE_BEHAVIORS,
  type ConnectionContext,
  type LiveRecordingPort,
  type PauseBehavior,
  type RecordingVendor,
  type VendorRecordingState,
  type VendorRecordingStatus,
} from '../../src/vendors/port';
import type { Emulator } from '../../src/sandbox/common';
import type { LoggedRequest } from '../../src/sandbox/common/request-log';
import { TEST_HTTP_SETTINGS } from './policy-contract';
import { specCheckFor, type SpecCheck } from './spec-validator';

/**
 * The one contract suite for live recording control (start, pause, resume, stop), run by every adapter that declares
 * capabilities.liveRecording against its emulator over HTTP. Counts requests at the emulator; never looks at the clock.
 */
export interface LiveContractFixture {
  kind: VendorKind;
  createEmulator(): Emulator<unknown>;
  createAdapter(options: AdapterHttpOptions): RecordingVendor;
  connection(emulator: Emulator<unknown>, credentials?: Record<string, string>): ConnectionContext;
  /** A call in progress at the emulator on which the adapter may start a recording. */
  newCall(emulator: Emulator<unknown>): string;
  /** A call in progress on which the vendor refuses to start a recording, and what its refusal says. */
  refusedCall(emulator: Emulator<unknown>): { callId: string; message: RegExp };
  /** The recording's status as the emulator holds it (read from its state, not through the adapter). */
  vendorStatus(emulator: Emulator<unknown>, rec: VendorRecordingState): VendorRecordingStatus | 'NONE';
  /** How many recordings the emulator holds for the call. */
  recordingsOnCall(emulator: Emulator<unknown>, callId: string): number;
  isStartRequest(entry: LoggedRequest): boolean;
  pauseBehaviors: PauseBehavior[];
  /** Whether the vendor refuses a pause of a paused recording (SignalWire: no-op; Webex: 400). */
  pauseOfPausedRefused: boolean;
  /** Whether a pause answered 503 is repeated by the HTTP layer (safe at the vendor) or left to the caller. */
  pauseRepeatedAfter5xx: boolean;
  /** After the start was processed but its answer was lost: does the adapter find the recording, or report it unknown? */
  lostStartAnswer: 'found' | 'unknown';
  badCredentials: Record<string, string>;
}

async function rejects(p: Promise<unknown>, code: string): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof AppError, `expected an AppError, got ${String(e)}`);
    assert.equal(e.code, code, `expected ${code}, got ${e.code}: ${e.message}`);
    return e;
  }
  assert.fail(`expected ${code}, but the call succeeded`);
}

function assertNoLeak(err: AppError, conn: ConnectionContext) {
  const text = JSON.stringify({ message: err.message, details: err.details });
  assert.ok(!/https?:\/\//.test(text), `error leaks a URL: ${text}`);
  for (const secret of Object.values(conn.credentials))
    if (secret && secret.length >= 6) assert.ok(!text.includes(secret), `error leaks a credential: ${text}`);
}

export function runLiveContract(fixture: LiveContractFixture): void {
  describe(`${fixture.kind} live recording contract`, () => {
    let emulator: Emulator<unknown>;
    let adapter: RecordingVendor;
    /** The adapter's live recording sub-port. */
    let port: LiveRecordingPort;
    let conn: ConnectionContext;
    const total = () => emulator.requests().counts.total;
    const starts = () => emulator.requests().entries.filter(fixture.isStartRequest);

    let spec: SpecCheck | null = null;

    before(async () => {
      emulator = fixture.createEmulator();
      await emulator.listen(0, '127.0.0.1');
      spec = specCheckFor(fixture.kind, emulator);
      await spec?.ready;
    });
    after(async () => {
      spec?.stop();
      await emulator.close();
      if (spec) assert.ok(spec.checked > 0, 'the spec check saw the exchanges');
    });
    // Published specs (Webex, SignalWire): every request the adapter sent and every answer, test by test.
    afterEach(async () => {
      await spec?.assertClean();
    });
    beforeEach(() => {
      emulator.reset({ state: true });
      adapter = fixture.createAdapter({ settings: TEST_HTTP_SETTINGS });
      assert.ok(adapter.live, `${fixture.kind} has a live recording sub-port`);
      port = adapter.live;
      conn = fixture.connection(emulator);
    });

    it('declares live recording capabilities', () => {
      const live = adapter.capabilities.liveRecording;
      assert.ok(live);
      assert.deepEqual(
        { start: live.start, pause: live.pause, resume: live.resume, stop: live.stop },
        { start: true, pause: true, resume: true, stop: true },
      );
      assert.deepEqual([...live.pauseBehaviors].sort(), [...fixture.pauseBehaviors].sort());
      assert.equal(live, port.capabilities, 'the capabilities are those of the live sub-port');
    });

    it('starts, pauses, resumes and stops, one vendor request each, the vendor agreeing at every step', async () => {
      const callId = fixture.newCall(emulator);
      const behavior: PauseBehavior = fixture.pauseBehaviors.includes('SILENCE') ? 'SILENCE' : fixture.pauseBehaviors[0]!;
      const started = await port.startRecording(conn, { callId });
      assert.equal(started.status, 'IN_PROGRESS');
      assert.equal(started.callId, callId);
      assert.equal(fixture.vendorStatus(emulator, started), 'IN_PROGRESS');
      const ref = { callId, recordingId: started.recordingId };

      const paused = await port.updateRecording(conn, ref, { kind: 'pause', behavior });
      assert.equal(paused.status, 'PAUSED');
      assert.equal(paused.pauseBehavior, behavior);
      assert.equal(fixture.vendorStatus(emulator, paused), 'PAUSED');

      const resumed = await port.updateRecording(conn, ref, { kind: 'resume' });
      assert.equal(resumed.status, 'IN_PROGRESS');
      assert.equal(fixture.vendorStatus(emulator, resumed), 'IN_PROGRESS');

      const stopped = await port.updateRecording(conn, ref, { kind: 'stop' });
      assert.equal(stopped.status, 'STOPPED');
      assert.equal(fixture.vendorStatus(emulator, stopped), 'STOPPED');
      assert.equal(total(), 4, 'exactly one vendor request per action');
      assert.equal(fixture.recordingsOnCall(emulator, callId), 1);
    });

    it('refuses a pause behaviour the vendor lacks with no vendor request', async () => {
      const missing = PAUSE_BEHAVIORS.filter((b) => !fixture.pauseBehaviors.includes(b));
      const callId = fixture.newCall(emulator);
      const started = await port.startRecording(conn, { callId });
      const before = total();
      for (const behavior of missing) {
        await rejects(
          port.updateRecording(conn, { callId, recordingId: started.recordingId }, { kind: 'pause', behavior }),
          'VENDOR_UNSUPPORTED_FIELD',
        );
      }
      assert.equal(total(), before);
    });

    it('maps a transition the vendor refuses (resume after stop) to VENDOR_REJECTED after one request', async () => {
      const callId = fixture.newCall(emulator);
      const started = await port.startRecording(conn, { callId });
      const ref = { callId, recordingId: started.recordingId };
      await port.updateRecording(conn, ref, { kind: 'stop' });
      const before = total();
      const err = await rejects(port.updateRecording(conn, ref, { kind: 'resume' }), 'VENDOR_REJECTED');
      assert.equal(total(), before + 1, 'a refusal is not retried');
      assert.ok(err.details.vendorMessage, 'the vendor message reaches the error');
      assertNoLeak(err, conn);
      assert.equal(fixture.vendorStatus(emulator, started), 'STOPPED');
    });

    it(`pausing a paused recording is ${fixture.pauseOfPausedRefused ? 'refused' : 'a no-op'} at the vendor`, async () => {
      const callId = fixture.newCall(emulator);
      const behavior = fixture.pauseBehaviors[0]!;
      const started = await port.startRecording(conn, { callId });
      const ref = { callId, recordingId: started.recordingId };
      await port.updateRecording(conn, ref, { kind: 'pause', behavior });
      if (fixture.pauseOfPausedRefused) await rejects(port.updateRecording(conn, ref, { kind: 'pause', behavior }), 'VENDOR_REJECTED');
      else assert.equal((await port.updateRecording(conn, ref, { kind: 'pause', behavior })).status, 'PAUSED');
      assert.equal(fixture.vendorStatus(emulator, started), 'PAUSED');
    });

    it('passes the vendor refusal of a start through with its message', async () => {
      const { callId, message } = fixture.refusedCall(emulator);
      const err = await rejects(port.startRecording(conn, { callId }), 'VENDOR_REJECTED');
      assert.match(String(err.details.vendorMessage), message);
      assert.equal(starts().length, 1);
      assert.equal(fixture.recordingsOnCall(emulator, callId), 0);
    });

    it('reports bad credentials as VENDOR_AUTH_FAILED after one request, leaking nothing', async () => {
      const bad = fixture.connection(emulator, fixture.badCredentials);
      const err = await rejects(port.startRecording(bad, { callId: fixture.newCall(emulator) }), 'VENDOR_AUTH_FAILED');
      assert.equal(total(), 1);
      assertNoLeak(err, bad);
    });

    it('waits out 429 + Retry-After and repeats even a start (429 means not processed)', async () => {
      const callId = fixture.newCall(emulator);
      emulator.faults.inject({ rateLimit: { count: 1, retryAfterSeconds: 1 } });
      const started = await port.startRecording(conn, { callId });
      assert.equal(started.status, 'IN_PROGRESS');
      assert.deepEqual(
        starts().map((e) => (e.status >= 200 && e.status < 300 ? 'ok' : e.status)),
        [429, 'ok'],
      );
      assert.equal(fixture.recordingsOnCall(emulator, callId), 1);
    });

    it(`a pause answered 503 is ${fixture.pauseRepeatedAfter5xx ? 'repeated (safe at this vendor)' : 'not repeated (unsafe at this vendor)'}`, async () => {
      const callId = fixture.newCall(emulator);
      const started = await port.startRecording(conn, { callId });
      const before = total();
      emulator.faults.inject({ errors: { count: 1, status: 503 } });
      const pause = port.updateRecording(conn, { callId, recordingId: started.recordingId }, { kind: 'pause', behavior: fixture.pauseBehaviors[0]! });
      if (fixture.pauseRepeatedAfter5xx) {
        assert.equal((await pause).status, 'PAUSED');
        assert.equal(total(), before + 2);
      } else {
        await rejects(pause, 'VENDOR_UNAVAILABLE');
        assert.equal(total(), before + 1);
      }
    });

    it('never sends a second start blindly when the answer to the first was lost', async () => {
      const callId = fixture.newCall(emulator);
      emulator.faults.inject({ truncated: 1 });
      if (fixture.lostStartAnswer === 'found') {
        const found = await port.startRecording(conn, { callId });
        assert.equal(found.status, 'IN_PROGRESS');
        assert.equal(fixture.vendorStatus(emulator, found), 'IN_PROGRESS');
      } else {
        const err = await rejects(port.startRecording(conn, { callId }), 'VENDOR_UNAVAILABLE');
        assert.equal(err.details.retryable, true);
      }
      assert.equal(starts().length, 1, 'one start request at the vendor');
      assert.equal(fixture.recordingsOnCall(emulator, callId), 1, 'one recording on the call');
    });
  });
}
