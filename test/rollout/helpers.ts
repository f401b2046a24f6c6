import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config';
import { startApp, type App } from '../../src/app';
import type { Database } from '../../src/store/db';
import { signToken, SCOPES } from '../../src/server/auth';
import { DEMO_CONNECTION_IDS, DEMO_TENANT_ID } from '../../src/sandbox/demo-tenant';
import { WEBEX_DEFAULT_TOKEN } from '../../src/sandbox/webex/emulator';
import { RemoteWebex } from './webex-process';
import { TEST_CREDENTIALS_KEY, TEST_JWT_SECRET, type GqlResult } from '../helpers/app';

export { DEMO_TENANT_ID };
export const WEBEX_CONNECTION_ID = DEMO_CONNECTION_IDS.webex!;

/**
 * Roll-out tests run the service next to a Webex emulator that outlives it (so a replica can be stopped and
 * another started against the same vendor state), on a database that outlives replicas too: a PGlite data
 * directory (one replica at a time), one PGlite shared by two apps in this process, or a PostgreSQL server schema
 * when DATABASE_URL is set.
 */
export async function startWebex(people: number, requestsPerSecond: number, burst = requestsPerSecond): Promise<RemoteWebex> {
  return RemoteWebex.start({ people, requestsPerSecond, burst });
}

export class Store {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'recsub-rollout-'));
  readonly databaseUrl = process.env.DATABASE_URL || undefined;
  readonly pgSchema = this.databaseUrl ? `t_${randomBytes(6).toString('hex')}` : undefined;

  async drop(): Promise<void> {
    if (this.pgSchema && this.databaseUrl) {
      const c = new pg.Client({ connectionString: this.databaseUrl });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${this.pgSchema} CASCADE`);
      await c.end();
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export interface Replica {
  app: App;
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>>;
  token: string;
  close(): Promise<void>;
}

/** Points the demo tenant's Webex connection at this emulator, paced at its rate (with another token, to break it). */
export async function connectWebex(
  app: App,
  webex: RemoteWebex,
  ratePerSecond: number,
  accessToken = WEBEX_DEFAULT_TOKEN,
  /** More connection settings (http.breakerHalfOpenMs, http.retryAfterCapMs, ...). */
  extra: Record<string, string> = {},
): Promise<void> {
  await app.connectSandbox([
    {
      key: 'webex',
      vendor: 'WEBEX',
      name: 'Webex Calling (roll-out test)',
      baseUrl: webex.apiBaseUrl,
      credentials: [{ name: 'accessToken', value: accessToken }],
      settings: [
        { name: 'http.ratePerSecond', value: String(ratePerSecond) },
        { name: 'http.burst', value: String(ratePerSecond) },
        ...Object.entries(extra).map(([name, value]) => ({ name, value })),
      ],
    },
  ]);
}

/** Fast jobs for tests: a short lease and poll, small slices so hand-overs happen within a test. */
export const FAST_ENV = { JOB_POLL_SECONDS: '1', ROLLOUT_LEASE_SECONDS: '10', ROLLOUT_SLICE_SECONDS: '30' };

export async function startReplica(
  store: Store,
  webex: RemoteWebex,
  opts: {
    env?: Record<string, string>;
    database?: Database;
    ratePerSecond: number;
    inMemory?: boolean;
    connectionSettings?: Record<string, string>;
    /** Collects the replica's log lines (JSON objects) at LOG_LEVEL info. */
    logs?: Record<string, any>[];
  },
): Promise<Replica> {
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: store.dataDir,
    JWT_SECRET: TEST_JWT_SECRET,
    CREDENTIALS_KEY: TEST_CREDENTIALS_KEY,
    SANDBOX: 'false',
    PLAYGROUND: 'false',
    LOG_LEVEL: opts.logs ? 'info' : 'silent',
    ...(store.databaseUrl ? { DATABASE_URL: store.databaseUrl } : {}),
    ...FAST_ENV,
    ...opts.env,
  });
  const logs = opts.logs;
  const logDestination = logs ? { write: (line: string) => void logs.push(JSON.parse(line)) } : undefined;
  const app = await startApp({ config, pgSchema: store.pgSchema, inMemory: opts.inMemory ?? false, database: opts.database, logDestination });
  await connectWebex(app, webex, opts.ratePerSecond, undefined, opts.connectionSettings);
  const token = await signToken(TEST_JWT_SECRET, { sub: 'tester', tenants: '*', scopes: [...SCOPES] });
  return {
    app,
    token,
    async gql(query, variables, t) {
      const res = await fetch(app.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${t ?? token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: any; errors?: any[] };
      return { status: res.status, data: body.data, errors: body.errors, headers: res.headers };
    },
    close: () => app.close(),
  };
}

export const ROLLOUT_FIELDS = `id status total totalKnown done written alreadyInSync failed pending requestsPerSecond personsPerSecond allowedRequestsPerSecond etaSeconds lastError { code message }`;
/** Whether a running roll-out waits for its vendor (issue 14). */
export const WAITING_FIELDS = `isWaiting round waiting { reason code since nextAttemptAt }`;

export const START = `mutation($input: StartPolicyRolloutInput!) { startPolicyRollout(input: $input) {
  rollout { ${ROLLOUT_FIELDS} }
  dryRun { total allowedRequestsPerSecond estimatedSeconds sample { personId requests { method path body } } } } }`;

export const GET = `query($id: ID!) { policyRollout(id: $id) { ${ROLLOUT_FIELDS} } }`;
export const GET_WAITING = `query($id: ID!) { policyRollout(id: $id) { ${ROLLOUT_FIELDS} ${WAITING_FIELDS} } }`;

export const ALWAYS = { mode: 'ALWAYS', calls: { voicemail: true } };

export { waitFor } from '../helpers/wait';

/**
 * The emulator's own view of a stretch of traffic: requests per second between the first and the last request it
 * logged (its clock, not ours), and the share it refused with 429.
 */
export async function vendorRate(
  webex: RemoteWebex,
  sinceSeq = 0,
): Promise<{ requests: number; limited: number; spanSeconds: number; achieved: number; share429: number }> {
  const entries = (await webex.requests({ since: sinceSeq })).entries.filter((e) => e.route !== null);
  const times = entries.map((e) => Date.parse(e.at));
  const spanSeconds = (Math.max(...times) - Math.min(...times)) / 1000;
  const limited = entries.filter((e) => e.status === 429).length;
  return { requests: entries.length, limited, spanSeconds, achieved: (entries.length - 1) / spanSeconds, share429: limited / entries.length };
}

export async function lastSeq(webex: RemoteWebex): Promise<number> {
  const e = (await webex.requests({ limit: 1 })).entries;
  return e[0]?.seq ?? 0;
}

export type { RemoteWebex };
