import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { AsyncLocalStorage } from 'node:async_hooks';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import * as schema from './schema';
import { MIGRATIONS, migrationsKey } from './migrations';
import { PgliteQuiet } from './pglite-quiet';

export type Schema = typeof schema;
export type AppDb = PgDatabase<PgQueryResultHKT, Schema>;

/**
 * Counts every SQL statement the ORM sends, so tests can assert a constant number per operation. With
 * `attribute()` switched on (off by default: it costs an async context per request), it also counts apart the
 * statements run on behalf of a caller (an HTTP request, or code run in `during()`), so that background work (the
 * job queue, roll-out presence ticks, recovery sweeps) landing in the same moment is not counted as the caller's.
 */
export class StatementCounter {
  count = 0;
  /** Statements run inside `during()` (every HTTP request, when attributing). */
  attributed = 0;
  log: string[] = [];
  /** The parameters of each statement in log, in the same order (tests EXPLAIN what the store sent). */
  params: unknown[][] = [];
  keepLog = false;
  private scope: AsyncLocalStorage<true> | undefined;
  attribute(): void {
    this.scope ??= new AsyncLocalStorage<true>();
  }
  /** Runs fn as a caller whose statements are attributed (a no-op wrapper unless attributing). */
  during<T>(fn: () => T): T {
    return this.scope ? this.scope.run(true, fn) : fn();
  }
  logQuery(query: string, params?: unknown[]): void {
    this.count++;
    if (this.scope?.getStore()) this.attributed++;
    if (this.keepLog) {
      this.log.push(query);
      this.params.push(params ?? []);
    }
  }
}

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: AppDb;
  readonly statements: StatementCounter;
  /** Raw SQL outside the ORM (migrations, job queue); parameterless calls may hold several statements. */
  rawQuery<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** LISTEN on a channel (one per database schema, so tests sharing a server do not hear each other). */
  listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>>;
  /** The PostgreSQL schema this database lives in (tests use one of their own on a shared server). */
  readonly pgSchema: string;
  readonly pglite?: PGlite;
  /** PGlite only: whether anything but version checks reached the database since one (src/store/pglite-quiet.ts). */
  readonly quiet?: PgliteQuiet;
  readonly pool?: pg.Pool;
  readonly connectionString?: string;
}

export interface OpenDatabaseOptions {
  /** postgres:// URL; when absent, embedded PGlite is used. */
  url?: string;
  /** Folder for PGlite's files; absent means in memory. */
  dataDir?: string;
  /** PostgreSQL schema to use (created if missing); default public. */
  pgSchema?: string;
  poolSize?: number;
  /** Embedded PGlite's shared_buffers (default 16MB; PostgreSQL's 128MB would be held from the start). */
  pgliteSharedBuffers?: string;
}

/**
 * A new data directory starts from the empty cluster that the build wrote (scripts/build-pglite-template.mjs)
 * instead of running initdb: about 4 s less on the first start (issue 9), and already migrated (0.7 CPU seconds
 * less; the migrations' key is in its name, so other migrations never use it). The copy is a plain file copy made
 * under a temporary name and renamed into place, so a start killed midway leaves no half directory. Without the
 * template (no build step), PGlite runs initdb.
 */
function copyPgliteTemplate(pgdata: string): void {
  try {
    const root = resolve(__dirname, '..', '..', '..');
    const { version } = JSON.parse(readFileSync(join(root, 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8')) as {
      version: string;
    };
    const template = join(root, 'dist', 'pglite-template', `${version}-${migrationsKey()}`);
    if (!existsSync(join(template, 'PG_VERSION'))) return;
    const tmp = `${pgdata}.copying`;
    rmSync(tmp, { recursive: true, force: true });
    cpSync(template, tmp, { recursive: true });
    renameSync(tmp, pgdata);
  } catch {
    // initdb instead
  }
}

const MIGRATION_LOCK = 7_202_611; // arbitrary, constant: serialises migrations across replicas

/** Whether a database error (or the driver error it wraps, as Drizzle does) names `pattern`: a constraint, a message. */
export function databaseErrorMatches(e: unknown, pattern: RegExp): boolean {
  return pattern.test(String((e as Error | undefined)?.message) + String((e as { cause?: Error } | undefined)?.cause?.message));
}

export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  const statements = new StatementCounter();
  const pgSchema = opts.pgSchema ?? 'public';
  if (!/^[a-z_][a-z0-9_]*$/.test(pgSchema)) throw new Error('invalid schema name');
  let database: Database;
  if (opts.url) {
    if (pgSchema !== 'public') {
      const admin = new pg.Client({ connectionString: opts.url });
      await admin.connect();
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${pgSchema}`);
      await admin.end();
    }
    const pool = new pg.Pool({
      connectionString: opts.url,
      max: opts.poolSize ?? 10,
      options: pgSchema !== 'public' ? `-c search_path=${pgSchema}` : undefined,
    });
    // An idle client that the server drops must not crash the process.
    pool.on('error', () => undefined);
    const db = drizzlePg(pool, { schema, logger: statements }) as unknown as AppDb;
    const listeners = new Set<pg.Client>();
    database = {
      kind: 'postgres',
      db,
      statements,
      pgSchema,
      pool,
      connectionString: opts.url,
      async rawQuery<T>(text: string, params?: unknown[]) {
        const res = await pool.query(text, params as unknown[] | undefined);
        const last = Array.isArray(res) ? res[res.length - 1] : res;
        return (last?.rows ?? []) as T[];
      },
      async ping() {
        await pool.query('SELECT 1');
      },
      async listen(channel, handler) {
        const client = new pg.Client({ connectionString: opts.url });
        client.on('error', () => undefined);
        await client.connect();
        client.on('notification', (n) => {
          if (n.channel === channel) handler(n.payload ?? '');
        });
        await client.query(`LISTEN "${channel}"`);
        listeners.add(client);
        return async () => {
          listeners.delete(client);
          await client.end().catch(() => undefined);
        };
      },
      async close() {
        await Promise.all([...listeners].map((c) => c.end().catch(() => undefined)));
        listeners.clear();
        await pool.end();
      },
    };
  } else {
    if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
    const pgdata = opts.dataDir ? join(opts.dataDir, 'pgdata') : undefined;
    if (pgdata && !existsSync(pgdata)) copyPgliteTemplate(pgdata);
    const client = new PGlite(pgdata, {
      // PGlite touches all of shared_buffers when it starts: PostgreSQL's 128MB were a quarter of the idle service.
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${opts.pgliteSharedBuffers ?? '16MB'}`],
    });
    await client.waitReady;
    if (pgSchema !== 'public') await client.exec(`CREATE SCHEMA IF NOT EXISTS ${pgSchema}; SET search_path TO ${pgSchema}`);
    const db = drizzlePglite(client, { schema, logger: statements }) as unknown as AppDb;
    database = {
      kind: 'pglite',
      db,
      statements,
      pgSchema,
      pglite: client,
      quiet: new PgliteQuiet(client, statements),
      async rawQuery<T>(text: string, params?: unknown[]) {
        // PGlite's query() prepares its text, which refuses several statements; exec() runs a script.
        if (!params || params.length === 0) {
          const results = await client.exec(text);
          return (results[results.length - 1]?.rows ?? []) as T[];
        }
        return (await client.query(text, params)).rows as T[];
      },
      async ping() {
        await client.query('SELECT 1');
      },
      async listen(channel, handler) {
        return client.listen(channel, handler);
      },
      async close() {
        await client.close();
      },
    };
  }
  await migrate(database);
  return database;
}

/** Applies pending migrations, each in its own transaction, under an advisory lock so replicas do not race. */
export async function migrate(database: Database): Promise<string[]> {
  const applied: string[] = [];
  const run = async (q: (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>) => {
    await q(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    try {
      await q(`CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
      const done = new Set((await q('SELECT id FROM schema_migrations')).map((r) => String(r.id)));
      for (const m of MIGRATIONS) {
        if (done.has(m.id)) continue;
        await q(`BEGIN;\n${m.sql}\nINSERT INTO schema_migrations (id) VALUES ('${m.id}');\nCOMMIT;`);
        applied.push(m.id);
      }
    } finally {
      await q(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
    }
  };
  if (database.pool) {
    // One client for the whole run: the advisory lock belongs to a session.
    const client = await database.pool.connect();
    try {
      await run(async (text, params) => {
        const res = await client.query(text, params);
        const last = Array.isArray(res) ? res[res.length - 1] : res;
        return last?.rows ?? [];
      });
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  } else {
    await run((text, params) => database.rawQuery(text, params));
  }
  return applied;
}

export { sql };
