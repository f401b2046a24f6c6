import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { operation } from '../helpers/operations';
import { errorOf, ok, startTestApp, type TestApp } from '../helpers/app';
import { seedTenants } from '../helpers/seed';
import { eq } from 'drizzle-orm';
import { tenants } from '../../src/store/schema';

const twoReplicas = !!process.env.DATABASE_URL;

const TENANT = `query($id: ID!) { tenant(id: $id) { id name connections { id name } recordingPolicies { id name version connection { id name } } } }`;
const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on RecordingPolicy { id name version } ... on Tenant { id name } } }`;

/**
 * The read cache (src/store/read-cache.ts) serves rows again only while the database's change counter has not
 * moved: whoever changes a tenant, connection or policy (a mutation, another replica, a worker, SQL by hand), the
 * very next query sees it. Without a PostgreSQL server the "other replica" is a second writer on the same embedded
 * database (SQL through the app's own connection), which moves the counter in the same way.
 */
describe('read cache: repeated reads cost one statement and are never stale', () => {
  let a: TestApp;
  let b: TestApp;
  let seeded: Awaited<ReturnType<typeof seedTenants>>;
  before(async () => {
    // The read cache on its own: with the response cache on, a repeated query would not reach it at all
    // (test/perf/response-cache.test.ts covers the answers it keeps, on top of this cache).
    a = await startTestApp({ env: { WORKERS: 'false', RESPONSE_CACHE_BYTES: '0' } });
    b = twoReplicas ? await startTestApp({ env: { WORKERS: 'false', RESPONSE_CACHE_BYTES: '0' }, replicaOf: a }) : a;
    seeded = await seedTenants(a.app, 4, { connectionsPerTenant: 2, policiesPerConnection: 2, prefix: 'Cache' });
  });
  after(async () => {
    if (b !== a) await b.close();
    await a.close();
  });

  const tenantOf = async (t: TestApp, id: string, token?: string) => ok(await t.gql(TENANT, { id }, { token })).tenant;
  const version = async (t: TestApp) => Number((await t.app.database.rawQuery<{ version: string }>('SELECT version FROM read_version'))[0]!.version);

  it('a repeated query is answered from the cache: the same answer for one statement', async () => {
    const id = seeded.tenants[0]!.id;
    const first = await tenantOf(a, id);
    let again: unknown;
    const n = await a.countStatements(async () => {
      again = await tenantOf(a, id);
    });
    assert.deepEqual(again, first);
    assert.equal(n, 1, 'the version check only');
    assert.ok(a.app.services.stores.readCache.stats.hits > 0);
    // Once more: on embedded PGlite nothing but that check has reached the database since, so the version it read is
    // still current and no statement is sent (src/store/pglite-quiet.ts); a server may have other writers, so it is asked.
    let third: unknown;
    const m = await a.countStatements(async () => {
      third = await tenantOf(a, id);
    });
    assert.deepEqual(third, first);
    assert.equal(m, a.app.database.kind === 'pglite' ? 0 : 1);
  });

  it('between repeats that sent no statement, a write through any path is seen by the very next query', async () => {
    const id = seeded.tenants[1]!.id;
    const database = a.app.database;
    const writers: Array<[string, (name: string) => Promise<unknown>]> = [
      ['raw SQL, a script', (name) => database.rawQuery(`UPDATE tenants SET name = '${name}' WHERE id = '${id}'`)],
      ['raw SQL with parameters', (name) => database.rawQuery('UPDATE tenants SET name = $1 WHERE id = $2', [name, id])],
      ['Drizzle', (name) => database.db.update(tenants).set({ name }).where(eq(tenants.id, id))],
      ['a Drizzle transaction', (name) => database.db.transaction(async (tx) => tx.update(tenants).set({ name }).where(eq(tenants.id, id)))],
      ...(database.pglite
        ? ([
            ['PGlite query()', (name) => database.pglite!.query('UPDATE tenants SET name = $1 WHERE id = $2', [name, id])],
            [
              'PGlite transaction()',
              (name) => database.pglite!.transaction((tx) => tx.query('UPDATE tenants SET name = $1 WHERE id = $2', [name, id])),
            ],
            [
              'PGlite exec(), BEGIN and COMMIT apart',
              async (name) => {
                await database.pglite!.exec('BEGIN');
                await database.pglite!.exec(`UPDATE tenants SET name = '${name}' WHERE id = '${id}'`);
                await database.pglite!.exec('COMMIT');
              },
            ],
          ] as Array<[string, (name: string) => Promise<unknown>]>)
        : []),
      [
        'a mutation through the API',
        (name) => a.gql(`mutation($input: RenameTenantInput!) { renameTenant(input: $input) { tenant { id } } }`, { input: { id, name } }).then(ok),
      ],
    ];
    for (const [path, write] of writers) {
      await tenantOf(b, id);
      await tenantOf(b, id);
      const quiet = await b.countStatements(() => tenantOf(b, id));
      assert.equal(quiet, b.app.database.kind === 'pglite' ? 0 : 1, `${path}: a repeat before the write`);
      await write(`Written by ${path}`);
      assert.equal((await tenantOf(b, id)).name, `Written by ${path}`, path);
    }
  });

  it('a mutation through the API is seen by the next query, on this replica and on the other', async () => {
    const tenant = seeded.tenants[0]!;
    await tenantOf(a, tenant.id);
    await tenantOf(b, tenant.id);
    ok(
      await a.gql(`mutation($input: RenameTenantInput!) { renameTenant(input: $input) { tenant { id name } } }`, {
        input: { id: tenant.id, name: 'Renamed through A' },
      }),
    );
    assert.equal((await tenantOf(a, tenant.id)).name, 'Renamed through A');
    assert.equal((await tenantOf(b, tenant.id)).name, 'Renamed through A');
  });

  it('a change written by SQL outside the service (another writer) is seen by the next query and _entities', async () => {
    const policy = seeded.policies.find((p) => p.tenantId === seeded.tenants[1]!.id)!;
    const reps = [{ __typename: 'RecordingPolicy', id: policy.id }];
    const before = ok(await b.gql(ENTITIES, { reps }))._entities[0];
    await tenantOf(b, policy.tenantId);
    await a.app.database.rawQuery(`UPDATE recording_policies SET name = 'Changed behind the API', version = version + 1 WHERE id = '${policy.id}'`);
    const after = ok(await b.gql(ENTITIES, { reps }))._entities[0];
    assert.deepEqual(after, { id: policy.id, name: 'Changed behind the API', version: before.version + 1 });
    const viaTenant = (await tenantOf(b, policy.tenantId)).recordingPolicies.find((p: { id: string }) => p.id === policy.id);
    assert.equal(viaTenant.name, 'Changed behind the API');
  });

  it('a deleted row disappears at once, a new one appears at once', async () => {
    const tenant = seeded.tenants[2]!;
    const [gone, kept] = seeded.policies.filter((p) => p.tenantId === tenant.id);
    assert.equal((await tenantOf(b, tenant.id)).recordingPolicies.length, 4);
    await a.app.database.rawQuery(`DELETE FROM recording_policies WHERE id = '${gone!.id}'`);
    const after = await tenantOf(b, tenant.id);
    assert.equal(after.recordingPolicies.length, 3);
    assert.ok(!after.recordingPolicies.some((p: { id: string }) => p.id === gone!.id));
    await a.app.database.rawQuery(
      `INSERT INTO recording_policies (id, tenant_id, connection_id, name, scope_kind, scope_id, rules)
       SELECT 'cache-new-policy', tenant_id, connection_id, 'Brand new', scope_kind, '99', rules FROM recording_policies WHERE id = '${kept!.id}'`,
    );
    assert.ok(
      (await tenantOf(b, tenant.id)).recordingPolicies.some(
        (p: { id: string; name: string }) => p.id === 'cache-new-policy' && p.name === 'Brand new',
      ),
    );
  });

  it('the counter moves once per committed transaction, however many rows it changed; a rolled-back one leaves it', async () => {
    const v0 = await version(a);
    await a.app.database.rawQuery(`UPDATE recording_policies SET name = name || ''`);
    const v1 = await version(a);
    assert.equal(v1, v0 + 1);
    await a.app.database.rawQuery(`BEGIN; UPDATE tenants SET name = name || ''; UPDATE vendor_connections SET name = name || ''; ROLLBACK;`);
    assert.equal(await version(a), v1);
    await a.app.database.rawQuery(`BEGIN; UPDATE tenants SET name = name || ''; UPDATE vendor_connections SET name = name || ''; COMMIT;`);
    assert.equal(await version(a), v1 + 1);
    // Tables the cache does not hold do not move it.
    await a.app.database.rawQuery(
      `INSERT INTO audit_log (id, tenant_id, actor, action, target_type, target_id) VALUES ('cache-audit', '${seeded.tenants[0]!.id}', 'test', 'test', 'test', 'x')`,
    );
    assert.equal(await version(a), v1 + 1);
  });

  it('a scoped caller never gets rows cached for a wider scope, nor another tenant through _entities', async () => {
    const [one, two] = seeded.tenants;
    // Fill the cache with everything, as an operator.
    ok(await a.gql(operation('Dashboard'), { first: 100 }));
    const token = await a.token({ tenants: [one!.id], scopes: ['recording:read'] });
    const page = ok(await a.gql(operation('Dashboard'), { first: 100 }, { token })).tenants.edges.map((e: { node: unknown }) => e.node);
    assert.deepEqual(
      page.map((n: { id: string }) => n.id),
      [one!.id],
    );
    const theirs = seeded.policies.find((p) => p.tenantId === two!.id)!;
    ok(await a.gql(ENTITIES, { reps: [{ __typename: 'RecordingPolicy', id: theirs.id }] }));
    const res = ok(
      await a.gql(
        ENTITIES,
        {
          reps: [
            { __typename: 'RecordingPolicy', id: theirs.id },
            { __typename: 'Tenant', id: two!.id },
          ],
        },
        { token },
      ),
    );
    assert.deepEqual(res._entities, [null, null]);
    assert.equal(errorOf(await a.gql(TENANT, { id: two!.id }, { token })).code, 'NOT_FOUND');
    // Scopes are told apart exactly: a scope of two tenants and a (strange) single id made of both never share rows.
    const both = await a.token({ tenants: [one!.id, two!.id], scopes: ['recording:read'] });
    assert.equal(ok(await a.gql(operation('Dashboard'), { first: 100 }, { token: both })).tenants.edges.length, 2);
    const joined = await a.token({ tenants: [`${one!.id},${two!.id}`], scopes: ['recording:read'] });
    assert.deepEqual(ok(await a.gql(operation('Dashboard'), { first: 100 }, { token: joined })).tenants.edges, []);
  });

  it('a mutation reads its own writes (it does not read through the cache)', async () => {
    const tenant = seeded.tenants[3]!;
    const before = await tenantOf(a, tenant.id);
    const policy = before.recordingPolicies[0];
    const data = ok(
      await a.gql(
        `mutation($input: UpdateRecordingPolicyInput!) { updateRecordingPolicy(input: $input) { policy { id version tenant { recordingPolicies { id name version } } } } }`,
        { input: { id: policy.id, expectedVersion: policy.version, name: 'Renamed by a mutation', apply: false } },
      ),
    ).updateRecordingPolicy.policy;
    const seen = data.tenant.recordingPolicies.find((p: { id: string }) => p.id === policy.id);
    assert.deepEqual(seen, { id: policy.id, name: 'Renamed by a mutation', version: policy.version + 1 });
  });

  it('requests that ask in the same turn of the event loop share one version check; a later one sends its own', async () => {
    const cache = a.app.services.stores.readCache;
    const before = cache.stats.versionChecks;
    const loads: string[] = [];
    const views = Array.from({ length: 10 }, () => cache.view());
    const results = await Promise.all(
      views.map((v, i) =>
        v.read(
          `test|shared|${i % 2}`,
          async () => (loads.push(`load ${i}`), [i]),
          (r) => r.length,
        ),
      ),
    );
    assert.equal(cache.stats.versionChecks - before, 1);
    // Two keys: the first asker of each loads, the others share its promise.
    assert.equal(loads.length, 2);
    assert.deepEqual(
      results.map((r) => r[0]! % 2),
      [0, 1, 0, 1, 0, 1, 0, 1, 0, 1],
    );
    await cache.view().read(
      'test|shared|0',
      async () => [99],
      (r) => r.length,
    );
    // On a server the later request sends its own check; on embedded PGlite nothing has reached the database since
    // the shared one (the loads above send nothing), so its version is known current and none is sent.
    assert.equal(cache.stats.versionChecks - before, a.app.database.kind === 'pglite' ? 1 : 2);
    // A change committed between two requests is seen by the second, even with shared checks.
    await a.app.database.rawQuery(`UPDATE tenants SET name = name WHERE id = '${seeded.tenants[0]!.id}'`);
    let reloaded = false;
    await cache.view().read(
      'test|shared|0',
      async () => ((reloaded = true), [100]),
      (r) => r.length,
    );
    assert.ok(reloaded);
  });

  it('a version read while an open transaction block has written is never reused, and its commit is seen', async () => {
    const cache = a.app.services.stores.readCache;
    const database = a.app.database;
    const id = seeded.tenants[2]!.id;
    // PGlite has one session: BEGIN sent on its own (not through its transaction(), whose lock a check waits for)
    // leaves every later statement inside the block. On a server the block is one session of its own.
    const session = database.pool ? await database.pool.connect() : null;
    const send = (text: string) => (session ? session.query(text) : database.rawQuery(text));
    try {
      await send('BEGIN');
      await send(`UPDATE tenants SET name = 'Inside the block' WHERE id = '${id}'`);
      const before = cache.stats.versionChecks;
      const v1 = await cache.currentVersion();
      const v2 = await cache.currentVersion();
      assert.equal(v2, v1);
      assert.equal(cache.stats.versionChecks - before, 2, 'the check that ran inside the block is not reused');
      await send('COMMIT');
    } finally {
      session?.release();
    }
    assert.equal((await tenantOf(b, id)).name, 'Inside the block');
  });

  it('cached rows are shared between requests, so outside production they are frozen', async () => {
    const view = a.app.services.stores.readCache.view();
    const rows = await view.read(
      'test|frozen',
      async () => [{ id: 'x', nested: { a: 1 } }],
      (r) => r.length,
    );
    assert.ok(Object.isFrozen(rows) && Object.isFrozen(rows[0]) && Object.isFrozen(rows[0]!.nested));
    assert.throws(() => {
      (rows[0] as { id: string }).id = 'changed';
    }, TypeError);
  });
});

describe('read cache: bounded and switchable', () => {
  it('holds at most READ_CACHE_ROWS rows, evicting the least recently used reads', async () => {
    const t = await startTestApp({ env: { WORKERS: 'false', READ_CACHE_ROWS: '10' } });
    try {
      const seeded = await seedTenants(t.app, 6, { connectionsPerTenant: 1, policiesPerConnection: 3 });
      for (const tenant of seeded.tenants) ok(await t.gql(TENANT, { id: tenant.id }));
      const { rows, entries } = t.app.services.stores.readCache.size();
      assert.ok(rows <= 10, `rows held: ${rows}`);
      assert.ok(entries > 0);
    } finally {
      await t.close();
    }
  });

  it('READ_CACHE_ROWS=0 turns it off: every query reads the tables, and sends no version check', async () => {
    const t = await startTestApp({ env: { WORKERS: 'false', READ_CACHE_ROWS: '0' } });
    try {
      const seeded = await seedTenants(t.app, 1, { connectionsPerTenant: 1, policiesPerConnection: 1 });
      const id = seeded.tenants[0]!.id;
      ok(await t.gql(TENANT, { id }));
      // tenant, its connections, its policies (the policy's connection comes from the connection list).
      const n = await t.countStatements(async () => ok(await t.gql(TENANT, { id })));
      assert.equal(n, 3);
      assert.deepEqual(t.app.services.stores.readCache.size(), { entries: 0, rows: 0 });
    } finally {
      await t.close();
    }
  });
});
