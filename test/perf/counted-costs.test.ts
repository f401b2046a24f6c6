import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { operation } from '../helpers/operations';
import { ok, startTestApp, type TestApp } from '../helpers/app';
import { seedTenants } from '../helpers/seed';

/**
 * Issue 9's counted costs, as tests (the bench reports the same counts under load; no test here looks at a clock).
 * SQL statements are counted by the service itself (Drizzle's logger, src/store/db.ts). Background workers are
 * off, so nothing but the operation under test sends statements. These count the reads themselves, so the read
 * cache is off here; what it saves is counted at the end of this file and its correctness is test/perf/read-cache.
 */
describe('counted costs: SQL statements per operation', () => {
  let t: TestApp;
  let seeded: Awaited<ReturnType<typeof seedTenants>>;
  const scopes: Record<number, string[]> = {};

  before(async () => {
    t = await startTestApp({ env: { WORKERS: 'false', READ_CACHE_ROWS: '0' } });
    seeded = await seedTenants(t.app, 1000, { connectionsPerTenant: 1, policiesPerConnection: 1, prefix: 'Counted' });
    const ids = seeded.tenants.map((x) => x.id);
    Object.assign(scopes, { 1: ids.slice(0, 1), 10: ids.slice(0, 10), 100: ids.slice(0, 100) });
  });
  after(async () => t.close());

  it('the dashboard query costs the same for 1, 10 and 100 tenants', async () => {
    const counts: Record<number, number> = {};
    for (const size of [1, 10, 100]) {
      const token = await t.token({ tenants: scopes[size], scopes: ['recording:read'] });
      let data: any;
      counts[size] = await t.countStatements(async () => {
        data = ok(await t.gql(operation('Dashboard'), { first: 100 }, { token }));
      });
      assert.equal(data.tenants.edges.length, size);
      assert.equal(data.tenants.edges.flatMap((e: any) => e.node.recordingPolicies).length, size);
    }
    assert.deepEqual([counts[10], counts[100]], [counts[1], counts[1]], JSON.stringify(counts));
    // Was 3 (the page, then its connections and its policies); issue 18 reads the lists with the page.
    assert.equal(counts[1], 1, 'one page of tenants with their connections and policies, in one statement');
  });

  it('a policy mutation costs the same whether the caller sees 1, 10 or 100 tenants', async () => {
    const counts: Record<number, number> = {};
    const policy = seeded.policies[0]!;
    let version = 1;
    for (const size of [1, 10, 100]) {
      const token = await t.token({ tenants: scopes[size], scopes: ['recording:read', 'recording:write'] });
      let data: any;
      counts[size] = await t.countStatements(async () => {
        data = ok(
          await t.gql(
            operation('UpdateRecordingPolicy'),
            {
              input: {
                id: policy.id,
                expectedVersion: version,
                name: `renamed for ${size}`,
                rules: { mode: 'ALWAYS', calls: { internal: size % 2 === 0, external: true } },
                apply: false,
              },
            },
            { token },
          ),
        );
      });
      version = data.updateRecordingPolicy.policy.version;
    }
    assert.equal(version, 4);
    assert.deepEqual([counts[10], counts[100]], [counts[1], counts[1]], JSON.stringify(counts));
  });

  for (const type of ['RecordingPolicy', 'Tenant'] as const) {
    it(`_entities with 1,000 ${type} representations costs exactly one statement`, async () => {
      const rows = type === 'Tenant' ? seeded.tenants : seeded.policies;
      const representations = rows.slice(0, 1000).map((r) => ({ __typename: type, id: r.id }));
      assert.equal(representations.length, 1000);
      const q = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${type} { id } } }`;
      let data: any;
      const n = await t.countStatements(async () => {
        data = ok(await t.gql(q, { representations }));
      });
      assert.equal(data._entities.length, 1000);
      assert.ok(data._entities.every((e: { id: string } | null, i: number) => e?.id === representations[i]!.id));
      assert.equal(n, 1);
    });
  }
});

describe('counted costs with the read cache on (the default): a repeated read costs one statement', () => {
  let t: TestApp;
  let seeded: Awaited<ReturnType<typeof seedTenants>>;
  before(async () => {
    t = await startTestApp({ env: { WORKERS: 'false' } });
    seeded = await seedTenants(t.app, 1000, { connectionsPerTenant: 1, policiesPerConnection: 1, prefix: 'Cached' });
  });
  after(async () => t.close());

  it('the dashboard costs the version check plus its one read the first time, then the version check alone, for 1, 10 and 100 tenants', async () => {
    const ids = seeded.tenants.map((x) => x.id);
    for (const size of [1, 10, 100]) {
      const token = await t.token({ tenants: ids.slice(0, size), scopes: ['recording:read'] });
      const counts: number[] = [];
      for (let i = 0; i < 3; i++) {
        counts.push(
          await t.countStatements(async () => {
            const data: any = ok(await t.gql(operation('Dashboard'), { first: 100 }, { token }));
            assert.equal(data.tenants.edges.length, size);
          }),
        );
      }
      // Was [4, 1, 1] before issue 18 read the page's lists with the page. On embedded PGlite the third sends nothing:
      // only the second's version check has reached the database since it, so that version is still current.
      assert.deepEqual(counts, [2, 1, t.app.database.kind === 'pglite' ? 0 : 1], `${size} tenants`);
    }
  });

  for (const type of ['RecordingPolicy', 'Tenant'] as const) {
    it(`_entities with 1,000 ${type} representations: the version check and one statement, then the version check alone`, async () => {
      const rows = type === 'Tenant' ? seeded.tenants : seeded.policies;
      const representations = rows.slice(0, 1000).map((r) => ({ __typename: type, id: r.id }));
      const q = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${type} { id } } }`;
      // Any statement moves PGlite's quiet counter, so the first check is sent on both databases, whatever ran before.
      await t.app.database.rawQuery('SELECT 1');
      const counts: number[] = [];
      for (let i = 0; i < 3; i++) {
        counts.push(
          await t.countStatements(async () => {
            const data: any = ok(await t.gql(q, { representations }));
            assert.ok(data._entities.every((e: { id: string } | null, i: number) => e?.id === representations[i]!.id));
          }),
        );
      }
      assert.deepEqual(counts, [2, 1, t.app.database.kind === 'pglite' ? 0 : 1]);
    });
  }
});
