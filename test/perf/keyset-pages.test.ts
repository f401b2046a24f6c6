import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ok, startTestApp, type TestApp } from '../helpers/app';
import { operation } from '../helpers/operations';

const TENANTS = `query($first: Int!, $after: String) {
  tenants(first: $first, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } }
}`;
const POLICIES = `query($tenantId: ID!, $first: Int!, $after: String) {
  recordingPolicies(tenantId: $tenantId, first: $first, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } }
}`;
const ROWS = 1500;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Rows Removed by Filter'?: number;
  'Actual Rows'?: number;
  Plans?: PlanNode[];
}
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];
type Connection = { edges: { cursor: string; node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

/**
 * Keyset pages of tenants and policies (issue 18): the cursor is a row comparison `(created_at, id) > ($1, $2)`,
 * a bound of the (created_at, id) index (tenants, every tenant's policies) or of (tenant_id, created_at, id) (one
 * tenant's policies), so a deep page starts at its position in the index. Three rows share every millisecond, their
 * ids in the opposite order to their insertion, so every page boundary that falls inside a tie is decided by the id.
 * The read and response caches are off: every page is a statement.
 */
describe('keyset pages of tenants and policies (row comparison, served by an index)', () => {
  let t: TestApp;
  let tenantId: string;
  before(async () => {
    t = await startTestApp({ env: { WORKERS: 'false', READ_CACHE_ROWS: '0', RESPONSE_CACHE_BYTES: '0' } });
    const sql = (text: string, params?: unknown[]) => t.app.database.rawQuery(text, params);
    const at = `timestamptz '2001-01-01T00:00:00Z' + (i / 3) * interval '1 millisecond'`;
    await sql(
      `INSERT INTO tenants (id, name, created_at, updated_at)
       SELECT 'k-' || lpad((${ROWS} - i)::text, 5, '0'), 'Keyset ' || i, ${at}, ${at} FROM generate_series(1, ${ROWS}) AS i`,
    );
    tenantId = '00000000-0000-4000-8000-00000000abcd';
    await sql(`INSERT INTO tenants (id, name, created_at) VALUES ('${tenantId}', 'Policies', '2000-01-01')`);
    // Its policies, and as many of another tenant's interleaved with them in time (so the tenant's index is the one
    // that serves its pages).
    for (const [tenant, prefix] of [
      [tenantId, 'p'],
      ['k-00001', 'q'],
    ] as const) {
      await sql(
        `INSERT INTO vendor_connections (id, tenant_id, vendor, name, base_url, credentials_sealed, credentials_key_id)
         VALUES ('${prefix}-conn', '${tenant}', 'MEGAFON', 'conn', 'https://simple-api.cp.megafon.ru', 'v1.none.x.x.x', 'none')`,
      );
      await sql(
        `INSERT INTO recording_policies (id, tenant_id, connection_id, name, scope_kind, scope_id, rules, created_at, updated_at)
         SELECT '${prefix}-' || lpad((${ROWS} - i)::text, 5, '0'), '${tenant}', '${prefix}-conn', 'policy ' || i, 'SETTINGS_RECORD', i::text,
                '{"mode":"ALWAYS","calls":{"internal":true,"external":true}}'::jsonb, ${at}, ${at}
         FROM generate_series(1, ${ROWS}) AS i`,
      );
    }
    await sql('ANALYZE tenants');
    await sql('ANALYZE recording_policies');
  });
  after(async () => t.close());

  const ordered = async (table: string, where = '') =>
    (await t.app.database.rawQuery<{ id: string }>(`SELECT id FROM ${table} ${where} ORDER BY created_at, id`)).map((r) => r.id);

  /** Walks every page, checking each against the rows in (created_at, id) order. */
  const walk = async (page: (after: string | null) => Promise<Connection>, expected: string[], first: number) => {
    let cursor: string | null = null;
    let offset = 0;
    for (;;) {
      const p = await page(cursor);
      assert.deepEqual(
        p.edges.map((e) => e.node.id),
        expected.slice(offset, offset + first),
        `the page after row ${offset}`,
      );
      offset += p.edges.length;
      assert.equal(p.pageInfo.hasNextPage, offset < expected.length);
      if (!p.pageInfo.hasNextPage) break;
      cursor = p.pageInfo.endCursor;
    }
    assert.equal(offset, expected.length);
  };

  it('every page of tenants is the next slice of (created_at, id) order, ties decided by the id (the listing and the dashboard)', async () => {
    const all = await ordered('tenants');
    assert.ok(all.length >= ROWS + 1);
    // 97 and 47: page boundaries fall at every position within a tie of three.
    await walk(async (a) => ok(await t.gql(TENANTS, { first: 97, after: a })).tenants, all, 97);
    await walk(async (a) => ok(await t.gql(operation('Dashboard'), { first: 47, after: a })).tenants, all, 47);
  });

  it("every page of one tenant's policies, and of every tenant's policies, is the next slice", async () => {
    const mine = await ordered('recording_policies', `WHERE tenant_id = '${tenantId}'`);
    assert.equal(mine.length, ROWS);
    await walk(async (a) => ok(await t.gql(POLICIES, { tenantId, first: 100, after: a })).recordingPolicies, mine, 100);
    const everyone = await ordered('recording_policies');
    const stores = t.app.services.stores;
    await walk(
      async (a) => {
        const p = await stores.policies.pageAll({ first: 64, after: a });
        return {
          edges: p.items.map((r, i) => ({ cursor: p.cursors[i]!, node: { id: r.id } })),
          pageInfo: { hasNextPage: p.hasNextPage, endCursor: p.endCursor },
        };
      },
      everyone,
      64,
    );
  });

  /** The plan of the statement `run` sends to `relation` (EXPLAIN ANALYZE of the logged text and parameters). */
  const planOf = async (relation: string, run: () => Promise<unknown>) => {
    const counter = t.app.database.statements;
    counter.log = [];
    counter.params = [];
    counter.keepLog = true;
    try {
      await run();
    } finally {
      counter.keepLog = false;
    }
    const i = counter.log.findIndex((q) => new RegExp(`from "${relation}"`, 'i').test(q));
    assert.ok(i >= 0, `a statement on ${relation}: ${counter.log.join('\n')}`);
    const text = counter.log[i]!;
    assert.doesNotMatch(text, /\boffset\b/i);
    assert.doesNotMatch(text, /\bor\b/i, 'no OR-form cursor');
    const [row] = await t.app.database.rawQuery<{ 'QUERY PLAN': unknown }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${text}`, counter.params[i]);
    const raw = row!['QUERY PLAN'];
    const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
    return nodes(plan[0]!.Plan);
  };
  const assertKeysetScan = (all: PlanNode[], relation: string, index: string, first: number) => {
    const scan = all.find((n) => n['Relation Name'] === relation);
    assert.ok(scan, JSON.stringify(all));
    assert.equal(scan['Node Type'], 'Index Scan', JSON.stringify(scan));
    assert.equal(scan['Index Name'], index);
    assert.match(scan['Index Cond'] ?? '', /ROW\(created_at, id\) >/, 'the cursor is a bound of the index scan');
    assert.ok(!scan['Rows Removed by Filter'], `rows before the cursor read and dropped: ${scan['Rows Removed by Filter']}`);
    assert.ok((scan['Actual Rows'] ?? Infinity) <= first + 1, `${scan['Actual Rows']} index entries read for a page of ${first}`);
    // The index gives the order: no sort above the table's scan (the dashboard's statement sorts the page's own
    // 21 rows again for its lists, which is not a sort of the table).
    const sorts = all.filter((n) => n['Node Type'] === 'Sort');
    assert.ok(!sorts.some((n) => nodes(n).some((c) => c['Relation Name'] === relation)), 'the index gives the order');
  };
  /** The cursor of the row at `n` in the order (a deep page: 1,000 rows in). */
  const cursorAt = async (query: string, vars: Record<string, unknown>, field: string, n: number) => {
    const conn = ok(await t.gql(query, { ...vars, first: n })) as Record<string, Connection>;
    return conn[field]!.pageInfo.endCursor;
  };

  it('a deep page of tenants is an index scan from its position: no OFFSET, no OR, nothing before it read', async () => {
    const cursor = await cursorAt(TENANTS, {}, 'tenants', 100);
    const deeper = ok(await t.gql(TENANTS, { first: 100, after: cursor })).tenants.pageInfo.endCursor;
    assertKeysetScan(await planOf('tenants', () => t.gql(TENANTS, { first: 20, after: deeper })), 'tenants', 'tenants_page_idx', 20);
    // The dashboard's one statement (the page in a CTE with its lists) pages the same way.
    assertKeysetScan(await planOf('tenants', () => t.gql(operation('Dashboard'), { first: 20, after: deeper })), 'tenants', 'tenants_page_idx', 20);
  });

  it("a deep page of one tenant's policies, and of every tenant's, is an index scan from its position", async () => {
    const cursor = await cursorAt(POLICIES, { tenantId }, 'recordingPolicies', 100);
    const deeper = ok(await t.gql(POLICIES, { tenantId, first: 100, after: cursor })).recordingPolicies.pageInfo.endCursor;
    assertKeysetScan(
      await planOf('recording_policies', () => t.gql(POLICIES, { tenantId, first: 20, after: deeper })),
      'recording_policies',
      'recording_policies_tenant_idx',
      20,
    );
    assertKeysetScan(
      await planOf('recording_policies', () => t.app.services.stores.policies.pageAll({ first: 20, after: deeper })),
      'recording_policies',
      'recording_policies_page_idx',
      20,
    );
  });
});
