import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { operation } from '../helpers/operations';
import { ok, startTestApp, type TestApp } from '../helpers/app';
import { seedTenants } from '../helpers/seed';

/**
 * Issue 18, writes elsewhere: a token naming tenants reads its own tenants' change counters (migration 0012), so a
 * commit in tenant B leaves tenant A's cached answer current, and a commit in A is seen by the very next request,
 * on another app instance on the same database. With a PostgreSQL server the two instances are two apps on one
 * schema (each with its own caches); embedded PGlite has one process, so the "other instance" is the same app
 * and the writes go through its API all the same.
 */
const twoInstances = !!process.env.DATABASE_URL;

for (const layer of ['response cache', 'read cache'] as const) {
  describe(`per-tenant versions across two app instances (${layer})`, () => {
    let writer: TestApp;
    let reader: TestApp;
    let seeded: Awaited<ReturnType<typeof seedTenants>>;
    // The read-cache run has no response cache, so every request executes and reads through the read cache.
    const env = { WORKERS: 'false', ...(layer === 'read cache' ? { RESPONSE_CACHE_BYTES: '0' } : {}) };
    before(async () => {
      writer = await startTestApp({ env });
      reader = twoInstances ? await startTestApp({ env, replicaOf: writer }) : writer;
      seeded = await seedTenants(writer.app, 3, { connectionsPerTenant: 1, policiesPerConnection: 2, prefix: `Versions ${layer}` });
    });
    after(async () => {
      if (reader !== writer) await reader.close();
      await writer.close();
    });

    const hits = () => (layer === 'response cache' ? reader.app.responseCache.stats.hits : reader.app.services.stores.readCache.stats.hits);
    const misses = () => (layer === 'response cache' ? reader.app.responseCache.stats.misses : reader.app.services.stores.readCache.stats.misses);
    const rename = async (id: string, name: string) =>
      ok(await writer.gql('mutation($input: RenameTenantInput!) { renameTenant(input: $input) { tenant { id name } } }', { input: { id, name } }));

    it("a commit in tenant B leaves tenant A's cached dashboard current; a commit in A is seen at once", async () => {
      const [a, b] = seeded.tenants;
      const tokenA = await reader.token({ sub: `only-a-${layer}`, tenants: [a!.id], scopes: ['recording:read'] });
      const dashboard = operation('Dashboard');
      const read = async () => ok(await reader.gql(dashboard, { first: 10 }, { token: tokenA }));
      const first = await read();
      assert.deepEqual(
        first.tenants.edges.map((e: any) => e.node.id),
        [a!.id],
      );
      await read(); // now cached on the reader
      // Five commits in tenant B through the other instance.
      for (let i = 0; i < 5; i++) await rename(b!.id, `B renamed ${i}`);
      const [h0, m0] = [hits(), misses()];
      const again = await read();
      assert.deepEqual(again, first);
      assert.ok(hits() > h0, 'served from the cache although tenant B changed');
      assert.equal(misses(), m0, 'nothing read again');
      // One commit in tenant A through the other instance: the very next request sees it.
      await rename(a!.id, 'A renamed');
      const changed = await read();
      assert.equal(changed.tenants.edges[0].node.name, 'A renamed');
      assert.ok(misses() > m0, 'read again');
    });

    it("an operator's (tenants: *) dashboard: commits in tenants off its page leave it current; a commit on it, a new and a deleted tenant are seen at once", async () => {
      const operator = await reader.token({ sub: `operator-${layer}`, tenants: '*', scopes: ['recording:read'] });
      const dashboard = operation('Dashboard');
      const read = async () => ok(await reader.gql(dashboard, { first: 2 }, { token: operator }));
      const ids = (page: any) => page.tenants.edges.map((e: any) => e.node.id);
      const sqlWrite = (text: string) => writer.app.database.rawQuery(text);
      const first = await read();
      const onPage = ids(first) as string[];
      assert.equal(onPage.length, 2);
      const off = seeded.tenants.find((t) => !onPage.includes(t.id))!;
      const on = seeded.tenants.find((t) => onPage.includes(t.id))!;
      assert.ok(off && on, 'a seeded tenant on the page and one off it');
      await read(); // now cached on the reader
      // Commits in the tenant off the page, through the other instance's API and by SQL (psql, another writer).
      for (let i = 0; i < 3; i++) await rename(off.id, `Off the page ${i}`);
      const offPolicy = seeded.policies.find((p) => p.tenantId === off.id)!;
      await sqlWrite(`UPDATE recording_policies SET name = 'changed by SQL', version = version + 1 WHERE id = '${offPolicy.id}'`);
      const [h0, m0] = [hits(), misses()];
      assert.deepEqual(await read(), first);
      assert.ok(hits() > h0, 'served from the cache although a tenant off the page changed');
      assert.equal(misses(), m0, 'nothing read again');
      // A commit by SQL in a tenant on the page: the very next request sees it.
      const onPolicy = seeded.policies.find((p) => p.tenantId === on.id)!;
      await sqlWrite(`UPDATE recording_policies SET name = 'on the page, by SQL', version = version + 1 WHERE id = '${onPolicy.id}'`);
      const changed = await read();
      const names = changed.tenants.edges.flatMap((e: any) => e.node.recordingPolicies.map((p: any) => p.name));
      assert.ok(names.includes('on the page, by SQL'), 'the commit on the page is seen');
      // And one through the other instance's API.
      await rename(on.id, 'On the page renamed');
      assert.ok((await read()).tenants.edges.some((e: any) => e.node.name === 'On the page renamed'));
      // A new tenant that sorts first (SQL, as psql would insert it): on the page at once.
      const early = `00000000-0000-4000-8000-${layer === 'read cache' ? '000000000001' : '000000000002'}`;
      await read();
      await sqlWrite(`INSERT INTO tenants (id, name, created_at, updated_at) VALUES ('${early}', 'Early', '2000-01-01', '2000-01-01')`);
      const withNew = await read();
      assert.deepEqual(ids(withNew), [early, ...onPage].slice(0, 2));
      // Deleted by SQL: gone at once, the page is the first one again.
      await sqlWrite(`DELETE FROM tenants WHERE id = '${early}'`);
      assert.deepEqual(ids(await read()), onPage);
      // A tenant created and then deleted through the other instance's API: each seen by the very next request.
      const created = ok(
        await writer.gql('mutation($input: CreateTenantInput!) { createTenant(input: $input) { tenant { id } } }', { input: { name: 'Created' } }),
      ).createTenant.tenant.id as string;
      await sqlWrite(`UPDATE tenants SET created_at = '2000-01-02' WHERE id = '${created}'`);
      assert.deepEqual(ids(await read()), [created, onPage[0]]);
      ok(await writer.gql('mutation($input: DeleteTenantInput!) { deleteTenant(input: $input) { deletedId } }', { input: { id: created } }));
      assert.deepEqual(ids(await read()), onPage);
    });

    it("the same for _entities of tenant A's policies", async () => {
      const [a, b] = seeded.tenants;
      const tokenA = await reader.token({ sub: `entities-a-${layer}`, tenants: [a!.id], scopes: ['recording:read'] });
      const reps = seeded.policies.filter((p) => p.tenantId === a!.id).map((p) => ({ __typename: 'RecordingPolicy', id: p.id }));
      const q = 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on RecordingPolicy { id name tenant { id name } } } }';
      const read = async () => ok(await reader.gql(q, { reps }, { token: tokenA }));
      await read();
      const first = await read();
      await rename(b!.id, 'B again');
      const m0 = misses();
      assert.deepEqual(await read(), first);
      assert.equal(misses(), m0, 'a commit in B read nothing again');
      await rename(a!.id, 'A again');
      const changed = await read();
      assert.ok(changed._entities.every((e: any) => e.tenant.name === 'A again'));
    });
  });
}
