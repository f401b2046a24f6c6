import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ok, startTestApp, type TestApp } from '../helpers/app';
import { operation } from '../helpers/operations';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Rows Removed by Filter'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

const TENANTS = 1_000;
const POLICIES_PER_TENANT = 100; // 100,000 policies, the scale run's count (bench/scale-seed.ts)
const AUDIT_ENTRIES = 100_000;
const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on RecordingPolicy { id version } } }`;

/**
 * Issue 18, item 5 ("flat as it grows"), as counted plans: at the scale run's 100,000 policies, the statements of
 * `_entities` with 1,000 RecordingPolicy representations and of a policy update read a number of pages that depends
 * on what they return, not on the table's size. The bench's scale run measured both within noise of the 50-tenant
 * set on a quiet machine; this pins the reason (an index scan by primary key touching ~50 pages of a 2,600-page
 * table, writes found by primary key), so that a plan that starts reading the table shows up here, not as a
 * wall-clock drift. Caches off: every read is a statement.
 */
describe('plans at 100,000 policies: _entities and the policy update read bounded pages', () => {
  let t: TestApp;
  const hex = (n: number) => n.toString(16).padStart(12, '0');
  const tenantId = (tenant: number) => `00000000-0000-4000-8b00-${hex(tenant)}`;
  const policyId = (tenant: number, n: number) => `00000000-0000-4000-8a00-${hex(tenant * 1000 + n)}`;
  before(async () => {
    t = await startTestApp({ env: { WORKERS: 'false', READ_CACHE_ROWS: '0', RESPONSE_CACHE_BYTES: '0' } });
    const tenant = `'00000000-0000-4000-8b00-' || lpad(to_hex(t), 12, '0')`;
    // One transaction with triggers off (the read-version triggers and foreign-key checks; consistent by
    // construction), as bench/scale-seed.ts writes the scale run's data, then ANALYZE.
    await t.app.database.rawQuery(`BEGIN;
      SET LOCAL session_replication_role = replica;
      INSERT INTO tenants (id, name, created_at, updated_at)
        SELECT ${tenant}, 'Scale ' || t, timestamptz '2001-01-01' + t * interval '1 second', now() FROM generate_series(1, ${TENANTS}) AS t;
      INSERT INTO vendor_connections (id, tenant_id, vendor, name, base_url, credentials_sealed, credentials_key_id)
        SELECT ${tenant} || '-conn', ${tenant}, 'MEGAFON', 'conn', 'https://simple-api.cp.megafon.ru', 'v1.none.x.x.x', 'none'
        FROM generate_series(1, ${TENANTS}) AS t;
      INSERT INTO recording_policies (id, tenant_id, connection_id, name, scope_kind, scope_id, rules, created_at, updated_at)
        SELECT '00000000-0000-4000-8a00-' || lpad(to_hex(t * 1000 + n), 12, '0'), ${tenant}, ${tenant} || '-conn', 'policy ' || n, 'SETTINGS_RECORD',
               (t * 1000 + n)::text, '{"mode":"ALWAYS","calls":{"internal":true,"external":true}}'::jsonb,
               timestamptz '2001-01-01' + (t * ${POLICIES_PER_TENANT} + n) * interval '1 millisecond', now()
        FROM generate_series(1, ${TENANTS}) AS t, generate_series(1, ${POLICIES_PER_TENANT}) AS n;
      INSERT INTO audit_log (id, tenant_id, at, actor, action, target_type, target_id, before, after)
        SELECT 'sa-' || lpad(i::text, 7, '0'), '00000000-0000-4000-8b00-' || lpad(to_hex(1 + i % ${TENANTS}), 12, '0'), timestamptz '2001-01-01' + i * interval '1 millisecond',
               'seed', 'policy.update', 'RecordingPolicy', '00000000-0000-4000-8a00-' || lpad(to_hex(1001 + i % ${POLICIES_PER_TENANT}), 12, '0'), '{}'::jsonb, '{}'::jsonb
        FROM generate_series(1, ${AUDIT_ENTRIES}) AS i;
      COMMIT;
      ANALYZE tenants, vendor_connections, recording_policies, audit_log;`);
  });
  after(async () => t.close());

  const pagesOf = async (relation: string) =>
    Number((await t.app.database.rawQuery<{ pages: string }>(`SELECT pg_relation_size('${relation}') / 8192 AS pages`))[0]!.pages);

  /** The statements `run` sent (text and parameters, as the store sent them). */
  const sent = async (run: () => Promise<unknown>) => {
    const counter = t.app.database.statements;
    counter.log = [];
    counter.params = [];
    counter.keepLog = true;
    try {
      await run();
    } finally {
      counter.keepLog = false;
    }
    return counter.log.map((text, i) => ({ text, params: counter.params[i] }));
  };
  const quote = (v: unknown) => `'${String(v).replace(/'/g, "''")}'`;
  const literal = (v: unknown) => (Array.isArray(v) ? `ARRAY[${v.map(quote).join(', ')}]::text[]` : quote(v));
  /**
   * EXPLAIN of a statement with its parameters. `generic`: the plan a named prepared statement settles on (the
   * stores' reads are prepared, src/store/prepared.ts; PostgreSQL plans the first five executions on each
   * connection for their parameters, then keeps the generic plan), on one session of the pool.
   */
  const explain = async (options: string, text: string, params: unknown[] = [], generic = false) => {
    const q = `EXPLAIN (${options}FORMAT JSON) ${text}`;
    let rows: { 'QUERY PLAN': unknown }[];
    const steps = [
      'SET plan_cache_mode = force_generic_plan',
      `PREPARE scale_plans_probe AS ${text}`,
      // EXECUTE's arguments are expressions, not bind parameters: the values as literals (ids and tenant ids).
      `EXPLAIN (${options}FORMAT JSON) EXECUTE scale_plans_probe(${params.map(literal).join(', ')})`,
    ];
    const cleanup = ['DEALLOCATE scale_plans_probe', 'RESET plan_cache_mode'];
    const pool = t.app.database.pool;
    if (generic && pool) {
      const client = await pool.connect();
      try {
        await client.query(steps[0]!);
        await client.query(steps[1]!);
        rows = (await client.query<{ 'QUERY PLAN': unknown }>(steps[2]!)).rows;
        for (const c of cleanup) await client.query(c);
      } finally {
        client.release();
      }
    } else if (generic) {
      const db = t.app.database;
      await db.rawQuery(steps[0]!);
      await db.rawQuery(steps[1]!);
      try {
        rows = await db.rawQuery<{ 'QUERY PLAN': unknown }>(steps[2]!);
      } finally {
        for (const c of cleanup) await db.rawQuery(c);
      }
    } else rows = await t.app.database.rawQuery<{ 'QUERY PLAN': unknown }>(q, params.length ? params : undefined);
    const raw = rows[0]!['QUERY PLAN'];
    return ((typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[])[0]!.Plan;
  };
  const buffers = (n: PlanNode) => (n['Shared Hit Blocks'] ?? 0) + (n['Shared Read Blocks'] ?? 0);

  it('_entities of 1,000 policies: one index scan by primary key, 1,000 rows read, a few dozen pages of a 2,600-page table', async () => {
    const tablePages = await pagesOf('recording_policies');
    assert.ok(tablePages > 2_000, `${tablePages} pages`);
    // Tenants 401-410's policies: the middle of the table.
    const ids = Array.from({ length: 10 }, (_, k) => Array.from({ length: POLICIES_PER_TENANT }, (_, n) => policyId(401 + k, n + 1))).flat();
    let data: any;
    const statements = await sent(async () => {
      data = ok(await t.gql(ENTITIES, { representations: ids.map((id) => ({ __typename: 'RecordingPolicy', id })) }));
    });
    assert.deepEqual(
      data._entities.map((e: { id: string }) => e.id),
      ids,
    );
    const reads = statements.filter((s) => /from "recording_policies"/i.test(s.text));
    assert.equal(reads.length, 1, statements.map((s) => s.text).join('\n'));
    const plan = await explain('ANALYZE, BUFFERS, ', reads[0]!.text, reads[0]!.params, true);
    const all = nodes(plan);
    assert.ok(!all.some((n) => n['Node Type'] === 'Seq Scan'), JSON.stringify(all));
    const scan = all.find((n) => n['Relation Name'] === 'recording_policies')!;
    // An index scan, or a bitmap of the index's matches then the heap pages that hold them (the planner's choice).
    assert.match(scan['Node Type'], /^(Index (Only )?Scan|Bitmap Heap Scan)$/);
    assert.ok(
      all.some((n) => n['Index Name'] === 'recording_policies_pkey'),
      JSON.stringify(all),
    );
    assert.equal(scan['Actual Rows'], 1000);
    assert.ok(!scan['Rows Removed by Filter'], `${scan['Rows Removed by Filter']} rows read and dropped`);
    // PGlite (PostgreSQL 17) walks the index once: ~100 heap pages hold these 1,000 rows (spread over the table)
    // and ~10 leaf pages their keys. The PostgreSQL server (15 here) descends the 3-level index once per id: ~3 pages
    // each. Either way a number of pages set by the 1,000 ids; a Seq Scan would read every page.
    assert.ok(buffers(plan) <= 4 * 1000 + 200, `${buffers(plan)} pages for 1,000 rows of a ${tablePages}-page table`);
  });

  it('a policy update at 100,000 policies and 100,000 audit entries: every statement finds its rows by index, reads touch a handful of pages', async () => {
    assert.ok((await pagesOf('audit_log')) > 1_000);
    const token = await t.token({ tenants: [tenantId(500)], scopes: ['recording:read', 'recording:write'] });
    const id = policyId(500, 50);
    const statements = await sent(async () => {
      const data = ok(
        await t.gql(
          operation('UpdateRecordingPolicy'),
          { input: { id, expectedVersion: 1, rules: { mode: 'ALWAYS', calls: { internal: false, external: true } }, apply: false } },
          { token },
        ),
      );
      assert.equal(data.updateRecordingPolicy.policy.version, 2);
    });
    const dml = statements.filter((s) => /^\s*(select|with|insert|update|delete)\b/i.test(s.text));
    assert.ok(
      dml.some((s) => /^\s*update "recording_policies"/i.test(s.text)),
      dml.map((s) => s.text).join('\n'),
    );
    assert.ok(
      dml.some((s) => /^\s*insert into "audit_log"/i.test(s.text)),
      dml.map((s) => s.text).join('\n'),
    );
    for (const s of dml) {
      const read = /^\s*(select|with)\b/i.test(s.text);
      // Reads run again under ANALYZE; writes are planned only (their rows were written by the request).
      const plan = await explain(read ? 'ANALYZE, BUFFERS, ' : '', s.text, s.params);
      const all = nodes(plan);
      const seq = all.filter(
        (n) => n['Node Type'] === 'Seq Scan' && ['recording_policies', 'audit_log', 'tenants', 'vendor_connections'].includes(n['Relation Name']!),
      );
      assert.deepEqual(seq, [], `${s.text}: ${JSON.stringify(all)}`);
      if (read) assert.ok(buffers(plan) <= 20, `${s.text}: ${buffers(plan)} pages`);
    }
  });
});
