import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ok, startTestApp, type TestApp } from '../helpers/app';

const PAGE = `query($tenantId: ID!, $first: Int, $after: String) {
  auditLog(tenantId: $tenantId, first: $first, after: $after) {
    edges { cursor node { id } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const ENTRIES = 3000;
const FIRST = 100;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Filter?: string;
  'Rows Removed by Filter'?: number;
  'Actual Rows'?: number;
  Plans?: PlanNode[];
}
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

/**
 * Deep pages of the audit trail by keyset (issue 18): the `after` cursor is the (at, id) position of the last entry
 * seen, and the query reads from that position in the tenant's index instead of discarding earlier pages.
 */
describe('audit log keyset pages', () => {
  let t: TestApp;
  let tenantId: string;
  let otherTenantId: string;
  before(async () => {
    t = await startTestApp();
    const create = async (name: string) =>
      ok(await t.gql(`mutation($input: CreateTenantInput!) { createTenant(input: $input) { tenant { id } } }`, { input: { name } })).createTenant
        .tenant.id as string;
    tenantId = await create('Deep trail');
    otherTenantId = await create('Other trail');
    // Three entries share each millisecond, so the id must break ties; the other tenant's entries interleave in time.
    for (const [tenant, count] of [
      [tenantId, ENTRIES],
      [otherTenantId, 1000],
    ] as const) {
      await t.app.database.rawQuery(
        `INSERT INTO audit_log (id, tenant_id, at, actor, action, target_type, target_id)
         SELECT $1 || '-' || lpad(i::text, 6, '0'), $1, timestamptz '2026-01-01T00:00:00Z' + (i / 3) * interval '1 millisecond',
                'seed', 'policy.update', 'RecordingPolicy', 'p' || i
         FROM generate_series(1, $2::int) AS i`,
        [tenant, count],
      );
    }
    await t.app.database.rawQuery('ANALYZE audit_log');
  });
  after(async () => t.close());

  it('walks every entry once, in order, one statement a page, never another tenant', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    for (;;) {
      let page!: { edges: { cursor: string; node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
      const statements = await t.countStatements(async () => {
        page = ok(await t.gql(PAGE, { tenantId, first: FIRST, after: cursor })).auditLog;
      });
      pages++;
      // The page itself, and the request's read-version and token bookkeeping, which do not grow with depth.
      if (pages === 2) assert.ok(statements <= 3, `${statements} statements for one page`);
      seen.push(...page.edges.map((e) => e.node.id));
      assert.equal(page.pageInfo.endCursor, page.edges.at(-1)?.cursor ?? null);
      if (!page.pageInfo.hasNextPage) break;
      cursor = page.pageInfo.endCursor;
    }
    // The seeded entries, then the tenant's own creation (recorded now, after them).
    const total = ENTRIES + 1;
    assert.equal(pages, Math.ceil(total / FIRST));
    assert.equal(seen.length, total);
    assert.equal(new Set(seen).size, total, 'no entry twice');
    const seeded = seen.slice(0, ENTRIES);
    assert.ok(
      seeded.every((id) => id.startsWith(`${tenantId}-`)),
      'only the tenant asked for',
    );
    assert.deepEqual(seeded, [...seeded].sort(), 'oldest first, ties in id order');
  });

  it("reads a deep page from its position in the tenant's index: no OFFSET, no earlier page scanned and dropped", async () => {
    // The cursor of the 1,000th entry, for page 11 (the statement is the same at any depth; 2,000 entries follow).
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) cursor = ok(await t.gql(PAGE, { tenantId, first: FIRST, after: cursor })).auditLog.pageInfo.endCursor;
    const counter = t.app.database.statements;
    counter.log = [];
    counter.params = [];
    counter.keepLog = true;
    let last: { edges: { node: { id: string } }[] };
    try {
      last = ok(await t.gql(PAGE, { tenantId, first: FIRST, after: cursor })).auditLog;
    } finally {
      counter.keepLog = false;
    }
    assert.equal(last.edges.length, FIRST);
    assert.equal(last.edges[0]!.node.id, `${tenantId}-${String(1001).padStart(6, '0')}`);
    const i = counter.log.findIndex((q) => /from "audit_log"/i.test(q));
    assert.ok(i >= 0, `the page's statement was logged: ${counter.log.join('\n')}`);
    const text = counter.log[i]!;
    assert.doesNotMatch(text, /\boffset\b/i);
    const [row] = await t.app.database.rawQuery<{ 'QUERY PLAN': unknown }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${text}`, counter.params[i]);
    const raw = row!['QUERY PLAN'];
    const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
    const all = nodes(plan[0]!.Plan);
    const scan = all.find((n) => n['Relation Name'] === 'audit_log');
    assert.ok(scan, JSON.stringify(plan));
    assert.equal(scan['Node Type'], 'Index Scan', JSON.stringify(scan));
    assert.equal(scan['Index Name'], 'audit_log_tenant_idx');
    assert.match(scan['Index Cond'] ?? '', /ROW\(at, id\) >/, 'the keyset position is a bound of the index scan');
    assert.ok(!scan['Rows Removed by Filter'], `rows of earlier pages read and dropped: ${scan['Rows Removed by Filter']}`);
    assert.ok((scan['Actual Rows'] ?? Infinity) <= FIRST + 1, `${scan['Actual Rows']} index entries read for a page of ${FIRST}`);
    assert.ok(!all.some((n) => n['Node Type'] === 'Sort'), 'the index gives the order');
  });
});
