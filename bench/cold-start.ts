import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT_DIR } from '../src/app';
import { DASHBOARD_QUERY } from './fixture';

const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 3);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * `npm start` on the embedded default with the sandbox, from a fresh DATA_DIR (so migrations, dev secrets and the
 * demo tenant are all first-time work): milliseconds from spawn to the first dashboard query answered with data.
 * The token is the development token the service prints at start, as a developer would copy it.
 */
async function once(): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'recsub-cold-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' };
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(ROOT_DIR, 'dist', 'src', 'main.js')], { cwd: ROOT_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  try {
    const deadline = t0 + 60_000;
    while (performance.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}: ${err.slice(0, 2000)}`);
      const token = /bearer token[^\n]*\n\s*\n\s*(\S+\.\S+\.\S+)/.exec(out)?.[1];
      if (token) {
        try {
          const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ query: DASHBOARD_QUERY }),
          });
          const body = (await res.json()) as { data?: { tenants?: { edges: unknown[] } } };
          if (res.status === 200 && body.data?.tenants) return performance.now() - t0;
        } catch {
          // not listening yet
        }
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no answer within 60 s; output: ${out.slice(0, 2000)} ${err.slice(0, 2000)}`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function measureColdStart(log: (s: string) => void): Promise<{ median: number; runs: number[] }> {
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    runs.push(await once());
    log(`cold start ${i + 1}/${RUNS}: ${(runs[i]! / 1000).toFixed(2)} s`);
  }
  const sorted = [...runs].sort((a, b) => a - b);
  return { median: sorted[sorted.length >> 1]!, runs };
}
