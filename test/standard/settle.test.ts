import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ok, startTestApp, type TestApp } from '../helpers/app';
import { DEMO_TENANT_ID } from '../../src/sandbox/demo-tenant';

const PEOPLE = 12;

/**
 * Found by use (`npm start`, apply the demo standard, ask for compliance): with the scheduled reconcile off (the
 * default, RECONCILE_INTERVAL_SECONDS=0) the Webex people written by the standard's roll-outs stayed PENDING for
 * ever, because only the reconcile's after-run step settled them. A finished roll-out settles them itself now.
 */
describe('a company standard without the scheduled reconcile', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({
      env: { SANDBOX: 'true', SANDBOX_PORT_BASE: '0', SANDBOX_WEBEX_PEOPLE: String(PEOPLE), RECONCILE_INTERVAL_SECONDS: '0' },
    });
  });
  after(async () => {
    await t?.close();
  });

  it("settles the roll-outs' people when the roll-outs finish: every governed scope conforming", async () => {
    const std = ok(await t.gql(`query($t: ID!) { recordingStandard(tenantId: $t) { id } }`, { t: DEMO_TENANT_ID })).recordingStandard;
    const applied = ok(
      await t.gql(
        `mutation($input: ApplyRecordingStandardInput!) { applyRecordingStandard(input: $input) { compiled { status scopes rolloutIds } } }`,
        {
          input: { id: std.id },
        },
      ),
    ).applyRecordingStandard;
    const rolloutIds: string[] = applied.compiled.flatMap((c: { rolloutIds: string[] }) => c.rolloutIds);
    assert.ok(rolloutIds.length > 0, JSON.stringify(applied));
    const governed = applied.compiled.reduce((n: number, c: { scopes: number }) => n + c.scopes, 0);
    const ROLLOUT = `query($id: ID!) { policyRollout(id: $id) { status failed } }`;
    const COMPLIANCE = `query($t: ID!) { recordingStandard(tenantId: $t) { compliance { totals { conforming drifted failed pending ungoverned } } } }`;
    let totals: { conforming: number; pending: number; failed: number } | undefined;
    const until = Date.now() + 180_000;
    while (Date.now() < until) {
      const rollouts = await Promise.all(rolloutIds.map(async (id) => ok(await t.gql(ROLLOUT, { id })).policyRollout));
      totals = ok(await t.gql(COMPLIANCE, { t: DEMO_TENANT_ID })).recordingStandard.compliance.totals;
      if (rollouts.every((r: { status: string }) => r.status !== 'RUNNING') && totals!.pending === 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    assert.deepEqual(
      { pending: totals?.pending, failed: totals?.failed, conforming: totals?.conforming },
      { pending: 0, failed: 0, conforming: governed },
      JSON.stringify(totals),
    );
  });
});
