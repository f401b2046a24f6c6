import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { ok, startTestApp, type GqlResult, type TestApp } from '../helpers/app';
import { bossSchemaOf } from '../../src/store/job-queue';
import { tableNames } from './helpers';

/**
 * Issue 8, 4b: a canary credential stored through the API never appears in a response, an error, a preview, an
 * audit entry, a log line or a stored row other than the sealed column, across a whole flow with its failures.
 */
const CANARY = `CANARY-good-${randomBytes(12).toString('hex')}`;
const CANARY_BAD = `CANARY-bad-${randomBytes(12).toString('hex')}`;
const CANARY_NEW = `CANARY-new-${randomBytes(12).toString('hex')}`;
const CANARY_INPUT = `CANARY-input-${randomBytes(12).toString('hex')}`;
const CANARIES = [CANARY, CANARY_BAD, CANARY_NEW, CANARY_INPUT];
/** The fragment that would survive a truncation or an encoding of the value. */
const FRAGMENTS = CANARIES.map((c) => c.slice(-24));

const CONNECT = `mutation($input: ConnectVendorInput!) { connectVendor(input: $input) { connection { id name baseUrl status settings { name value } lastError { code message vendorCode vendorMessage } } } }`;
const TEST = `mutation($id: ID!) { testVendorConnection(input: { id: $id }) { ok error { code message vendorCode vendorMessage } connection { status lastError { code message vendorMessage } } } }`;
const UPDATE_CONN = `mutation($input: UpdateVendorConnectionInput!) { updateVendorConnection(input: $input) { connection { id status } } }`;
const PREVIEW = `mutation($input: PreviewRecordingPolicyInput!) { previewRecordingPolicy(input: $input) { requests { method path query headers body } warnings { code field message } } }`;
const CREATE = `mutation($input: CreateRecordingPolicyInput!) { createRecordingPolicy(input: $input) {
  policy { id version syncStatus lastVendorPayload lastSyncError { code message vendorCode vendorMessage } }
  sync { status error { code message vendorCode vendorMessage } requests { method path query headers body } } } }`;
const RECONCILE = `mutation($id: ID!) { reconcileRecordingPolicy(input: { id: $id }) { drift { field desired actual } policy { syncStatus lastVendorPayload } } }`;

describe('a canary credential never leaks', () => {
  let t: TestApp;
  const answers: string[] = [];
  const call = async (query: string, variables?: Record<string, unknown>): Promise<GqlResult> => {
    const r = await t.gql(query, variables);
    answers.push(JSON.stringify({ data: r.data, errors: r.errors }));
    return r;
  };

  before(async () => {
    t = await startTestApp({ env: { SANDBOX: 'true', SANDBOX_WEBEX_PEOPLE: '20', LOG_LEVEL: 'debug' } });
  });
  after(async () => t.close());

  it('through connect, test, preview, apply, reconcile, failures, credential replacement, bad input and the audit trail', async () => {
    const megafon = t.app.sandbox!.megafon;
    megafon.rotateToken(CANARY);
    const tenant = ok(await call(`mutation { createTenant(input: { name: "Canary" }) { tenant { id } } }`)).createTenant.tenant.id;
    const conn = ok(
      await call(CONNECT, {
        input: { tenantId: tenant, vendor: 'MEGAFON', name: 'good', baseUrl: megafon.apiBaseUrl, credentials: [{ name: 'token', value: CANARY }] },
      }),
    ).connectVendor.connection;
    assert.equal(ok(await call(TEST, { id: conn.id })).testVendorConnection.ok, true);
    const scope = { kind: 'SETTINGS_RECORD', id: '52' };
    const rules = { mode: 'ALWAYS', calls: { internal: true, external: true } };
    const preview = ok(await call(PREVIEW, { input: { connectionId: conn.id, scope, rules } })).previewRecordingPolicy;
    assert.ok(preview.requests.length >= 1);
    const created = ok(await call(CREATE, { input: { connectionId: conn.id, name: 'canary policy', scope, rules } })).createRecordingPolicy;
    assert.equal(created.sync.status, 'IN_SYNC');
    ok(await call(PREVIEW, { input: { policyId: created.policy.id } }));
    ok(await call(RECONCILE, { id: created.policy.id }));

    // A credential the vendor refuses: failures carry the vendor's answer, never the value.
    const bad = ok(
      await call(CONNECT, {
        input: { tenantId: tenant, vendor: 'MEGAFON', name: 'bad', baseUrl: megafon.apiBaseUrl, credentials: [{ name: 'token', value: CANARY_BAD }] },
      }),
    ).connectVendor.connection;
    const failedTest = ok(await call(TEST, { id: bad.id })).testVendorConnection;
    assert.equal(failedTest.ok, false);
    assert.equal(failedTest.error.code, 'VENDOR_AUTH_FAILED');
    const failedApply = ok(
      await call(CREATE, { input: { connectionId: bad.id, name: 'refused', scope: { kind: 'SETTINGS_RECORD', id: '51' }, rules } }),
    ).createRecordingPolicy;
    // Refused credentials hold the sync (issue 14): it waits, PENDING, for credentials that work.
    assert.equal(failedApply.sync.status, 'PENDING');
    await call(PREVIEW, { input: { connectionId: bad.id, scope, rules } });

    // Replacing credentials, then a test that fails with the replaced value.
    ok(await call(UPDATE_CONN, { input: { id: conn.id, credentials: [{ name: 'token', value: CANARY_NEW }] } }));
    assert.equal(ok(await call(TEST, { id: conn.id })).testVendorConnection.ok, false);

    // Bad input that carries a credential: unknown field, a wrong URL, an oversized value, an unknown name.
    const input = {
      tenantId: tenant,
      vendor: 'MEGAFON',
      name: 'x',
      baseUrl: megafon.apiBaseUrl,
      credentials: [{ name: 'token', value: CANARY_INPUT }],
    };
    const refusals = [
      await call(CONNECT, { input: { ...input, credentials: [{ name: 'token', value: CANARY_INPUT, extra: 1 }] } }),
      await call(CONNECT, { input: { ...input, credentials: [{ name: 'token', value: CANARY_INPUT }], vendor: 'NOPE' } }),
      await call(CONNECT, { input: { ...input, baseUrl: `https://user:${CANARY_INPUT}@vendor.example` } }),
      await call(CONNECT, { input: { ...input, credentials: [{ name: 'token', value: `${CANARY_INPUT}${'x'.repeat(5000)}` }] } }),
      await call(CONNECT, { input: { ...input, credentials: [{ name: 'password', value: CANARY_INPUT }] } }),
      await call(CONNECT, { input: { ...input, tenantId: 'not-a-tenant' } }),
      await call(UPDATE_CONN, {
        input: {
          id: conn.id,
          credentials: [
            { name: 'token', value: CANARY_INPUT },
            { name: 'token', value: CANARY_INPUT },
          ],
        },
      }),
    ];
    for (const r of refusals) assert.ok(r.errors?.length, JSON.stringify(r.data));
    // A body that is not JSON, with the credential inside.
    const raw = await fetch(t.app.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.adminToken}` },
      body: `{"query": "mutation { connectVendor(input: {credentials: [{name: \\"token\\", value: \\"${CANARY_INPUT}\\"}]}) { connection { id } } }", `,
    });
    answers.push(await raw.text());
    const inline = await call(
      `mutation { connectVendor(input: { tenantId: "${tenant}", vendor: MEGAFON, name: "x", baseUrl: "${megafon.apiBaseUrl}", credentials: [{ name: "token", value: "${CANARY_INPUT}", extra: true }] }) { connection { id } } }`,
    );
    assert.ok(inline.errors?.length);

    // Everything readable about the connections, and the audit trail.
    ok(
      await call(
        `query($t: ID!) { vendorConnections(tenantId: $t, first: 100) { nodes { id name baseUrl status settings { name value } lastError { code message vendorCode vendorMessage } capabilities { credentialFields { name } } } } }`,
        { t: tenant },
      ),
    );
    ok(
      await call(
        `query($t: ID!) { recordingPolicies(tenantId: $t, first: 100) { nodes { id lastVendorPayload lastSyncError { message vendorMessage } drift { field desired actual } } } }`,
        { t: tenant },
      ),
    );
    const audit = ok(await call(`query($t: ID!) { auditLog(tenantId: $t, first: 100) { nodes { action before after outcome } } }`, { t: tenant }))
      .auditLog.nodes;
    assert.ok(audit.length >= 5, 'the flow was audited');

    const leaks = (where: string, texts: string[]) =>
      texts.filter((x) => FRAGMENTS.some((f) => x.includes(f))).map((x) => `${where}: ${x.slice(0, 300)}`);
    const found = [...leaks('response', answers), ...leaks('log', t.logs)];

    // Every stored row of every table, the sealed column aside; and the job queue's payloads.
    for (const table of await tableNames(t)) {
      const rows = await t.app.database.rawQuery<{ row: string }>(`SELECT (to_jsonb(x) - 'credentials_sealed')::text AS row FROM "${table}" x`);
      found.push(
        ...leaks(
          `table ${table}`,
          rows.map((r) => r.row),
        ),
      );
    }
    const jobs = await t.app.database.rawQuery<{ row: string }>(`SELECT to_jsonb(j)::text AS row FROM ${bossSchemaOf(t.app.database)}.job j`);
    found.push(
      ...leaks(
        'job queue',
        jobs.map((r) => r.row),
      ),
    );
    const sealed = await t.app.database.rawQuery<{ s: string }>(`SELECT credentials_sealed AS s FROM vendor_connections WHERE id = $1`, [conn.id]);
    assert.ok(sealed[0]!.s.startsWith('v1.') && !sealed[0]!.s.includes('CANARY'), 'sealed, not plain');

    assert.deepEqual(found, []);
    assert.ok(t.logs.length > 10, `the flow logged (${t.logs.length} lines)`);
    assert.ok(answers.length >= 20);
  });
});
