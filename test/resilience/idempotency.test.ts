import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorOf, ok, startTestApp, type TestApp } from '../helpers/app';
import { DEMO_CONNECTION_IDS } from '../../src/sandbox/demo-tenant';

const START = `mutation($input: StartLiveRecordingInput!) { startLiveRecording(input: $input) { liveRecording { id status vendorRecordingId version } } }`;
const PAUSE = `mutation($input: PauseLiveRecordingInput!) { pauseLiveRecording(input: $input) { liveRecording { id status version } } }`;
const RESUME = `mutation($id: ID!) { resumeLiveRecording(input: { id: $id }) { liveRecording { id status version } } }`;
const STOP = `mutation($id: ID!) { stopLiveRecording(input: { id: $id }) { liveRecording { id status version } } }`;

describe('idempotent mutations and live recordings under concurrency', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ env: { SANDBOX: 'true', SANDBOX_WEBEX_PEOPLE: '10' } });
  });
  after(async () => t.close());

  it('20 parallel identical startLiveRecording calls with one Idempotency-Key cause exactly one vendor start and one answer', async () => {
    const sw = t.app.sandbox!.signalwire;
    const call = sw.createCall();
    const input = { connectionId: DEMO_CONNECTION_IDS.signalwire, callId: call.sid };
    const results = await Promise.all(Array.from({ length: 20 }, () => t.gql(START, { input }, { headers: { 'idempotency-key': 'start-once-1' } })));
    const answers = results.map((r) => ok(r).startLiveRecording.liveRecording);
    assert.equal(new Set(answers.map((a) => JSON.stringify(a))).size, 1, 'every caller got the same answer');
    assert.equal(sw.startsPerCall()[call.sid], 1, 'the vendor saw exactly one start');
    const rows = await t.app.database.rawQuery<{ n: number }>('SELECT count(*)::int AS n FROM live_recordings WHERE call_id = $1', [call.sid]);
    assert.equal(Number(rows[0]!.n), 1);
    // A later repeat (the client retrying after a timeout) is answered from the stored result.
    const again = ok(await t.gql(START, { input }, { headers: { 'idempotency-key': 'start-once-1' } })).startLiveRecording.liveRecording;
    assert.deepEqual(again, answers[0]);
    assert.equal(sw.startsPerCall()[call.sid], 1);
    // The same key with another input is refused.
    const other = sw.createCall();
    const reused = errorOf(await t.gql(START, { input: { ...input, callId: other.sid } }, { headers: { 'idempotency-key': 'start-once-1' } }));
    assert.equal(reused.code, 'IDEMPOTENCY_KEY_REUSED');
    assert.equal(sw.startsPerCall()[other.sid] ?? 0, 0);
    // Keys are per tenant and kept 24 hours.
    const [key] = await t.app.database.rawQuery<{ hours: number }>(
      `SELECT extract(epoch FROM expires_at - created_at)::int / 3600 AS hours FROM idempotency_keys WHERE key = 'start-once-1'`,
    );
    assert.equal(Number(key!.hours), 24);
  });

  it('a repeated stop with a key is answered without a second vendor call; without a key it is a refused transition', async () => {
    const sw = t.app.sandbox!.signalwire;
    const call = sw.createCall();
    const rec = ok(await t.gql(START, { input: { connectionId: DEMO_CONNECTION_IDS.signalwire, callId: call.sid } })).startLiveRecording
      .liveRecording;
    const updates = () => sw.counts().byRoute['POST /api/laml/2010-04-01/Accounts/:AccountSid/Calls/:CallSid/Recordings/:Sid'] ?? 0;
    const before = updates();
    const first = ok(await t.gql(STOP, { id: rec.id }, { headers: { 'idempotency-key': 'stop-k' } })).stopLiveRecording.liveRecording;
    const second = ok(await t.gql(STOP, { id: rec.id }, { headers: { 'idempotency-key': 'stop-k' } })).stopLiveRecording.liveRecording;
    assert.deepEqual(second, first);
    assert.equal(updates() - before, 1);
    assert.equal(errorOf(await t.gql(STOP, { id: rec.id })).code, 'INVALID_TRANSITION');
    assert.equal(updates() - before, 1);
  });

  it('20 clients sending pause, resume and stop at once end in one state equal to the vendor, with no vendor call for a transition that had become invalid', async () => {
    const sw = t.app.sandbox!.signalwire;
    const call = sw.createCall();
    const rec = ok(await t.gql(START, { input: { connectionId: DEMO_CONNECTION_IDS.signalwire, callId: call.sid } })).startLiveRecording
      .liveRecording;
    const route = 'POST /api/laml/2010-04-01/Accounts/:AccountSid/Calls/:CallSid/Recordings/:Sid';
    const before = sw.counts().byRoute[route] ?? 0;
    const actions = Array.from({ length: 20 }, (_, i) => (i % 5 === 4 ? 'stop' : i % 2 === 0 ? 'pause' : 'resume'));
    const results = await Promise.all(
      actions.map((a) =>
        a === 'pause'
          ? t.gql(PAUSE, { input: { id: rec.id, behavior: 'SKIP' } })
          : a === 'resume'
            ? t.gql(RESUME, { id: rec.id })
            : t.gql(STOP, { id: rec.id }),
      ),
    );
    const succeeded = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors);
    assert.ok(
      refused.every((r) => errorOf(r).code === 'INVALID_TRANSITION'),
      JSON.stringify(refused.map((r) => r.errors)),
    );
    const vendorCalls = (sw.counts().byRoute[route] ?? 0) - before;
    assert.equal(vendorCalls, succeeded.length, 'one vendor call per accepted transition, none for refused ones');
    const final = ok(await t.gql(`query($id: ID!) { liveRecording(id: $id) { status version } }`, { id: rec.id })).liveRecording;
    const vendorStatus = sw.recording(rec.vendorRecordingId)!.status;
    assert.equal(final.status, { 'in-progress': 'IN_PROGRESS', paused: 'PAUSED', stopped: 'STOPPED' }[vendorStatus]);
    assert.equal(final.status, 'STOPPED', 'a stop was among them, and stop is final');
    assert.equal(final.version, 1 + succeeded.length);
    const errorsFromVendor = sw.requests({ limit: 10_000 }).entries.filter((e) => e.route === route && e.status >= 400);
    assert.equal(errorsFromVendor.length, 0, 'the vendor never refused a transition we sent');
  });
});
