import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { migrate, openDatabase, type Database } from '../../src/store/db';
import * as schema from '../../src/store/schema';

const url = process.env.DATABASE_URL || undefined;

/** Every table schema.ts declares, by its SQL name. */
const declared = new Map(
  Object.values(schema as Record<string, unknown>)
    .filter((v): v is PgTable => v instanceof PgTable)
    .map((t) => [getTableConfig(t).name, getTableConfig(t)]),
);

/** `timestamp (3) with time zone` (Drizzle) and `timestamp(3) with time zone` (format_type) are one type. */
const typeName = (t: string) => t.replace(/\s+\(/g, '(').toLowerCase();

/**
 * src/store/schema.ts is Drizzle's view of what src/store/migrations creates: every table of the migrated database is
 * declared there (no store keeps a table of its own), and each declared column has the migrated column's name, type,
 * nullability and default-or-not. A column added in a migration and forgotten in schema.ts, or the reverse, fails here.
 */
describe(`schema.ts matches the migrations (${url ? 'PostgreSQL server' : 'embedded database'})`, () => {
  let database: Database;
  const pgSchema = url ? `t_${randomBytes(6).toString('hex')}` : 'public';
  let columns: { table: string; column: string; type: string; notNull: boolean; hasDefault: boolean }[];

  before(async () => {
    database = await openDatabase({ url, pgSchema });
    await migrate(database);
    columns = (
      await database.rawQuery<{ table: string; column: string; type: string; not_null: boolean; has_default: boolean }>(
        `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
                a.attnotnull AS not_null, a.atthasdef AS has_default
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = $1 AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
         ORDER BY c.relname, a.attnum`,
        [pgSchema],
      )
    ).map((r) => ({ table: r.table, column: r.column, type: r.type, notNull: r.not_null, hasDefault: r.has_default }));
  });
  after(async () => {
    await database?.close();
    if (url) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${pgSchema} CASCADE`);
      await c.end();
    }
  });

  it('declares every migrated table, and no table the migrations do not create', () => {
    const migrated = new Set(columns.map((c) => c.table).filter((t) => t !== 'schema_migrations'));
    assert.deepEqual([...declared.keys()].sort(), [...migrated].sort());
    // The tables this change moved into schema.ts, named so that losing one again is seen at once.
    for (const t of ['policy_rollouts', 'policy_rollout_items', 'vendor_request_schedule', 'vendor_credential_tokens']) assert.ok(declared.has(t), t);
  });

  it("declares each table's columns as migrated: name, type, nullability, default", () => {
    for (const [table, config] of declared) {
      const migrated = columns
        .filter((c) => c.table === table)
        .map((c) => ({ column: c.column, type: typeName(c.type), notNull: c.notNull, hasDefault: c.hasDefault }))
        .sort((a, b) => a.column.localeCompare(b.column));
      const declaredColumns = config.columns
        .map((c) => ({ column: c.name, type: typeName(c.getSQLType()), notNull: c.notNull, hasDefault: c.hasDefault }))
        .sort((a, b) => a.column.localeCompare(b.column));
      assert.deepEqual(declaredColumns, migrated, `${table}: schema.ts (actual) against the migrated table (expected)`);
    }
  });
});
