import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { loadConfig } from '../../src/config';
import { startApp, type App, type AppOptions } from '../../src/app';
import { signToken, SCOPES, type Scope } from '../../src/server/auth';

export const TEST_JWT_SECRET = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
export const TEST_CREDENTIALS_KEY = Buffer.alloc(32, 7).toString('base64');

export interface GqlResult<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  headers: Headers;
}

export interface TestApp {
  app: App;
  /** The PostgreSQL schema this app lives in (server runs only). */
  pgSchema?: string;
  url: string;
  /** Every log line the app wrote (JSON strings). */
  logs: string[];
  token(claims?: { sub?: string; tenants?: string[] | '*'; scopes?: Scope[] }): Promise<string>;
  adminToken: string;
  gql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    opts?: { token?: string | null; headers?: Record<string, string> },
  ): Promise<GqlResult<T>>;
  /** SQL statements sent while running fn. */
  countStatements(fn: () => Promise<unknown>): Promise<number>;
  close(): Promise<void>;
}

/**
 * The service as tests use it: a real HTTP server on a random port, on PGlite in memory, or, when DATABASE_URL is
 * set, on that PostgreSQL server in a schema of its own (dropped at close).
 */
export async function startTestApp(
  opts: {
    env?: Record<string, string>;
    beforeListen?: AppOptions['beforeListen'] /** A second replica on the same PostgreSQL schema. */;
    replicaOf?: TestApp;
  } = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'recsub-test-'));
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    JWT_SECRET: TEST_JWT_SECRET,
    CREDENTIALS_KEY: TEST_CREDENTIALS_KEY,
    SANDBOX: 'false',
    PLAYGROUND: 'true',
    LOG_LEVEL: 'info',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...opts.env,
  });
  const pgSchema = opts.replicaOf ? opts.replicaOf.pgSchema : config.databaseUrl ? `t_${randomBytes(6).toString('hex')}` : undefined;
  const ownsSchema = !opts.replicaOf;
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      cb();
    },
  });
  const app = await startApp({ config, pgSchema, inMemory: true, logDestination: sink, beforeListen: opts.beforeListen });
  const token: TestApp['token'] = (claims = {}) =>
    signToken(TEST_JWT_SECRET, { sub: claims.sub ?? 'tester', tenants: claims.tenants ?? '*', scopes: claims.scopes ?? [...SCOPES] });
  const adminToken = await token();
  const gql: TestApp['gql'] = async (query, variables, o = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...o.headers };
    const t = o.token === undefined ? adminToken : o.token;
    if (t) headers.authorization = `Bearer ${t}`;
    const res = await fetch(app.graphqlUrl, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: any; errors?: any[] };
    return { status: res.status, data: body.data, errors: body.errors, headers: res.headers };
  };
  return {
    app,
    pgSchema,
    url: app.url,
    logs,
    token,
    adminToken,
    gql,
    async countStatements(fn) {
      // What fn and the requests it sends cost, not the background work that happens to run meanwhile.
      const counter = app.database.statements;
      counter.attribute();
      const before = counter.attributed;
      await counter.during(fn);
      return counter.attributed - before;
    },
    async close() {
      await app.close();
      if (pgSchema && databaseUrl && ownsSchema) {
        const c = new pg.Client({ connectionString: databaseUrl });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS ${pgSchema} CASCADE`);
        await c.end();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Asserts a GraphQL response has no errors and returns its data. */
export function ok<T>(r: GqlResult<T>): T {
  if (r.errors?.length) throw new Error(`unexpected GraphQL errors: ${JSON.stringify(r.errors, null, 2)}`);
  return r.data as T;
}

export function errorOf(r: GqlResult): {
  code: string;
  message: string;
  fields?: { path: (string | number)[]; message: string }[];
  [k: string]: any;
} {
  if (!r.errors?.length) throw new Error(`expected an error, got data: ${JSON.stringify(r.data)}`);
  const e = r.errors[0]!;
  return { ...e.extensions, code: e.extensions?.code, message: e.message, fields: e.extensions?.fields };
}
