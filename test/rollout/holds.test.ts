import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { errorOf, ok } from '../helpers/app';
import {
  ALWAYS,
  DEMO_TENANT_ID,
  GET as GET_PLAIN,
  GET_WAITING as GET,
  START,
  startReplica,
  startWebex,
  Store,
  waitFor,
  WEBEX_CONNECTION_ID,
  type RemoteWebex,
  type Replica,
} from './helpers';

/**
 * Issue 14, point 1: a vendor that is down, throttling or behind an open breaker holds a roll-out; it never fails a
 * person. Point 3: the failed people of a finished roll-out can be run again, and each person's history says what
 * every attempt answered.
 */
const RATE = 50;
const server = !!process.env.DATABASE_URL;
const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;

const OUTCOMES = `query($id: ID!, $status: PolicyRolloutOutcomeStatus) { policyRollout(id: $id) {
  outcomes(first: 100, status: $status) { nodes { personId status attempts error { code message } history { attempt round at outcome code message requests } } } } }`;

describe('an unavailable vendor holds a roll-out; it never fails a person', () => {
  let webex: RemoteWebex;
  let store: Store;
  let r: Replica;
  const logs: Record<string, any>[] = [];
  before(async () => {
    webex = await startWebex(200, RATE);
    store = new Store();
    // A breaker that half-opens after 2 s (30 s by default) and a Retry-After cap of 1 s, so a test sees both soon.
    r = await startReplica(store, webex, {
      ratePerSecond: RATE,
      inMemory: true,
      logs,
      connectionSettings: { 'http.breakerHalfOpenMs': '2000', 'http.retryAfterCapMs': '1000', 'http.maxRetries': '1' },
    });
  });
  after(async () => {
    await r.close();
    await store.drop();
    await webex.close();
  });

  const get = async (id: string) => ok(await r.gql(GET, { id })).policyRollout;
  const finished = (id: string) =>
    waitFor(
      `roll-out ${id} to finish`,
      () => get(id),
      (x) => x.status !== 'RUNNING',
      180_000,
      250,
    );
  const start = async (scope: Record<string, unknown>, rules: Record<string, unknown> = ALWAYS) =>
    ok(await r.gql(START, { input: { connectionId: WEBEX_CONNECTION_ID, name: 'hold', rules, scope } })).startPolicyRollout.rollout;

  it('waits through a 35 s outage mid-job (longer than any per-person retry budget), saying why and when, then completes by itself with 0 failed', async () => {
    const rollout = await start({ all: true });
    await waitFor(
      'some progress',
      () => get(rollout.id),
      (x) => x.done >= 30,
      60_000,
      100,
    );
    await webex.inject({ downForSeconds: 35 });
    // While down: RUNNING, waiting with the reason and the next attempt; nobody failed.
    const seen: any[] = [];
    const waiting = await waitFor(
      'the wait',
      () => get(rollout.id),
      (x) => (seen.push(x), x.isWaiting),
      30_000,
      200,
    );
    assert.equal(waiting.status, 'RUNNING');
    assert.equal(waiting.waiting.code, 'VENDOR_UNAVAILABLE');
    assert.ok(waiting.waiting.reason.length > 0);
    assert.ok(Date.parse(waiting.waiting.nextAttemptAt) > Date.parse(waiting.waiting.since));
    // The breaker opens during the outage: still a wait, with its own reason.
    const breaker = await waitFor(
      'the breaker',
      () => get(rollout.id),
      (x) => (seen.push(x), /too many recent failures/.test(x.waiting?.reason ?? '')),
      30_000,
      200,
    );
    assert.equal(breaker.failed, 0);
    const end = await finished(rollout.id);
    assert.equal(end.status, 'COMPLETED');
    assert.equal(end.failed, 0);
    assert.equal(end.written, 200);
    assert.equal(end.isWaiting, false);
    assert.ok(
      seen.every((x) => x.failed === 0),
      'nobody failed at any moment of the outage',
    );
    // Each person written once: the outage reset requests before the emulator processed them.
    const writes = await webex.writesPerPerson();
    assert.equal(Object.keys(writes).length, 200);
    assert.deepEqual(
      Object.entries(writes).filter(([, n]) => n !== 1),
      [],
    );
    // Some person's history shows the wait, then the write.
    const nodes = ok(await r.gql(OUTCOMES, { id: rollout.id })).policyRollout.outcomes.nodes;
    const waited = nodes.find((n: any) => n.history.some((h: any) => h.outcome === 'WAITING'));
    assert.ok(waited, 'a person attempted during the outage');
    assert.equal(waited.history.at(-1).outcome, 'WRITTEN');
    assert.equal(waited.history.find((h: any) => h.outcome === 'WAITING').code, 'VENDOR_UNAVAILABLE');
    // One info line when it started waiting and one when it resumed; no person failed, so no warn line.
    const mine = logs.filter((l) => l.rolloutId === rollout.id);
    assert.ok(mine.filter((l) => l.msg === 'roll-out waiting: the vendor is unavailable').length >= 1);
    assert.ok(mine.filter((l) => l.msg === 'roll-out resumed: the vendor answers again').length >= 1);
    assert.equal(mine.filter((l) => l.msg === 'roll-out person failed').length, 0);
    const info = mine.find((l) => l.msg === 'roll-out waiting: the vendor is unavailable')!;
    assert.equal(info.level, 'info');
    assert.ok(info.nextAttemptAt && info.code === 'VENDOR_UNAVAILABLE');
  });

  it('a Retry-After longer than the layer waits out becomes the next attempt time', async () => {
    const ids = [webex.personId(0), webex.personId(1), webex.personId(2)];
    await webex.inject({ rateLimit: { count: 1, retryAfterSeconds: 6 } });
    const rollout = await start({ personIds: ids }, { mode: 'NEVER' });
    const waiting = await waitFor(
      'the wait',
      () => get(rollout.id),
      (x) => x.isWaiting || x.status !== 'RUNNING',
      30_000,
      100,
    );
    assert.equal(waiting.isWaiting, true);
    assert.ok(Date.parse(waiting.waiting.nextAttemptAt) - Date.parse(waiting.waiting.since) >= 5_000, 'not before the vendor said');
    const end = await finished(rollout.id);
    assert.equal(end.status, 'COMPLETED');
    assert.deepEqual([end.written, end.failed], [3, 0]);
  });

  it('retryFailedRolloutPeople re-runs only the failed people; the history says what each attempt answered; audited', async () => {
    const unknown = Buffer.from('ciscospark://us/PEOPLE/9e0d1e00-0000-4000-8000-0000000ffffe').toString('base64').replace(/=+$/, '');
    const ids = [webex.personId(20), unknown, webex.personId(21)];
    const rollout = await start({ personIds: ids }, { mode: 'ON_DEMAND' });
    const first = await finished(rollout.id);
    assert.equal(first.status, 'COMPLETED_WITH_ERRORS');
    assert.deepEqual([first.written, first.failed], [2, 1]);
    const failedLine = logs.find((l) => l.msg === 'roll-out person failed' && l.rolloutId === rollout.id);
    assert.ok(failedLine, 'a warn line for the failed person');
    assert.equal(failedLine.level, 'warn');
    assert.equal(failedLine.personId, unknown);
    assert.equal(failedLine.code, 'VENDOR_REJECTED');
    assert.ok(failedLine.message);
    assert.ok(!JSON.stringify(failedLine).includes('Bearer'));

    const before = (await webex.requests({ limit: 1 })).entries[0]?.seq ?? 0;
    const RETRY = `mutation($input: RetryFailedRolloutPeopleInput!) { retryFailedRolloutPeople(input: $input) { retried rollout { id status round } } }`;
    const retried = ok(await r.gql(RETRY, { input: { rolloutId: rollout.id } })).retryFailedRolloutPeople;
    assert.equal(retried.retried, 1);
    assert.equal(retried.rollout.status, 'RUNNING');
    assert.equal(retried.rollout.round, 1);
    const second = await finished(rollout.id);
    assert.equal(second.status, 'COMPLETED_WITH_ERRORS');
    assert.deepEqual([second.written, second.failed], [2, 1]);
    // Only the failed person was tried again.
    const paths = (await webex.requests({ since: before })).entries.filter((e) => e.route !== null).map((e) => e.path);
    assert.ok(paths.length > 0);
    assert.ok(
      paths.every((p) => p.includes(unknown)),
      `only the failed person: ${JSON.stringify(paths)}`,
    );

    const nodes = ok(await r.gql(OUTCOMES, { id: rollout.id })).policyRollout.outcomes.nodes;
    const byId = new Map(nodes.map((n: any) => [n.personId, n]));
    const u: any = byId.get(unknown);
    assert.deepEqual(
      u.history.map((h: any) => [h.round, h.outcome, h.code]),
      [
        [0, 'FAILED', 'VENDOR_REJECTED'],
        [1, 'FAILED', 'VENDOR_REJECTED'],
      ],
    );
    assert.match(u.history[1].message, /not found|rejected/i);
    const w: any = byId.get(webex.personId(20));
    assert.deepEqual(
      w.history.map((h: any) => [h.round, h.outcome]),
      [[0, 'WRITTEN']],
    );

    const audit = ok(
      await r.gql(`query($t: ID!, $id: ID) { auditLog(tenantId: $t, targetId: $id, first: 10) { nodes { action outcome after } } }`, {
        t: DEMO_TENANT_ID,
        id: rollout.id,
      }),
    ).auditLog.nodes;
    const actions = audit.map((a: any) => a.action);
    assert.ok(actions.includes('ROLLOUT_RETRY_FAILED'), JSON.stringify(actions));
    assert.equal(audit.find((a: any) => a.action === 'ROLLOUT_RETRY_FAILED').outcome.people, 1);
    assert.equal(actions.filter((a: string) => a === 'ROLLOUT_COMPLETE').length, 2);

    // Only a roll-out that finished with errors can be retried.
    const done = await start({ personIds: [webex.personId(22)] }, { mode: 'ON_DEMAND' });
    await finished(done.id);
    assert.equal(errorOf(await r.gql(RETRY, { input: { rolloutId: done.id } })).code, 'INVALID_TRANSITION');
    assert.equal(errorOf(await r.gql(RETRY, { input: { rolloutId: '00000000-0000-4000-8000-000000000001' } })).code, 'NOT_FOUND');
  });
});

describe(
  server
    ? 'a long Retry-After: the lease is renewed, no second worker takes that person (PostgreSQL server)'
    : 'a long Retry-After: the lease is renewed, no second worker takes that person (embedded database shared by two apps)',
  () => {
    let webex: RemoteWebex;
    let store: Store;
    let a: Replica;
    let b: Replica;
    before(async () => {
      webex = await startWebex(20, RATE);
      store = new Store();
      // The shortest lease allowed (2 s, renewed every 2/3 s); the vendor asks one write to wait 8 s, four leases.
      const env = { ROLLOUT_LEASE_SECONDS: '2', ROLLOUT_WORKERS: '1', ROLLOUT_LANES: '2' };
      a = await startReplica(store, webex, { ratePerSecond: RATE, inMemory: true, env });
      b = await startReplica(store, webex, { ratePerSecond: RATE, inMemory: true, env, database: server ? undefined : a.app.database });
    });
    after(async () => {
      await b.close();
      await a.close();
      await store.drop();
      await webex.close();
    });

    it('keeps the person with its worker for the whole wait and writes it once', async () => {
      const person = webex.personId(5);
      await webex.inject({ rateLimit: { count: 1, retryAfterSeconds: 8 }, match: { method: 'PUT', path: `/v1/people/${person}/` } });
      const renewalsBefore = a.app.services.rollouts.stats.leaseRenewals + b.app.services.rollouts.stats.leaseRenewals;
      const ids = Array.from({ length: 10 }, (_, i) => webex.personId(i));
      const rollout = ok(await a.gql(START, { input: { connectionId: WEBEX_CONNECTION_ID, name: 'slow', rules: ALWAYS, scope: { personIds: ids } } }))
        .startPolicyRollout.rollout;
      // Until the 429'd write is done, the person stays claimed by one owner (renewed, never expired and re-taken).
      const owners = new Set<string>();
      const end = await waitFor(
        'the roll-out',
        async () => {
          const rows = rowsOf<{ lease_owner: string | null }>(
            await a.app.database.db.execute(
              sql`SELECT lease_owner FROM policy_rollout_items WHERE rollout_id = ${rollout.id} AND person_id = ${person}`,
            ),
          );
          if (rows[0]?.lease_owner) owners.add(rows[0].lease_owner);
          return ok(await a.gql(GET_PLAIN, { id: rollout.id })).policyRollout;
        },
        (x) => x.status !== 'RUNNING',
        60_000,
        100,
      );
      assert.equal(end.status, 'COMPLETED');
      assert.equal(end.written, 10);
      const writes = await webex.writesPerPerson();
      assert.equal(writes[person], 1, 'written once: no second worker took it while the first waited out the Retry-After');
      assert.equal(owners.size, 1, `one worker held it: ${[...owners].join(', ')}`);
      const limited = (await webex.requests()).entries.filter((e) => e.status === 429);
      assert.equal(limited.length, 1, 'the vendor did ask for the wait');
      const renewals = a.app.services.rollouts.stats.leaseRenewals + b.app.services.rollouts.stats.leaseRenewals - renewalsBefore;
      assert.ok(renewals >= 4, `leases renewed during the 8 s wait (${renewals})`);
      const history = ok(await a.gql(OUTCOMES, { id: rollout.id })).policyRollout.outcomes.nodes.find((n: any) => n.personId === person).history;
      assert.deepEqual(
        history.map((h: any) => h.outcome),
        ['WRITTEN'],
      );
    });
  },
);
