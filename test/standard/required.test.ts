import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ok, startTestApp, type TestApp } from '../helpers/app';
import { DEMO_CONNECTION_IDS, DEMO_TENANT_ID } from '../../src/sandbox/demo-tenant';

const PEOPLE = 12;
const MEGAFON = DEMO_CONNECTION_IDS.megafon!;
const YEASTAR = DEMO_CONNECTION_IDS.yeastar!;
const WEBEX = DEMO_CONNECTION_IDS.webex!;

/**
 * Required means honoured exactly. Webex only approximates "internal calls only" (it records all calls): a standard
 * that requires calls.internal blocks Webex, with an error naming the rule and Webex's approximation, and is enforced
 * on MegaFon and Yeastar, which honour it. Before this change an approximated required rule did not block.
 */
describe('a required rule that one platform only approximates', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({
      env: { SANDBOX: 'true', SANDBOX_PORT_BASE: '0', SANDBOX_WEBEX_PEOPLE: String(PEOPLE), RECONCILE_INTERVAL_SECONDS: '0' },
    });
  });
  after(async () => {
    await t?.close();
  });

  it('blocks that platform with the rule and the approximation named, and is enforced on the others', async () => {
    const std = ok(await t.gql(`query($t: ID!) { recordingStandard(tenantId: $t) { id version } }`, { t: DEMO_TENANT_ID })).recordingStandard;
    const webexWritesBefore = t.app.sandbox!.webex.counts().writes;
    const saved = ok(
      await t.gql(
        `mutation($input: SaveRecordingStandardInput!) { saveRecordingStandard(input: $input) { standard { id version requiredFields
          exceptions { people { email userId user { __typename id } } } } } }`,
        {
          input: {
            tenantId: DEMO_TENANT_ID,
            expectedVersion: std.version,
            name: 'Internal calls are never recorded',
            mode: 'ENFORCE',
            rules: { mode: 'ALWAYS', calls: { external: true, internal: false } },
            requiredFields: ['CALLS_INTERNAL'],
            // A person named by the federated User id: kept as a User reference, listed unresolved on every platform.
            exceptions: [{ name: 'Works council', people: [{ userId: 'dir-user-42' }] }],
          },
        },
      ),
    ).saveRecordingStandard;
    assert.deepEqual(saved.standard.requiredFields, ['CALLS_INTERNAL']);
    assert.deepEqual(saved.standard.exceptions[0].people, [{ email: null, userId: 'dir-user-42', user: { __typename: 'User', id: 'dir-user-42' } }]);

    const cov = ok(
      await t.gql(
        `query($t: ID!) { recordingStandard(tenantId: $t) { coverage { connection { id } fields { path status required note } blocked { code message fields } } } }`,
        { t: DEMO_TENANT_ID },
      ),
    ).recordingStandard.coverage;
    const of = (id: string) => cov.find((c: any) => c.connection.id === id);
    assert.deepEqual(
      of(WEBEX).fields.find((f: any) => f.path === 'calls.internal'),
      { path: 'calls.internal', status: 'APPROXIMATED', required: true, note: 'Webex cannot record internal calls only; records all calls' },
    );
    assert.equal(of(WEBEX).blocked.code, 'VENDOR_UNSUPPORTED_FIELD');
    assert.deepEqual(of(WEBEX).blocked.fields, ['CALLS_INTERNAL']);
    assert.equal(
      of(WEBEX).blocked.message,
      'Webex Calling cannot honour exactly the required rule calls.internal (only approximated: Webex cannot record internal calls only; records all calls): the standard is not enforced on this connection',
    );
    assert.equal(of(MEGAFON).blocked, null);
    assert.equal(of(YEASTAR).blocked, null);

    const applied = ok(
      await t.gql(
        `mutation($input: ApplyRecordingStandardInput!) { applyRecordingStandard(input: $input) { compiled { connectionId status scopes errorCode errorMessage } } }`,
        { input: { id: std.id } },
      ),
    ).applyRecordingStandard.compiled;
    const out = (id: string) => applied.find((c: any) => c.connectionId === id);
    assert.equal(out(WEBEX).status, 'BLOCKED');
    assert.equal(out(WEBEX).errorCode, 'VENDOR_UNSUPPORTED_FIELD');
    assert.match(out(WEBEX).errorMessage, /calls\.internal \(only approximated: Webex cannot record internal calls only/);
    assert.equal(out(MEGAFON).status, 'COMPILED');
    assert.equal(out(YEASTAR).status, 'COMPILED');

    // The others are enforced: every MegaFon record and the Yeastar PBX end conforming; nothing was written at Webex.
    const sandbox = t.app.sandbox!;
    const expected = sandbox.megafon.state.settings.length + 1;
    const COMPLIANCE = `query($t: ID!) { recordingStandard(tenantId: $t) { compliance { blockedConnections
      totals { conforming drifted failed pending } connections { connection { id } blocked counts { conforming pending } } } } }`;
    let c: any;
    const until = Date.now() + 120_000;
    while (Date.now() < until) {
      c = ok(await t.gql(COMPLIANCE, { t: DEMO_TENANT_ID })).recordingStandard.compliance;
      if (c.totals.conforming === expected && c.totals.pending === 0) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    assert.deepEqual(c.totals, { conforming: expected, drifted: 0, failed: 0, pending: 0 }, JSON.stringify(c));
    assert.equal(c.blockedConnections, 1);
    assert.deepEqual(
      c.connections.filter((x: any) => x.blocked).map((x: any) => x.connection.id),
      [WEBEX],
    );
    assert.equal(sandbox.yeastar.state.autoRecord.enb_internal, 0);
    for (const record of sandbox.megafon.state.settings) assert.equal(record.is_internal_calls_recording_enabled, false, `record ${record.id}`);
    assert.deepEqual(sandbox.webex.counts().writes, webexWritesBefore, 'nothing written at the blocked platform');
    const unresolved = ok(
      await t.gql(`query($t: ID!) { recordingStandard(tenantId: $t) { coverage { connection { id } unresolvedPeople { name reason } } } }`, {
        t: DEMO_TENANT_ID,
      }),
    ).recordingStandard.coverage;
    for (const id of [MEGAFON, YEASTAR]) {
      const c = unresolved.find((x: any) => x.connection.id === id);
      assert.deepEqual(
        c.unresolvedPeople.map((p: any) => p.name),
        ['User:dir-user-42'],
        `${id}: a User id is listed, never dropped`,
      );
      assert.match(
        c.unresolvedPeople[0].reason,
        /no user directory is configured \(USER_DIRECTORY_URL\)/,
        'without a directory the reason names the setting',
      );
    }
  });
});
