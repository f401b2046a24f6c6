import { loadConfig } from '../../src/config';
import { startApp, type App } from '../../src/app';
import type { Database } from '../../src/store/db';
import { signToken, SCOPES } from '../../src/server/auth';
import { TEST_CREDENTIALS_KEY, TEST_JWT_SECRET, type GqlResult } from '../helpers/app';
import { Store } from '../rollout/helpers';

export { Store };
export const server = !!process.env.DATABASE_URL;

export interface Replica {
  app: App;
  gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>>;
  close(): Promise<void>;
}

/**
 * One replica of the service on a database that outlives it: the PostgreSQL server schema of `store`, or (embedded)
 * the PGlite of `shareWith` opened by an earlier replica of this process, or the data directory of `store`.
 */
export async function startReplica(store: Store, opts: { shareWith?: Replica; env?: Record<string, string> } = {}): Promise<Replica> {
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: store.dataDir,
    JWT_SECRET: TEST_JWT_SECRET,
    CREDENTIALS_KEY: TEST_CREDENTIALS_KEY,
    SANDBOX: 'false',
    PLAYGROUND: 'false',
    LOG_LEVEL: 'silent',
    JOB_POLL_SECONDS: '1',
    ROLLOUT_LEASE_SECONDS: '10',
    ROLLOUT_SLICE_SECONDS: '30',
    ...(store.databaseUrl ? { DATABASE_URL: store.databaseUrl } : {}),
    ...opts.env,
  });
  const database: Database | undefined = !server && opts.shareWith ? opts.shareWith.app.database : undefined;
  const app = await startApp({ config, pgSchema: store.pgSchema, inMemory: false, database });
  const token = await signToken(TEST_JWT_SECRET, { sub: 'tester', tenants: '*', scopes: [...SCOPES] });
  return {
    app,
    async gql(query, variables) {
      const res = await fetch(app.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: any; errors?: any[] };
      return { status: res.status, data: body.data, errors: body.errors, headers: res.headers };
    },
    close: () => app.close(),
  };
}

export const CONNECT = `mutation($input: ConnectVendorInput!) { connectVendor(input: $input) { connection { id vendor status } } }`;
export const CONNECTION = `query($id: ID!) { vendorConnection(id: $id) { id status lastError { code message vendorCode } } }`;
export const TEST = `mutation($id: ID!) { testVendorConnection(input: { id: $id }) { ok connection { status } error { code vendorCode } problem { code hint } } }`;

export async function createTenant(r: Replica, name = 'Credentials'): Promise<string> {
  const res = await r.gql(`mutation($name: String!) { createTenant(input: { name: $name }) { tenant { id } } }`, { name });
  if (res.errors?.length) throw new Error(JSON.stringify(res.errors));
  return res.data.createTenant.tenant.id as string;
}

export const nv = (o: Record<string, string>) => Object.entries(o).map(([name, value]) => ({ name, value }));

export { waitFor } from '../helpers/wait';

/** A counter's value in an app's /metrics text (0 when absent). */
export async function metric(app: App, name: string, labels: Record<string, string>): Promise<number> {
  const text = await app.metrics.registry.metrics();
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    if (want.every((w) => line.includes(w))) return Number(line.split(' ').pop());
  }
  return 0;
}
