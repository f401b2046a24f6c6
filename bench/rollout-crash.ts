/**
 * Issue 14's "Done when", as one reproducible command: a policy rolled out to every person of a 5,000-person Webex
 * org by the real service process (dist/src/main.js, as `npm start` runs it), with the Webex emulator in a process of
 * its own so that its request log outlives the service and counts every write:
 *
 *   restart   SIGINT mid-job, start again on the same data: the time until the vendor sees work again
 *   outage    the Webex emulator down (connections refused) for BENCH_OUTAGE_SECONDS mid-job
 *   sigkill   two replica processes (PostgreSQL server only), kill -9 of one: the time until its people are taken over
 *
 * Each must end COMPLETED with 0 failed; each reports people written once, written twice (PUTs in flight at a stop,
 * counted at the emulator), failed.
 *
 *   npm run build && node dist/bench/rollout-crash.js                 restart and outage on PGlite (data directory)
 *   DATABASE_URL=postgres://... node dist/bench/rollout-crash.js      all three on the PostgreSQL server
 *   BENCH_PEOPLE=5000 BENCH_RATE=100 BENCH_OUTAGE_SECONDS=120 BENCH_SCENARIOS=restart,outage,sigkill
 *
 * The sandbox's Webex allows 5 requests per second per token, which makes one run ~35 minutes (two requests a
 * person); BENCH_RATE raises the emulator's allowed rate and the connection's own limiter together.
 */
import pg from 'pg';
import { ALWAYS, GET_WAITING as GET, START, Store, startReplica, WEBEX_CONNECTION_ID, waitFor } from '../test/rollout/helpers';
import { ServiceProcess } from '../test/rollout/service-process';
import { RemoteWebex } from '../test/rollout/webex-process';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 5000);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const OUTAGE_SECONDS = Number(process.env.BENCH_OUTAGE_SECONDS ?? 120);
const server = !!process.env.DATABASE_URL;
const SCENARIOS = (process.env.BENCH_SCENARIOS ?? (server ? 'restart,outage,sigkill' : 'restart,outage')).split(',');
/** The service's own defaults (lease 10 s, slice 120 s), faster job polling only. */
const ENV = { JOB_POLL_SECONDS: '1' };

interface Rollout {
  id: string;
  status: string;
  done: number;
  written: number;
  alreadyInSync: number;
  failed: number;
  isWaiting: boolean;
  waiting: { code: string } | null;
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const get = async (p: ServiceProcess, id: string): Promise<Rollout> => {
  const r = await p.gql(GET, { id });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data.policyRollout as Rollout;
};

async function setUp(): Promise<{ store: Store; webex: RemoteWebex }> {
  const webex = await RemoteWebex.start({ people: PEOPLE, requestsPerSecond: RATE, burst: RATE });
  const store = new Store();
  // The demo tenant's Webex connection points at the emulator (written to the database the processes share).
  const r = await startReplica(store, webex, { ratePerSecond: RATE, env: { WORKERS: 'false' } });
  await r.close();
  return { store, webex };
}

async function start(p: ServiceProcess): Promise<string> {
  const r = await p.gql(START, { input: { connectionId: WEBEX_CONNECTION_ID, name: 'bench', rules: ALWAYS, scope: { all: true } } });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data.startPolicyRollout.rollout.id as string;
}

async function finish(p: ServiceProcess, id: string, webex: RemoteWebex): Promise<{ end: Rollout; line: string; ok: boolean }> {
  const end = await waitFor(
    'the end',
    () => get(p, id),
    (x) => x.status !== 'RUNNING',
    3_600_000,
    1000,
  );
  const writes = await webex.writesPerPerson();
  const once = Object.values(writes).filter((n) => n === 1).length;
  const twice = Object.values(writes).filter((n) => n === 2).length;
  const more = Object.values(writes).filter((n) => n > 2).length;
  const unwritten = PEOPLE - Object.keys(writes).length;
  const ok = end.status === 'COMPLETED' && end.failed === 0 && unwritten === 0 && more === 0;
  return {
    end,
    ok,
    line: `status ${end.status}: written ${end.written}, already in sync ${end.alreadyInSync}, failed ${end.failed}; at the vendor: written once ${once}, twice ${twice}, more ${more}, never ${unwritten}`,
  };
}

/** Epoch ms of the first vendor request logged at or after `t` (answered, not refused). */
async function firstRequestAfter(webex: RemoteWebex, t: number, answered = false): Promise<number> {
  const { entries } = await webex.requests();
  const e = entries.find((x) => x.route !== null && Date.parse(x.at) >= t && (!answered || (x.status >= 200 && x.status < 300)));
  return e ? Date.parse(e.at) : NaN;
}

async function restart(): Promise<string[]> {
  const { store, webex } = await setUp();
  const p1 = await ServiceProcess.start(store, ENV);
  const id = await start(p1);
  const t0 = Date.now();
  await waitFor(
    '40 %',
    () => get(p1, id),
    (x) => x.done >= PEOPLE * 0.4,
    3_600_000,
    250,
  );
  const stopAt = Date.now();
  const code = await p1.kill('SIGINT');
  const stoppedAt = Date.now();
  const doneAtStop = Object.keys(await webex.writesPerPerson()).length;
  const spawnAt = Date.now();
  const p2 = await ServiceProcess.start(store, ENV);
  const listeningAt = Date.now();
  const r = await finish(p2, id, webex);
  const resumedAt = await firstRequestAfter(webex, spawnAt);
  await p2.kill('SIGTERM');
  await webex.close();
  await store.drop();
  return [
    `restart (SIGINT at ${doneAtStop}/${PEOPLE} people, exit code ${code}, graceful stop ${s(stoppedAt - stopAt)}): ${r.ok ? 'PASS' : 'FAIL'}`,
    `  ${r.line}; wall ${s(Date.now() - t0)}`,
    `  resume: the vendor saw the next request ${s(resumedAt - spawnAt)} after the new process was started (${s(resumedAt - listeningAt)} after it listened)`,
  ];
}

async function outage(): Promise<string[]> {
  const { store, webex } = await setUp();
  const p = await ServiceProcess.start(store, ENV);
  const id = await start(p);
  const t0 = Date.now();
  await waitFor(
    '30 %',
    () => get(p, id),
    (x) => x.done >= PEOPLE * 0.3,
    3_600_000,
    250,
  );
  const downAt = Date.now();
  await webex.inject({ downForSeconds: OUTAGE_SECONDS, downMode: 'refuse' });
  const upAt = downAt + OUTAGE_SECONDS * 1000;
  const codes = new Set<string>();
  let waitingFrom = NaN;
  let waitingTo = NaN;
  for (;;) {
    const x = await get(p, id);
    if (x.isWaiting) {
      if (Number.isNaN(waitingFrom)) waitingFrom = Date.now();
      waitingTo = Date.now();
      if (x.waiting?.code) codes.add(x.waiting.code);
    }
    if (x.failed > 0) throw new Error(`failed during the outage: ${JSON.stringify(x)}`);
    if (x.status !== 'RUNNING') break;
    await new Promise((res) => setTimeout(res, 500));
  }
  const sawWaiting = !Number.isNaN(waitingFrom);
  const waits = p.count('roll-out waiting: the vendor is unavailable');
  const resumes = p.count('roll-out resumed: the vendor answers again');
  if (process.env.BENCH_DEBUG) {
    const msgs: Record<string, number> = {};
    for (const l of p.logs) msgs[l.msg] = (msgs[l.msg] ?? 0) + 1;
    process.stdout.write(`${JSON.stringify(msgs)}\n`);
  }
  const r = await finish(p, id, webex);
  const continuedAt = await firstRequestAfter(webex, upAt, true);
  await p.kill('SIGTERM');
  await webex.close();
  await store.drop();
  return [
    `outage (Webex refusing connections for ${OUTAGE_SECONDS} s from ${(PEOPLE * 0.3) | 0}+ people): ${r.ok && sawWaiting ? 'PASS' : 'FAIL'}`,
    `  ${r.line}; wall ${s(Date.now() - t0)}`,
    `  the roll-out ${sawWaiting ? `showed waiting (${[...codes].join(', ')}) from ${s(waitingFrom - downAt)} after the outage began until ${s(waitingTo - upAt)} after it ended` : 'was never shown waiting'}; first answered vendor request ${s(continuedAt - upAt)} after the vendor was back (holds back off up to 30 s); log: ${waits} waits began, ${resumes} ended`,
  ];
}

async function sigkill(): Promise<string[]> {
  const { store, webex } = await setUp();
  const a = await ServiceProcess.start(store, ENV);
  const b = await ServiceProcess.start(store, ENV);
  const id = await start(a);
  const t0 = Date.now();
  const db = new pg.Client({ connectionString: store.databaseUrl });
  await db.connect();
  const heldBy = async (pid: number) =>
    (
      await db.query(
        `SELECT person_id FROM ${store.pgSchema}.policy_rollout_items WHERE rollout_id = $1 AND status = 'PENDING' AND lease_owner LIKE $2 AND lease_until > now()`,
        [id, `%:${pid}:%`],
      )
    ).rows.map((r) => r.person_id as string);
  await waitFor(
    '30 % with A holding people',
    async () => ({ x: await get(b, id), held: (await heldBy(a.pid)).length }),
    (v) => v.x.done >= PEOPLE * 0.3 && v.held > 0,
    3_600_000,
    100,
  );
  await a.kill('SIGKILL');
  const killedAt = Date.now();
  const held = await heldBy(a.pid);
  const takenAt = await waitFor(
    "the dead replica's people taken over",
    async () => {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM ${store.pgSchema}.policy_rollout_items WHERE rollout_id = $1 AND person_id = ANY($2) AND status = 'PENDING' AND (lease_owner IS NULL OR lease_owner LIKE $3)`,
        [id, held, `%:${a.pid}:%`],
      );
      return { n: rows[0].n as number, at: Date.now() };
    },
    (v) => v.n === 0,
    120_000,
    50,
  );
  await db.end();
  const r = await finish(b, id, webex);
  await b.kill('SIGTERM');
  await webex.close();
  await store.drop();
  return [
    `sigkill (two replicas, kill -9 of one holding ${held.length} people): ${r.ok ? 'PASS' : 'FAIL'}`,
    `  ${r.line}; wall ${s(Date.now() - t0)}`,
    `  take-over: every person the dead replica held was claimed (or finished) by the survivor ${s(takenAt.at - killedAt)} after the kill (lease 10 s, renewed every 3.3 s)`,
  ];
}

async function main(): Promise<void> {
  const header = `roll-out of a policy to ${PEOPLE} Webex people, the real service process, ${server ? 'PostgreSQL server' : 'embedded PGlite (data directory)'}; emulator rate ${RATE} req/s per token (sandbox default 5)`;
  process.stdout.write(`${header}\n`);
  let failed = false;
  const runs: Record<string, () => Promise<string[]>> = { restart, outage, sigkill };
  for (const name of SCENARIOS) {
    const run = runs[name];
    if (!run) throw new Error(`unknown scenario ${name}`);
    if (name === 'sigkill' && !server) {
      process.stdout.write('sigkill: needs DATABASE_URL (two replica processes on one PostgreSQL)\n');
      continue;
    }
    const lines = await run();
    if (lines[0]!.includes('FAIL')) failed = true;
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  process.exit(failed ? 1 : 0);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:rollout-crash failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
