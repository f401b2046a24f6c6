import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClientError, GraphQLClient } from 'graphql-request';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
import { ROOT_DIR } from '../../src/app';
import { createMegafonEmulator, MEGAFON_DEFAULT_TOKEN, type MegafonEmulator } from '../../src/sandbox/megafon/emulator';
import { startTestApp, type TestApp } from '../helpers/app';
import {
  ConnectVendorDocument,
  CreateRecordingPolicyDocument,
  CreateTenantDocument,
  DashboardDocument,
  PreviewRecordingPolicyDocument,
  ReconcileRecordingPolicyDocument,
  RecordingPolicyDocument,
  RetrySyncDocument,
  TenantDocument,
  TestVendorConnectionDocument,
  UpdateRecordingPolicyDocument,
  VendorsDocument,
  ViewerDocument,
  type RecordingRulesInput,
} from '../generated/graphql/graphql';

const GENERATED_DIR = join(ROOT_DIR, 'test', 'generated', 'graphql');

/** Never called: it only has to compile, and the @ts-expect-error lines fail the build if the documents lose their types. */
export function typesAreEnforced(client: GraphQLClient): void {
  // @ts-expect-error CreateTenantInput has no field `title`
  void client.request(CreateTenantDocument, { input: { title: 'x' } });
  // @ts-expect-error Tenant needs $id
  void client.request(TenantDocument, {});
  void client.request(ViewerDocument).then((r) => {
    // @ts-expect-error Viewer selects no `tenants` field
    void r.viewer.tenants;
  });
}

/**
 * The frontend operations in schema/operations/, as codegen types them, sent by a real GraphQL client to the
 * running service, in the order a person would use them: a tenant, a MegaFon connection (its emulator), a policy.
 */
describe('typed frontend operations with graphql-request', () => {
  let t: TestApp;
  let megafon: MegafonEmulator;
  let client: GraphQLClient;

  before(async () => {
    t = await startTestApp();
    megafon = createMegafonEmulator({ rateLimit: null, allowedIps: ['127.0.0.1'] });
    await megafon.listen(0, '127.0.0.1');
    client = new GraphQLClient(t.app.graphqlUrl, { headers: { authorization: `Bearer ${t.adminToken}` } });
  });
  after(async () => {
    await megafon?.close();
    await t?.close();
  });

  it('Viewer and Vendors', async () => {
    const { viewer } = await client.request(ViewerDocument);
    assert.equal(viewer.subject, 'tester');
    assert.equal(viewer.allTenants, true);
    const { vendors } = await client.request(VendorsDocument);
    const megafonKind = vendors.find((v) => v.kind === 'MEGAFON');
    assert.ok(megafonKind, 'MEGAFON is listed');
    assert.deepEqual(
      megafonKind.capabilities.credentialFields.map((f) => f.name),
      ['token'],
    );
  });

  it('CreateTenant, ConnectVendor, TestVendorConnection, Tenant, then a policy through its whole life, and the Dashboard', async () => {
    const variables = JSON.parse(readFileSync(join(ROOT_DIR, 'schema', 'operations', '04-CreateTenant.graphql.variables.json'), 'utf8'));
    const {
      createTenant: { tenant },
    } = await client.request(CreateTenantDocument, variables);
    assert.equal(tenant.name, 'Acme Contact Centre');

    const {
      connectVendor: { connection },
    } = await client.request(ConnectVendorDocument, {
      input: {
        tenantId: tenant.id,
        vendor: 'MEGAFON',
        name: 'Head office',
        baseUrl: megafon.apiBaseUrl,
        credentials: [{ name: 'token', value: MEGAFON_DEFAULT_TOKEN }],
      },
    });
    assert.equal(connection.status, 'UNTESTED');
    const { testVendorConnection: check } = await client.request(TestVendorConnectionDocument, { input: { id: connection.id } });
    assert.equal(check.ok, true, JSON.stringify(check.error));
    assert.equal(check.connection.status, 'OK');

    const { tenant: read } = await client.request(TenantDocument, { id: tenant.id });
    assert.equal(read?.connections[0]?.id, connection.id);

    const rules: RecordingRulesInput = { mode: 'ALWAYS', calls: { internal: true, external: false }, excludedUserIds: ['129'] };
    const scope = { kind: 'SETTINGS_RECORD' as const, id: '52' };
    const { previewRecordingPolicy: preview } = await client.request(PreviewRecordingPolicyDocument, {
      input: { connectionId: connection.id, scope, rules },
    });
    assert.equal(preview.requests.map((r) => `${r.method} ${r.path}`).at(-1), 'PUT /settings/recording/52');

    const { createRecordingPolicy: created } = await client.request(CreateRecordingPolicyDocument, {
      input: { connectionId: connection.id, name: 'Sales floor', scope, rules },
    });
    assert.equal(created.sync.status, 'IN_SYNC', JSON.stringify(created.sync.error));
    assert.deepEqual(created.policy.rules.excludedUserIds, ['129']);

    const { updateRecordingPolicy: updated } = await client.request(UpdateRecordingPolicyDocument, {
      input: { id: created.policy.id, expectedVersion: created.policy.version, rules: { ...rules, excludedUserIds: ['129', '137'] } },
    });
    assert.equal(updated.policy.version, created.policy.version + 1);
    assert.equal(updated.sync.status, 'IN_SYNC');

    const { recordingPolicy } = await client.request(RecordingPolicyDocument, { id: created.policy.id });
    assert.deepEqual(recordingPolicy?.rules.excludedUserIds, ['129', '137']);
    assert.equal(recordingPolicy?.connection.vendor, 'MEGAFON');

    const { reconcileRecordingPolicy: reconciled } = await client.request(ReconcileRecordingPolicyDocument, { input: { id: created.policy.id } });
    assert.deepEqual(reconciled.drift, []);
    const { retrySync } = await client.request(RetrySyncDocument, { input: { id: created.policy.id } });
    assert.equal(retrySync.sync.status, 'IN_SYNC');

    const { tenants } = await client.request(DashboardDocument, { first: 10 });
    const row = tenants.edges.map((e) => e.node).find((n) => n.id === tenant.id);
    assert.deepEqual(
      row?.connections.map((c) => c.status),
      ['OK'],
    );
    assert.deepEqual(
      row?.recordingPolicies.map((p) => ({ name: p.name, syncStatus: p.syncStatus, mode: p.rules.mode })),
      [{ name: 'Sales floor', syncStatus: 'IN_SYNC', mode: 'ALWAYS' }],
    );
  });

  it('surfaces coded errors to the client', async () => {
    const anonymous = new GraphQLClient(t.app.graphqlUrl);
    const err = await anonymous.request(ViewerDocument).then(
      () => assert.fail('expected an error'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof ClientError);
    assert.equal(err.response.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
  });
});

describe('generated documents are current', () => {
  it('regenerating from codegen.yml gives exactly the checked-in files', async () => {
    const { config } = await loadCodegenConfig({ configFilePath: join(ROOT_DIR, 'codegen.yml') });
    const outputs: { filename: string; content: string }[] = await generate({ ...config, cwd: ROOT_DIR, silent: true }, false);
    const expected = new Map(outputs.map((o) => [join(ROOT_DIR, o.filename), o.content]));
    const onDisk = readdirSync(GENERATED_DIR).map((f) => join(GENERATED_DIR, f));
    const stale = 'test/generated/graphql is stale: run `npm run codegen`';
    assert.deepEqual(onDisk.sort(), [...expected.keys()].sort(), stale);
    for (const [file, content] of expected) assert.equal(readFileSync(file, 'utf8'), content, `${stale} (${file})`);
  });

  it('`graphql-codegen --check` (npm run codegen:check) passes on the checked-in files and fails once an operation changes', () => {
    // A copy of the inputs, so the real tree is never touched; node_modules is linked for the preset.
    const dir = mkdtempSync(join(tmpdir(), 'recsub-codegen-'));
    try {
      for (const p of ['codegen.yml', 'schema', join('test', 'generated')]) cpSync(join(ROOT_DIR, p), join(dir, p), { recursive: true });
      symlinkSync(join(ROOT_DIR, 'node_modules'), join(dir, 'node_modules'), 'dir');
      const bin = join(ROOT_DIR, 'node_modules', '@graphql-codegen', 'cli', 'cjs', 'bin.js');
      const check = () => spawnSync(process.execPath, [bin, '--config', 'codegen.yml', '--check'], { cwd: dir, encoding: 'utf8' });
      const fresh = check();
      assert.equal(fresh.status, 0, `expected --check to pass on the checked-in files:\n${fresh.stdout}${fresh.stderr}`);
      const viewer = join(dir, 'schema', 'operations', '01-Viewer.graphql');
      const changed = readFileSync(viewer, 'utf8').replace(/\n\s*allTenants/, '');
      writeFileSync(viewer, changed);
      const staleRun = check();
      assert.notEqual(staleRun.status, 0, `expected --check to fail:\n${staleRun.stdout}${staleRun.stderr}`);
      assert.match(staleRun.stdout + staleRun.stderr, /test\/generated\/graphql\/graphql\.ts/, 'names the stale file');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
