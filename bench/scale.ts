import { isDeepStrictEqual } from 'node:util';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT_DIR } from '../src/app';
import { loadExampleOperations } from '../src/server/playground';
import { encodeCursor } from '../src/store/pagination';
import { ContenderProcess, runLoad } from './children';
import { buildFixture, DASHBOARD_QUERY, DEFAULT_SHAPE, ENTITIES_QUERY } from './fixture';
import type { ContenderSpec, LoadResult } from './protocol';
import { AUDIT_PAGE, DEEP_AUDIT_ENTRIES, SIDE_POLICIES, scaleIds } from './scale-seed';
import { writeSection } from './sections';

/**
 * `BENCH_SCALE=1 npm run bench` (or `npm run bench:scale`): issue 18, item 5. The service with the sandbox on, on
 * each database, once with the small data set (the bench's 50 tenants) and once at scale (10,000 tenants, 100,000
 * policies, 1,000,000 audit entries; bench/scale-seed.ts), all four processes loaded in the same interleaved rounds.
 * Every operation must answer the same bytes in both data sets (checked before measuring) and stay within 20% of
 * the small data set's req/s and p99. The plans of the key statements at scale go to bench/SCALE.md.
 */

interface Op {
  key: string;
  label: string;
  body?: string;
  mutation?: boolean;
}

interface Sample extends LoadResult {
  statementsPerOp: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
/** Long literal lists in a plan (1,000 ids of `_entities`) shortened to their first two and a count. */
const shorten = (text: string) =>
  text.replace(/'\{([^}']{300,})\}'/g, (_, list: string) => {
    const items = list.split(',');
    return `'{${items.slice(0, 2).join(',')},… ${items.length} values}'`;
  });
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function post(url: string, headers: Record<string, string>, body: string): Promise<string> {
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${text.slice(0, 500)}`);
  return text;
}

export async function runScale(opts: {
  databaseUrl?: string;
  headers: Record<string, string>;
  seconds: number;
  rounds: number;
  warmupSeconds: number;
  connections: number;
  resultsFile: string;
  machine: string;
  load: () => string;
  log: (s: string) => void;
}): Promise<void> {
  const { headers, log } = opts;
  const fixture = buildFixture(DEFAULT_SHAPE);
  const ops = loadExampleOperations(join(ROOT_DIR, 'schema', 'operations'));
  const find = (re: RegExp) => ops.find((o) => re.test(o.query))!.query;
  const AUDIT = find(/\bquery\s+AuditLog\b/);
  const CREATE = find(/\bmutation\s+CreateRecordingPolicy\b/);
  const UPDATE = find(/\bmutation\s+UpdateRecordingPolicy\b/);
  const deepAfter = DEEP_AUDIT_ENTRIES - 40; // 1,000 pages of 20 end at entry 20,000; the 1,000th starts after 19,980
  const representations = [...fixture.policies.map((p) => p.id), ...Array.from({ length: SIDE_POLICIES }, (_, i) => scaleIds.sidePolicy(i + 1))].map(
    (id) => ({ __typename: 'RecordingPolicy', id }),
  );
  const readOps: Op[] = [
    { key: 'dashboard', label: 'dashboard (first page of 20 tenants)', body: JSON.stringify({ query: DASHBOARD_QUERY }) },
    {
      key: 'entities',
      label: `_entities, ${representations.length} RecordingPolicy representations`,
      body: JSON.stringify({ query: ENTITIES_QUERY, variables: { representations } }),
    },
    {
      key: 'audit1',
      label: `audit log, page 1 of ${AUDIT_PAGE} (with totalCount)`,
      body: JSON.stringify({ query: AUDIT, variables: { tenantId: scaleIds.deepTenant, first: AUDIT_PAGE } }),
    },
    {
      key: 'audit1000',
      label: `audit log, page 1,000 of ${AUDIT_PAGE} (entries 19,981-20,000, \`after\` cursor)`,
      body: JSON.stringify({
        query: AUDIT,
        variables: {
          tenantId: scaleIds.deepTenant,
          first: AUDIT_PAGE,
          after: encodeCursor(scaleIds.deepAuditAt(deepAfter + 20), scaleIds.deepAuditEntry(deepAfter + 20)),
        },
      }),
    },
  ];
  const allOps: Op[] = [...readOps, { key: 'update', label: 'updateRecordingPolicy (Webex sandbox), policy writes', mutation: true }];
  const dbs = [
    { key: 'd', label: 'embedded PGlite', databaseUrl: undefined as string | undefined },
    ...(opts.databaseUrl ? [{ key: 'e', label: 'PostgreSQL server', databaseUrl: opts.databaseUrl }] : []),
  ];
  const contenders = dbs.flatMap((db) =>
    (['small', 'scale'] as const).map((seed) => ({
      key: `${db.key}-${seed}`,
      db,
      seed,
      spec: {
        kind: 'service',
        shape: DEFAULT_SHAPE,
        sandbox: true,
        scaleSeed: seed,
        databaseUrl: db.databaseUrl,
        // BENCH_PGLITE_SHARED_BUFFERS=128MB: the scale run with PostgreSQL's default page cache instead of ours.
        ...(process.env.BENCH_PGLITE_SHARED_BUFFERS ? { env: { PGLITE_SHARED_BUFFERS: process.env.BENCH_PGLITE_SHARED_BUFFERS } } : {}),
      } as ContenderSpec,
      proc: undefined as ContenderProcess | undefined,
      policies: [] as { id: string; version: number }[],
    })),
  );
  const samples = new Map<string, Sample[]>();
  const plans: { db: string; op: string; statements: { sql: string; plan: string }[] }[] = [];
  const loadAtStart = opts.load();
  try {
    for (const c of contenders) {
      const t0 = performance.now();
      c.proc = await ContenderProcess.start(c.spec);
      log(`scale: started ${c.db.label}, ${c.seed} data set, in ${fmt((performance.now() - t0) / 1000, 1)} s (pid ${c.proc.child.pid})`);
      // The plans on a fresh process, before any cache holds an answer.
      if (c.seed === 'scale')
        for (const op of readOps) plans.push({ db: c.db.label, op: op.label, statements: await c.proc.explain(op.body!, headers) });
    }
    // Same bytes in both data sets, per database, and the deep page is the one asked for.
    for (const db of dbs) {
      const [small, scale] = contenders.filter((c) => c.db === db);
      for (const op of readOps) {
        const a = await post(small!.proc!.ready.url, headers, op.body!);
        const b = await post(scale!.proc!.ready.url, headers, op.body!);
        const parsed = JSON.parse(a) as { errors?: unknown; data?: { auditLog?: { edges: { node: { at: string } }[] } } };
        if (parsed.errors) throw new Error(`${op.key} on ${db.label}: ${a.slice(0, 500)}`);
        if (!isDeepStrictEqual(parsed, JSON.parse(b))) throw new Error(`${op.key} answers differently at scale on ${db.label}`);
        if (op.key === 'audit1000' && parsed.data?.auditLog?.edges[0]?.node.at !== scaleIds.deepAuditAt(deepAfter + 21).toISOString())
          throw new Error(`the 1,000th audit page starts at ${parsed.data?.auditLog?.edges[0]?.node.at}`);
      }
    }
    log('scale: answers identical in both data sets');
    // Policies to write: Webex sandbox people, one per connection of the load (optimistic concurrency).
    for (const c of contenders) {
      for (const personId of c.proc!.ready.personIds!.slice(0, opts.connections)) {
        const input = {
          connectionId: c.proc!.ready.webexConnectionId,
          name: `scale ${personId}`,
          scope: { kind: 'PERSON', id: personId },
          rules: { mode: 'ALWAYS', calls: { voicemail: true } },
        };
        const body = JSON.parse(await post(c.proc!.ready.url, headers, JSON.stringify({ query: CREATE, variables: { input } }))) as {
          data?: { createRecordingPolicy: { policy: { id: string; version: number }; sync: { status: string } } };
        };
        if (body.data?.createRecordingPolicy.sync.status !== 'IN_SYNC') throw new Error(`could not create a policy: ${JSON.stringify(body)}`);
        c.policies.push(body.data.createRecordingPolicy.policy);
      }
      if (c.seed === 'scale') {
        const p = c.policies[0]!;
        const input = { id: p.id, expectedVersion: p.version, rules: { mode: 'ALWAYS', calls: { voicemail: false } } };
        plans.push({
          db: c.db.label,
          op: 'updateRecordingPolicy (writes: planned, not run again)',
          statements: await c.proc!.explain(JSON.stringify({ query: UPDATE, variables: { input } }), headers),
        });
      }
    }
    const refresh = async (c: (typeof contenders)[number]) => {
      const query = 'query($ids: [_Any!]!) { _entities(representations: $ids) { ... on RecordingPolicy { id version } } }';
      const ids = c.policies.map((p) => ({ __typename: 'RecordingPolicy', id: p.id }));
      c.policies = (
        JSON.parse(await post(c.proc!.ready.url, headers, JSON.stringify({ query, variables: { ids } }))) as {
          data: { _entities: { id: string; version: number }[] };
        }
      ).data._entities;
    };
    const measure = async (c: (typeof contenders)[number], op: Op, seconds: number): Promise<Sample> => {
      if (op.mutation) await refresh(c);
      const before = await c.proc!.stats();
      const r = await runLoad({
        url: c.proc!.ready.url,
        headers,
        connections: opts.connections,
        seconds,
        ...(op.mutation ? { mutation: { query: UPDATE, policies: c.policies } } : { body: op.body! }),
      });
      const after = await c.proc!.stats();
      if (r.non2xx || r.errors || r.graphqlErrors)
        throw new Error(`${c.key} ${op.key}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.graphqlErrors} failed`);
      return { ...r, statementsPerOp: (after.statements! - before.statements!) / r.requests };
    };
    for (const c of contenders) for (const op of allOps) await measure(c, op, opts.warmupSeconds);
    for (let round = 1; round <= opts.rounds; round++) {
      for (const op of allOps) {
        const line: string[] = [];
        for (const c of contenders) {
          const s = await measure(c, op, opts.seconds);
          samples.set(`${c.key}|${op.key}`, [...(samples.get(`${c.key}|${op.key}`) ?? []), s]);
          line.push(`${c.key} ${fmt(s.rps)}`);
        }
        log(`scale round ${round}/${opts.rounds} ${op.key.padEnd(10)} req/s: ${line.join('  ')}`);
      }
    }
  } finally {
    await Promise.all(contenders.map((c) => c.proc?.stop()));
  }
  const loadAtEnd = opts.load();

  const med = (c: string, op: string, f: (s: Sample) => number) => median((samples.get(`${c}|${op}`) ?? []).map(f));
  const verdict = (x: number) => (x >= 0.8 ? 'yes' : '**no**');
  const rows: string[] = [];
  for (const db of dbs)
    for (const op of allOps) {
      const s = { rps: med(`${db.key}-small`, op.key, (x) => x.rps), p99: med(`${db.key}-small`, op.key, (x) => x.p99) };
      const l = { rps: med(`${db.key}-scale`, op.key, (x) => x.rps), p99: med(`${db.key}-scale`, op.key, (x) => x.p99) };
      const sql = (k: string) =>
        fmt(
          med(k, op.key, (x) => x.statementsPerOp),
          2,
        );
      const rpsRatio = l.rps / s.rps;
      const p99Ratio = l.p99 && s.p99 ? s.p99 / l.p99 : 1;
      rows.push(
        `| ${db.label} | ${op.label} | ${fmt(s.rps)} | ${fmt(l.rps)} | ${rpsRatio.toFixed(2)} | ${fmt(s.p99)} | ${fmt(l.p99)} | ${(l.p99 / Math.max(s.p99, 1)).toFixed(2)} | ${sql(`${db.key}-small`)} | ${sql(`${db.key}-scale`)} | ${verdict(Math.min(rpsRatio, p99Ratio))} |`,
      );
    }
  const body = [
    '## Scale: 50 tenants against 10,000 tenants, 100,000 policies and 1,000,000 audit entries',
    '',
    `Generated by \`BENCH_SCALE=1 npm run bench\` (bench/scale.ts) on ${new Date().toISOString()}; ${opts.machine}; load average ${loadAtStart} at the start, ${loadAtEnd} at the end (the machine is shared). ${opts.seconds} s per measurement × ${opts.rounds} interleaved rounds (the four processes in turn), medians, ${opts.connections} connections; the service in development mode with the sandbox on (the policy update goes to the Webex emulator).`,
    `Both data sets hold the bench fixture, ${SIDE_POLICIES} more policies in its tenants 21-50 (so that \`_entities\` names 1,000 distinct policies) and ${fmt(DEEP_AUDIT_ENTRIES)} audit entries of tenant 1; the large one adds 9,950 tenants with a connection each and their policies and audit entries (seeded by INSERT ... SELECT generate_series, bench/scale-seed.ts). Every read answers the same bytes in both (checked before measuring). "Flat" is req/s at scale ≥ 0.8× the small set's and p99 ≤ 1.25×. SQL/op counts statements per request (the response cache answers repeated dashboards and \`_entities\` without SQL but the version check). The statements' plans at scale: bench/SCALE.md.`,
    '',
    '| database | operation | small req/s | scale req/s | ÷ | small p99 ms | scale p99 ms | ÷ | small SQL/op | scale SQL/op | flat |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|:-:|',
    ...rows,
  ].join('\n');
  writeSection(opts.resultsFile, 'scale', body);
  const scaleFile = join(ROOT_DIR, 'bench', 'SCALE.md');
  const intro = readFileSync(scaleFile, 'utf8').split('<!-- plans:begin -->')[0]!;
  const planText = plans
    .map(
      (p) =>
        `### ${p.op}, ${p.db}\n\n${p.statements.length ? p.statements.map((s) => `\`\`\`sql\n${s.sql}\n\`\`\`\n\n\`\`\`\n${shorten(s.plan)}\n\`\`\``).join('\n\n') : 'No statement (answered from a cache).'}`,
    )
    .join('\n\n');
  writeFileSync(
    scaleFile,
    `${intro}<!-- plans:begin -->\n${body}\n\n## Plans at scale (first request on a fresh process; reads EXPLAIN (ANALYZE, BUFFERS), writes EXPLAIN)\n\n${planText}\n`,
  );
  log(body);
}
