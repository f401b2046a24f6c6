import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ok, startTestApp, type TestApp } from '../helpers/app';
import { DEMO_CONNECTION_IDS, DEMO_TENANT_ID } from '../../src/sandbox/demo-tenant';
import { demoStandard } from '../../src/services/standard-demo';

const PEOPLE = 12;
const WEBEX = DEMO_CONNECTION_IDS.webex!;

const COVERAGE = `query($t: ID!) { recordingStandard(tenantId: $t) { id version coverage { connection { id }
  fields { path status note } scopeKinds { kind fields { path status note } compiledRules { mode startStopAnnouncement { enabled externalCalls } } } } } }`;
const COMPLIANCE = `query($t: ID!) { recordingStandard(tenantId: $t) { compliance { connections { connection { id }
  counts { conforming drifted failed pending ungoverned } scopeKinds { kind counts { conforming drifted failed pending ungoverned } }
  drifted: policies(status: DRIFTED, first: 10) { nodes { scope { kind id } drift { field desired actual } } } } } } }`;

async function waitFor<T>(what: string, read: () => Promise<T>, done: (v: T) => boolean, ms = 120_000): Promise<T> {
  const until = Date.now() + ms;
  let last: T | undefined;
  while (Date.now() < until) {
    last = await read();
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
}

/**
 * Issue 17: the standard governs "every Webex person and workspace". The Webex Calling workspaces (List Workspaces,
 * calling=webexCalling) are scopes of the standard next to the people: their own coverage (no start/stop announcement
 * switch), one policy each pushed by its sync job, drift corrected in ENFORCE, a workspace added later governed.
 */
describe('a company standard on Webex workspaces', () => {
  let t: TestApp;
  const webexOf = async () =>
    ok(await t.gql(COMPLIANCE, { t: DEMO_TENANT_ID })).recordingStandard.compliance.connections.find((c: any) => c.connection.id === WEBEX);
  const kind = (c: any, k: string) => c.scopeKinds.find((x: any) => x.kind === k).counts;

  before(async () => {
    t = await startTestApp({
      env: { SANDBOX: 'true', SANDBOX_PORT_BASE: '0', SANDBOX_WEBEX_PEOPLE: String(PEOPLE), RECONCILE_INTERVAL_SECONDS: '2', JOB_POLL_SECONDS: '1' },
    });
  });
  after(async () => {
    await t?.close();
  });

  it('covers people and workspaces separately, from the adapter (workspaces have no start/stop announcement switch)', async () => {
    const s = ok(await t.gql(COVERAGE, { t: DEMO_TENANT_ID })).recordingStandard;
    const webex = s.coverage.find((c: any) => c.connection.id === WEBEX);
    assert.deepEqual(
      webex.scopeKinds.map((k: any) => k.kind),
      ['PERSON', 'WORKSPACE'],
    );
    const field = (fields: any[], path: string) => fields.find((f) => f.path === path);
    const [people, workspaces] = webex.scopeKinds;
    assert.equal(field(people.fields, 'startStopAnnouncement.enabled').status, 'HONOURED');
    assert.deepEqual(field(workspaces.fields, 'startStopAnnouncement.enabled'), {
      path: 'startStopAnnouncement.enabled',
      status: 'NOT_SUPPORTED',
      note: 'Webex Calling: Webex has no start/stop announcement switch for workspaces and virtual lines: govern internalCalls and externalCalls instead',
    });
    assert.equal(workspaces.compiledRules.startStopAnnouncement.enabled, null, 'not sent to workspaces');
    assert.equal(people.compiledRules.startStopAnnouncement.enabled, true);
    // The connection's line is the least honoured, and says where.
    assert.deepEqual(field(webex.fields, 'startStopAnnouncement.enabled'), {
      path: 'startStopAnnouncement.enabled',
      status: 'NOT_SUPPORTED',
      note: `on workspaces: ${field(workspaces.fields, 'startStopAnnouncement.enabled').note}`,
    });
  });

  it('applied in ENFORCE mode, every Webex Calling workspace conforms; drift there is corrected; a new workspace is governed', async () => {
    const sandbox = t.app.sandbox!;
    const s = ok(await t.gql(COVERAGE, { t: DEMO_TENANT_ID })).recordingStandard;
    const std = ok(
      await t.gql(`query($t: ID!) { recordingStandard(tenantId: $t) { id version name mode rules { mode } } }`, { t: DEMO_TENANT_ID }),
    ).recordingStandard;
    assert.equal(std.id, s.id);
    const seeded = demoStandard(DEMO_CONNECTION_IDS.megafon!);
    const saved = ok(
      await t.gql(`mutation($input: SaveRecordingStandardInput!) { saveRecordingStandard(input: $input) { standard { version mode } } }`, {
        input: {
          tenantId: DEMO_TENANT_ID,
          expectedVersion: std.version,
          name: std.name,
          mode: 'ENFORCE',
          rules: seeded.rules,
          exceptions: seeded.exceptions,
          overrides: seeded.overrides,
        },
      }),
    ).saveRecordingStandard;
    assert.equal(saved.standard.mode, 'ENFORCE');
    const applied = ok(
      await t.gql(
        `mutation($input: ApplyRecordingStandardInput!) { applyRecordingStandard(input: $input) { compiled { connectionId status scopes changed } } }`,
        { input: { id: std.id } },
      ),
    ).applyRecordingStandard.compiled;
    const webex = applied.find((c: any) => c.connectionId === WEBEX);
    assert.deepEqual({ status: webex.status, scopes: webex.scopes }, { status: 'COMPILED', scopes: PEOPLE + sandbox.webex.workspaceIds.length });

    const all = await waitFor('people and workspaces conforming', webexOf, (c) => c.counts.conforming === PEOPLE + 3 && c.counts.pending === 0);
    assert.deepEqual(kind(all, 'WORKSPACE'), { conforming: 3, drifted: 0, failed: 0, pending: 0, ungoverned: 0 });
    assert.deepEqual(kind(all, 'PERSON'), { conforming: PEOPLE, drifted: 0, failed: 0, pending: 0, ungoverned: 0 });
    for (const id of sandbox.webex.workspaceIds) {
      const at = sandbox.webex.settingsOf(id) as any;
      assert.deepEqual(
        { enabled: at.enabled, record: at.record, pstn: at.startStopAnnouncement.pstnCallsEnabled },
        {
          enabled: true,
          record: 'Always with Pause/Resume',
          pstn: true,
        },
      );
    }
    const lobby = sandbox.webex.state.workspaces.find((w) => w.calling !== 'webexCalling')!;
    assert.equal(
      Object.keys(sandbox.webex.counts().writes).some((k) => k === `workspace:${lobby.id}`),
      false,
      'the free-calling lobby is not governed',
    );

    // Behind our back in Control Hub: corrected within a reconcile interval, the correction audited.
    const ws = sandbox.webex.workspaceIds[1]!;
    sandbox.webex.setSettings(ws, { record: 'Never' } as never);
    const fixed = await waitFor(
      'the workspace corrected',
      async () => sandbox.webex.settingsOf(ws) as any,
      (x) => x.record === 'Always with Pause/Resume',
    );
    assert.equal(fixed.enabled, true);
    const audit = ok(
      await t.gql(`query($t: ID!) { auditLog(tenantId: $t, action: STANDARD_ENFORCE, first: 50) { nodes { after outcome } } }`, {
        t: DEMO_TENANT_ID,
      }),
    ).auditLog.nodes;
    assert.ok(
      audit.some((a: any) => JSON.stringify(a.outcome).includes(ws)),
      JSON.stringify(audit),
    );

    // A workspace added in Control Hub is found by the next directory walk and brought under the standard.
    const res = await fetch(`${sandbox.webex.url}/__sandbox/workspaces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"count":1}',
    });
    assert.equal(res.status, 201);
    const added = sandbox.webex.workspaceIds.at(-1)!;
    const c = await waitFor(
      'the new workspace conforming',
      webexOf,
      (x) => kind(x, 'WORKSPACE').conforming === 4 && kind(x, 'WORKSPACE').pending === 0,
    );
    assert.equal(kind(c, 'WORKSPACE').ungoverned, 0);
    assert.equal((sandbox.webex.settingsOf(added) as any).record, 'Always with Pause/Resume');
  });
  it('a Webex token without spark-admin:workspaces_read still governs the people, and says the workspaces are not listed', async () => {
    const sandbox = t.app.sandbox!;
    const token = 'webex-sandbox-token';
    sandbox.webex.grantScopes(token, [
      'spark-admin:people_read',
      'spark-admin:people_write',
      'spark-admin:telephony_config_read',
      'spark-admin:telephony_config_write',
      'spark:calls_write',
    ]);
    try {
      const std = ok(await t.gql(`query($t: ID!) { recordingStandard(tenantId: $t) { id version } }`, { t: DEMO_TENANT_ID })).recordingStandard;
      const seeded = demoStandard(DEMO_CONNECTION_IDS.megafon!);
      const r = ok(
        await t.gql(
          `mutation($input: SaveRecordingStandardInput!) { saveRecordingStandard(input: $input) {
            compiled { connectionId status scopes errorCode unlistedScopeKinds { kind code message } } } }`,
          {
            input: {
              tenantId: DEMO_TENANT_ID,
              expectedVersion: std.version,
              name: 'Record always',
              mode: 'ENFORCE',
              rules: { ...seeded.rules, mode: 'ALWAYS' },
              exceptions: seeded.exceptions,
              overrides: seeded.overrides,
            },
          },
        ),
      ).saveRecordingStandard.compiled;
      const webex = r.find((c: any) => c.connectionId === WEBEX);
      assert.equal(webex.status, 'COMPILED', JSON.stringify(webex));
      assert.equal(webex.scopes, PEOPLE, 'the people, without the workspaces');
      assert.deepEqual(
        webex.unlistedScopeKinds.map((u: any) => [u.kind, u.code]),
        [['WORKSPACE', 'VENDOR_AUTH_FAILED']],
      );
      assert.match(webex.unlistedScopeKinds[0].message, /workspaces_read/);
      const people = await waitFor(
        'the people recorded always',
        webexOf,
        (c) => kind(c, 'PERSON').conforming === PEOPLE && kind(c, 'PERSON').pending === 0,
      );
      assert.equal(kind(people, 'PERSON').failed, 0);
      assert.equal((sandbox.webex.settingsOf(sandbox.webex.personId(10)) as any).record, 'Always');
    } finally {
      sandbox.webex.grantScopes(token, [
        'spark-admin:people_read',
        'spark-admin:people_write',
        'spark-admin:telephony_config_read',
        'spark-admin:telephony_config_write',
        'spark-admin:workspaces_read',
        'spark:calls_write',
      ]);
    }
  });
});
