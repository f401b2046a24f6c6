import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { ok } from '../helpers/app';
import {
  ALWAYS,
  GET,
  lastSeq,
  START,
  startReplica,
  startWebex,
  Store,
  vendorRate,
  waitFor,
  WEBEX_CONNECTION_ID,
  type RemoteWebex,
  type Replica,
} from './helpers';

const PEOPLE = 300;
const RATE = 100;
const server = !!process.env.DATABASE_URL;

const get = async (r: Replica, id: string) => ok(await r.gql(GET, { id })).policyRollout;
const finished = (r: Replica, id: string) =>
  waitFor(
    `roll-out ${id} to finish`,
    () => get(r, id),
    (x) => x.status !== 'RUNNING',
    120_000,
    500,
  );
const startAll = async (r: Replica, rules: Record<string, unknown>) =>
  ok(await r.gql(START, { input: { connectionId: WEBEX_CONNECTION_ID, name: 'fleet', rules, scope: { all: true } } })).startPolicyRollout.rollout;

describe(
  server
    ? 'a roll-out survives its replica: stopped mid-run, continued by a replica started afterwards (PostgreSQL server)'
    : 'a roll-out survives its replica: stopped mid-run, continued by a replica started afterwards on the same data directory (embedded database)',
  () => {
    let webex: RemoteWebex;
    let store: Store;
    before(async () => {
      webex = await startWebex(PEOPLE, RATE);
      store = new Store();
    });
    after(async () => {
      await store.drop();
      await webex.close();
    });

    it('continues where it stopped; no person is written twice; people held by a dead worker are taken over after their lease', async (t) => {
      const a = await startReplica(store, webex, { ratePerSecond: RATE });
      const since = await lastSeq(webex);
      const rollout = await startAll(a, ALWAYS);
      await waitFor(
        'a third done',
        () => get(a, rollout.id),
        (x) => x.done >= PEOPLE / 3,
        60_000,
        200,
      );
      const stopping = Date.now();
      await a.close();
      const stopSeconds = (Date.now() - stopping) / 1000;
      const writesAtStop = await webex.writesPerPerson();
      const doneAtStop = Object.keys(writesAtStop).length;
      // Stopped: lanes finished the people they held and gave back what they had claimed; nothing runs now.
      await new Promise((r) => setTimeout(r, 1000));
      assert.deepEqual(await webex.writesPerPerson(), writesAtStop, 'nothing is written while no replica runs');
      assert.ok(doneAtStop < PEOPLE);

      const restartedAt = Date.now();
      const b = await startReplica(store, webex, { ratePerSecond: RATE });
      try {
        // A worker that died mid-person leaves its claim behind: simulate five, leased for 3 more seconds.
        await b.app.database.db.execute(sql`
          UPDATE policy_rollout_items SET lease_owner = 'dead-replica', lease_until = now() + interval '3 seconds', attempts = attempts + 1
          WHERE rollout_id = ${rollout.id} AND person_id IN (SELECT person_id FROM policy_rollout_items WHERE rollout_id = ${rollout.id} AND status = 'PENDING' ORDER BY seq DESC LIMIT 5)`);
        const end = await finished(b, rollout.id);
        assert.equal(end.status, 'COMPLETED');
        assert.equal(end.done, PEOPLE);
        assert.equal(end.written, PEOPLE);

        const writes = await webex.writesPerPerson();
        assert.equal(Object.keys(writes).length, PEOPLE);
        const twice = Object.entries(writes).filter(([, n]) => n > 1);
        assert.deepEqual(twice, [], 'no person written twice (a graceful stop leaves nothing in flight)');

        const log = (await webex.requests({ since })).entries.filter((e) => e.route !== null);
        const firstAfter = log.find((e) => Date.parse(e.at) >= restartedAt);
        const resumeSeconds = (Date.parse(firstAfter!.at) - restartedAt) / 1000;
        const m = await vendorRate(webex, since);
        t.diagnostic(
          `stopped after ${doneAtStop}/${PEOPLE} people (the stop took ${stopSeconds.toFixed(2)} s); the vendor saw the next request ${resumeSeconds.toFixed(2)} s after a new replica began starting; ${twice.length} people written twice; ${m.limited} requests answered 429`,
        );
        assert.ok(m.share429 <= 0.02);
      } finally {
        await b.close();
      }
    });
  },
);

describe(
  server
    ? 'two replicas share one roll-out (PostgreSQL server: two apps with their own pools and job queues)'
    : 'two replicas share one roll-out (embedded database: two apps on one PGlite in this process, as a PGlite cannot be opened by two processes)',
  () => {
    let webex: RemoteWebex;
    let store: Store;
    let a: Replica;
    let b: Replica;
    before(async () => {
      webex = await startWebex(PEOPLE, RATE);
      store = new Store();
      a = await startReplica(store, webex, { ratePerSecond: RATE, inMemory: true });
      b = await startReplica(store, webex, { ratePerSecond: RATE, inMemory: true, database: server ? undefined : a.app.database });
    });
    after(async () => {
      await b.close();
      await a.close();
      await store.drop();
      await webex.close();
    });

    it('they share it: every person written once by one of them, and together they stay within the vendor rate', async (t) => {
      const since = await lastSeq(webex);
      const rollout = await startAll(a, { mode: 'ON_DEMAND', calls: { voicemail: true } });
      const end = await finished(b, rollout.id);
      assert.equal(end.status, 'COMPLETED');
      assert.equal(end.written, PEOPLE);
      // A person is finished once (written, already in sync or failed); `items` counts attempts, and a person held
      // back by a 429 (allowed below, at most 2%) is attempted again, by either replica.
      const finishedBy = (r: Replica) => {
        const s = r.app.services.rollouts.stats;
        return s.written + s.alreadyInSync + s.failed;
      };
      const byA = finishedBy(a);
      const byB = finishedBy(b);
      const attempts = a.app.services.rollouts.stats.items + b.app.services.rollouts.stats.items;
      t.diagnostic(`replica A finished ${byA} people, replica B ${byB}; ${attempts} attempts in all`);
      // Which replica's jobs the queue hands out first is scheduling (under load one replica can take every person);
      // the split is reported, and what is asserted is counted: every person once, by one of the two, within the rate.
      assert.equal(byA + byB, PEOPLE);
      const writes = await webex.writesPerPerson();
      assert.equal(Object.keys(writes).length, PEOPLE);
      assert.ok(
        Object.values(writes).every((n) => n === 1),
        'no person written twice',
      );
      // One budget for both: the vendor saw the allowed rate, not twice it, and (almost) no 429.
      const m = await vendorRate(webex, since);
      t.diagnostic(`vendor saw ${m.achieved.toFixed(1)} req/s of ${RATE} allowed, ${m.limited} answered 429`);
      assert.ok(m.share429 <= 0.02, `429 share ${(m.share429 * 100).toFixed(2)}%`);
      assert.ok(m.achieved <= RATE * 1.05, `two replicas together: ${m.achieved.toFixed(1)} req/s`);
      // The pace itself is a wall-clock figure, reported above and measured by bench:rollout, not asserted here.
    });
  },
);

describe(
  server
    ? 'a replica that dies mid-run: another replica started afterwards continues at once (PostgreSQL server)'
    : 'a replica that dies mid-run: another replica started afterwards continues at once (embedded database shared in this process)',
  () => {
    let webex: RemoteWebex;
    let store: Store;
    before(async () => {
      webex = await startWebex(PEOPLE, RATE);
      store = new Store();
    });
    after(async () => {
      await store.drop();
      await webex.close();
    });

    it('takes over the people the dead replica held once their lease ends; nobody is written twice', async (t) => {
      const a = await startReplica(store, webex, { ratePerSecond: RATE, inMemory: true });
      // Closed whatever happens: a failure before the take-over would otherwise leave A's jobs running and the file hanging.
      let thaw: () => void = () => undefined;
      let b: Replica | undefined;
      try {
        const rollout = await startAll(a, { mode: 'ALWAYS', calls: { voicemail: false }, pauseResumeNotification: { enabled: true, type: 'BEEP' } });
        await waitFor(
          'some progress',
          () => get(a, rollout.id),
          (x) => x.done >= PEOPLE / 4,
          60_000,
          200,
        );
        // "Kill" A without a goodbye: its lanes hang before their next request, holding the people they claimed, and
        // its jobs stay active in the queue. (A real kill also loses requests in flight; here none are lost.)
        const frozen = new Promise<void>((r) => (thaw = r));
        const pacers = (a.app.services.rollouts as unknown as { worker: { pacers: Map<string, { take: () => Promise<void> }> } }).worker.pacers;
        for (const p of pacers.values()) p.take = () => frozen.then(() => Promise.reject(new Error('replica died')));
        // A dead replica renews no lease either (a live one keeps the people it is still working on, issue 14).
        (a.app.services.stores.rollouts as unknown as { renewLeases: () => Promise<string[]> }).renewLeases = () => frozen.then(() => []);
        await new Promise((r) => setTimeout(r, 300));
        const held = Number(
          (
            (await a.app.database.db.execute(
              sql`SELECT count(*)::int AS n FROM policy_rollout_items WHERE rollout_id = ${rollout.id} AND status = 'PENDING' AND lease_until > now()`,
            )) as unknown as { rows: { n: number }[] }
          ).rows[0]!.n,
        );
        const writesAtDeath = Object.keys(await webex.writesPerPerson()).length;
        const restartedAt = Date.now();
        b = await startReplica(store, webex, { ratePerSecond: RATE, inMemory: true, database: server ? undefined : a.app.database });
        const end = await finished(b, rollout.id);
        const tookSeconds = (Date.now() - restartedAt) / 1000;
        assert.equal(end.status, 'COMPLETED');
        assert.equal(end.written, PEOPLE);
        const writes = await webex.writesPerPerson();
        assert.equal(Object.keys(writes).length, PEOPLE);
        assert.ok(
          Object.values(writes).every((n) => n === 1),
          'no person written twice',
        );
        t.diagnostic(
          `died after ${writesAtDeath}/${PEOPLE} people holding ${held}; the new replica finished the rest in ${tookSeconds.toFixed(1)} s (lease 10 s)`,
        );
        assert.ok(held > 0, 'the dead replica held people');
      } finally {
        thaw();
        await b?.close();
        await a.close();
      }
    });
  },
);
