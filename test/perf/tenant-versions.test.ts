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
      seeded = await seedTenants(writer.app, 2, { connectionsPerTenant: 1, policiesPerConnection: 2, prefix: `Versions ${layer}` });
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
