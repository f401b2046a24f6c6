import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ok, startTestApp, type TestApp } from '../helpers/app';
import { startDirectory, type Directory } from '../federation/directory';
import { waitFor } from '../helpers/wait';
import { DEMO_CONNECTION_IDS, DEMO_TENANT_ID } from '../../src/sandbox/demo-tenant';

/**
 * Issue 17: "people are named once (by e-mail, or by the User id a directory subgraph owns) and resolved per
 * platform". A standard's exception names people by User id; the directory subgraph (USER_DIRECTORY_URL) answers
 * their e-mails in one `_entities` request per compile, and each platform finds them by it. A User of another tenant,
 * an unknown id and a User without an e-mail are listed unresolved on every platform. The directory down is not a
 * verdict: the platforms whose policies depend on those people wait, nothing is written without them, nothing fails.
 * The scheduled reconcile is off here (each test runs the standard's check itself, as the reconcile's end does).
 */
const PEOPLE = 20;
const MEGAFON = DEMO_CONNECTION_IDS.megafon!;
const YEASTAR = DEMO_CONNECTION_IDS.yeastar!;
const WEBEX = DEMO_CONNECTION_IDS.webex!;

const STANDARD = `query($t: ID!) { recordingStandard(tenantId: $t) { id version
  coverage { connection { id } vendor unresolvedPeople { name reason } } } }`;
const SAVE = `mutation($input: SaveRecordingStandardInput!) { saveRecordingStandard(input: $input) {
  standard { id version } compiled { connectionId status scopes changed rolloutIds errorCode errorMessage } } }`;
const APPLY = `mutation($input: ApplyRecordingStandardInput!) { applyRecordingStandard(input: $input) {
  compiled { connectionId status scopes changed rolloutIds errorCode errorMessage } } }`;
const PREVIEW = `query($id: ID!) { recordingStandardPreview(id: $id) { coverage { connection { id } vendor unresolvedPeople { name reason } } scopes changing } }`;
const COMPLIANCE = `query($t: ID!) { recordingStandard(tenantId: $t) { compliance { totals { conforming drifted failed pending ungoverned }
  connections { connection { id } counts { conforming drifted failed pending ungoverned } } } } }`;

/** The directory behind a door the test can close: closed, every request is answered 503. */
async function door(target: () => string): Promise<{ url: string; open: boolean; close(): Promise<void> }> {
  const state = { open: true };
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (!state.open) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('directory down for maintenance');
      return;
    }
    const answer = await fetch(target(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.concat(chunks) });
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(await answer.text());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  });
}

describe('a company standard names people by their federated User id', () => {
  let t: TestApp;
  let directory: Directory;
  let gate: Awaited<ReturnType<typeof door>>;
  let standardId: string;
  let version: number;
  const lookups = () => directory.received.filter((r) => r.query.includes('RecordingStandardPeople')).length;
  const definition = (mode = 'ALWAYS_WITH_PAUSE_RESUME') => ({
    tenantId: DEMO_TENANT_ID,
    expectedVersion: version,
    name: 'Company recording standard',
    mode: 'REPORT',
    rules: {
      mode,
      calls: { external: true, internal: false },
      announcement: { enabled: true },
    },
    exceptions: [
      {
        name: 'Legal team',
        // A Webex person, a MegaFon employee (seed: Ivanov, id 145), another tenant's user, nobody, no e-mail.
        people: [{ userId: 'u-legal' }, { userId: 'u-ivanov' }, { userId: 'u-elsewhere' }, { userId: 'u-ghost' }, { userId: 'u-noemail' }],
      },
    ],
    overrides: [{ connectionId: MEGAFON, rules: { mode: 'ALWAYS', announcement: { media: { source: 'SYSTEM' } } } }],
  });
  /** What Webex holds for the person at this index of its directory (its default when never written). */
  const record = (index: number) => (t.app.sandbox!.webex.settingsOf(t.app.sandbox!.webex.personId(index)) as { record: string }).record;
  const unresolvedAt = async (connectionId: string) =>
    ok(await t.gql(STANDARD, { t: DEMO_TENANT_ID })).recordingStandard.coverage.find((c: any) => c.connection.id === connectionId).unresolvedPeople;

  before(async () => {
    directory = await startDirectory([
      { id: 'u-legal', name: 'Legal Person', email: 'User00007@sandbox.example.com', tenantId: DEMO_TENANT_ID },
      { id: 'u-ivanov', name: 'Ivan Ivanov', email: 'ivanov@example.ru', tenantId: DEMO_TENANT_ID },
      // The same e-mail as a Webex person of the demo tenant, but a user of another tenant: never resolved here.
      { id: 'u-elsewhere', name: 'Someone Else', email: 'user00009@sandbox.example.com', tenantId: 'another-tenant' },
      { id: 'u-noemail', name: 'No Mail', email: null, tenantId: DEMO_TENANT_ID },
    ]);
    gate = await door(() => directory.url);
    t = await startTestApp({
      env: {
        SANDBOX: 'true',
        SANDBOX_PORT_BASE: '0',
        SANDBOX_WEBEX_PEOPLE: String(PEOPLE),
        RECONCILE_INTERVAL_SECONDS: '0',
        JOB_POLL_SECONDS: '1',
        USER_DIRECTORY_URL: gate.url,
      },
    });
    const s = ok(await t.gql(STANDARD, { t: DEMO_TENANT_ID })).recordingStandard;
    standardId = s.id;
    version = s.version;
  });
  after(async () => {
    await t?.close();
    await gate?.close();
    await directory?.close();
  });

  it('resolves the User ids once per compile and reaches the person each platform knows by that e-mail', async () => {
    version = ok(await t.gql(SAVE, { input: definition() })).saveRecordingStandard.standard.version;
    const before = lookups();
    const compiled = ok(await t.gql(APPLY, { input: { id: standardId } })).applyRecordingStandard.compiled;
    assert.equal(lookups() - before, 1, 'one directory request for the three platforms');
    const sent = directory.received.at(-1)!;
    assert.deepEqual(
      (sent.variables!.representations as { id: string }[]).map((r) => r.id).sort(),
      ['u-elsewhere', 'u-ghost', 'u-ivanov', 'u-legal', 'u-noemail'],
      'every User id of the standard in that one request',
    );
    for (const c of compiled) assert.equal(c.status, 'COMPILED', JSON.stringify(c));

    const sandbox = t.app.sandbox!;
    const compliance = async () => ok(await t.gql(COMPLIANCE, { t: DEMO_TENANT_ID })).recordingStandard.compliance;
    const settled = await waitFor('every scope settled', compliance, (c) => c.totals.pending === 0, 120_000, 300);
    assert.deepEqual({ failed: settled.totals.failed, drifted: settled.totals.drifted }, { failed: 0, drifted: 0 }, JSON.stringify(settled));
    // The legal person (user00007 = Webex person 6) is never recorded; the others are.
    assert.equal(record(6), 'Never');
    // Another tenant's user with a demo person's e-mail (user00009 = person 8) is not excepted.
    assert.equal(record(8), 'Always with Pause/Resume');
    // MegaFon excludes the employee it resolved by the User's e-mail, in every settings record.
    await waitFor(
      'MegaFon records written',
      async () => sandbox.megafon.state.settings.map((r) => r.no_recording_employee_ids),
      (ids) => ids.length > 0 && ids.every((x) => JSON.stringify(x) === '[145]'),
      120_000,
      300,
    );

    const why = "no User with this id in this tenant's directory";
    assert.deepEqual(await unresolvedAt(WEBEX), [
      { name: 'User:u-ivanov', reason: "Webex Calling has no person with this User's e-mail (ivanov@example.ru)" },
      { name: 'User:u-elsewhere', reason: why },
      { name: 'User:u-ghost', reason: why },
      { name: 'User:u-noemail', reason: 'the directory has no e-mail for this User' },
    ]);
    const megafon = await unresolvedAt(MEGAFON);
    assert.deepEqual(
      megafon.map((p: any) => p.name),
      ['User:u-legal', 'User:u-elsewhere', 'User:u-ghost', 'User:u-noemail'],
      'MegaFon has no employee user00007; the rest as everywhere',
    );
    assert.match(megafon[0].reason, /has no person with this User's e-mail \(user00007@sandbox\.example\.com\)/);
    const yeastar = await unresolvedAt(YEASTAR);
    assert.equal(yeastar.length, 5, 'Yeastar names no one by e-mail: every person listed, none dropped');
    assert.match(yeastar.find((p: any) => p.name === 'User:u-elsewhere').reason, /another-tenant|no User/);
    assert.ok(!JSON.stringify(yeastar).includes('another-tenant'), "the other tenant's id is never shown");
  });

  it('while the directory is down, platforms that name people wait (nothing written, nothing failed); once it answers they compile', async () => {
    const sandbox = t.app.sandbox!;
    await waitFor(
      'the first version settled',
      async () => ok(await t.gql(COMPLIANCE, { t: DEMO_TENANT_ID })).recordingStandard.compliance.totals,
      (x) => x.pending === 0,
      120_000,
      300,
    );
    gate.open = false;
    const webexWrites = () => Object.values(sandbox.webex.counts().writes).reduce((a, b) => a + b, 0);
    const webexWritesBefore = webexWrites();
    const megafonBefore = JSON.stringify(sandbox.megafon.state.settings);

    // The preview still answers, listing the people as not resolved yet.
    const preview = ok(await t.gql(PREVIEW, { id: standardId })).recordingStandardPreview;
    const webexPreview = preview.find((p: any) => p.coverage.connection.id === WEBEX);
    assert.match(
      webexPreview.coverage.unresolvedPeople[0].reason,
      /^not resolved yet: The user directory at 127\.0\.0\.1:\d+ \(USER_DIRECTORY_URL\) could not answer: HTTP 503/,
    );

    // The next version (recording without pause) is saved; applied at once: Webex and MegaFon held, Yeastar compiled.
    const saved = ok(await t.gql(SAVE, { input: definition('ALWAYS') })).saveRecordingStandard;
    version = saved.standard.version;
    const status = Object.fromEntries(saved.compiled.map((c: any) => [c.connectionId, c]));
    assert.equal(status[YEASTAR].status, 'COMPILED');
    for (const id of [WEBEX, MEGAFON]) {
      assert.equal(status[id].status, 'HELD', JSON.stringify(status[id]));
      assert.equal(status[id].errorCode, 'VENDOR_UNAVAILABLE');
      assert.match(status[id].errorMessage, /user directory .* could not answer/);
      assert.deepEqual(status[id].rolloutIds, []);
    }
    // A check while it is still down holds them again.
    await t.app.services.standards.tick();
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(webexWrites(), webexWritesBefore, 'no Webex person written without the exceptions');
    assert.equal(record(8), 'Always with Pause/Resume', 'still the first version');
    assert.equal(JSON.stringify(sandbox.megafon.state.settings), megafonBefore, 'no MegaFon record written without the exclusions');
    const totals = ok(await t.gql(COMPLIANCE, { t: DEMO_TENANT_ID })).recordingStandard.compliance.totals;
    assert.equal(totals.failed, 0, 'an unavailable directory fails nothing');

    // Back: the next check compiles the held platforms, exceptions included.
    gate.open = true;
    const before = lookups();
    await t.app.services.standards.tick();
    assert.equal(lookups() - before, 1, 'one request for both held platforms');
    for (const id of [WEBEX, MEGAFON]) {
      const reasons = (await unresolvedAt(id)).map((p: any) => p.reason).join('; ');
      assert.ok(!reasons.includes('not resolved yet'), `${id} compiled at the new version with the people resolved: ${reasons}`);
    }
    await waitFor(
      'the people written now',
      async () => record(8),
      (r) => r === 'Always',
      120_000,
      300,
    );
    await waitFor(
      'every scope conforming',
      async () => ok(await t.gql(COMPLIANCE, { t: DEMO_TENANT_ID })).recordingStandard.compliance.totals,
      (x) => x.pending === 0 && x.conforming > 0,
      120_000,
      300,
    );
    assert.equal(record(6), 'Never', 'the legal person still excepted');
    for (const record of sandbox.megafon.state.settings) assert.deepEqual(record.no_recording_employee_ids, [145], `record ${record.id}`);
    const final = ok(await t.gql(COMPLIANCE, { t: DEMO_TENANT_ID })).recordingStandard.compliance.totals;
    assert.deepEqual({ failed: final.failed, drifted: final.drifted }, { failed: 0, drifted: 0 });
  });
});
