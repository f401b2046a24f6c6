import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openDatabase, type Database } from '../src/store/db';
import { tenants, vendorConnections, recordingPolicies } from '../src/store/schema';
import { buildFixture, DEFAULT_SHAPE } from './fixture';
import { seedScale, SEEDS, SIDE_POLICIES, scaleIds } from './scale-seed';

/**
 * `npm run bench:scale-probe` (issue 18, item 5): why the scale run's PGlite cells moved. In one process, without
 * HTTP: the scale run's data at each size (bench/scale-seed.ts, on the fixture), then `_entities`' policy read of
 * 1,000 ids and the policy update's writes (UPDATE by primary key and the audit insert, committed, so the deferred
 * read-version triggers run) under EXPLAIN (ANALYZE, BUFFERS, WAL), each timed over a few hundred runs, and
 * pg_stat_io's reads, writes and evictions over 500 updates. SB=128MB sets shared_buffers (default 16MB).
 */
async function probe(key: 'small' | 'scale') {
  const dir = mkdtempSync(join(tmpdir(), 'recsub-probe-'));
  const database: Database = await openDatabase({ dataDir: dir, pgliteSharedBuffers: process.env.SB ?? '16MB' });
  const fixture = buildFixture(DEFAULT_SHAPE);
  const db = database.db;
  await db.insert(tenants).values(fixture.tenants);
  await db.insert(vendorConnections).values(
    fixture.connections.map((c) => ({
      ...c,
      baseUrl: 'https://x',
      settings: {},
      credentialsSealed: 'v1.none.x.x.x',
      credentialsKeyId: 'none',
      updatedAt: c.createdAt,
    })),
  );
  await db
    .insert(recordingPolicies)
    .values(fixture.policies.map((p) => ({ ...p, syncedVersion: p.syncStatus === 'IN_SYNC' ? p.version : null, updatedAt: p.createdAt })));
  await seedScale(database, SEEDS[key]);
  const q = database.rawQuery.bind(database);
  const ids = [...fixture.policies.map((p) => p.id), ...Array.from({ length: SIDE_POLICIES }, (_, i) => scaleIds.sidePolicy(i + 1))];
  const sel = `select * from recording_policies where id = any($1)`;
  const ex = async (label: string, text: string, params?: unknown[]) => {
    const rows = await q<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, WAL) ${text}`, params);
    const plan = rows
      .map((r) => r['QUERY PLAN'])
      .join('\n')
      .replace(/'\{[^}']{200,}\}'/g, "'{…}'");
    console.log(`--- ${key} ${label}\n${plan}`);
  };
  const sizes = await q(
    `select relname, pg_relation_size(oid)/8192 as pages from pg_class where relname in ('audit_log','audit_log_pkey','audit_log_tenant_idx','audit_log_target_idx','recording_policies','recording_policies_pkey','recording_policies_tenant_idx','recording_policies_connection_idx','recording_policies_page_idx') order by 1`,
  );
  console.log(key, JSON.stringify(sizes));
  const policy = fixture.policies[0]!;
  const upd = async () => {
    await q('BEGIN');
    await q(
      `update recording_policies set rules = $1, version = version + 1, sync_status = 'PENDING', updated_at = now() where id = $2 returning *`,
      [JSON.stringify({ mode: 'ALWAYS' }), policy.id],
    );
    await q(
      `insert into audit_log (id, tenant_id, actor, action, target_type, target_id, before, after) values ($1, $2, 'a', 'policy.update', 'RecordingPolicy', $3, '{}', '{}')`,
      [randomUUID(), policy.tenantId, randomUUID()],
    );
    await q('COMMIT');
  };
  const time = async (label: string, n: number, f: () => Promise<unknown>) => {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await f();
    console.log(`${key} ${label}: ${((performance.now() - t0) / n).toFixed(3)} ms each`);
  };
  const io = async () =>
    (
      await q<Record<string, unknown>>(
        `select sum(reads)::int r, sum(writes)::int w, sum(hits)::int h, sum(evictions)::int e, sum(extends)::int x from pg_stat_io`,
      )
    )[0];
  await time('entities warm', 20, () => q(sel, [ids]));
  await ex('entities', sel, [ids]);
  await time('entities', 200, () => q(sel, [ids]));
  await time('update tx warm', 50, upd);
  const before = await io();
  await time('update tx', 500, upd);
  const after = await io();
  console.log(key, 'pg_stat_io before', JSON.stringify(before), 'after', JSON.stringify(after));
  await q('BEGIN');
  await ex(
    'update',
    `update recording_policies set rules = $1, version = version + 1, sync_status = 'PENDING', updated_at = now() where id = $2 returning *`,
    [JSON.stringify({ mode: 'ALWAYS' }), policy.id],
  );
  await ex(
    'audit insert',
    `insert into audit_log (id, tenant_id, actor, action, target_type, target_id, before, after) values ($1, $2, 'a', 'policy.update', 'RecordingPolicy', $3, '{}', '{}')`,
    [randomUUID(), policy.tenantId, randomUUID()],
  );
  await q('COMMIT');
  await time('entities after updates', 200, () => q(sel, [ids]));
  await ex('entities after updates', sel, [ids]);
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}

void (async () => {
  for (const k of (process.argv[2] ?? 'small,scale').split(',') as ('small' | 'scale')[]) await probe(k);
})();
