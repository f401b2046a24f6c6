import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ok, startTestApp, type TestApp } from '../helpers/app';
import { collect, wsClient } from '../helpers/ws';
import { waitFor } from '../helpers/wait';
import { DEMO_CONNECTION_IDS, DEMO_TENANT_ID } from '../../src/sandbox/demo-tenant';

/**
 * Found by use: on a default `npm start` (scheduled reconcile off) playground tab 45 never fired after a person was
 * added at the Webex sandbox: the standards were only checked at the end of a reconcile run. Now they have their own
 * schedule (STANDARD_CHECK_SECONDS, 30 s with the sandbox): the newcomer is found by the directory walk and the
 * compliance change announced, with no reconcile run and nobody calling the check by hand.
 */
const WEBEX = DEMO_CONNECTION_IDS.webex!;
const PEOPLE = 6;

describe("the standards' own check schedule", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({
      env: {
        SANDBOX: 'true',
        SANDBOX_PORT_BASE: '0',
        SANDBOX_WEBEX_PEOPLE: String(PEOPLE),
        RECONCILE_INTERVAL_SECONDS: '0',
        STANDARD_CHECK_SECONDS: '1',
        JOB_POLL_SECONDS: '1',
      },
    });
  });
  after(async () => t?.close());

  it('announces a person added at Webex as ungoverned, with the scheduled reconcile off', async () => {
    const s = ok(await t.gql(`query($t: ID!) { recordingStandard(tenantId: $t) { id } }`, { t: DEMO_TENANT_ID })).recordingStandard;
    ok(await t.gql(`mutation($id: ID!) { applyRecordingStandard(input: { id: $id }) { compiled { status } } }`, { id: s.id }));
    const webexOf = async () =>
      ok(
        await t.gql(
          `query($t: ID!) { recordingStandard(tenantId: $t) { compliance { connections { connection { id } counts { pending ungoverned } } } } }`,
          {
            t: DEMO_TENANT_ID,
          },
        ),
      ).recordingStandard.compliance.connections.find((c: any) => c.connection.id === WEBEX).counts;
    await waitFor('the roll-outs settled', webexOf, (c) => c.pending === 0, 120_000, 300);

    const client = wsClient(t.app.graphqlUrl, t.adminToken);
    const sub = collect(client, `subscription($t: ID!) { recordingStandardComplianceChanged(tenantId: $t) { totals { ungoverned } } }`, {
      t: DEMO_TENANT_ID,
    });
    try {
      await new Promise((r) => setTimeout(r, 300));
      const res = await fetch(`${t.app.sandbox!.webex.url}/__sandbox/people`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"count":1}',
      });
      assert.equal(res.status, 201);
      const ticks = t.app.services.standards.stats.ticks;
      await sub.until((rs) => rs.some((r) => r.data?.recordingStandardComplianceChanged?.totals.ungoverned === 1), 60_000);
      assert.ok(t.app.services.standards.stats.ticks > ticks, 'announced by a scheduled check');
      assert.equal(t.app.services.reconcile.stats.runs, 0, 'no reconcile run');
      assert.equal((await webexOf()).ungoverned, 1, 'REPORT mode: listed, not written');
    } finally {
      sub.stop();
      await client.dispose();
    }
  });
});
