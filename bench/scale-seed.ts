import type { Database } from '../src/store/db';

/**
 * The scale run's data (issue 18, item 5), written on top of the 50-tenant fixture by SQL alone (INSERT ... SELECT
 * generate_series, the same statements on PGlite and the PostgreSQL server). Both data sets share what the bench
 * reads, so the answers are the same bytes and only the data around them grows:
 * - 900 more policies in fixture tenants 21-50 (outside the dashboard's first page), so that `_entities` can name
 *   1,000 distinct policies;
 * - 20,020 audit entries of fixture tenant 1, so that its 1,000th page of 20 exists;
 * - at scale only: tenants up to 10,000 (one connection each), policies up to 100,000 and audit entries up to
 *   1,000,000 in the added tenants, all created after the fixture (the dashboard's first page stays the same).
 */
export interface ScaleSeed {
  key: 'small' | 'scale';
  addedTenants: number;
  addedPolicies: number;
  addedAuditEntries: number;
}

export const SIDE_POLICIES = 900;
export const DEEP_AUDIT_ENTRIES = 20_020;
export const AUDIT_PAGE = 20;

export const SEEDS: Record<ScaleSeed['key'], ScaleSeed> = {
  small: { key: 'small', addedTenants: 0, addedPolicies: 0, addedAuditEntries: 0 },
  scale: { key: 'scale', addedTenants: 9_950, addedPolicies: 100_000 - 100 - SIDE_POLICIES, addedAuditEntries: 1_000_000 - DEEP_AUDIT_ENTRIES },
};

const EPOCH = "timestamptz '2025-01-01T00:00:00Z'";
/** bench/fixture.ts's ids: uuid(kind, n), in SQL. */
const uuid = (kind: number, n: string) => `'00000000-0000-4000-8${kind.toString(16).padStart(3, '0')}-' || lpad(to_hex(${n}), 12, '0')`;

/** Ids of what the scale run asks for (the same in both data sets). */
export const scaleIds = {
  sidePolicy: (n: number) => `00000000-0000-4000-8007-${n.toString(16).padStart(12, '0')}`,
  deepTenant: '00000000-0000-4000-8001-000000000001',
  deepAuditEntry: (n: number) => `00000000-0000-4000-8008-${n.toString(16).padStart(12, '0')}`,
  /** When deep audit entry n was written (10 ms apart). */
  deepAuditAt: (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 10),
};

function statements(seed: ScaleSeed): string[] {
  const rules = `'{"mode":"ALWAYS","calls":{"internal":true,"external":true}}'::jsonb`;
  const out = [
    // Side policies: fixture tenant 21 + (i - 1) / 30 and its one connection (fixture ids 1:k and 2:k).
    `INSERT INTO recording_policies (id, tenant_id, connection_id, name, scope_kind, scope_id, rules, version, sync_status, synced_version, created_at, updated_at)
     SELECT ${uuid(7, 'i')}, ${uuid(1, '21 + (i - 1) / 30')}, ${uuid(2, '21 + (i - 1) / 30')}, 'Side policy ' || i, 'SETTINGS_RECORD', 'side-' || i,
            ${rules}, 1, 'IN_SYNC', 1, ${EPOCH} + interval '10 days' + i * interval '1 millisecond', ${EPOCH} + interval '10 days'
     FROM generate_series(1, ${SIDE_POLICIES}) AS i`,
    `INSERT INTO audit_log (id, tenant_id, at, actor, action, target_type, target_id, before, after)
     SELECT ${uuid(8, 'i')}, ${uuid(1, '1')}, ${EPOCH} + i * interval '10 milliseconds', 'seed@example.com', 'policy.update', 'RecordingPolicy',
            ${uuid(3, '1 + i % 2')}, jsonb_build_object('version', i), jsonb_build_object('version', i + 1)
     FROM generate_series(1, ${DEEP_AUDIT_ENTRIES}) AS i`,
  ];
  if (seed.addedTenants > 0) {
    const t = seed.addedTenants;
    out.push(
      `INSERT INTO tenants (id, name, created_at, updated_at)
       SELECT ${uuid(5, 'i')}, 'Scale tenant ' || i, ${EPOCH} + interval '30 days' + i * interval '1 second', ${EPOCH} + interval '30 days'
       FROM generate_series(1, ${t}) AS i`,
      `INSERT INTO vendor_connections (id, tenant_id, vendor, name, base_url, settings, credentials_sealed, credentials_key_id, status, created_at, updated_at)
       SELECT ${uuid(6, 'i')}, ${uuid(5, 'i')}, 'MEGAFON', 'PBX 1', 'https://simple-api.cp.megafon.ru', '{}'::jsonb, 'v1.none.x.x.x', 'none', 'OK',
              ${EPOCH} + interval '30 days' + i * interval '1 second', ${EPOCH} + interval '30 days'
       FROM generate_series(1, ${t}) AS i`,
      `INSERT INTO recording_policies (id, tenant_id, connection_id, name, scope_kind, scope_id, rules, version, sync_status, synced_version, created_at, updated_at)
       SELECT ${uuid(7, `${SIDE_POLICIES} + i`)}, ${uuid(5, `1 + (i - 1) % ${t}`)}, ${uuid(6, `1 + (i - 1) % ${t}`)}, 'Bulk policy ' || i, 'SETTINGS_RECORD', 'bulk-' || i,
              ${rules}, 1, 'IN_SYNC', 1, ${EPOCH} + interval '40 days' + i * interval '1 millisecond', ${EPOCH} + interval '40 days'
       FROM generate_series(1, ${seed.addedPolicies}) AS i`,
      `INSERT INTO audit_log (id, tenant_id, at, actor, action, target_type, target_id, before, after)
       SELECT ${uuid(9, 'i')}, ${uuid(5, `1 + (i - 1) % ${t}`)}, ${EPOCH} + i * interval '1 millisecond', 'seed@example.com', 'policy.update', 'RecordingPolicy',
              ${uuid(7, `${SIDE_POLICIES} + 1 + (i - 1) % ${seed.addedPolicies}`)}, jsonb_build_object('version', i), jsonb_build_object('version', i + 1)
       FROM generate_series(1, ${seed.addedAuditEntries}) AS i`,
    );
  }
  return out;
}

/**
 * Writes the seed in one session with triggers off (`session_replication_role = replica`: the read-version
 * triggers of migrations 0006/0012 and the foreign-key checks; the rows are consistent by construction and no
 * reader has cached anything yet), then ANALYZE, as a database that grew to this size would have been.
 */
export async function seedScale(database: Database, seed: ScaleSeed): Promise<{ ms: number }> {
  const started = performance.now();
  const run = async (q: (text: string) => Promise<unknown>) => {
    await q('SET session_replication_role = replica');
    try {
      for (const s of statements(seed)) await q(s);
    } finally {
      await q('SET session_replication_role = origin');
    }
    await q('ANALYZE tenants, vendor_connections, recording_policies, audit_log');
  };
  if (database.pool) {
    const client = await database.pool.connect();
    try {
      await run((text) => client.query(text));
    } finally {
      client.release();
    }
  } else {
    await run((text) => database.rawQuery(text));
  }
  return { ms: performance.now() - started };
}
