import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { operation } from '../helpers/operations';
import { ok, startTestApp, type TestApp } from '../helpers/app';
import { seedTenants } from '../helpers/seed';

/**
 * Issue 18's cold path (READ_CACHE_ROWS=0): identical reads of queries that ask in the same turn of the event loop
 * share one statement, sent after all of them asked (src/store/read-cache.ts coalesce). Nothing is kept: a read
 * asked for once the statement is on its way sends its own and sees what was committed meanwhile.
 */
describe('read cache off: identical reads asked together share one statement, and nothing is kept', () => {
  let t: TestApp;
  let seeded: Awaited<ReturnType<typeof seedTenants>>;
  before(async () => {
    t = await startTestApp({ env: { WORKERS: 'false', READ_CACHE_ROWS: '0' } });
    seeded = await seedTenants(t.app, 3, { connectionsPerTenant: 1, policiesPerConnection: 2, prefix: 'Coalesce' });
  });
  after(async () => t.close());

  const page = (scope: readonly string[] | null) => () =>
    t.app.services.stores.tenants.pageWithLists(scope, { first: 20 }, { connections: true, policies: true });

  it('five views asking for the same read in one turn cost one statement and get the same rows', async () => {
    const cache = t.app.services.stores.readCache;
    assert.equal(cache.enabled, false);
    let results: unknown[] = [];
    const n = await t.countStatements(async () => {
      results = await Promise.all([1, 2, 3, 4, 5].map(() => cache.view(null).read('same|*', page(null), () => 1)));
    });
    assert.equal(n, 1);
    for (const r of results) assert.equal(r, results[0]);
    assert.equal((results[0] as { items: unknown[] }).items.length, 3);
    assert.deepEqual(cache.size(), { entries: 0, rows: 0 }, 'nothing kept');
  });

  it('another key (another scope) sends its own statement', async () => {
    const cache = t.app.services.stores.readCache;
    const [a] = seeded.tenants;
    const n = await t.countStatements(async () => {
      const [wide, narrow] = await Promise.all([
        cache.view(null).read('scoped|*', page(null), () => 1),
        cache.view([a!.id]).read(`scoped|${JSON.stringify([a!.id])}`, page([a!.id]), () => 1),
      ]);
      assert.equal(wide.items.length, 3);
      assert.deepEqual(
        narrow.items.map((x) => x.id),
        [a!.id],
      );
    });
    assert.equal(n, 2);
  });

  it('a read asked once the statement is on its way sends its own and sees a commit made meanwhile', async () => {
    const cache = t.app.services.stores.readCache;
    const [a] = seeded.tenants;
    const first = cache.view(null).read('later|*', page(null), () => 1);
    // The first statement is sent at the next turn; a commit after it, then a second read.
    await new Promise((resolve) => setImmediate(resolve));
    await t.app.database.rawQuery(`UPDATE tenants SET name = 'Coalesce renamed' WHERE id = '${a!.id}'`);
    const second = await cache.view(null).read('later|*', page(null), () => 1);
    assert.notEqual(await first, second);
    assert.equal(second.items.find((x) => x.id === a!.id)!.name, 'Coalesce renamed');
  });

  it('reads asked while the statement is on its way wait for it and share the next one', async () => {
    const cache = t.app.services.stores.readCache;
    const [a] = seeded.tenants;
    let later: unknown[] = [];
    const n = await t.countStatements(async () => {
      const first = cache.view(null).read('inflight|*', page(null), () => 1);
      await new Promise((resolve) => setImmediate(resolve)); // the first statement is sent
      await t.app.database.rawQuery(`UPDATE tenants SET name = 'Coalesce in flight' WHERE id = '${a!.id}'`);
      later = await Promise.all([1, 2, 3].map(() => cache.view(null).read('inflight|*', page(null), () => 1)));
      await first;
    });
    // The first statement and one for the three (the rename is raw SQL, which the ORM's counter does not see).
    assert.equal(n, 2);
    assert.equal(later[1], later[0]);
    assert.equal(later[2], later[0]);
    assert.equal((later[0] as { items: { id: string; name: string }[] }).items.find((x) => x.id === a!.id)!.name, 'Coalesce in flight');
  });

  it('dashboards sent together over HTTP answer exactly what one alone answers, for at most one statement each', async () => {
    const dashboard = operation('Dashboard');
    const alone = ok(await t.gql(dashboard, {}));
    let answers: unknown[] = [];
    const n = await t.countStatements(async () => {
      answers = await Promise.all(Array.from({ length: 8 }, async () => ok(await t.gql(dashboard, {}))));
    });
    for (const a of answers) assert.deepEqual(a, alone);
    assert.ok(n <= 8, `${n} statements`);
  });

  it('a mutation never shares (it reads straight through)', async () => {
    const [, b] = seeded.tenants;
    const rename = 'mutation($input: RenameTenantInput!) { renameTenant(input: $input) { tenant { id name } } }';
    const results = await Promise.all(
      ['X', 'Y'].map(async (name) => ok(await t.gql(rename, { input: { id: b!.id, name: `Coalesce ${name}` } })).renameTenant.tenant.name),
    );
    assert.deepEqual(results.sort(), ['Coalesce X', 'Coalesce Y']);
  });
});
