import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorOf, ok, startTestApp, type TestApp } from '../helpers/app';
import { collect, wsClient } from '../helpers/ws';
import { DEMO_CONNECTION_IDS, DEMO_TENANT_ID } from '../../src/sandbox/demo-tenant';
import { getVendor } from '../../src/vendors/registry';
import type { VendorKind } from '../../src/domain/vendor-kind';
import type { RuleField } from '../../src/domain/policy';

/**
 * Issue 17's "done when", on the built-in sandbox: the demo tenant's standard across MegaFon, Yeastar and Webex
 * (500 people), applied, kept true by the scheduled reconcile, drift reported then corrected, a newcomer governed,
 * and a required rule one vendor cannot honour blocking that vendor only.
 */
const PEOPLE = 500;
/** The sandbox's Webex Calling workspaces (its free-calling lobby has no settings and is not governed). */
const WORKSPACES = 3;
const MEGAFON = DEMO_CONNECTION_IDS.megafon!;
const YEASTAR = DEMO_CONNECTION_IDS.yeastar!;
const WEBEX = DEMO_CONNECTION_IDS.webex!;

const STANDARD = `query($t: ID!) { recordingStandard(tenantId: $t) { id version mode applied name
  coverage { connection { id } vendor fields { field path status required note } blocked { code message fields } unresolvedPeople { name reason } }
} }`;
const COMPLIANCE = `query($t: ID!) { recordingStandard(tenantId: $t) { id compliance {
  totals { conforming drifted failed pending ungoverned } blockedConnections
  connections { connection { id } vendor blocked counts { conforming drifted failed pending ungoverned } ungovernedScopes { kind id }
    drifted: policies(status: DRIFTED, first: 10) { totalCount nodes { scope { kind id } drift { field desired actual } } } }
} } }`;
const SAVE = `mutation($input: SaveRecordingStandardInput!) { saveRecordingStandard(input: $input) {
  standard { id version mode requiredFields } compiled { connectionId status scopes changed rolloutIds errorCode errorMessage } } }`;

type Counts = { conforming: number; drifted: number; failed: number; pending: number; ungoverned: number };

async function waitFor<T>(what: string, read: () => Promise<T>, done: (v: T) => boolean, ms = 240_000): Promise<T> {
  const until = Date.now() + ms;
  let last: T | undefined;
  while (Date.now() < until) {
    last = await read();
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
}

describe('a company recording standard on the sandbox', () => {
  let t: TestApp;
  let standardId: string;
  let version: number;
  const definition = (mode: 'REPORT' | 'ENFORCE', requiredFields: string[] = []) => ({
    tenantId: DEMO_TENANT_ID,
    expectedVersion: version,
    name: 'Company recording standard',
    mode,
    rules: {
      mode: 'ALWAYS_WITH_PAUSE_RESUME',
      calls: { external: true, internal: false },
      announcement: { enabled: true },
      startStopAnnouncement: { enabled: true, externalCalls: true },
    },
    requiredFields,
    // A Webex person, nobody, and a MegaFon employee (seed: id 145): each platform resolves whom it knows.
    exceptions: [
      {
        name: 'Legal team',
        people: [{ email: 'user00007@sandbox.example.com' }, { email: 'nobody@elsewhere.example.com' }, { email: 'Ivanov@example.ru' }],
      },
    ],
    overrides: [{ connectionId: MEGAFON, rules: { mode: 'ALWAYS', announcement: { media: { source: 'SYSTEM' } } } }],
  });
  const compliance = async () => ok(await t.gql(COMPLIANCE, { t: DEMO_TENANT_ID })).recordingStandard.compliance;
  const byConn = (c: any, id: string) => c.connections.find((x: any) => x.connection.id === id);
  const save = async (mode: 'REPORT' | 'ENFORCE', required: string[] = []) => {
    const r = ok(await t.gql(SAVE, { input: definition(mode, required) })).saveRecordingStandard;
    version = r.standard.version;
    return r;
  };

  before(async () => {
    t = await startTestApp({
      env: { SANDBOX: 'true', SANDBOX_PORT_BASE: '0', SANDBOX_WEBEX_PEOPLE: String(PEOPLE), RECONCILE_INTERVAL_SECONDS: '2', JOB_POLL_SECONDS: '1' },
    });
    // A bigger Webex org than the sandbox default (20 requests/s per token): 100/s at the emulator, and the connection
    // paced at exactly that, so the roll-outs and the reconcile reads that share the budget stay at the vendor's rate.
    t.app.sandbox!.webex.limiter.configure({ requestsPerSecond: 100, burst: 100 });
    const webex = t.app.sandbox!.connections.find((c) => c.key === 'webex')!;
    await t.app.connectSandbox([
      {
        ...webex,
        settings: [
          { name: 'http.ratePerSecond', value: '100' },
          { name: 'http.burst', value: '100' },
        ],
      },
    ]);
  });
  after(async () => {
    await t?.close();
  });

  it('the demo tenant has a standard whose coverage is what each vendor capabilities say', async () => {
    const s = ok(await t.gql(STANDARD, { t: DEMO_TENANT_ID })).recordingStandard;
    assert.ok(s, 'the sandbox seeds a standard for the demo tenant');
    standardId = s.id;
    version = s.version;
    assert.equal(s.applied, false);
    assert.deepEqual(s.coverage.map((c: any) => c.connection.id).sort(), [MEGAFON, YEASTAR, WEBEX].sort(), 'the three settings vendors');
    for (const c of s.coverage) {
      const caps = getVendor(c.vendor as VendorKind).capabilities;
      for (const f of c.fields) {
        if (f.status === 'HONOURED') assert.ok(caps.ruleFields.includes(f.path as RuleField), `${c.vendor} ${f.path} honoured: in its capabilities`);
        if (f.status === 'APPROXIMATED')
          assert.equal(f.note, caps.approximations?.[f.path as RuleField], `${c.vendor} ${f.path}: the adapter's own words`);
        if (f.status === 'NOT_SUPPORTED' && !caps.ruleFields.includes(f.path as RuleField))
          assert.equal(caps.approximations?.[f.path as RuleField], undefined, `${c.vendor} ${f.path} has no declared approximation`);
      }
      // Every field the rules set is listed: nothing is dropped silently.
      assert.equal(c.fields.length, c.vendor === 'MEGAFON' ? 7 : 6, `${c.vendor}: ${JSON.stringify(c.fields.map((f: any) => f.path))}`);
    }
    const webex = s.coverage.find((c: any) => c.vendor === 'WEBEX');
    const internal = webex.fields.find((f: any) => f.path === 'calls.internal');
    assert.deepEqual(
      { status: internal.status, note: internal.note },
      { status: 'APPROXIMATED', note: 'Webex cannot record internal calls only; records all calls' },
    );
    assert.equal(webex.fields.find((f: any) => f.path === 'mode').status, 'HONOURED');
    const yeastar = s.coverage.find((c: any) => c.vendor === 'YEASTAR');
    assert.equal(yeastar.fields.find((f: any) => f.path === 'mode').status, 'NOT_SUPPORTED');
    assert.equal(yeastar.fields.find((f: any) => f.path === 'calls.internal').status, 'HONOURED');
    const megafon = s.coverage.find((c: any) => c.vendor === 'MEGAFON');
    assert.equal(megafon.fields.find((f: any) => f.path === 'startStopAnnouncement.enabled').status, 'NOT_SUPPORTED');
    for (const c of s.coverage) assert.equal(c.blocked, null);
  });

  it('previews per connection without writing anything at any vendor', async () => {
    const sandbox = t.app.sandbox!;
    const writes = () => [sandbox.megafon, sandbox.yeastar, sandbox.webex].map((e) => e.counts().writes);
    const before = writes();
    const preview = ok(
      await t.gql(
        `query($id: ID!) { recordingStandardPreview(id: $id) { coverage { connection { id } } scopes changing sample { scope { kind id } requests { method path body } } warnings { code field } } }`,
        { id: standardId },
      ),
    ).recordingStandardPreview;
    const of = (id: string) => preview.find((p: any) => p.coverage.connection.id === id);
    assert.equal(of(WEBEX).scopes, PEOPLE + WORKSPACES);
    assert.equal(of(WEBEX).changing, PEOPLE + WORKSPACES);
    assert.deepEqual([...new Set(of(WEBEX).sample.map((x: any) => x.scope.kind))], ['PERSON', 'WORKSPACE'], 'a sample of each kind');
    assert.equal(of(YEASTAR).scopes, 1);
    assert.equal(of(MEGAFON).scopes, sandbox.megafon.state.settings.length);
    for (const p of preview) {
      assert.ok(p.sample.length > 0, 'a sample of the exact requests');
      assert.ok(
        p.sample[0].requests.some((r: any) => r.method === 'PUT' || r.method === 'POST'),
        JSON.stringify(p.sample[0]),
      );
    }
    assert.deepEqual(writes(), before, 'a preview writes nothing');
  });

  it('applied in REPORT mode, every governed scope ends conforming; drift behind our back is reported and left alone', async () => {
    await save('REPORT');
    const applied = ok(
      await t.gql(
        `mutation($input: ApplyRecordingStandardInput!) { applyRecordingStandard(input: $input) { standard { applied } compiled { connectionId status scopes changed rolloutIds } } }`,
        {
          input: { id: standardId },
        },
      ),
    ).applyRecordingStandard;
    assert.equal(applied.standard.applied, true);
    const out = (id: string) => applied.compiled.find((c: any) => c.connectionId === id);
    assert.equal(out(WEBEX).status, 'COMPILED');
    assert.equal(out(WEBEX).changed, PEOPLE + WORKSPACES);
    assert.ok(out(WEBEX).rolloutIds.length >= 2, 'the standard and the legal team go out as roll-outs');
    const megafonRecords = t.app.sandbox!.megafon.state.settings.length;
    const total = megafonRecords + 1 + PEOPLE + WORKSPACES;
    const done = await waitFor('every scope conforming', compliance, (c) => c.totals.conforming === total);
    assert.deepEqual(done.totals, { conforming: total, drifted: 0, failed: 0, pending: 0, ungoverned: 0 });
    // The legal team's Webex person is never recorded; everyone else is.
    const sandbox = t.app.sandbox!;
    const legal = sandbox.webex.state.directory.personId(6);
    assert.equal((sandbox.webex.state.personSettings.get(6) as any)?.record, 'Never', `legal ${legal}`);
    assert.equal((sandbox.webex.state.personSettings.get(10) as any)?.record, 'Always with Pause/Resume');
    const cov = ok(await t.gql(STANDARD, { t: DEMO_TENANT_ID })).recordingStandard.coverage;
    const unresolved = (vendor: string) => cov.find((c: any) => c.vendor === vendor).unresolvedPeople.map((p: any) => p.name);
    assert.deepEqual(unresolved('WEBEX'), ['nobody@elsewhere.example.com', 'ivanov@example.ru'], 'names Webex cannot resolve are listed');
    assert.deepEqual(unresolved('MEGAFON'), ['user00007@sandbox.example.com', 'nobody@elsewhere.example.com']);
    assert.equal(unresolved('YEASTAR').length, 3, 'Yeastar names no one by e-mail: all listed');
    // MegaFon excludes the employee it resolved, in every settings record.
    for (const record of sandbox.megafon.state.settings) assert.deepEqual(record.no_recording_employee_ids, [145], `record ${record.id}`);

    // Compliance changes are announced.
    const client = wsClient(t.app.graphqlUrl, t.adminToken);
    const sub = collect(client, `subscription($t: ID!) { recordingStandardComplianceChanged(tenantId: $t) { totals { conforming drifted } } }`, {
      t: DEMO_TENANT_ID,
    });
    await new Promise((r) => setTimeout(r, 300));

    // Behind our back, at each emulator.
    const mf = sandbox.megafon.state.settings[0]!;
    mf.is_external_calls_recording_enabled = false;
    sandbox.yeastar.state.autoRecord.enb_internal = 1;
    sandbox.webex.setSettings(sandbox.webex.state.directory.personId(20), { record: 'Never' } as never);
    const drifted = await waitFor('three drifted scopes', compliance, (c) => c.totals.drifted === 3);
    // MegaFon's mode is its two flags: with both off the record reads back as NEVER.
    assert.deepEqual(byConn(drifted, MEGAFON).drifted.nodes[0].drift, [
      { field: 'mode', desired: 'ALWAYS', actual: 'NEVER' },
      { field: 'calls.external', desired: true, actual: false },
    ]);
    assert.deepEqual(byConn(drifted, YEASTAR).drifted.nodes[0].drift, [{ field: 'calls.internal', desired: false, actual: true }]);
    assert.equal(byConn(drifted, WEBEX).drifted.nodes[0].drift[0].field, 'mode');
    try {
      await sub.until((rs) => rs.some((r) => r.data?.recordingStandardComplianceChanged?.totals.drifted === 3), 60_000);
    } finally {
      sub.stop();
      await client.dispose();
    }
    // REPORT: another reconcile run later, the vendors still hold what was changed there.
    const runs = t.app.services.reconcile.stats.runs;
    await waitFor(
      'two more runs',
      async () => t.app.services.reconcile.stats.runs,
      (n) => n >= runs + 2,
    );
    assert.equal(mf.is_external_calls_recording_enabled, false);
    assert.equal(sandbox.yeastar.state.autoRecord.enb_internal, 1);
    assert.equal((await compliance()).totals.drifted, 3);
  });

  it('in ENFORCE mode drift is corrected at the vendor within one reconcile interval, each correction audited', async () => {
    const sandbox = t.app.sandbox!;
    const r = await save('ENFORCE');
    assert.equal(r.standard.mode, 'ENFORCE');
    const runs = t.app.services.reconcile.stats.runs;
    const fixed = await waitFor('no drift', compliance, (c) => c.totals.drifted === 0 && c.totals.pending === 0);
    assert.equal(fixed.totals.failed, 0);
    assert.ok(
      t.app.services.reconcile.stats.runs <= runs + 2,
      `corrected within one interval (runs ${runs} -> ${t.app.services.reconcile.stats.runs})`,
    );
    assert.equal(sandbox.megafon.state.settings[0]!.is_external_calls_recording_enabled, true);
    assert.equal(sandbox.yeastar.state.autoRecord.enb_internal, 0);
    assert.equal((sandbox.webex.state.personSettings.get(20) as any)?.record, 'Always with Pause/Resume');
    const audit = ok(
      await t.gql(`query($t: ID!) { auditLog(tenantId: $t, action: STANDARD_ENFORCE, first: 50) { nodes { action targetType } } }`, {
        t: DEMO_TENANT_ID,
      }),
    ).auditLog.nodes;
    assert.equal(audit.length, 3, JSON.stringify(audit));
  });

  it('a Webex person added at the emulator is brought under the standard', async () => {
    const sandbox = t.app.sandbox!;
    const res = await fetch(`${sandbox.webex.url}/__sandbox/people`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"count":1}',
    });
    assert.equal(res.status, 201);
    const newcomer = sandbox.webex.state.directory.size - 1;
    const c = await waitFor('the newcomer conforming', compliance, (x) => byConn(x, WEBEX).counts.conforming === PEOPLE + WORKSPACES + 1);
    assert.equal(byConn(c, WEBEX).counts.ungoverned, 0);
    assert.equal((sandbox.webex.state.personSettings.get(newcomer) as any)?.record, 'Always with Pause/Resume');
  });

  it('a required rule one vendor cannot honour blocks that platform only, with a clear error code', async () => {
    const r = await save('ENFORCE', ['MODE']);
    const of = (id: string) => r.compiled.find((c: any) => c.connectionId === id);
    assert.equal(of(YEASTAR).status, 'BLOCKED');
    assert.equal(of(YEASTAR).errorCode, 'VENDOR_UNSUPPORTED_FIELD');
    assert.match(of(YEASTAR).errorMessage, /Yeastar.*mode/);
    assert.equal(of(MEGAFON).status, 'COMPILED');
    assert.equal(of(WEBEX).status, 'COMPILED');
    const s = ok(await t.gql(STANDARD, { t: DEMO_TENANT_ID })).recordingStandard;
    const blocked = s.coverage.filter((c: any) => c.blocked);
    assert.deepEqual(
      blocked.map((c: any) => [c.vendor, c.blocked.code, c.blocked.fields]),
      [['YEASTAR', 'VENDOR_UNSUPPORTED_FIELD', ['MODE']]],
    );
    const c = await compliance();
    assert.equal(c.blockedConnections, 1);
    assert.equal(byConn(c, YEASTAR).blocked, true);
    assert.equal(byConn(c, MEGAFON).blocked, false);
  });

  it('refuses a stale version and foreign tenants, _entities included', async () => {
    const stale = errorOf(await t.gql(SAVE, { input: { ...definition('REPORT'), expectedVersion: 1 } }));
    assert.equal(stale.code, 'CONFLICT');
    const other = await t.token({ tenants: ['00000000-0000-4000-8000-0000000000aa'] });
    const ent = ok(
      await t.gql(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on RecordingStandard { id } } }`,
        { r: [{ __typename: 'RecordingStandard', id: standardId }] },
        { token: other },
      ),
    );
    assert.deepEqual(ent._entities, [null]);
    const mine = ok(
      await t.gql(`query($r: [_Any!]!) { _entities(representations: $r) { ... on RecordingStandard { id version } } }`, {
        r: [{ __typename: 'RecordingStandard', id: standardId }],
      }),
    );
    assert.equal(mine._entities[0].id, standardId);
    const foreign = errorOf(await t.gql(STANDARD, { t: DEMO_TENANT_ID }, { token: other }));
    assert.equal(foreign.code, 'NOT_FOUND');
  });
});
