import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorOf, ok, startTestApp, type TestApp } from '../helpers/app';
import { DEMO_CONNECTION_IDS, DEMO_TENANT_ID } from '../../src/sandbox/demo-tenant';

const AUDIT = `query($tenantId: ID!, $targetId: ID, $action: AuditAction, $first: Int, $after: String) {
  auditLog(tenantId: $tenantId, targetId: $targetId, action: $action, first: $first, after: $after) {
    nodes { id at actor action targetType targetId before after outcome requestId }
    pageInfo { hasNextPage endCursor }
  }
}`;
const CANARY = 'canary-audit-SECRET-91e2';

describe('audit trail', () => {
  let t: TestApp;
  before(async () => {
    // Refused credentials hold a sync (issue 14): its next try comes a minute later, after this test.
    t = await startTestApp({ env: { SANDBOX: 'true', SANDBOX_WEBEX_PEOPLE: '10', SYNC_RETRY_DELAY_SECONDS: '60' } });
  });
  after(async () => t.close());

  it('records who, when, what, before and after, the vendor outcome and the request id of every change; secrets never', async () => {
    const admin = await t.token({ sub: 'alice@example.com' });
    const tenantId = ok(
      await t.gql(
        `mutation { createTenant(input: { name: "Audited" }) { tenant { id } } }`,
        {},
        { token: admin, headers: { 'x-request-id': 'req-create-tenant' } },
      ),
    ).createTenant.tenant.id;
    ok(
      await t.gql(
        `mutation($input: RenameTenantInput!) { renameTenant(input: $input) { tenant { id } } }`,
        { input: { id: tenantId, name: 'Audited Ltd' } },
        { token: admin },
      ),
    );
    const conn = ok(
      await t.gql(
        `mutation($input: ConnectVendorInput!) { connectVendor(input: $input) { connection { id } } }`,
        {
          input: {
            tenantId,
            vendor: 'WEBEX',
            name: 'wx',
            baseUrl: t.app.sandbox!.webex.apiBaseUrl,
            credentials: [{ name: 'accessToken', value: CANARY }],
          },
        },
        { token: admin },
      ),
    ).connectVendor.connection.id;
    const person = t.app.sandbox!.webex.personId(1);
    const created = ok(
      await t.gql(
        `mutation($input: CreateRecordingPolicyInput!) { createRecordingPolicy(input: $input) { policy { id } sync { status } } }`,
        {
          input: { connectionId: conn, name: 'p', scope: { kind: 'PERSON', id: person }, rules: { mode: 'ALWAYS' } },
        },
        { token: admin, headers: { 'x-request-id': 'req-policy' } },
      ),
    ).createRecordingPolicy;
    assert.equal(created.sync.status, 'PENDING', 'the canary is not a valid Webex token: the policy waits for working credentials');
    ok(
      await t.gql(
        `mutation($input: UpdateRecordingPolicyInput!) { updateRecordingPolicy(input: $input) { policy { version } } }`,
        {
          input: { id: created.policy.id, expectedVersion: 1, rules: { mode: 'NEVER' }, apply: false },
        },
        { token: admin },
      ),
    );

    const entries = ok(await t.gql(AUDIT, { tenantId, first: 100 })).auditLog.nodes;
    const actions = entries.map((e: { action: string }) => e.action);
    assert.deepEqual(actions, ['TENANT_CREATE', 'TENANT_RENAME', 'CONNECTION_CREATE', 'POLICY_CREATE', 'POLICY_SYNC', 'POLICY_UPDATE']);
    assert.ok(
      entries.filter((e: { actor: string }) => !e.actor.startsWith('system:')).every((e: { actor: string }) => e.actor === 'alice@example.com'),
    );
    assert.equal(entries[0].requestId, 'req-create-tenant');
    const rename = entries[1];
    assert.equal(rename.before.name, 'Audited');
    assert.equal(rename.after.name, 'Audited Ltd');
    const sync = entries.find((e: { action: string }) => e.action === 'POLICY_SYNC');
    assert.equal(sync.actor, 'system:policy-sync');
    assert.equal(sync.requestId, 'req-policy', 'the sync job carries the request id of the change it delivers');
    assert.equal(sync.outcome.status, 'RETRYING');
    assert.equal(sync.outcome.error.code, 'VENDOR_AUTH_FAILED');
    const update = entries[5];
    assert.equal(update.before.rules.mode, 'ALWAYS');
    assert.equal(update.after.rules.mode, 'NEVER');
    assert.ok(!JSON.stringify(entries).includes(CANARY), 'the credential is in no audit entry');
    const [raw] = await t.app.database.rawQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE before::text LIKE $1 OR after::text LIKE $1 OR outcome::text LIKE $1`,
      [`%${CANARY}%`],
    );
    assert.equal(Number(raw!.n), 0);

    // Filters and cursor pagination.
    const onlyPolicy = ok(await t.gql(AUDIT, { tenantId, targetId: created.policy.id, first: 100 })).auditLog.nodes;
    assert.deepEqual(
      onlyPolicy.map((e: { action: string }) => e.action),
      ['POLICY_CREATE', 'POLICY_SYNC', 'POLICY_UPDATE'],
    );
    const p1 = ok(await t.gql(AUDIT, { tenantId, first: 4 })).auditLog;
    const p2 = ok(await t.gql(AUDIT, { tenantId, first: 4, after: p1.pageInfo.endCursor })).auditLog;
    assert.deepEqual(
      [...p1.nodes, ...p2.nodes].map((e: { id: string }) => e.id),
      entries.map((e: { id: string }) => e.id),
    );

    // Isolation: another tenant's token sees nothing of it.
    const other = await t.token({ tenants: [DEMO_TENANT_ID] });
    assert.deepEqual(ok(await t.gql(AUDIT, { tenantId, first: 100 }, { token: other })).auditLog.nodes, []);
  });

  it('a refused change leaves no audit entry, and the trail of live recordings carries the vendor outcome', async () => {
    const before = await t.app.database.rawQuery<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    errorOf(await t.gql(`mutation { createTenant(input: { name: "" }) { tenant { id } } }`));
    errorOf(await t.gql(`mutation($id: ID!) { deleteTenant(input: { id: $id }) { deletedId } }`, { id: '00000000-0000-4000-8000-000000000000' }));
    const afterRefusals = await t.app.database.rawQuery<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    assert.equal(Number(afterRefusals[0]!.n), Number(before[0]!.n));

    const call = t.app.sandbox!.signalwire.createCall();
    const rec = ok(
      await t.gql(`mutation($input: StartLiveRecordingInput!) { startLiveRecording(input: $input) { liveRecording { id } } }`, {
        input: { connectionId: DEMO_CONNECTION_IDS.signalwire, callId: call.sid },
      }),
    ).startLiveRecording.liveRecording;
    ok(
      await t.gql(`mutation($input: PauseLiveRecordingInput!) { pauseLiveRecording(input: $input) { liveRecording { id } } }`, {
        input: { id: rec.id, behavior: 'SILENCE' },
      }),
    );
    const trail = ok(await t.gql(AUDIT, { tenantId: DEMO_TENANT_ID, targetId: rec.id, first: 10 })).auditLog.nodes;
    assert.deepEqual(
      trail.map((e: { action: string }) => e.action),
      ['LIVE_RECORDING_START', 'LIVE_RECORDING_PAUSE'],
    );
    assert.equal(trail[1].before.status, 'IN_PROGRESS');
    assert.equal(trail[1].after.status, 'PAUSED');
    assert.equal(trail[1].outcome.vendorStatus, 'PAUSED');
  });
});
