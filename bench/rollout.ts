/**
 * Roll-out benchmark (issue 10): a policy to every person of a 5,000-person Webex sandbox org, with the emulator
 * in its own process enforcing a rate per token (429 + Retry-After). Halfway, the replica is stopped and another
 * started on the same database; the run reports the rate the vendor saw against the allowed one, the 429 share,
 * the resume figures (time to continue, people written twice) and the RSS growth over the job.
 *
 *   npm run bench:rollout                       embedded database (PGlite data directory)
 *   DATABASE_URL=postgres://... npm run bench:rollout
 *   BENCH_PEOPLE=5000 BENCH_RATE=200 BENCH_STOP_AT=0.4
 */
import { Store, startReplica, ALWAYS, START, GET, WEBEX_CONNECTION_ID, waitFor, type Replica } from '../test/rollout/helpers';
import { RemoteWebex } from '../test/rollout/webex-process';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 5000);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const STOP_AT = Number(process.env.BENCH_STOP_AT ?? 0.4);

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const signed = (n: number) => `${n >= 0 ? '+' : '-'}${mb(Math.abs(n))}`;

async function main(): Promise<void> {
  const webex = await RemoteWebex.start({ people: PEOPLE, requestsPerSecond: RATE, burst: RATE });
  const store = new Store();
  const env = { ROLLOUT_LEASE_SECONDS: '60', ROLLOUT_SLICE_SECONDS: '120', JOB_POLL_SECONDS: '1' };
  const get = async (r: Replica, id: string) => (await r.gql(GET, { id })).data!.policyRollout;
  let a: Replica | undefined = await startReplica(store, webex, { ratePerSecond: RATE, env });
  const heap: number[] = [];
  const settled = () => {
    global.gc?.();
    const m = process.memoryUsage();
    heap.push(m.heapUsed);
    return m.rss;
  };
  const rssA0 = settled();
  let rssPeak = rssA0;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 250);

  const t0 = Date.now();
  const started = await a.gql(START, { input: { connectionId: WEBEX_CONNECTION_ID, name: 'bench', rules: ALWAYS, scope: { all: true } } });
  if (started.errors) throw new Error(JSON.stringify(started.errors));
  const id = started.data.startPolicyRollout.rollout.id as string;

  await waitFor(
    'the stop point',
    () => get(a!, id),
    (x) => x.done >= PEOPLE * STOP_AT,
    600_000,
    250,
  );
  const rssA1 = settled();
  const stopAt = Date.now();
  await a.close();
  a = undefined;
  const stopMs = Date.now() - stopAt;
  const writesAtStop = await webex.writesPerPerson();
  const restartAt = Date.now();
  const b = await startReplica(store, webex, { ratePerSecond: RATE, env });
  const rssB0 = settled();
  const end = await waitFor(
    'completion',
    () => get(b, id),
    (x) => x.status !== 'RUNNING',
    1_800_000,
    500,
  );
  const wall = (Date.now() - t0) / 1000;
  clearInterval(sampler);
  const rssB1 = settled();

  const log = (await webex.requests()).entries.filter((e) => e.route !== null);
  const at = (e: { at: string }) => Date.parse(e.at);
  const before = log.filter((e) => at(e) < restartAt);
  const afterRestart = log.filter((e) => at(e) >= restartAt);
  const rateOf = (es: typeof log) => (es.length > 1 ? (es.length - 1) / ((at(es[es.length - 1]!) - at(es[0]!)) / 1000) : 0);
  const limited = log.filter((e) => e.status === 429).length;
  const writes = await webex.writesPerPerson();
  const twice = Object.values(writes).filter((n) => n > 1).length;
  const resumeGap = afterRestart.length ? (at(afterRestart[0]!) - restartAt) / 1000 : NaN;
  // The vendor's view of the whole job, without the stretch when no replica ran (stop + restart).
  const downtime = afterRestart.length && before.length ? (at(afterRestart[0]!) - at(before[before.length - 1]!)) / 1000 : 0;
  const span = (at(log[log.length - 1]!) - at(log[0]!)) / 1000;

  const lines = [
    `roll-out to ${PEOPLE} people, ${process.env.DATABASE_URL ? 'PostgreSQL server' : 'embedded PGlite (data directory)'}, allowed ${RATE} req/s per token`,
    `status ${end.status}: written ${end.written}, already in sync ${end.alreadyInSync}, failed ${end.failed}; wall ${wall.toFixed(1)} s`,
    `vendor requests ${log.length} (${limited} answered 429 = ${((100 * limited) / log.length).toFixed(2)}%)`,
    `achieved rate: before the stop ${rateOf(before).toFixed(1)} req/s (${((100 * rateOf(before)) / RATE).toFixed(1)}%), after the restart ${rateOf(afterRestart).toFixed(1)} req/s (${((100 * rateOf(afterRestart)) / RATE).toFixed(1)}%), whole job without the downtime ${((log.length - 1) / (span - downtime)).toFixed(1)} req/s (${((100 * (log.length - 1)) / (span - downtime) / RATE).toFixed(1)}%)`,
    `resume: stopped at ${Object.keys(writesAtStop).length}/${PEOPLE} people; graceful stop took ${(stopMs / 1000).toFixed(2)} s; vendor saw the next request ${resumeGap.toFixed(2)} s after the new replica began starting; people written twice: ${twice}`,
    `RSS (after GC): first replica ${mb(rssA0)} at the start -> ${mb(rssA1)} at the stop (${signed(rssA1 - rssA0)} over ${Object.keys(writesAtStop).length} people); second replica ${mb(rssB0)} -> ${mb(rssB1)} at the end (${signed(rssB1 - rssB0)}); peak ${mb(rssPeak)}. V8 heap after GC: ${heap.map(mb).join(' -> ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  await b.close();
  await store.drop();
  await webex.close();
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:rollout failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
