import PgBoss from 'pg-boss';
import type { AppDb, Database } from './db';

/**
 * The PostgreSQL-backed job queue (pg-boss 10) on either database: a server through its own pool, PGlite through
 * our handle. pg-boss sends parameterless multi-statement scripts (its schema set-up), which PGlite's query()
 * refuses, so those go through exec().
 */
/** The schema pg-boss keeps its tables in: one per database schema, so tests sharing a server stay apart. */
export function bossSchemaOf(database: Pick<Database, 'pgSchema'>): string {
  return `${database.pgSchema === 'public' ? '' : `${database.pgSchema}_`}pgboss`;
}

export function createBoss(database: Database, opts: { maintenanceIntervalSeconds?: number } = {}): PgBoss {
  const schema = bossSchemaOf(database);
  const common = {
    schema,
    // Job rows are kept a week, archived after a day: enough to answer "what happened to this policy".
    retentionDays: 7,
    archiveCompletedAfterSeconds: 24 * 3600,
    maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds ?? 60,
    monitorStateIntervalSeconds: 30,
  };
  if (database.pglite) {
    const client = database.pglite;
    return new PgBoss({
      ...common,
      db: {
        async executeSql(text: string, values: unknown[]) {
          if (!values || values.length === 0) {
            const results = await client.exec(text);
            return { rows: results[results.length - 1]?.rows ?? [] };
          }
          return client.query(text, values);
        },
      },
    });
  }
  return new PgBoss({ ...common, connectionString: database.connectionString!, max: 5 });
}

/** pg-boss's handle on one of our transactions, so a job is written in the same commit as the change it serves. */
export function jobDbOf(tx: AppDb): PgBoss.Db {
  const client = (tx as unknown as { session: { client: { query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> } } }).session.client;
  return {
    async executeSql(text: string, values: unknown[]) {
      const res = await client.query(text, values);
      return { rows: res.rows as never[] };
    },
  };
}
