import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ok } from '../helpers/app';
import { collect, wsClient } from '../helpers/ws';
import { DEMO_TENANT_ID, startReplica, startWebex, Store, waitFor, WEBEX_CONNECTION_ID, type RemoteWebex, type Replica } from './helpers';

describe('drift on a schedule', () => {
  let webex: RemoteWebex;
  let store: Store;
  let r: Replica;
  before(async () => {
    webex = await startWebex(10, 50);
    store = new Store();
    r = await startReplica(store, webex, { ratePerSecond: 50, inMemory: true, env: { RECONCILE_INTERVAL_SECONDS: '1' } });
  });
  after(async () => {
    await r.close();
    await store.drop();
    await webex.close();
  });

  it('finds a change made behind our back, marks it DRIFTED with the field diff, publishes it and reports it', async () => {
    const person = webex.personId(3);
    const created = ok(
      await r.gql(
        `mutation($input: CreateRecordingPolicyInput!) { createRecordingPolicy(input: $input) { policy { id syncStatus } sync { status } } }`,
        {
          input: {
            connectionId: WEBEX_CONNECTION_ID,
            name: 'Person 3',
            scope: { kind: 'PERSON', id: person },
            rules: { mode: 'ALWAYS', calls: { voicemail: true } },
          },
        },
      ),
    ).createRecordingPolicy;
    assert.equal(created.sync.status, 'IN_SYNC');
    const report = `query($t: ID!) { driftReport(tenantId: $t) { tenantId policies { id syncStatus drift { field desired actual } lastReconciledAt } pageInfo { hasNextPage } } }`;
    // Scheduled runs find nothing to report while the vendor matches.
    await waitFor(
      'a scheduled run',
      async () => r.app.services.reconcile.stats.runs,
      (n) => n >= 1,
      20_000,
    );
    assert.deepEqual(ok(await r.gql(report, { t: DEMO_TENANT_ID })).driftReport.policies, []);

    const client = wsClient(r.app.graphqlUrl, r.token);
    const sub = collect(client, `subscription($t: ID!) { recordingPolicyDrifted(tenantId: $t) { id syncStatus drift { field desired actual } } }`, {
      t: DEMO_TENANT_ID,
    });
    try {
      await new Promise((res) => setTimeout(res, 300));
      // An administrator turns recording off in Control Hub.
      await webex.setSettings(person, { enabled: false, record: 'Never' });
      await sub.until((rs) => rs.length >= 1, 20_000);
      const event = sub.results[0]!.data!.recordingPolicyDrifted;
      assert.equal(event.id, created.policy.id);
      assert.equal(event.syncStatus, 'DRIFTED');
      assert.deepEqual(event.drift, [{ field: 'mode', desired: 'ALWAYS', actual: 'NEVER' }]);
    } finally {
      sub.stop();
      await client.dispose();
    }
    const drifted = ok(await r.gql(report, { t: DEMO_TENANT_ID })).driftReport;
    assert.equal(drifted.tenantId, DEMO_TENANT_ID);
    assert.equal(drifted.policies.length, 1);
    assert.deepEqual(drifted.policies[0].drift, [{ field: 'mode', desired: 'ALWAYS', actual: 'NEVER' }]);
    assert.ok(drifted.policies[0].lastReconciledAt);
  });
});
