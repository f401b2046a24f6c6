import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ok } from '../helpers/app';
import { bossSchemaOf } from '../../src/store/job-queue';
import { ROLLOUT_QUEUE } from '../../src/services/rollout/worker';
import { WEBEX_DEFAULT_TOKEN } from '../../src/sandbox/webex/emulator';
import {
  ALWAYS,
  DEMO_TENANT_ID,
  GET,
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
 * Roll-outs on several connections (each with its own rate) share one replica's two workers (ROLLOUTS.md, "Sharing
 * the workers"). Found by use: three roll-outs started together ran one after another, both workers on the first
 * (a second worker on one connection gains nothing), the third showing 0 done until the first two had finished.
 */
const CONNECT = `mutation($input: ConnectVendorInput!) { connectVendor(input: $input) { connection { id } } }`;
const PEOPLE = 40;
const RATE = 10;

interface Row {
  id: string;
  status: string;
  done: number;
}

async function setUp(env: Record<string, string>): Promise<{ r: Replica; store: Store; webexes: RemoteWebex[]; connectionIds: string[] }> {
  const webexes: RemoteWebex[] = [];
  for (let i = 0; i < 3; i++) webexes.push(await startWebex(PEOPLE, RATE));
  const store = new Store();
  const r = await startReplica(store, webexes[0]!, {
    ratePerSecond: RATE,
    inMemory: true,
    env: { ROLLOUT_WORKERS: '2', ROLLOUT_LEASE_SECONDS: '3', ...env },
  });
  const connectionIds = [WEBEX_CONNECTION_ID];
  for (let i = 1; i < 3; i++) {
    const input = {
      tenantId: DEMO_TENANT_ID,
      vendor: 'WEBEX',
      name: `Webex ${i}`,
      baseUrl: webexes[i]!.apiBaseUrl,
      credentials: [{ name: 'accessToken', value: WEBEX_DEFAULT_TOKEN }],
      settings: [
        { name: 'http.ratePerSecond', value: String(RATE) },
        { name: 'http.burst', value: String(RATE) },
      ],
    };
    connectionIds.push(ok(await r.gql(CONNECT, { input })).connectVendor.connection.id);
  }
  return { r, store, webexes, connectionIds };
}

async function tearDown(s: Awaited<ReturnType<typeof setUp>>): Promise<void> {
  await s.r.close();
  await s.store.drop();
  for (const w of s.webexes) await w.close();
}

async function startOn(r: Replica, connectionId: string): Promise<string> {
  return ok(await r.gql(START, { input: { connectionId, name: 'fair', rules: ALWAYS, scope: { all: true } } })).startPolicyRollout.rollout.id;
}

async function rows(r: Replica, ids: string[]): Promise<Row[]> {
  return Promise.all(ids.map(async (id) => ok(await r.gql(GET, { id })).policyRollout as Row));
}

const show = (xs: Row[]) => xs.map((x) => `${x.status}:${x.done}`).join(' ');

describe('roll-outs on several connections share the workers', () => {
  let s: Awaited<ReturnType<typeof setUp>>;
  before(async () => {
    s = await setUp({ ROLLOUT_SLICE_SECONDS: '5' });
  });
  after(() => tearDown(s));

  it('every running roll-out moves before any of them finishes (two workers, three connections)', async () => {
    const ids: string[] = [];
    for (const c of s.connectionIds) ids.push(await startOn(s.r, c));
    // 40 people at 10 requests a second (a read and a write each) take 8 s on one connection: the first slice (5 s)
    // ends before any roll-out can finish, and the third roll-out's lead takes the worker a lead hands over.
    const first = await waitFor(
      'a roll-out to finish',
      () => rows(s.r, ids),
      (xs) => xs.some((x) => x.status !== 'RUNNING'),
      120_000,
      250,
    );
    for (const x of first) assert.ok(x.done > 0, `every roll-out has people done when the first finishes: ${show(first)}`);
    const end = await waitFor(
      'all three to finish',
      () => rows(s.r, ids),
      (xs) => xs.every((x) => x.status !== 'RUNNING'),
      120_000,
      500,
    );
    for (const x of end) {
      assert.equal(x.status, 'COMPLETED');
      assert.equal(x.done, PEOPLE);
    }
  });
});

describe('a job whose key already runs does not hold up the roll-out queue', () => {
  let s: Awaited<ReturnType<typeof setUp>>;
  before(async () => {
    // Long slices: nothing is handed over while the test runs, so only the queue's order decides who gets a worker.
    s = await setUp({ ROLLOUT_SLICE_SECONDS: '60' });
  });
  after(() => tearDown(s));

  it('another roll-out starts while the first runs, past a stale copy of a running job', async () => {
    const db = s.r.app.database;
    const job = `${bossSchemaOf(db)}.job`;
    const r1 = await startOn(s.r, s.connectionIds[0]!);
    await waitFor(
      'the first roll-out to run',
      () => rows(s.r, [r1]),
      ([x]) => (x?.done ?? 0) > 0,
      30_000,
      100,
    );
    // What a retry after a hard kill (or after a job outlived its expiry) leaves: a waiting copy of a running job,
    // older than anything else queued. A `stately` queue then fetched nothing at all until the running one ended.
    const copied = await db.rawQuery<{ id: string }>(
      `INSERT INTO ${job} (name, data, singleton_key, priority, policy, expire_in, retry_limit, created_on)
       SELECT name, data, singleton_key, priority, policy, expire_in, retry_limit, created_on - interval '1 hour'
         FROM ${job} WHERE name = $1 AND state = 'active' AND data->>'rolloutId' = $2 AND data->>'shard' = '0' LIMIT 1 RETURNING id`,
      [ROLLOUT_QUEUE, r1],
    );
    assert.equal(copied.length, 1, 'the first roll-out runs its lead job');
    const r2 = await startOn(s.r, s.connectionIds[1]!);
    const seen = await waitFor(
      'the second roll-out to move',
      () => rows(s.r, [r1, r2]),
      ([, b]) => (b?.done ?? 0) > 0 || b?.status !== 'RUNNING',
      60_000,
      250,
    );
    assert.equal(seen[0]!.status, 'RUNNING', `the second roll-out moved while the first still ran: ${show(seen)}`);
    // The copy ran beside the job it copies for a moment only: the replica saw its key running and let it end.
    const [copy] = await db.rawQuery<{ state: string }>(`SELECT state FROM ${job} WHERE id = $1`, [copied[0]!.id]);
    assert.equal(copy?.state, 'completed');
    const end = await waitFor(
      'both to finish',
      () => rows(s.r, [r1, r2]),
      (xs) => xs.every((x) => x.status !== 'RUNNING'),
      120_000,
      500,
    );
    for (const x of end) assert.deepEqual([x.status, x.done], ['COMPLETED', PEOPLE]);
  });
});
