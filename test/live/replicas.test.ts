import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ok, startTestApp, type TestApp } from '../helpers/app';
import { collect, wsClient } from '../helpers/ws';
import { DEMO_CONNECTION_IDS, DEMO_TENANT_ID } from '../../src/sandbox/demo-tenant';

const SUB = `subscription($tenantId: ID!) { liveRecordingChanged(tenantId: $tenantId) { kind recording { id status } } }`;
const twoReplicas = !!process.env.DATABASE_URL;

/**
 * Two replicas need a shared PostgreSQL server; the embedded database belongs to one process. Without a server the
 * same flow runs with the subscriber and the writer on one replica, which still goes through NOTIFY.
 */
describe(
  twoReplicas
    ? 'subscriptions across two replicas on one PostgreSQL server'
    : 'subscriptions through PostgreSQL NOTIFY on one replica (embedded database)',
  () => {
    let a: TestApp;
    let b: TestApp;
    before(async () => {
      a = await startTestApp({ env: { SANDBOX: 'true', SANDBOX_WEBEX_PEOPLE: '10' } });
      b = twoReplicas ? await startTestApp({ env: { SANDBOX: 'false' }, replicaOf: a }) : a;
    });
    after(async () => {
      if (b !== a) await b.close();
      await a.close();
    });

    it('a change made through one replica reaches a subscriber connected to the other, once, in order', async () => {
      const client = wsClient(b.app.graphqlUrl, b.adminToken);
      const sub = collect(client, SUB, { tenantId: DEMO_TENANT_ID });
      try {
        await new Promise((r) => setTimeout(r, 300));
        const call = a.app.sandbox!.signalwire.createCall();
        const rec = ok(
          await a.gql(`mutation($input: StartLiveRecordingInput!) { startLiveRecording(input: $input) { liveRecording { id } } }`, {
            input: { connectionId: DEMO_CONNECTION_IDS.signalwire, callId: call.sid },
          }),
        ).startLiveRecording.liveRecording;
        ok(await a.gql(`mutation($id: ID!) { stopLiveRecording(input: { id: $id }) { liveRecording { id } } }`, { id: rec.id }));
        await sub.until((r) => r.length >= 2);
        await new Promise((r) => setTimeout(r, 300));
        assert.deepEqual(
          sub.results.map((r) => [r.data?.liveRecordingChanged.kind, r.data?.liveRecordingChanged.recording.id]),
          [
            ['STARTED', rec.id],
            ['STOPPED', rec.id],
          ],
        );
        // The other replica reads the same state.
        assert.equal(ok(await b.gql(`query($id: ID!) { liveRecording(id: $id) { status } }`, { id: rec.id })).liveRecording.status, 'STOPPED');
      } finally {
        sub.stop();
        await client.dispose();
      }
    });
  },
);
