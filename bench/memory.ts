import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ROOT_DIR } from '../src/app';
import { runLoad } from './children';
import { freePort } from './cold-start';
import { DASHBOARD_QUERY } from './fixture';
import { writeSection } from './sections';

/**
 * Issue 18, item 6: the memory of `npm start` itself (the real service process, development defaults: sandbox
 * with its 5,000-person Webex directory, playground), on each database. RSS is read from /proc/<pid>/status
 * (VmRSS) after 10 s idle, then at its peak while autocannon loads the dashboard; the JS heap and V8's external
 * memory (where PGlite's WebAssembly memory is counted) come from the service's own /metrics.
 */

const IDLE_SECONDS = Number(process.env.BENCH_MEMORY_IDLE_SECONDS ?? 10);
const LOAD_SECONDS = Number(process.env.BENCH_MEMORY_LOAD_SECONDS ?? 10);

export const loadAverage = (): string =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) * 1024;
}

async function metric(port: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
}

interface MemoryRow {
  database: string;
  readyMs: number;
  idleRss: number;
  idleHeap: number;
  idleExternal: number;
  loadedRss: number;
  loadedRps: number;
}

async function once(database: { label: string; url?: string }, log: (s: string) => void): Promise<MemoryRow> {
  const dataDir = mkdtempSync(join(tmpdir(), 'recsub-mem-'));
  const port = await freePort();
  const schema = database.url ? `mem_${randomBytes(5).toString('hex')}` : undefined;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATA_DIR: dataDir,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    ...(database.url ? { DATABASE_URL: database.url, DATABASE_SCHEMA: schema } : {}),
  };
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, [join(ROOT_DIR, 'dist', 'src', 'main.js'), 'serve'], {
    cwd: ROOT_DIR,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  try {
    let readyMs = Number.NaN;
    while (performance.now() - t0 < 120_000) {
      if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}: ${out.slice(0, 2000)}`);
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) {
        readyMs = performance.now() - t0;
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    if (Number.isNaN(readyMs)) throw new Error(`not ready in 120 s: ${out.slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
    const pid = child.pid!;
    const idleRss = rssBytes(pid);
    const idleHeap = await metric(port, 'recsub_nodejs_heap_size_used_bytes');
    const idleExternal = await metric(port, 'recsub_nodejs_external_memory_bytes');
    const token = /bearer token[^\n]*\n\s*\n\s*(\S+\.\S+\.\S+)/.exec(out)?.[1];
    if (!token) throw new Error(`no development token in the output: ${out.slice(0, 2000)}`);
    let loadedRss = idleRss;
    const sampler = setInterval(() => {
      try {
        loadedRss = Math.max(loadedRss, rssBytes(pid));
      } catch {
        // exited; reported below
      }
    }, 250);
    const r = await runLoad({
      url: `http://127.0.0.1:${port}/graphql`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: DASHBOARD_QUERY }),
      connections: 10,
      seconds: LOAD_SECONDS,
    }).finally(() => clearInterval(sampler));
    if (r.non2xx || r.errors) throw new Error(`${r.non2xx} non-2xx, ${r.errors} errors under load`);
    const row = { database: database.label, readyMs, idleRss, idleHeap, idleExternal, loadedRss, loadedRps: r.rps };
    log(
      `memory ${database.label}: ready ${(readyMs / 1000).toFixed(2)} s, idle RSS ${(idleRss / 2 ** 20).toFixed(0)} MB, loaded ${(loadedRss / 2 ** 20).toFixed(0)} MB`,
    );
    return row;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    rmSync(dataDir, { recursive: true, force: true });
    if (schema && database.url) {
      const c = new pg.Client({ connectionString: database.url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    }
  }
}

export async function measureMemory(opts: {
  databaseUrl?: string;
  resultsFile: string;
  machine: string;
  load: () => string;
  log: (s: string) => void;
}): Promise<void> {
  const loadAtStart = opts.load();
  const rows: MemoryRow[] = [];
  for (const db of [{ label: 'embedded PGlite' }, ...(opts.databaseUrl ? [{ label: 'PostgreSQL server', url: opts.databaseUrl }] : [])])
    rows.push(await once(db, opts.log));
  const mb = (b: number) => (b / 2 ** 20).toFixed(0);
  const body = [
    '## Memory of `npm start`',
    '',
    `Generated by \`npm run bench\` (bench/memory.ts) on ${new Date().toISOString()}; ${opts.machine}; load average ${loadAtStart} at the start, ${opts.load()} at the end. The real service process (\`node dist/src/main.js serve\`, development defaults: sandbox with its 5,000-person Webex directory, playground) on a fresh DATA_DIR (and a fresh schema on the server); RSS from /proc/<pid>/status after ${IDLE_SECONDS} s idle, then its peak while the dashboard is loaded for ${LOAD_SECONDS} s at 10 connections; JS heap and V8 external memory (PGlite's WebAssembly memory is counted there) from the service's /metrics when idle. Start is spawn to the first \`/readyz\` 200 (target ≤ 5 s). The PostgreSQL server's own memory is not counted.`,
    '',
    '| database | start s | idle RSS MB | JS heap used MB | external MB | loaded RSS MB (peak) | dashboard req/s meanwhile |',
    '|---|--:|--:|--:|--:|--:|--:|',
    ...rows.map(
      (r) =>
        `| ${r.database} | ${(r.readyMs / 1000).toFixed(2)} | ${mb(r.idleRss)} | ${mb(r.idleHeap)} | ${mb(r.idleExternal)} | ${mb(r.loadedRss)} | ${r.loadedRps.toFixed(0)} |`,
    ),
  ].join('\n');
  writeSection(opts.resultsFile, 'memory', body);
  opts.log(body);
}
