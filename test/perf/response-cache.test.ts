import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execute, parse } from 'graphql';
import { operation } from '../helpers/operations';
import { startTestApp, type TestApp } from '../helpers/app';
import { seedTenants } from '../helpers/seed';
import { buildRecordingSchema } from '../../src/graphql/schema';
import { RequestContext } from '../../src/server/context';
import { Authenticator } from '../../src/server/auth';

const twoReplicas = !!process.env.DATABASE_URL;

const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on RecordingPolicy { id name version } ... on Tenant { id name } } }`;

/**
 * The response cache (src/server/response-cache.ts) serves an answer's bytes again only to the same caller, for the
 * same request, while the read cache's change counter has not moved: never stale (a write by another replica or by
 * SQL is seen by the next request), never foreign (another tenant's token, narrower scopes), and the bytes are
 * graphql-js's. Without a PostgreSQL server the "other replica" is SQL through the app's own connection.
 */
describe('response cache: never stale, never foreign, the bytes of graphql-js', () => {
  let a: TestApp;
  let b: TestApp;
  let seeded: Awaited<ReturnType<typeof seedTenants>>;
  before(async () => {
    a = await startTestApp({ env: { WORKERS: 'false' } });
    b = twoReplicas ? await startTestApp({ env: { WORKERS: 'false' }, replicaOf: a }) : a;
    seeded = await seedTenants(a.app, 3, { connectionsPerTenant: 1, policiesPerConnection: 2, prefix: 'Resp' });
  });
  after(async () => {
    if (b !== a) await b.close();
    await a.close();
  });

  /** The raw answer: status and exact bytes. */
  const post = async (t: TestApp, query: string, variables: unknown, token?: string) => {
    const res = await fetch(t.app.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token ?? t.adminToken}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, text: await res.text() };
  };
  const hitsOf = (t: TestApp) => t.app.responseCache.stats.hits;

  it('a repeated dashboard is served from the cache for one statement, with the same bytes as graphql-js', async () => {
    const dashboard = operation('Dashboard');
    const first = await post(a, dashboard, { first: 10 });
    assert.equal(first.status, 200);
    const hits = hitsOf(a);
    let again = { status: 0, text: '' };
    const n = await a.countStatements(async () => {
      again = await post(a, dashboard, { first: 10 });
    });
    assert.equal(hitsOf(a), hits + 1, 'served from the response cache');
    assert.equal(n, 1, 'the version check only');
    assert.equal(again.text, first.text);
    // Once more: on embedded PGlite only that check has reached the database since, so its version is still current
    // and the hit sends nothing (src/store/pglite-quiet.ts); on a server, with other writers possible, it is asked.
    let third = { status: 0, text: '' };
    const m = await a.countStatements(async () => {
      third = await post(a, dashboard, { first: 10 });
    });
    assert.equal(hitsOf(a), hits + 2);
    assert.equal(m, a.app.database.kind === 'pglite' ? 0 : 1);
    assert.equal(third.text, first.text);
    // graphql-js itself, on the same schema and data, for the same caller: Apollo's bytes are JSON.stringify + "\n".
    const { schema } = await buildRecordingSchema();
    const principal = await new Authenticator({ jwtSecret: a.app.config.jwtSecret }).authenticate(`Bearer ${a.adminToken}`);
    const ctx = new RequestContext('test', { principal }, a.app.services, a.app.logger);
    const reference = await execute({ schema, document: parse(dashboard), contextValue: ctx, variableValues: { first: 10 } });
    assert.equal(again.text, `${JSON.stringify(reference)}\n`);
  });

  it('a write on another replica (or by SQL) is seen by the very next request, dashboard and _entities alike', async () => {
    const policy = seeded.policies[0]!;
    const reps = [{ __typename: 'RecordingPolicy', id: policy.id }];
    await post(b, ENTITIES, { reps });
    const cachedEntities = await post(b, ENTITIES, { reps });
    await post(b, operation('Dashboard'), { first: 10 });
    const hits = hitsOf(b);
    await post(b, operation('Dashboard'), { first: 10 });
    assert.equal(hitsOf(b), hits + 1, 'both answers are in the cache');
    await a.app.database.rawQuery(`UPDATE recording_policies SET name = 'Renamed elsewhere', version = version + 1 WHERE id = '${policy.id}'`);
    const entities = JSON.parse((await post(b, ENTITIES, { reps })).text);
    assert.notEqual(JSON.stringify(entities), cachedEntities.text.trim());
    assert.equal(entities.data._entities[0].name, 'Renamed elsewhere');
    const dashboard = JSON.parse((await post(b, operation('Dashboard'), { first: 10 })).text);
    const names = dashboard.data.tenants.edges
      .map((e: { node: any }) => e.node)
      .flatMap((t: { recordingPolicies: { id: string; name: string }[] }) => t.recordingPolicies);
    assert.equal(names.find((p: { id: string }) => p.id === policy.id).name, 'Renamed elsewhere');
    // A mutation through the other replica, too.
    const tenant = seeded.tenants[0]!;
    await post(b, operation('Dashboard'), { first: 10 });
    const renamed = await post(a, `mutation($input: RenameTenantInput!) { renameTenant(input: $input) { tenant { id name } } }`, {
      input: { id: tenant.id, name: 'Renamed through A' },
    });
    assert.equal(renamed.status, 200);
    const after = JSON.parse((await post(b, operation('Dashboard'), { first: 10 })).text);
    assert.equal(
      after.data.tenants.edges.map((e: { node: any }) => e.node).find((t: { id: string }) => t.id === tenant.id).name,
      'Renamed through A',
    );
  });

  it("another tenant's token, narrower scopes or another subject never get an answer cached for someone else", async () => {
    const [one, two] = seeded.tenants;
    const dashboard = operation('Dashboard');
    // Cached for the operator: every tenant.
    await post(a, dashboard, { first: 10 });
    const wide = await post(a, dashboard, { first: 10 });
    assert.equal(JSON.parse(wide.text).data.tenants.edges.map((e: { node: any }) => e.node).length, 3);
    const onlyOne = await a.token({ sub: 'scoped', tenants: [one!.id], scopes: ['recording:read'] });
    for (let i = 0; i < 2; i++) {
      const mine = JSON.parse((await post(a, dashboard, { first: 10 }, onlyOne)).text);
      assert.deepEqual(
        mine.data.tenants.edges.map((e: { node: any }) => e.node).map((n: { id: string }) => n.id),
        [one!.id],
      );
    }
    const onlyTwo = await a.token({ sub: 'scoped', tenants: [two!.id], scopes: ['recording:read'] });
    const theirs = JSON.parse((await post(a, dashboard, { first: 10 }, onlyTwo)).text);
    assert.deepEqual(
      theirs.data.tenants.edges.map((e: { node: any }) => e.node).map((n: { id: string }) => n.id),
      [two!.id],
    );
    // The same tenant, no read scope: refused, although the same request was answered (and cached) for another.
    const noScope = await a.token({ sub: 'scoped', tenants: [one!.id], scopes: ['recording:live'] });
    const refused = JSON.parse((await post(a, dashboard, { first: 10 }, noScope)).text);
    assert.equal(refused.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    // _entities of another tenant's policy, after the operator cached it: null for the scoped caller.
    const reps = [{ __typename: 'RecordingPolicy', id: seeded.policies.find((p) => p.tenantId === two!.id)!.id }];
    await post(a, ENTITIES, { reps });
    await post(a, ENTITIES, { reps });
    assert.deepEqual(JSON.parse((await post(a, ENTITIES, { reps }, onlyOne)).text).data._entities, [null]);
    // A bad token is refused before any lookup.
    const bad = JSON.parse((await post(a, dashboard, { first: 10 }, `${onlyOne}x`)).text);
    assert.equal(bad.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
  });

  it('keeps only answers that depend on the versioned tables alone: not errors, mutations or other data', async () => {
    const stored = () => a.app.responseCache.stats.stored;
    const before = stored();
    // A field outside the allowlist (a vendor directory), another type through _entities, introspection, an error.
    const policy = seeded.policies[0]!;
    for (let i = 0; i < 2; i++) {
      await post(a, `query($id: ID!) { recordingPolicy(id: $id) { id excludedUsers { id } } }`, { id: policy.id });
      await post(a, `query($reps: [_Any!]!) { _entities(representations: $reps) { __typename } }`, {
        reps: [{ __typename: 'LiveRecording', id: 'nope' }],
      });
      await post(a, '{ __schema { queryType { name } } }', {});
      await post(a, `query($id: ID!) { tenant(id: $id) { id } }`, { id: 'no-such-tenant' });
      await post(a, `query($t: ID!) { liveRecordings(tenantId: $t) { nodes { id } } }`, { t: seeded.tenants[0]!.id });
    }
    assert.equal(stored(), before, 'none of them was kept');
    // While the same query of the allowed kind is.
    await post(a, `query($id: ID!) { recordingPolicy(id: $id) { id name } }`, { id: policy.id });
    assert.equal(stored(), before + 1);
  });

  it('writes in other tenants leave a tenant-scoped caller cached; writes in its own tenants are seen at once', async () => {
    const [one, two] = seeded.tenants;
    const dashboard = operation('Dashboard');
    const token = await a.token({ sub: 'scoped-churn', tenants: [one!.id], scopes: ['recording:read'] });
    const first = await post(b, dashboard, { first: 10 }, token);
    const theirs = seeded.policies.find((p) => p.tenantId === two!.id)!;
    const mine = seeded.policies.find((p) => p.tenantId === one!.id)!;
    // Ten commits in another tenant, from the other replica (or SQL): the scoped answer is still a hit.
    for (let i = 0; i < 10; i++) await a.app.database.rawQuery(`UPDATE recording_policies SET name = 'Other ${i}' WHERE id = '${theirs.id}'`);
    const hits = hitsOf(b);
    const again = await post(b, dashboard, { first: 10 }, token);
    assert.equal(hitsOf(b), hits + 1, 'a hit although other tenants changed');
    assert.equal(again.text, first.text);
    // The operator sees every tenant, so the same commits reach its answer.
    const wide = JSON.parse((await post(b, dashboard, { first: 10 })).text);
    const names = wide.data.tenants.edges
      .map((e: { node: any }) => e.node)
      .flatMap((t: { recordingPolicies: { id: string; name: string }[] }) => t.recordingPolicies);
    assert.equal(names.find((p: { id: string }) => p.id === theirs.id).name, 'Other 9');
    // A commit in its own tenant: seen by the very next request.
    await a.app.database.rawQuery(`UPDATE recording_policies SET name = 'Mine changed' WHERE id = '${mine.id}'`);
    const changed = JSON.parse((await post(b, dashboard, { first: 10 }, token)).text);
    assert.equal(
      changed.data.tenants.edges.map((e: { node: any }) => e.node)[0].recordingPolicies.find((p: { id: string }) => p.id === mine.id).name,
      'Mine changed',
    );
    // One transaction over two tenants moves each tenant's counter once; a rolled-back one moves none.
    const counters = async () =>
      Object.fromEntries(
        (await a.app.database.rawQuery<{ tenant_id: string; version: string }>('SELECT tenant_id, version FROM read_version_tenant')).map((r) => [
          r.tenant_id,
          Number(r.version),
        ]),
      );
    const c0 = await counters();
    await a.app.database.rawQuery(`BEGIN; UPDATE recording_policies SET name = name || ''; UPDATE tenants SET name = name || ''; COMMIT;`);
    const c1 = await counters();
    for (const t of seeded.tenants) assert.equal(c1[t.id], c0[t.id]! + 1, 'once per transaction');
    await a.app.database.rawQuery(`BEGIN; UPDATE tenants SET name = name || ''; ROLLBACK;`);
    assert.deepEqual(await counters(), c1);
  });

  it('an answer from the cache is still counted: as an operation and as a response cache hit in /metrics', async () => {
    const q = `query CachedCount { tenants(first: 2) { nodes { id } } }`;
    const scrape = async () => (await fetch(`${a.url}/metrics`)).text();
    const value = (text: string, re: RegExp) => Number(re.exec(text)?.[1] ?? 0);
    const ops = /recsub_graphql_operations_total\{[^}]*name="CachedCount"[^}]*\} (\d+)/;
    const hits = /^recsub_response_cache_hits_total (\d+)$/m;
    await post(a, q, {});
    const before = await scrape();
    await post(a, q, {});
    await post(a, q, {});
    const after = await scrape();
    assert.equal(value(after, ops) - value(before, ops), 2, 'both repeats counted as operations');
    assert.equal(value(after, hits) - value(before, hits), 2, 'both repeats were hits');
  });
});
