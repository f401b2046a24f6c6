import { ContenderProcess, runLoad } from './children';
import type { ContenderSpec } from './protocol';
import { writeSection } from './sections';

const SEGMENT_SECONDS = 10;

/**
 * The leak check (BENCH_SOAK_SECONDS=300 npm run bench): the dashboard query at 50 connections for the whole
 * time, RSS sampled every 10 s. Passes when RSS at the end is within 10% of RSS after the first minute (the
 * first minute is the heap growing to its working size: JIT code, pools, caches).
 */
export async function runSoak(opts: {
  seconds: number;
  databaseUrl?: string;
  shape: ContenderSpec['shape'];
  headers: Record<string, string>;
  body: string;
  resultsFile: string;
  machine: string;
  log: (s: string) => void;
}): Promise<void> {
  const proc = await ContenderProcess.start({ kind: 'service', shape: opts.shape, databaseUrl: opts.databaseUrl });
  const where = opts.databaseUrl ? 'the PostgreSQL server' : 'embedded PGlite';
  const samples: { at: number; rss: number; heapUsed: number; rps: number }[] = [];
  let failures = 0;
  try {
    let elapsed = 0;
    while (elapsed < opts.seconds) {
      const seconds = Math.min(SEGMENT_SECONDS, opts.seconds - elapsed);
      const r = await runLoad({ url: proc.ready.url, headers: opts.headers, body: opts.body, connections: 50, seconds });
      failures += r.non2xx + r.errors;
      elapsed += seconds;
      const s = await proc.stats();
      samples.push({ at: elapsed, rss: s.rss, heapUsed: s.heapUsed, rps: r.rps });
      opts.log(
        `soak ${elapsed}/${opts.seconds} s: ${Math.round(r.rps)} req/s, RSS ${(s.rss / 2 ** 20).toFixed(1)} MB, heap ${(s.heapUsed / 2 ** 20).toFixed(1)} MB`,
      );
    }
  } finally {
    await proc.stop();
  }
  const firstMinute = samples.find((s) => s.at >= Math.min(60, opts.seconds))!;
  const last = samples[samples.length - 1]!;
  const growth = last.rss / firstMinute.rss - 1;
  const pass = growth <= 0.1 && failures === 0;
  const mbs = (b: number) => (b / 2 ** 20).toFixed(1);
  const section = [
    '## Leak check',
    '',
    `${new Date().toISOString()}, ${opts.machine}: the service on ${where}, dashboard query at 50 connections for ${opts.seconds} s.`,
    `RSS after the first minute ${mbs(firstMinute.rss)} MB, at the end ${mbs(last.rss)} MB: ${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}% (limit +10%); ${failures} failed requests. **${pass ? 'PASS' : 'FAIL'}**`,
    '',
    '| t (s) | req/s | RSS MB | heap used MB |',
    '|--:|--:|--:|--:|',
    ...samples.map((s) => `| ${s.at} | ${Math.round(s.rps)} | ${mbs(s.rss)} | ${mbs(s.heapUsed)} |`),
  ].join('\n');
  writeSection(opts.resultsFile, 'soak', section);
  opts.log(section);
  if (!pass) process.exitCode = 1;
}
