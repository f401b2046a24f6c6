import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { signToken, SCOPES } from '../../src/server/auth';
import { TEST_CREDENTIALS_KEY, TEST_JWT_SECRET, type GqlResult } from '../helpers/app';
import type { Store } from './helpers';

const MAIN = join(__dirname, '..', '..', 'src', 'main.js');

/**
 * The real service (dist/src/main.js) in a process of its own, as `npm start` runs it: what a SIGTERM, a SIGINT or a
 * SIGKILL does to a replica is only true of a real process. Its JSON log lines are collected for the test to count.
 */
export class ServiceProcess {
  readonly logs: Record<string, any>[] = [];
  readonly banner: string[] = [];
  graphqlUrl = '';
  private exited: Promise<number | null>;

  private constructor(private readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('{')) {
        try {
          this.logs.push(JSON.parse(line));
          return;
        } catch {
          // not a log line
        }
      }
      this.banner.push(line);
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  static async start(store: Store, env: Record<string, string> = {}): Promise<ServiceProcess> {
    const child = fork(MAIN, [], {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: store.dataDir,
        JWT_SECRET: TEST_JWT_SECRET,
        CREDENTIALS_KEY: TEST_CREDENTIALS_KEY,
        SANDBOX: 'false',
        PLAYGROUND: 'false',
        LOG_LEVEL: 'debug',
        ...(store.databaseUrl ? { DATABASE_URL: store.databaseUrl, DATABASE_SCHEMA: store.pgSchema! } : {}),
        ...env,
      },
    });
    const p = new ServiceProcess(child);
    const deadline = Date.now() + 60_000;
    while (!p.graphqlUrl) {
      const listening = p.logs.find((l) => l.msg === 'recording-subgraph listening');
      if (listening) p.graphqlUrl = listening.url;
      else if (child.exitCode !== null) throw new Error(`service exited (${child.exitCode}) before listening`);
      else if (Date.now() > deadline) throw new Error('service did not start within a minute');
      else await new Promise((r) => setTimeout(r, 100));
    }
    return p;
  }

  async gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>> {
    const token = await signToken(TEST_JWT_SECRET, { sub: 'tester', tenants: '*', scopes: [...SCOPES] });
    const res = await fetch(this.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: any; errors?: any[] };
    return { status: res.status, data: body.data, errors: body.errors, headers: res.headers };
  }

  /** Sends the signal and waits for the process to end (SIGTERM/SIGINT: a graceful stop; SIGKILL: none). */
  async kill(signal: NodeJS.Signals): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }

  count(msg: string): number {
    return this.logs.filter((l) => l.msg === msg).length;
  }
}
