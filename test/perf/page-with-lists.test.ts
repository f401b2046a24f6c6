import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../helpers/app';
import { seedTenants } from '../helpers/seed';
import { recordingPolicies, vendorConnections } from '../../src/store/schema';

/**
 * Issue 18's cold path: a page of tenants with their connections and policies read in one statement, as JSON
 * (src/store/tenant.store.ts pageWithLists). Its rows must be exactly the rows the separate reads return (the page,
 * then the lists by tenant ids): every column, Dates, jsonb, nulls, order, scope.
 */
describe('a page of tenants with its lists in one statement equals the separate reads', () => {
  let t: TestApp;
  let seeded: Awaited<ReturnType<typeof seedTenants>>;
  before(async () => {
    t = await startTestApp({ env: { WORKERS: 'false', READ_CACHE_ROWS: '0' } });
    seeded = await seedTenants(t.app, 7, { connectionsPerTenant: 2, policiesPerConnection: 2, prefix: 'Lists' });
    const db = t.app.database.db;
    // Every nullable column once non-null, with values JSON would bend if mapped carelessly.
    const [c0, c1] = seeded.connections;
    await db
      .update(vendorConnections)
      .set({
        settings: { 'http.ratePerSecond': '5', 'a"quote': 'ü ✓' },
        lastCheckedAt: new Date('2026-01-02T03:04:05.678Z'),
        lastError: { code: 'VENDOR_UNAVAILABLE', message: 'down', vendorCode: 503, vendorMessage: null, at: '2026-01-02T03:04:05.678Z' },
        status: 'FAILED',
      })
      .where(eq(vendorConnections.id, c0!.id));
    await db
      .update(vendorConnections)
      .set({ lastCheckedAt: new Date('1999-12-31T23:59:59.001Z') })
      .where(eq(vendorConnections.id, c1!.id));
    const [p0] = seeded.policies;
    await db
      .update(recordingPolicies)
      .set({
        rules: { mode: 'ON_DEMAND', calls: { internal: false, external: true }, nested: [1, 2.5, null, 'x'] },
        syncStatus: 'FAILED',
        syncedVersion: 1,
        lastSyncError: { code: 'VENDOR_REJECTED', message: 'no', at: '2026-02-03T04:05:06.007Z' },
        lastVendorPayload: { big: 12345678901234, s: 'line\nbreak' },
        lastSyncedAt: new Date('2026-02-03T04:05:06.007Z'),
        drift: [{ field: 'mode', desired: 'ALWAYS', actual: 'NEVER' }],
        lastReconciledAt: new Date('2026-02-03T04:05:07Z'),
        syncDeadline: new Date('2026-02-03T04:06:00.5Z'),
        lastRequests: [{ method: 'PUT', path: '/x' }],
        syncAttempts: 3,
      })
      .where(eq(recordingPolicies.id, p0!.id));
  });
  after(async () => t.close());

  const separate = async (scope: readonly string[] | null, args: { first: number; after?: string | null }) => {
    const stores = t.app.services.stores;
    const page = await stores.tenants.page(scope, args);
    const ids = page.items.map((x) => x.id);
    return {
      page,
      connections: await stores.connections.byTenantIds(scope, ids),
      policies: await stores.policies.byTenantIds(scope, ids),
    };
  };

  for (const kind of ['every tenant', 'a token naming tenants'] as const) {
    it(`first page, next page and lists (${kind})`, async () => {
      const stores = t.app.services.stores;
      const scope = kind === 'every tenant' ? null : seeded.tenants.slice(0, 5).map((x) => x.id);
      let after: string | null = null;
      let pages = 0;
      do {
        const args = { first: 2, after };
        const expected = await separate(scope, args);
        const got = await stores.tenants.pageWithLists(scope, args, { connections: true, policies: true });
        const { count: _a, stamp, ...gotPage } = got;
        // Every tenant's page carries its own read version (src/store/read-cache.ts readStamped), for its tenants.
        if (scope === null) {
          assert.deepStrictEqual(
            stamp?.tenants,
            got.items.map((r) => r.id),
          );
          assert.ok(Number.isInteger(stamp.version) && stamp.version > 0);
        } else assert.equal(stamp, undefined);
        const { count: _b, ...expectedPage } = expected.page;
        assert.deepStrictEqual(
          { ...gotPage, connections: undefined, policies: undefined },
          { ...expectedPage, connections: undefined, policies: undefined },
        );
        assert.deepStrictEqual(got.connections, expected.connections);
        assert.deepStrictEqual(got.policies, expected.policies);
        assert.equal(await got.count!(), await expected.page.count!());
        // Only what was asked for is read.
        const onlyPolicies = await stores.tenants.pageWithLists(scope, args, { connections: false, policies: true });
        assert.equal(onlyPolicies.connections, undefined);
        assert.deepStrictEqual(onlyPolicies.policies, expected.policies);
        after = got.endCursor;
        pages++;
        if (!got.hasNextPage) break;
      } while (pages < 10);
      assert.equal(pages, kind === 'every tenant' ? Math.ceil(seeded.tenants.length / 2) : 3);
    });
  }

  it('a token naming no tenant, or another deployment’s ids, reads nothing', async () => {
    const got = await t.app.services.stores.tenants.pageWithLists(['no-such-tenant'], { first: 20 }, { connections: true, policies: true });
    assert.deepStrictEqual([got.items, got.connections, got.policies, got.hasNextPage], [[], [], [], false]);
  });
});
