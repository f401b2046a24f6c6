import 'reflect-metadata';
import { isDeepStrictEqual } from 'node:util';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ROOT_DIR } from '../src/app';
import { signToken, SCOPES } from '../src/server/auth';
import { loadExampleOperations } from '../src/server/playground';
import { ContenderProcess, runLoad } from './children';
import { BENCH_JWT_SECRET } from './contender';
import { buildFixture, DASHBOARD_QUERY, DEFAULT_SHAPE, ENTITIES_QUERY, entitiesVariables } from './fixture';
import type { ContenderSpec, LoadResult } from './protocol';
import { measureColdStart } from './cold-start';
import { runSoak } from './soak';
import { readSection } from './sections';
import { runLevers } from './lever-study';
import { runScale } from './scale';
import { loadAverage, measureMemory } from './memory';

/**
 * `npm run bench`: every contender in its own process, loaded by autocannon from another, in interleaved rounds
 * (A B C D E, A B C D E, ...), medians reported as ratios to the limit (a) and to stock Apollo (c).
 * The machine is shared and noisy: absolute figures wander, ratios within a round much less.
 */

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 0);
const MUTATION_CONNECTIONS = Number(process.env.BENCH_MUTATION_CONNECTIONS ?? 10);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ALLOC_REQUESTS = 200;
/** Which parts run (development of the bench itself): reads, mutation, cold. */
const PHASES = new Set((process.env.BENCH_PHASES ?? 'reads,mutation,cold,memory,levers').split(','));
/**
 * The lever-study rows every run measures (issue 18's goals 3 and 4): the cold path (no read cache, a writer at 100
 * commits/s to the same tenants) and a tenant-scoped dashboard, quiet and while another tenant takes 100 commits/s.
 */
const DEFAULT_LEVERS = ['readCache', 'cold100', 'scopedQuiet', 'scopedChurnOther', 'operatorChurnOther'];
const RESULTS_FILE = join(ROOT_DIR, 'bench', 'RESULTS.md');

interface Contender {
  key: string;
  label: string;
  spec: ContenderSpec;
  proc?: ContenderProcess;
}

interface Scenario {
  key: string;
  op: 'dashboard' | 'entities';
  connections: number;
}

interface Sample extends LoadResult {
  rss: number;
  statementsPerOp: number | null;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ratio = (a: number, b: number | undefined) => (b ? `${(a / b).toFixed(2)}` : '–');
const mb = (bytes: number) => bytes / (1024 * 1024);

async function postgresReachable(url: string): Promise<string | null> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return null;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}

export async function main(): Promise<void> {
  const started = Date.now();
  const shape = DEFAULT_SHAPE;
  const fixture = buildFixture(shape);
  const token = await signToken(BENCH_JWT_SECRET, { sub: 'bench', tenants: '*', scopes: [...SCOPES] });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const bodies = {
    dashboard: JSON.stringify({ query: DASHBOARD_QUERY }),
    entities: JSON.stringify({ query: ENTITIES_QUERY, variables: entitiesVariables(fixture) }),
  };
  const pgProblem = await postgresReachable(DATABASE_URL);
  const log = (s: string) => process.stdout.write(`${s}\n`);
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${fmt(totalmem() / 2 ** 30, 1)} GiB, Node.js ${process.version}`;
  log(`bench: ${machine}; ${SECONDS} s per measurement × ${ROUNDS} rounds`);
  if (pgProblem) log(`bench: PostgreSQL at ${DATABASE_URL.replace(/\/\/[^@]*@/, '//')} is unreachable (${pgProblem}): contender (e) skipped`);

  const levers = async (keys?: readonly string[]) =>
    runLevers({
      keys,
      databaseUrl: pgProblem ? undefined : DATABASE_URL,
      shape,
      headers,
      scopedHeaders: {
        ...headers,
        authorization: `Bearer ${await signToken(BENCH_JWT_SECRET, { sub: 'bench-scoped', tenants: fixture.tenants.slice(0, 20).map((t) => t.id), scopes: [...SCOPES] })}`,
      },
      body: bodies.dashboard,
      seconds: SECONDS,
      rounds: ROUNDS,
      resultsFile: RESULTS_FILE,
      machine,
      log,
    });
  if (process.env.BENCH_LEVERS) {
    await levers();
    return;
  }
  if (process.env.BENCH_SCALE && process.env.BENCH_SCALE !== '0') {
    // The scale run (bench/scale.ts) writes its own section of RESULTS.md and bench/SCALE.md.
    await runScale({
      databaseUrl: pgProblem ? undefined : DATABASE_URL,
      headers,
      seconds: SECONDS,
      rounds: ROUNDS,
      warmupSeconds: WARMUP_SECONDS,
      connections: Number(process.env.BENCH_SCALE_CONNECTIONS ?? 10),
      resultsFile: RESULTS_FILE,
      machine,
      load: loadAverage,
      log,
    });
    if (process.env.BENCH_SCALE === 'only') return;
  }
  if (process.env.BENCH_MEMORY === 'only') {
    await measureMemory({ databaseUrl: pgProblem ? undefined : DATABASE_URL, resultsFile: RESULTS_FILE, machine, load: loadAverage, log });
    return;
  }
  if (SOAK_SECONDS > 0) {
    await runSoak({
      seconds: SOAK_SECONDS,
      databaseUrl: pgProblem ? undefined : DATABASE_URL,
      shape,
      headers,
      body: bodies.dashboard,
      resultsFile: RESULTS_FILE,
      machine,
      log,
    });
    return;
  }

  const contenders: Contender[] = [
    { key: 'a', label: '(a) raw node:http, precomputed JSON', spec: { kind: 'raw', shape } },
    { key: 'b', label: '(b) bare graphql-js execute, in memory', spec: { kind: 'bare', shape } },
    { key: 'c', label: '(c) stock Apollo Server 5, SDL subgraph, in memory', spec: { kind: 'stock', shape } },
    { key: 'g', label: '(g) Mercurius 16 + Fastify 5, jit: 1, in memory', spec: { kind: 'mercurius', shape } },
    { key: 'j', label: '(j) bare graphql-jit compileQuery on node:http, in memory', spec: { kind: 'jit', shape } },
    { key: 'd', label: '(d) the service on embedded PGlite', spec: { kind: 'service', shape } },
    ...(pgProblem
      ? []
      : [
          {
            key: 'e',
            label: '(e) the service on the PostgreSQL server',
            spec: { kind: 'service', shape, databaseUrl: DATABASE_URL },
          } satisfies Contender,
        ]),
  ];
  // BENCH_CONTENDERS=a,c,e runs a subset (the report's ratios need a, c and g).
  if (process.env.BENCH_CONTENDERS) {
    const keep = new Set(process.env.BENCH_CONTENDERS.split(','));
    for (let i = contenders.length - 1; i >= 0; i--) if (!keep.has(contenders[i]!.key)) contenders.splice(i, 1);
  }
  const scenarios: Scenario[] = [
    { key: 'dashboard@10', op: 'dashboard', connections: 10 },
    { key: 'dashboard@50', op: 'dashboard', connections: 50 },
    { key: 'entities@10', op: 'entities', connections: 10 },
    { key: 'entities@50', op: 'entities', connections: 50 },
  ];

  const samples = new Map<string, Sample[]>(); // `${contender}|${scenario}`
  const alloc = new Map<string, number>(); // `${contender}|${op}` -> bytes per request
  const sizes: Record<string, number> = {};
  try {
    if (!PHASES.has('reads')) contenders.length = 0;
    for (const c of contenders) {
      c.proc = await ContenderProcess.start(c.spec);
      log(`started ${c.label} (pid ${c.proc.child.pid})`);
    }
    // Every contender must answer exactly what the limit answers, or the comparison means nothing.
    for (const op of contenders.length ? (['dashboard', 'entities'] as const) : []) {
      const reference = await post(contenders[0]!.proc!.ready.url, headers, bodies[op]);
      sizes[op] = Buffer.byteLength(reference.text);
      const expected = JSON.parse(reference.text) as unknown;
      if ((expected as { errors?: unknown }).errors) throw new Error(`the reference ${op} answer has errors: ${reference.text.slice(0, 500)}`);
      for (const c of contenders.slice(1)) {
        const got = await post(c.proc!.ready.url, headers, bodies[op]);
        if (got.status !== 200 || !isDeepStrictEqual(JSON.parse(got.text), expected)) {
          throw new Error(`${c.label} answers ${op} differently from the limit: HTTP ${got.status} ${got.text.slice(0, 500)}`);
        }
      }
    }
    log(
      `responses identical across contenders; dashboard ${fmt(sizes.dashboard! / 1024, 1)} KB, _entities(100) ${fmt(sizes.entities! / 1024, 1)} KB`,
    );

    // Warm-up: JIT tiers, pools and caches settle before anything counts.
    for (const c of contenders)
      for (const op of ['dashboard', 'entities'] as const) {
        await runLoad({ url: c.proc!.ready.url, headers, body: bodies[op], connections: 10, seconds: WARMUP_SECONDS });
      }

    for (let round = 1; round <= ROUNDS; round++) {
      for (const s of scenarios) {
        const line: string[] = [];
        for (const c of contenders) {
          const before = await c.proc!.stats();
          const r = await runLoad({ url: c.proc!.ready.url, headers, body: bodies[s.op], connections: s.connections, seconds: SECONDS });
          const after = await c.proc!.stats();
          if (r.non2xx || r.errors) throw new Error(`${c.label} ${s.key}: ${r.non2xx} non-2xx, ${r.errors} errors`);
          const statementsPerOp =
            before.statements === null || after.statements === null ? null : (after.statements - before.statements) / r.requests;
          const key = `${c.key}|${s.key}`;
          samples.set(key, [...(samples.get(key) ?? []), { ...r, rss: after.rss, statementsPerOp }]);
          line.push(`${c.key} ${fmt(r.rps)}`);
        }
        log(`round ${round}/${ROUNDS} ${s.key.padEnd(13)} req/s: ${line.join('  ')}`);
      }
    }

    // Allocation per request: sequential requests between two heap probes in the contender.
    for (const c of contenders)
      for (const op of ['dashboard', 'entities'] as const) {
        await c.proc!.allocStart();
        for (let i = 0; i < ALLOC_REQUESTS; i++) await post(c.proc!.ready.url, headers, bodies[op]);
        alloc.set(`${c.key}|${op}`, (await c.proc!.allocStop()) / ALLOC_REQUESTS);
      }
  } finally {
    await Promise.all(contenders.map((c) => c.proc?.stop()));
  }

  const mutations = PHASES.has('mutation') ? await measureMutations({ databaseUrl: pgProblem ? undefined : DATABASE_URL, shape, headers, log }) : [];
  const coldStart = PHASES.has('cold') ? await measureColdStart(log) : { median: NaN, runs: [] };
  if (PHASES.has('memory'))
    await measureMemory({ databaseUrl: pgProblem ? undefined : DATABASE_URL, resultsFile: RESULTS_FILE, machine, load: loadAverage, log });
  if (PHASES.has('levers')) await levers(DEFAULT_LEVERS);

  // ---- report
  const med = (c: string, s: string, f: (x: Sample) => number) => median((samples.get(`${c}|${s}`) ?? []).map(f));
  const tables: string[] = [];
  for (const s of scenarios) {
    const a = {
      rps: med('a', s.key, (x) => x.rps),
      p50: med('a', s.key, (x) => x.p50),
      p99: med('a', s.key, (x) => x.p99),
      rss: med('a', s.key, (x) => x.rss),
    };
    const cc = {
      rps: med('c', s.key, (x) => x.rps),
      p50: med('c', s.key, (x) => x.p50),
      p99: med('c', s.key, (x) => x.p99),
      rss: med('c', s.key, (x) => x.rss),
    };
    const gg = { rps: med('g', s.key, (x) => x.rps), p99: med('g', s.key, (x) => x.p99) };
    // Paired: each round's figure over (g)'s in the same round, then the median of those. The machine is shared and
    // its speed moves between rounds (up to 3x in one run), so a ratio of medians taken from different rounds can
    // say less than the rounds themselves.
    const byRound = (c: string, f: (x: Sample) => number): number[] => {
      const mine = samples.get(`${c}|${s.key}`) ?? [];
      const theirs = samples.get(`g|${s.key}`) ?? [];
      return mine.slice(0, theirs.length).map((x, i) => f(x) / f(theirs[i]!));
    };
    const paired = (c: string, f: (x: Sample) => number): string => {
      const rs = byRound(c, f);
      return rs.length && rs.every(Number.isFinite) ? fmt(median(rs), 2) : '–';
    };
    const roundLine = contenders
      .filter((c) => c.key === 'd' || c.key === 'e')
      .map(
        (c) =>
          `${c.label.slice(0, 3)} ${byRound(c.key, (x) => x.rps)
            .map((r) => fmt(r, 2))
            .join(', ')}`,
      )
      .join('; ');
    const rows = contenders.map((c) => {
      const rps = med(c.key, s.key, (x) => x.rps);
      const p50 = med(c.key, s.key, (x) => x.p50);
      const p99 = med(c.key, s.key, (x) => x.p99);
      const rss = med(c.key, s.key, (x) => x.rss);
      const stmts = samples.get(`${c.key}|${s.key}`)?.[0]?.statementsPerOp;
      const allocated = alloc.get(`${c.key}|${s.op}`);
      return `| ${c.label} | ${fmt(rps)} | ${ratio(rps, a.rps)} | ${ratio(rps, cc.rps)} | **${ratio(rps, gg.rps)}** | ${paired(c.key, (x) => x.rps)} | ${fmt(p50, 1)} | ${ratio(p50, a.p50)} | ${ratio(p50, cc.p50)} | ${fmt(p99, 1)} | ${ratio(p99, a.p99)} | ${ratio(p99, cc.p99)} | ${ratio(p99, gg.p99)} | ${paired(c.key, (x) => x.p99)} | ${fmt(mb(rss))} | ${ratio(rss, a.rss)} | ${ratio(rss, cc.rss)} | ${stmts == null ? '–' : fmt(median((samples.get(`${c.key}|${s.key}`) ?? []).map((x) => x.statementsPerOp!)), 2)} | ${allocated === undefined ? '–' : fmt(allocated / 1024)} |`;
    });
    tables.push(
      [
        `### ${s.op === 'dashboard' ? 'Dashboard query' : '_entities, 100 RecordingPolicy representations'}, ${s.connections} connections`,
        '',
        '| contender | req/s | ÷(a) | ÷(c) | ÷(g) | ÷(g) paired | p50 ms | ÷(a) | ÷(c) | p99 ms | ÷(a) | ÷(c) | ÷(g) | ÷(g) paired | RSS MB | ÷(a) | ÷(c) | SQL/op | alloc KB/req |',
        '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
        ...rows,
        '',
        `req/s ÷(g) round by round: ${roundLine}.`,
      ].join('\n'),
    );
  }
  const mutationTable = [
    `### Apply-policy mutation (updateRecordingPolicy → Webex sandbox emulator, in process), ${MUTATION_CONNECTIONS} connections`,
    '',
    '| contender | policy writes/s | p50 ms | p99 ms | RSS MB | SQL/write | failed |',
    '|---|--:|--:|--:|--:|--:|--:|',
    ...mutations.map(
      (m) =>
        `| ${m.label} | ${fmt(m.rps, 1)} | ${fmt(m.p50, 1)} | ${fmt(m.p99, 1)} | ${fmt(mb(m.rss))} | ${m.statementsPerOp == null ? '–' : fmt(m.statementsPerOp, 1)} | ${m.failed} |`,
    ),
  ].join('\n');
  const coldTable = `Cold start (\`node dist/src/main.js\`, fresh DATA_DIR, embedded PGlite, sandbox on; spawn → first answered dashboard query): median ${fmt(coldStart.median / 1000, 2)} s of ${coldStart.runs.map((r) => fmt(r / 1000, 2)).join(', ')} s (target ≤ 5 s).`;

  const generated = [
    '<!-- generated by `npm run bench` (bench/run.ts); edit the notes in bench/NOTES.md instead -->',
    '# Benchmark results',
    '',
    `Machine: ${machine}. Run ${new Date().toISOString()}, ${SECONDS} s per measurement, ${ROUNDS} interleaved rounds, medians; ${WARMUP_SECONDS} s warm-up per contender and operation.`,
    `Data: ${shape.tenants} tenants × ${shape.connectionsPerTenant} connection × ${shape.policiesPerConnection} policies each; the dashboard shows its default page of 20 tenants (response ${fmt(sizes.dashboard! / 1024, 1)} KB), _entities names 100 policies (response ${fmt(sizes.entities! / 1024, 1)} KB); answers identical across contenders (checked before measuring).`,
    "Each contender runs in its own process (RSS is its own; the PostgreSQL server's memory is not counted); autocannon loads it from another process on the same 2 cores.",
    `÷(a) is the figure divided by the limit's, ÷(c) by stock Apollo's, ÷(g) by Mercurius+jit's (for req/s higher is better, for latency and RSS lower); "÷(g) paired" is the median of the rounds' own ratios (each round's figure over (g)'s in that round), the steadier figure when the machine's speed moves between rounds. SQL/op is statements per operation counted by the service (Drizzle logger); alloc is JS heap allocated per request in the contender (${ALLOC_REQUESTS} sequential requests between two heap probes).`,
    pgProblem ? `\n**(e) skipped**: PostgreSQL unreachable (${pgProblem}).` : '',
    '',
    ...tables.flatMap((t) => [t, '']),
    mutationTable,
    '',
    coldTable,
    '',
  ].join('\n');
  const notesFile = join(ROOT_DIR, 'bench', 'NOTES.md');
  const notes = existsSync(notesFile) ? `\n${readFileSync(notesFile, 'utf8')}` : '';
  // A partial run (BENCH_PHASES, BENCH_CONTENDERS) prints but leaves the file alone.
  if (['reads', 'mutation', 'cold'].every((p) => PHASES.has(p)) && !process.env.BENCH_CONTENDERS) {
    writeFileSync(
      RESULTS_FILE,
      `${generated}\n${(['scale', 'memory', 'levers', 'soak'] as const).map((s) => readSection(RESULTS_FILE, s)).join('\n\n')}\n${notes}`,
    );
  }
  log('');
  log(generated);
  log(`wrote ${RESULTS_FILE} in ${fmt((Date.now() - started) / 1000)} s`);
}

/** The policies' current versions, read back through the router's entity query. */
async function currentVersions(url: string, headers: Record<string, string>, policies: { id: string }[]): Promise<{ id: string; version: number }[]> {
  const query = 'query($ids: [_Any!]!) { _entities(representations: $ids) { ... on RecordingPolicy { id version } } }';
  const r = await post(
    url,
    headers,
    JSON.stringify({ query, variables: { ids: policies.map((p) => ({ __typename: 'RecordingPolicy', id: p.id })) } }),
  );
  return (JSON.parse(r.text) as { data: { _entities: { id: string; version: number }[] } }).data._entities;
}

interface MutationResult {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  rss: number;
  statementsPerOp: number | null;
  failed: number;
}

async function measureMutations(opts: {
  databaseUrl?: string;
  shape: ContenderSpec['shape'];
  headers: Record<string, string>;
  log: (s: string) => void;
}): Promise<MutationResult[]> {
  const ops = loadExampleOperations(join(ROOT_DIR, 'schema', 'operations'));
  const find = (name: string) => ops.find((o) => new RegExp(`\\bmutation\\s+${name}\\b`).test(o.query))!.query;
  const CREATE = find('CreateRecordingPolicy');
  const UPDATE = find('UpdateRecordingPolicy');
  const contenders = [
    { key: 'd', label: '(d) the service on embedded PGlite', spec: { kind: 'service', shape: opts.shape, sandbox: true } as ContenderSpec },
    ...(opts.databaseUrl
      ? [
          {
            key: 'e',
            label: '(e) the service on the PostgreSQL server',
            spec: { kind: 'service', shape: opts.shape, sandbox: true, databaseUrl: opts.databaseUrl } as ContenderSpec,
          },
        ]
      : []),
  ];
  const state = new Map<string, { proc: ContenderProcess; policies: { id: string; version: number }[]; samples: Sample[] }>();
  try {
    for (const c of contenders) {
      const proc = await ContenderProcess.start(c.spec);
      state.set(c.key, { proc, policies: [], samples: [] });
      const policies: { id: string; version: number }[] = [];
      for (const personId of proc.ready.personIds!.slice(0, MUTATION_CONNECTIONS)) {
        const input = {
          connectionId: proc.ready.webexConnectionId,
          name: `bench ${personId}`,
          scope: { kind: 'PERSON', id: personId },
          rules: { mode: 'ALWAYS', calls: { voicemail: true } },
        };
        const r = await post(proc.ready.url, opts.headers, JSON.stringify({ query: CREATE, variables: { input } }));
        const body = JSON.parse(r.text) as {
          data?: { createRecordingPolicy: { policy: { id: string; version: number }; sync: { status: string } } };
          errors?: unknown;
        };
        if (!body.data || body.data.createRecordingPolicy.sync.status !== 'IN_SYNC')
          throw new Error(`could not create a bench policy: ${r.text.slice(0, 500)}`);
        policies.push(body.data.createRecordingPolicy.policy);
      }
      state.get(c.key)!.policies = policies;
      opts.log(`started ${c.label} with the sandbox (pid ${proc.child.pid}); ${policies.length} Webex policies`);
    }
    for (const c of contenders) {
      const s = state.get(c.key)!;
      await runLoad({
        url: s.proc.ready.url,
        headers: opts.headers,
        connections: MUTATION_CONNECTIONS,
        seconds: WARMUP_SECONDS,
        mutation: { query: UPDATE, policies: s.policies },
      });
    }
    for (let round = 1; round <= ROUNDS; round++) {
      const line: string[] = [];
      for (const c of contenders) {
        const s = state.get(c.key)!;
        // Requests still in flight when the previous run stopped advanced versions the load generator never saw.
        s.policies = await currentVersions(s.proc.ready.url, opts.headers, s.policies);
        const before = await s.proc.stats();
        const r = await runLoad({
          url: s.proc.ready.url,
          headers: opts.headers,
          connections: MUTATION_CONNECTIONS,
          seconds: SECONDS,
          mutation: { query: UPDATE, policies: s.policies },
        });
        const after = await s.proc.stats();
        s.samples.push({
          ...r,
          rss: after.rss,
          statementsPerOp: after.statements! - before.statements! > 0 ? (after.statements! - before.statements!) / r.requests : null,
        });
        line.push(`${c.key} ${fmt(r.rps, 1)}${r.graphqlErrors ? ` (${r.graphqlErrors} not IN_SYNC)` : ''}`);
      }
      opts.log(`round ${round}/${ROUNDS} mutation@${MUTATION_CONNECTIONS}  writes/s: ${line.join('  ')}`);
    }
  } finally {
    await Promise.all([...state.values()].map((s) => s.proc.stop()));
  }
  return contenders.map((c) => {
    const s = state.get(c.key)!.samples;
    return {
      label: c.label,
      rps: median(s.map((x) => x.rps)),
      p50: median(s.map((x) => x.p50)),
      p99: median(s.map((x) => x.p99)),
      rss: median(s.map((x) => x.rss)),
      statementsPerOp: median(s.map((x) => x.statementsPerOp ?? 0)),
      failed: s.reduce((n, x) => n + x.graphqlErrors + x.non2xx + x.errors, 0),
    };
  });
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`bench failed: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exit(1);
    },
  );
}
