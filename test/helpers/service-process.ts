import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ROOT_DIR } from '../../src/app';

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * A fresh DATA_DIR, and with DATABASE_URL set (the suite's PostgreSQL run) a schema of its own named after it, so
 * a restarted service finds its data again and parallel files do not collide.
 */
export function tempDataDir(): { dir: string; env: Record<string, string>; remove(): Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'recsub-svc-'));
  const url = process.env.DATABASE_URL || undefined;
  const schema = `t_svc_${randomBytes(6).toString('hex')}`;
  return {
    dir,
    env: url ? { DATABASE_URL: url, DATABASE_SCHEMA: schema } : { DATABASE_URL: '' },
    async remove() {
      rmSync(dir, { recursive: true, force: true });
      if (!url) return;
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await c.query(`DROP SCHEMA IF EXISTS ${schema}_pgboss CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}

export interface ServiceProcess {
  child: ChildProcess;
  /** The GraphQL URL and development token the banner printed. */
  url: string;
  token: string;
  /** Base URLs of the in-process emulators, by vendor (MEGAFON, WEBEX, ...). */
  sandbox: Record<string, string>;
  output(): string;
  /** The JSON log lines printed so far. */
  logs(): Record<string, any>[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL if still running: for a test's finally, so a failed assertion never leaves the process behind. */
  kill(): void;
  gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: any[] }>;
}

/**
 * `npm start` as a user runs it: the built service in a process of its own, on the embedded database in the data
 * directory (or the suite's PostgreSQL server in a schema of its own), with the sandbox on, on a free port; resolves once the banner with the development token is printed.
 */
export async function startService(data: { dir: string; env: Record<string, string> }, env: Record<string, string> = {}): Promise<ServiceProcess> {
  const dataDir = data.dir;
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT_DIR, 'dist/src/main.js'), 'serve'], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      SANDBOX_PORT_BASE: '0',
      SANDBOX_WEBEX_PEOPLE: '50',
      ...data.env,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const token = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /Development bearer token[^\n]*\n\s*\n\s*(eyJ\S+)/.exec(out);
      if (m) {
        clearInterval(timer);
        resolve(m[1]!);
      }
    }, 50);
    void exited.then(({ code }) => {
      clearInterval(timer);
      reject(new Error(`service exited (${code}) before it was ready:\n${out}`));
    });
  });
  const url = /GraphQL endpoint and playground: (\S+)/.exec(out)![1]!;
  const sandbox: Record<string, string> = {};
  for (const m of out.matchAll(/^ {4}([A-Z0-9]+)\s+(http:\/\/\S+)/gm)) sandbox[m[1]!] = m[2]!;
  return {
    child,
    url,
    token,
    sandbox,
    output: () => out,
    // Complete lines only: the last one may still be arriving.
    logs: () =>
      out
        .slice(0, out.lastIndexOf('\n') + 1)
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, any>),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
    exited,
    async gql(query, variables) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as never;
    },
  };
}
