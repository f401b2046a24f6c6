import { getTableColumns, is, sql, type SQL } from 'drizzle-orm';
import { PgTimestamp, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';

/**
 * Rows read as one JSON document (issue 18, the cold path): a statement that returns a page of tenants with
 * their connections and policies as three `json_agg` columns arrives as three strings that the driver parses
 * with one native `JSON.parse` each, instead of a row message per row that the driver and Drizzle decode field by
 * field. Each row is built with the Drizzle keys (`tenantId`, not `tenant_id`), so the only mapping left is the
 * timestamps, which JSON carries as ISO text and the stores return as `Date`.
 */
export interface JsonRows<T> {
  /** `json_build_object('id', alias.id, 'tenantId', alias.tenant_id, ...)` for the selected columns. */
  object(alias: string): SQL;
  /** Turns the parsed objects into rows in place (timestamps to Date) and returns them as rows. */
  map(parsed: unknown): T[];
}

export function jsonRows<T>(columns: Record<string, PgColumn>): JsonRows<T> {
  const entries = Object.entries(columns);
  const dateKeys = entries.filter(([, c]) => is(c, PgTimestamp)).map(([k]) => k);
  return {
    object(alias) {
      // The keys are this codebase's own column keys (identifiers), never input.
      const parts = entries.map(([key, c]) => sql`${sql.raw(`'${key}'`)}, ${sql.identifier(alias)}.${sql.identifier(c.name)}`);
      return sql`json_build_object(${sql.join(parts, sql`, `)})`;
    },
    map(parsed) {
      const rows = (parsed ?? []) as Record<string, unknown>[];
      for (const r of rows) {
        for (const k of dateKeys) {
          const v = r[k];
          if (v != null) r[k] = new Date(v as string);
        }
      }
      return rows as T[];
    },
  };
}

/** jsonRows over every column of a table. */
export const allColumns = <T>(table: PgTable): JsonRows<T> => jsonRows<T>(getTableColumns(table) as Record<string, PgColumn>);
