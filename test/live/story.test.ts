import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorOf, ok, startTestApp, type TestApp } from '../helpers/app';
import { collect, wsClient } from '../helpers/ws';
import { DEMO_CONNECTION_IDS, DEMO_TENANT_ID } from '../../src/sandbox/demo-tenant';

const FIELDS = `id status pauseBehavior callId vendorRecordingId version channels lastError { code }`;
const START = `mutation($input: StartLiveRecordingInput!) { startLiveRecording(input: $input) { liveRecording { ${FIELDS} } } }`;
const PAUSE = `mutation($input: PauseLiveRecordingInput!) { pauseLiveRecording(input: $input) { liveRecording { ${FIELDS} } } }`;
const RESUME = `mutation($id: ID!) { resumeLiveRecording(input: { id: $id }) { liveRecording { ${FIELDS} } } }`;
const STOP = `mutation($id: ID!) { stopLiveRecording(input: { id: $id }) { liveRecording { ${FIELDS} } } }`;
const ATTACH = `mutation($input: AttachRecordingInput!) { attachRecording(input: $input) { replacedPrevious attachment { id source fileName sizeBytes crmCallId } } }`;
const SUB = `subscription($tenantId: ID!) { liveRecordingChanged(tenantId: $tenantId) { kind recording { id status pauseBehavior version } } }`;

describe('live recordings: the whole story through GraphQL', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ env: { SANDBOX: 'true', SANDBOX_WEBEX_PEOPLE: '20' } });
  });
  after(async () => t.close());

  it('starts on a SignalWire call, pauses with SILENCE, resumes, stops, attaches to a Bitrix24 call, and every change arrives on the subscription', async () => {
    const sw = t.app.sandbox!.signalwire;
    const b24 = t.app.sandbox!.bitrix24;
    const client = wsClient(t.app.graphqlUrl, t.adminToken);
    const sub = collect(client, SUB, { tenantId: DEMO_TENANT_ID });
    try {
      // Let the subscription register before the first change.
      await new Promise((r) => setTimeout(r, 300));
      const call = sw.createCall();
      const started = ok(await t.gql(START, { input: { connectionId: DEMO_CONNECTION_IDS.signalwire, callId: call.sid, channels: 2 } }))
        .startLiveRecording.liveRecording;
      assert.equal(started.status, 'IN_PROGRESS');
      assert.equal(started.channels, 2);
      assert.equal(sw.recording(started.vendorRecordingId)?.status, 'in-progress');

      const paused = ok(await t.gql(PAUSE, { input: { id: started.id, behavior: 'SILENCE' } })).pauseLiveRecording.liveRecording;
      assert.equal(paused.status, 'PAUSED');
      assert.equal(paused.pauseBehavior, 'SILENCE');
      assert.equal(sw.recording(started.vendorRecordingId)?.status, 'paused');

      const pauseAgain = errorOf(await t.gql(PAUSE, { input: { id: started.id, behavior: 'SKIP' } }));
      assert.equal(pauseAgain.code, 'INVALID_TRANSITION');

      const resumed = ok(await t.gql(RESUME, { id: started.id })).resumeLiveRecording.liveRecording;
      assert.equal(resumed.status, 'IN_PROGRESS');
      const stopped = ok(await t.gql(STOP, { id: started.id })).stopLiveRecording.liveRecording;
      assert.equal(stopped.status, 'STOPPED');
      assert.equal(sw.recording(started.vendorRecordingId)?.status, 'stopped');

      const before = sw.counts().total;
      const resumeStopped = errorOf(await t.gql(RESUME, { id: started.id }));
      assert.equal(resumeStopped.code, 'INVALID_TRANSITION');
      assert.match(resumeStopped.message, /stopped recording is final/);
      assert.equal(sw.counts().total, before, 'a refused transition makes no vendor call');

      const crmCall = b24.seedFinishedCall();
      const attached = ok(
        await t.gql(ATTACH, {
          input: { connectionId: DEMO_CONNECTION_IDS.bitrix24, crmCallId: crmCall.CALL_ID, fileName: 'call.wav', liveRecordingId: started.id },
        }),
      ).attachRecording;
      assert.equal(attached.attachment.source, 'LIVE_RECORDING');
      assert.ok(attached.attachment.sizeBytes > 44, 'the media was downloaded from SignalWire and uploaded');
      assert.equal(attached.replacedPrevious, false);
      const again = ok(
        await t.gql(ATTACH, {
          input: {
            connectionId: DEMO_CONNECTION_IDS.bitrix24,
            crmCallId: crmCall.CALL_ID,
            fileName: 'call-2.mp3',
            contentBase64: Buffer.from('ID3 fake mp3 bytes').toString('base64'),
          },
        }),
      ).attachRecording;
      assert.equal(again.replacedPrevious, true, 're-attaching replaces the previous record, and the API says so');

      await sub.until((r) => r.length >= 4);
      const kinds = sub.results.map((r) => r.data?.liveRecordingChanged?.kind);
      assert.deepEqual(kinds, ['STARTED', 'PAUSED', 'RESUMED', 'STOPPED']);
      const last = sub.results[3]!.data!.liveRecordingChanged.recording;
      assert.equal(last.status, 'STOPPED');
      assert.deepEqual(
        sub.results.map((r) => r.data!.liveRecordingChanged.recording.version),
        [1, 2, 3, 4],
      );
    } finally {
      sub.stop();
      await client.dispose();
    }
  });

  it('refuses a bad attach before any vendor call: file name, missing source, running recording', async () => {
    const b24 = t.app.sandbox!.bitrix24;
    const before = b24.counts().total;
    const badName = errorOf(
      await t.gql(ATTACH, { input: { connectionId: DEMO_CONNECTION_IDS.bitrix24, crmCallId: 'x1', fileName: 'call.ogg', contentBase64: 'AAAA' } }),
    );
    assert.equal(badName.code, 'BAD_USER_INPUT');
    assert.deepEqual(badName.fields?.[0]?.path, ['input', 'fileName']);
    const none = errorOf(await t.gql(ATTACH, { input: { connectionId: DEMO_CONNECTION_IDS.bitrix24, crmCallId: 'x1', fileName: 'a.wav' } }));
    assert.equal(none.code, 'BAD_USER_INPUT');
    const call = t.app.sandbox!.signalwire.createCall();
    const running = ok(await t.gql(START, { input: { connectionId: DEMO_CONNECTION_IDS.signalwire, callId: call.sid } })).startLiveRecording
      .liveRecording;
    const early = errorOf(
      await t.gql(ATTACH, { input: { connectionId: DEMO_CONNECTION_IDS.bitrix24, crmCallId: 'x1', fileName: 'a.wav', liveRecordingId: running.id } }),
    );
    assert.equal(early.code, 'INVALID_TRANSITION');
    assert.equal(b24.counts().total, before);
  });

  it('lists and filters recordings with cursor pagination, and resolves them as entities under tenant isolation', async () => {
    const sw = t.app.sandbox!.signalwire;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const call = sw.createCall();
      ids.push(
        ok(await t.gql(START, { input: { connectionId: DEMO_CONNECTION_IDS.signalwire, callId: call.sid } })).startLiveRecording.liveRecording.id,
      );
    }
    ok(await t.gql(STOP, { id: ids[0] }));
    const LIST = `query($tenantId: ID!, $status: LiveRecordingStatus, $first: Int, $after: String) { liveRecordings(tenantId: $tenantId, status: $status, first: $first, after: $after) { nodes { id status } pageInfo { hasNextPage endCursor } } }`;
    const stoppedOnes = ok(await t.gql(LIST, { tenantId: DEMO_TENANT_ID, status: 'STOPPED', first: 100 })).liveRecordings.nodes;
    assert.ok(stoppedOnes.some((n: { id: string }) => n.id === ids[0]));
    assert.ok(stoppedOnes.every((n: { status: string }) => n.status === 'STOPPED'));
    const page1 = ok(await t.gql(LIST, { tenantId: DEMO_TENANT_ID, first: 2 })).liveRecordings;
    assert.equal(page1.nodes.length, 2);
    assert.equal(page1.pageInfo.hasNextPage, true);
    const page2 = ok(await t.gql(LIST, { tenantId: DEMO_TENANT_ID, first: 2, after: page1.pageInfo.endCursor })).liveRecordings;
    assert.ok(!page2.nodes.some((n: { id: string }) => page1.nodes.some((m: { id: string }) => m.id === n.id)));

    const other = ok(await t.gql(`mutation { createTenant(input: { name: "Other" }) { tenant { id } } }`)).createTenant.tenant.id;
    const otherToken = await t.token({ tenants: [other] });
    const ent = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on LiveRecording { id status } } }`;
    const reps = ids.map((id) => ({ __typename: 'LiveRecording', id }));
    assert.equal(ok(await t.gql(ent, { reps }))._entities.filter(Boolean).length, 3);
    assert.deepEqual(ok(await t.gql(ent, { reps }, { token: otherToken }))._entities, [null, null, null]);
    assert.equal(errorOf(await t.gql(STOP, { id: ids[1] }, { token: otherToken })).code, 'NOT_FOUND');
    assert.equal(ok(await t.gql(`query($id: ID!) { liveRecording(id: $id) { status } }`, { id: ids[1] })).liveRecording.status, 'IN_PROGRESS');
    const foreignSub = collect(wsClient(t.app.graphqlUrl, otherToken), SUB, { tenantId: DEMO_TENANT_ID });
    await foreignSub.until((r) => r.length > 0 || foreignSub.complete, 5_000).catch(() => undefined);
    assert.ok(
      foreignSub.results[0]?.errors?.[0]?.extensions?.code === 'NOT_FOUND' || String(JSON.stringify(foreignSub.error)).includes('NOT_FOUND'),
      JSON.stringify(foreignSub.results),
    );
  });

  it('Webex call control: start, pause (SKIP only), resume, stop', async () => {
    const webex = t.app.sandbox!.webex;
    const person = webex.personId(3);
    // Webex only lets a user's calls be started on demand when that person's mode says so: set it by policy first.
    const policy = ok(
      await t.gql(`mutation($input: CreateRecordingPolicyInput!) { createRecordingPolicy(input: $input) { sync { status } } }`, {
        input: { connectionId: DEMO_CONNECTION_IDS.webex, name: 'on demand', scope: { kind: 'PERSON', id: person }, rules: { mode: 'ON_DEMAND' } },
      }),
    ).createRecordingPolicy;
    assert.equal(policy.sync.status, 'IN_SYNC');
    const call = webex.createCall({ personId: person });
    const started = ok(await t.gql(START, { input: { connectionId: DEMO_CONNECTION_IDS.webex, callId: call.callId } })).startLiveRecording
      .liveRecording;
    assert.equal(started.status, 'IN_PROGRESS');
    const silence = errorOf(await t.gql(PAUSE, { input: { id: started.id, behavior: 'SILENCE' } }));
    assert.equal(silence.code, 'VENDOR_UNSUPPORTED_FIELD');
    assert.equal(ok(await t.gql(PAUSE, { input: { id: started.id, behavior: 'SKIP' } })).pauseLiveRecording.liveRecording.status, 'PAUSED');
    assert.equal(ok(await t.gql(RESUME, { id: started.id })).resumeLiveRecording.liveRecording.status, 'IN_PROGRESS');
    assert.equal(ok(await t.gql(STOP, { id: started.id })).stopLiveRecording.liveRecording.status, 'STOPPED');
  });
});
