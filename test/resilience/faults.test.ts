import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ok, startTestApp, type TestApp } from '../helpers/app';
import { operation } from '../helpers/operations';
import { DEMO_CONNECTION_IDS } from '../../src/sandbox/demo-tenant';
import type { FaultSpec } from '../../src/sandbox/common/faults';

const CREATE = operation('CreateRecordingPolicy');
const POLICY = `query($id: ID!) { recordingPolicy(id: $id) { syncStatus version syncedVersion lastSyncError { code message } } }`;

/** Each fault the emulators can inject, and what it looks like through GraphQL. */
describe('vendor faults, as GraphQL shows them', () => {
  let t: TestApp;
  let person = 0;
  before(async () => {
    t = await startTestApp({
      env: { SANDBOX: 'true', SANDBOX_WEBEX_PEOPLE: '100', SYNC_RETRY_DELAY_SECONDS: '1', SYNC_RETRY_BACKOFF: 'false', JOB_POLL_SECONDS: '1' },
    });
    // Short breaker cool-down so recovery after an outage is observed in seconds.
    for (const key of ['megafon', 'yeastar', 'webex', 'signalwire'] as const) {
      ok(
        await t.gql(`mutation($input: UpdateVendorConnectionInput!) { updateVendorConnection(input: $input) { connection { id } } }`, {
          input: {
            id: DEMO_CONNECTION_IDS[key],
            settings: [
              { name: 'http.breakerHalfOpenMs', value: '500' },
              { name: 'http.baseDelayMs', value: '20' },
              { name: 'http.maxDelayMs', value: '100' },
            ],
          },
        }),
      );
    }
  });
  after(async () => t.close());

  const webexPolicy = async (fault: FaultSpec) => {
    const webex = t.app.sandbox!.webex;
    const id = webex.personId(person++);
    webex.faults.clear();
    webex.faults.inject({ ...fault, match: { method: 'PUT' } });
    const before = webex.counts().byMethod['PUT'] ?? 0;
    const r = ok(
      await t.gql(CREATE, {
        input: { connectionId: DEMO_CONNECTION_IDS.webex, name: `fault ${person}`, scope: { kind: 'PERSON', id }, rules: { mode: 'ALWAYS' } },
      }),
    ).createRecordingPolicy;
    return { r, puts: (webex.counts().byMethod['PUT'] ?? 0) - before, settings: webex.settingsOf(id) as { record?: string } };
  };

  it('latency within the timeout: IN_SYNC, one request', async () => {
    const { r, puts, settings } = await webexPolicy({ latencyMs: 300, latencyCount: 1 });
    assert.equal(r.sync.status, 'IN_SYNC');
    assert.equal(puts, 1);
    assert.equal(settings.record, 'Always');
  });

  it('a burst of 5xx: retried (the PUT is idempotent), IN_SYNC after three requests', async () => {
    const { r, puts } = await webexPolicy({ errors: { count: 2, status: 503 } });
    assert.equal(r.sync.status, 'IN_SYNC');
    assert.equal(puts, 3);
  });

  it('429 with Retry-After in seconds, and as an HTTP date: waited out and retried', async () => {
    for (const form of ['seconds', 'http-date'] as const) {
      const { r, puts } = await webexPolicy({ rateLimit: { count: 1, retryAfterSeconds: 1, retryAfterForm: form } });
      assert.equal(r.sync.status, 'IN_SYNC', form);
      assert.equal(puts, 2, form);
    }
  });

  it('a connection reset: retried, IN_SYNC', async () => {
    const { r, puts } = await webexPolicy({ resetConnections: 1 });
    assert.equal(r.sync.status, 'IN_SYNC');
    assert.equal(puts, 2);
  });

  it('a malformed or truncated answer after the vendor applied it: the idempotent PUT is repeated and lands IN_SYNC', async () => {
    const m = t.app.sandbox!.megafon;
    for (const fault of [{ malformed: 1 }, { truncated: 1 }]) {
      m.faults.clear();
      m.faults.inject({ ...fault, match: { method: 'PUT' } });
      const r = ok(
        await t.gql(CREATE, {
          input: {
            connectionId: DEMO_CONNECTION_IDS.megafon,
            name: `mf ${JSON.stringify(fault)}`,
            scope: { kind: 'SETTINGS_RECORD', id: fault.malformed ? '51' : '52' },
            rules: { calls: { internal: true } },
          },
        }),
      ).createRecordingPolicy;
      assert.equal(r.sync.status, 'IN_SYNC', JSON.stringify(r.sync.error));
    }
  });

  it('a truncated answer to a recording start: the adapter looks the recording up instead of starting a second one', async () => {
    const sw = t.app.sandbox!.signalwire;
    const call = sw.createCall();
    sw.faults.clear();
    sw.faults.inject({ truncated: 1, match: { method: 'POST', route: 'POST /api/laml/2010-04-01/Accounts/:AccountSid/Calls/:CallSid/Recordings' } });
    const rec = ok(
      await t.gql(`mutation($input: StartLiveRecordingInput!) { startLiveRecording(input: $input) { liveRecording { status vendorRecordingId } } }`, {
        input: { connectionId: DEMO_CONNECTION_IDS.signalwire, callId: call.sid },
      }),
    ).startLiveRecording.liveRecording;
    assert.equal(rec.status, 'IN_PROGRESS');
    assert.equal(sw.startsPerCall()[call.sid], 1);
  });

  it('the vendor down for a few seconds: the policy answers PENDING with the error, then the job delivers it: IN_SYNC', async () => {
    const y = t.app.sandbox!.yeastar;
    y.faults.clear();
    y.faults.inject({ downForSeconds: 3 });
    const r = ok(
      await t.gql(CREATE, {
        input: {
          connectionId: DEMO_CONNECTION_IDS.yeastar,
          name: 'down',
          scope: { kind: 'ORGANIZATION', id: '' },
          rules: { stereo: true, fileFormat: 'WAV' },
        },
      }),
    ).createRecordingPolicy;
    assert.equal(r.sync.status, 'PENDING');
    assert.equal(r.sync.error?.code, 'VENDOR_UNAVAILABLE');
    let p: any;
    for (let i = 0; i < 100; i++) {
      p = ok(await t.gql(POLICY, { id: r.policy.id })).recordingPolicy;
      if (p.syncStatus === 'IN_SYNC') break;
      await new Promise((res) => setTimeout(res, 200));
    }
    assert.equal(p.syncStatus, 'IN_SYNC');
    assert.equal(p.syncedVersion, 1);
    assert.equal(p.lastSyncError, null);
    assert.equal((y.state as { autoRecord: { enb_channel_separate: number } }).autoRecord.enb_channel_separate, 1);
  });
});
