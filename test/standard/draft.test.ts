import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorOf, ok, startTestApp, type TestApp } from '../helpers/app';
import { DEMO_CONNECTION_IDS, DEMO_TENANT_ID } from '../../src/sandbox/demo-tenant';
import { demoStandard } from '../../src/services/standard-demo';

const PEOPLE = 12;
const MEGAFON = DEMO_CONNECTION_IDS.megafon!;
const YEASTAR = DEMO_CONNECTION_IDS.yeastar!;
const WEBEX = DEMO_CONNECTION_IDS.webex!;

const DRAFT = `query($input: PreviewRecordingStandardDraftInput!) { recordingStandardDraftPreview(input: $input) {
  coverage { connection { id } blocked { code fields } fields { path status } unresolvedPeople { name } }
  scopes changing sample { scope { kind id } requests { method path body } } warnings { code field } } }`;

/**
 * Tables a preview must leave alone (a row anywhere would be a write). Not vendor_request_schedule: the directory
 * reads a preview sends keep to the connection's shared rate like every other vendor request.
 */
const TABLES = [
  'recording_standards',
  'recording_standard_targets',
  'recording_policies',
  'policy_rollouts',
  'policy_rollout_items',
  'audit_log',
  'live_recordings',
  'vendor_credential_tokens',
];

/**
 * A preview of a standard not saved yet: rules, exceptions and overrides inline, per connection the scopes that would
 * change, the exact vendor requests for a sample and the lint warnings, and nothing written: no write at any emulator
 * and no row in any table. Compared with the tenant's current standard once that one is applied.
 */
describe('previewing a draft standard', () => {
  let t: TestApp;
  const rows = async () => {
    const out: Record<string, number> = {};
    for (const table of TABLES) out[table] = Number((await t.app.database.rawQuery<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n);
    return out;
  };
  const writes = () => {
    const s = t.app.sandbox!;
    return [s.megafon, s.yeastar, s.webex].map((e) => JSON.stringify(e.counts().writes));
  };
  const preview = async (input: Record<string, unknown>) => {
    const answer = ok(await t.gql(DRAFT, { input: { tenantId: DEMO_TENANT_ID, ...input } })).recordingStandardDraftPreview;
    return (id: string) => answer.find((p: any) => p.coverage.connection.id === id);
  };

  before(async () => {
    t = await startTestApp({
      env: { SANDBOX: 'true', SANDBOX_PORT_BASE: '0', SANDBOX_WEBEX_PEOPLE: String(PEOPLE), RECONCILE_INTERVAL_SECONDS: '0' },
    });
  });
  after(async () => {
    await t?.close();
  });

  it('answers per connection for rules given inline, writes nothing at the vendors or in the database', async () => {
    const sandbox = t.app.sandbox!;
    const beforeRows = await rows();
    const beforeWrites = writes();
    const of = await preview({
      // Records external calls without any announcement (a lint warning), internal calls required to stay unrecorded.
      rules: { mode: 'ALWAYS', calls: { external: true, internal: false } },
      requiredFields: ['CALLS_INTERNAL'],
      exceptions: [{ name: 'Board', people: [{ email: 'user00003@sandbox.example.com' }, { email: 'nobody@elsewhere.example.com' }] }],
    });
    // Webex only approximates calls.internal: blocked, no scope counted.
    assert.deepEqual(of(WEBEX).coverage.blocked, { code: 'VENDOR_UNSUPPORTED_FIELD', fields: ['CALLS_INTERNAL'] });
    assert.equal(of(WEBEX).scopes, 0);
    assert.equal(of(YEASTAR).coverage.blocked, null);
    assert.deepEqual({ scopes: of(YEASTAR).scopes, changing: of(YEASTAR).changing }, { scopes: 1, changing: 1 });
    const records = sandbox.megafon.state.settings.length;
    assert.deepEqual({ scopes: of(MEGAFON).scopes, changing: of(MEGAFON).changing }, { scopes: records, changing: records });
    // The exact requests for a sample, what apply would send (MegaFon: a PUT of the settings record).
    const mf = of(MEGAFON).sample[0];
    assert.equal(mf.scope.kind, 'SETTINGS_RECORD');
    assert.ok(
      mf.requests.some((r: any) => r.method === 'PUT' && r.path.includes(mf.scope.id) && r.body.is_internal_calls_recording_enabled === false),
      JSON.stringify(mf.requests),
    );
    assert.ok(of(YEASTAR).sample[0].requests.length > 0);
    // Lint runs on what each vendor is sent: MegaFon records external calls unannounced; Yeastar is sent no
    // external-call rule (it records them through its trunk targets), so it has nothing to warn about.
    assert.deepEqual(of(MEGAFON).warnings, [{ code: 'EXTERNAL_CALLS_UNANNOUNCED', field: 'announcement' }]);
    assert.deepEqual(of(YEASTAR).warnings, []);
    assert.deepEqual(
      of(MEGAFON).coverage.unresolvedPeople.map((p: any) => p.name),
      ['user00003@sandbox.example.com', 'nobody@elsewhere.example.com'],
      'MegaFon resolves neither: listed, never dropped',
    );
    assert.deepEqual(await rows(), beforeRows, 'no row written');
    assert.deepEqual(writes(), beforeWrites, 'no write at any emulator');
  });

  it('refuses a bad draft with stable codes and field paths, and a foreign tenant as not found', async () => {
    const bad = errorOf(await t.gql(DRAFT, { input: { tenantId: DEMO_TENANT_ID, rules: { mode: 'ALWAYS' }, requiredFields: ['CALLS_EXTERNAL'] } }));
    assert.equal(bad.code, 'BAD_USER_INPUT');
    assert.deepEqual(
      (bad.fields as any[]).map((f) => f.path),
      [['input', 'requiredFields', 0]],
    );
    const other = await t.token({ tenants: ['00000000-0000-4000-8000-0000000000aa'] });
    const foreign = errorOf(await t.gql(DRAFT, { input: { tenantId: DEMO_TENANT_ID, rules: { mode: 'ALWAYS' } } }, { token: other }));
    assert.equal(foreign.code, 'NOT_FOUND');
  });

  it('compares with the applied standard: the same rules change nothing, a new mode changes every scope', async () => {
    const std = ok(await t.gql(`query($t: ID!) { recordingStandard(tenantId: $t) { id } }`, { t: DEMO_TENANT_ID })).recordingStandard;
    ok(
      await t.gql(`mutation($input: ApplyRecordingStandardInput!) { applyRecordingStandard(input: $input) { standard { applied } } }`, {
        input: { id: std.id },
      }),
    );
    const COMPLIANCE = `query($t: ID!) { recordingStandard(tenantId: $t) { compliance { totals { conforming pending failed } } } }`;
    const until = Date.now() + 120_000;
    let totals: any;
    while (Date.now() < until) {
      totals = ok(await t.gql(COMPLIANCE, { t: DEMO_TENANT_ID })).recordingStandard.compliance.totals;
      if (totals.pending === 0 && totals.conforming > 0) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    assert.equal(totals.pending, 0, JSON.stringify(totals));
    const def = demoStandard(MEGAFON);
    const same = await preview({ rules: def.rules, exceptions: def.exceptions, overrides: def.overrides });
    for (const id of [MEGAFON, YEASTAR, WEBEX]) assert.equal(same(id).changing, 0, `${id} unchanged`);
    assert.equal(same(WEBEX).scopes, PEOPLE + t.app.sandbox!.webex.workspaceIds.length);
    const beforeRows = await rows();
    const beforeWrites = writes();
    const stricter = await preview({ rules: { ...def.rules, mode: 'ALWAYS' }, exceptions: def.exceptions, overrides: def.overrides });
    assert.equal(stricter(WEBEX).changing, PEOPLE - 2 + t.app.sandbox!.webex.workspaceIds.length, 'all but the legal team (still NEVER)');
    assert.equal(stricter(YEASTAR).changing, 0, 'Yeastar cannot hold a mode: nothing changes there');
    assert.deepEqual(await rows(), beforeRows);
    assert.deepEqual(writes(), beforeWrites);
  });
});
