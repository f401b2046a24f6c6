import { loadavg } from 'node:os';
import { ContenderProcess, runLoad } from './children';
import type { ContenderSpec } from './protocol';
import { writeSection } from './sections';

/**
 * BENCH_LEVERS=1 npm run bench: the service on the PostgreSQL server (PGlite when unreachable), once with every
 * optimisation and once with each one turned off or each deployment setting changed, plus stock Apollo as the
 * yardstick; the dashboard query at 50 connections, interleaved rounds, medians. A lever's effect is the
 * throughput with it against the throughput without it, measured in the same rounds.
 */
const CONNECTIONS = Number(process.env.BENCH_LEVER_CONNECTIONS ?? 50);

export async function runLevers(opts: {
  databaseUrl?: string;
  shape: ContenderSpec['shape'];
  headers: Record<string, string>;
  /** A token naming the dashboard page's 20 tenants only (the per-tenant versions' rows). */
  scopedHeaders: Record<string, string>;
  body: string;
  seconds: number;
  rounds: number;
  resultsFile: string;
  machine: string;
  log: (s: string) => void;
  /** The variants to measure beside the yardsticks and the shipped service (all of them when not given). */
  keys?: readonly string[];
}): Promise<void> {
  const base: ContenderSpec = { kind: 'service', shape: opts.shape, databaseUrl: opts.databaseUrl };
  const variants: { key: string; label: string; spec: ContenderSpec; headers?: Record<string, string> }[] = [
    { key: 'stock', label: 'stock Apollo Server 5, in memory (yardstick)', spec: { kind: 'stock', shape: opts.shape } },
    { key: 'mercurius', label: 'Mercurius 16 + jit: 1, in memory (the bar)', spec: { kind: 'mercurius', shape: opts.shape } },
    { key: 'all', label: 'the service as shipped (every lever on)', spec: base },
    {
      key: 'responseCache',
      label: 'without the response cache (RESPONSE_CACHE_BYTES=0: Apollo executes every request)',
      spec: { ...base, env: { RESPONSE_CACHE_BYTES: '0' } },
    },
    { key: 'jit', label: 'without compiled execution (graphql-js executes)', spec: { ...base, leversOff: ['jit'] } },
    { key: 'prepared', label: 'without prepared statements (Drizzle builds each query)', spec: { ...base, leversOff: ['prepared'] } },
    { key: 'authCache', label: 'without the verified-token cache (jose verifies every request)', spec: { ...base, leversOff: ['authCache'] } },
    {
      key: 'readCache',
      label: 'without the read cache (READ_CACHE_ROWS=0: one statement per dashboard; three before issue 18), no other writer',
      spec: { ...base, env: { READ_CACHE_ROWS: '0' } },
    },
    {
      key: 'sharedVersionCheck',
      label: 'read cache on, but one version check per request (none shared)',
      spec: { ...base, leversOff: ['sharedVersionCheck'] },
    },
    {
      key: 'cold100',
      label: 'cold path: READ_CACHE_ROWS=0 while another writer commits 100 changes/s',
      spec: { ...base, env: { READ_CACHE_ROWS: '0' }, churnPerSecond: 100 },
    },
    {
      key: 'cold100Alone',
      label: 'cold path, but every read sends its own statement (no sharing by requests that arrive together), same writer',
      spec: { ...base, env: { READ_CACHE_ROWS: '0' }, churnPerSecond: 100, leversOff: ['coalesce'] },
    },
    {
      key: 'cold100Separate',
      label: 'cold path as before issue 18 (page, then connections, then policies: three statements, none shared), same writer',
      spec: { ...base, env: { READ_CACHE_ROWS: '0' }, churnPerSecond: 100, leversOff: ['pageWithLists', 'coalesce'] },
    },
    {
      key: 'scopedQuiet',
      label: 'token naming the 20 tenants of the page, no other writer',
      spec: base,
      headers: opts.scopedHeaders,
    },
    {
      key: 'scopedChurnOther',
      label: 'token naming the 20 tenants of the page, another writer commits 100 changes/s to a tenant outside it',
      spec: { ...base, churnPerSecond: 100, churnPolicy: -1 },
      headers: opts.scopedHeaders,
    },
    {
      // Against 'all' (the same operator's token, no other writer), in the same rounds.
      key: 'operatorChurnOther',
      label: "the operator's token (tenants: *), another writer commits 100 changes/s to a tenant outside the dashboard's page",
      spec: { ...base, churnPerSecond: 100, churnPolicy: -1 },
    },
    {
      key: 'operatorChurnOtherGlobal',
      label: "the same writer, the operator's dashboard stamped with the global version (before its page's own version)",
      spec: { ...base, churnPerSecond: 100, churnPolicy: -1, leversOff: ['pageVersion'] },
    },
    { key: 'churn10', label: 'read cache on, another writer commits 10 changes/s (entries go stale)', spec: { ...base, churnPerSecond: 10 } },
    { key: 'churn100', label: 'read cache on, another writer commits 100 changes/s', spec: { ...base, churnPerSecond: 100 } },
    {
      key: 'before',
      label: 'without all four (the service before issue 9)',
      spec: { ...base, leversOff: ['jit', 'prepared', 'authCache'], env: { READ_CACHE_ROWS: '0' } },
    },
    { key: 'debug', label: 'LOG_LEVEL=debug instead of info', spec: { ...base, env: { LOG_LEVEL: 'debug' } } },
    { key: 'silent', label: 'LOG_LEVEL=silent instead of info', spec: { ...base, env: { LOG_LEVEL: 'silent' } } },
    { key: 'devmode', label: 'NODE_ENV unset for graphql-js (its development checks on)', spec: { ...base, nodeEnv: 'development' } },
    {
      key: 'semispace',
      label: 'node --max-semi-space-size=32 (fewer scavenges, less promotion)',
      spec: { ...base, nodeArgs: ['--max-semi-space-size=32'] },
    },
  ];
  // BENCH_LEVER_KEYS=responseCache,churn100 measures a few (the yardsticks and the shipped service always run).
  const keys = process.env.BENCH_LEVER_KEYS?.split(',') ?? opts.keys;
  if (keys) {
    const keep = new Set(['stock', 'mercurius', 'all', ...keys]);
    for (let i = variants.length - 1; i >= 0; i--) if (!keep.has(variants[i]!.key)) variants.splice(i, 1);
  }
  const procs = new Map<string, ContenderProcess>();
  const rps = new Map<string, number[]>();
  const p99 = new Map<string, number[]>();
  /** Commits per second the churn writer actually made during each measurement (variants with a writer). */
  const churned = new Map<string, number[]>();
  try {
    for (const v of variants) procs.set(v.key, await ContenderProcess.start(v.spec));
    for (const v of variants)
      await runLoad({ url: procs.get(v.key)!.ready.url, headers: v.headers ?? opts.headers, body: opts.body, connections: CONNECTIONS, seconds: 2 });
    for (let round = 1; round <= opts.rounds; round++) {
      const line: string[] = [];
      for (const v of variants) {
        const before = v.spec.churnPerSecond ? await procs.get(v.key)!.stats() : undefined;
        const since = performance.now();
        const r = await runLoad({
          url: procs.get(v.key)!.ready.url,
          headers: v.headers ?? opts.headers,
          body: opts.body,
          connections: CONNECTIONS,
          seconds: opts.seconds,
        });
        if (r.non2xx || r.errors) throw new Error(`${v.label}: ${r.non2xx} non-2xx, ${r.errors} errors`);
        if (before) {
          const after = await procs.get(v.key)!.stats();
          // Over the wall-clock time between the two counts (the measurement and the load generator's start).
          const elapsed = (performance.now() - since) / 1000;
          churned.set(v.key, [...(churned.get(v.key) ?? []), ((after.churnCommits ?? 0) - (before.churnCommits ?? 0)) / elapsed]);
        }
        rps.set(v.key, [...(rps.get(v.key) ?? []), r.rps]);
        p99.set(v.key, [...(p99.get(v.key) ?? []), r.p99]);
        line.push(`${v.key} ${Math.round(r.rps)}`);
      }
      opts.log(`levers round ${round}/${opts.rounds} (load average ${loadavg()[0]!.toFixed(1)}): ${line.join('  ')}`);
    }
  } finally {
    await Promise.all([...procs.values()].map((p) => p.stop()));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  const all = median(rps.get('all')!);
  const stock = median(rps.get('stock')!);
  const merc = median(rps.get('mercurius')!);
  const rows = variants.map((v) => {
    const r = median(rps.get(v.key)!);
    const effect = v.key === 'all' || v.key === 'stock' || v.key === 'mercurius' ? '–' : `${r >= all ? '+' : ''}${((r / all - 1) * 100).toFixed(0)}%`;
    const writer = churned.get(v.key);
    // Under a drifting load the ratio within each round is steadier than the ratio of medians.
    const perRound = median(rps.get(v.key)!.map((x, i) => x / rps.get('stock')![i]!));
    return `| ${v.label} | ${Math.round(r).toLocaleString('en-US')} | ${(r / stock).toFixed(2)} | ${(r / merc).toFixed(2)} | ${perRound.toFixed(2)} | ${effect} | ${median(p99.get(v.key)!).toFixed(0)} | ${writer ? Math.round(median(writer)) : '–'} |`;
  });
  const section = [
    '## Levers, one at a time',
    '',
    ...(opts.keys && !process.env.BENCH_LEVER_KEYS
      ? [
          'The cold path and the other-tenant churn, measured by every `npm run bench` (`BENCH_LEVERS=1 npm run bench` measures every lever, one at a time).',
          '',
        ]
      : []),
    `${new Date().toISOString()}, ${opts.machine}, load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(
        '/',
      )} at the end: the service on ${opts.databaseUrl ? 'the PostgreSQL server' : 'embedded PGlite'}, dashboard query at ${CONNECTIONS} connections, ${opts.seconds} s × ${opts.rounds} interleaved rounds, medians. "vs shipped" is the throughput change against the service as shipped, in the same rounds (negative: the lever helps by that much).`,
    '',
    '| variant | req/s | ÷ stock Apollo | ÷ Mercurius | ÷ stock, median of rounds | vs shipped | p99 ms | writer commits/s |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
    ...rows,
  ].join('\n');
  // A few levers (BENCH_LEVER_KEYS) are a partial run: printed, RESULTS.md left alone (like BENCH_PHASES).
  if (!process.env.BENCH_LEVER_KEYS) writeSection(opts.resultsFile, 'levers', section);
  opts.log(section);
}
