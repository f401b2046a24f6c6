import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { ok } from '../helpers/app';
import { connectWebex, startReplica, startWebex, Store, waitFor, WEBEX_CONNECTION_ID, type RemoteWebex, type Replica } from './helpers';

/**
 * Issue 14, point 1 for the sync queue and the scheduled reconcile: an unavailable vendor (down, breaker open,
 * credentials refused) leaves a policy PENDING past any attempt count and past SYNC_DEADLINE_SECONDS, and a
 * reconcile run skips it and reads it again later, never marking it DRIFTED or FAILED.
 */
const RATE = 50;
const CREATE = `mutation($input: CreateRecordingPolicyInput!) { createRecordingPolicy(input: $input) { policy { id syncStatus } sync { status } } }`;
const POLICY = `query($id: ID!) { recordingPolicy(id: $id) { id version syncStatus syncedVersion lastSyncError { code } lastReconciledAt drift { field } } }`;

describe('the sync queue and the scheduled reconcile wait for an unavailable vendor', () => {
  let webex: RemoteWebex;
  let store: Store;
  let r: Replica;
  before(async () => {
    webex = await startWebex(20, RATE);
    store = new Store();
    r = await startReplica(store, webex, {
      ratePerSecond: RATE,
      inMemory: true,
      // A deadline that passes during the outage, quick retries, and a breaker that half-opens after a second.
      env: { SYNC_DEADLINE_SECONDS: '5', SYNC_RETRY_DELAY_SECONDS: '1', APPLY_WAIT_MS: '1000', RECONCILE_INTERVAL_SECONDS: '3600' },
      connectionSettings: { 'http.breakerHalfOpenMs': '1000', 'http.maxRetries': '1' },
    });
  });
  after(async () => {
    await r.close();
    await store.drop();
    await webex.close();
  });

  const policy = async (id: string) => ok(await r.gql(POLICY, { id })).recordingPolicy;
  const attempts = async (id: string) =>
    Number(
      (
        (await r.app.database.db.execute(sql`SELECT sync_attempts AS n FROM recording_policies WHERE id = ${id}`)) as unknown as {
          rows: { n: number }[];
        }
      ).rows[0]!.n,
    );

  it('a policy stays PENDING while the vendor is down, past its deadline and many attempts, then becomes IN_SYNC by itself', async () => {
    await webex.inject({ downForSeconds: 14 });
    const created = ok(
      await r.gql(CREATE, {
        input: { connectionId: WEBEX_CONNECTION_ID, name: 'down', scope: { kind: 'PERSON', id: webex.personId(1) }, rules: { mode: 'ALWAYS' } },
      }),
    ).createRecordingPolicy;
    assert.equal(created.sync.status, 'PENDING');
    const id = created.policy.id;
    const seen = new Set<string>();
    await waitFor(
      'several attempts past the deadline',
      async () => {
        const p = await policy(id);
        seen.add(p.syncStatus);
        return attempts(id);
      },
      (n) => n >= 4,
      30_000,
      200,
    );
    assert.deepEqual([...seen], ['PENDING'], 'never FAILED while the vendor is away');
    const end = await waitFor(
      'IN_SYNC',
      () => policy(id),
      (p) => (seen.add(p.syncStatus), p.syncStatus !== 'PENDING'),
      60_000,
      250,
    );
    assert.equal(end.syncStatus, 'IN_SYNC');
    assert.equal(end.syncedVersion, end.version);
    assert.ok(!seen.has('FAILED'));
  });

  it('refused credentials leave a policy PENDING, and it syncs once the connection is fixed', async () => {
    await connectWebex(r.app, webex, RATE, 'revoked-token', { 'http.breakerHalfOpenMs': '1000' });
    const created = ok(
      await r.gql(CREATE, {
        input: { connectionId: WEBEX_CONNECTION_ID, name: 'auth', scope: { kind: 'PERSON', id: webex.personId(2) }, rules: { mode: 'ALWAYS' } },
      }),
    ).createRecordingPolicy;
    assert.equal(created.sync.status, 'PENDING');
    await waitFor(
      'a couple of attempts',
      () => attempts(created.policy.id),
      (n) => n >= 2,
      30_000,
      200,
    );
    const waiting = await policy(created.policy.id);
    assert.equal(waiting.syncStatus, 'PENDING');
    assert.equal(waiting.lastSyncError.code, 'VENDOR_AUTH_FAILED');
    await connectWebex(r.app, webex, RATE, undefined, { 'http.breakerHalfOpenMs': '1000' });
    const end = await waitFor(
      'IN_SYNC',
      () => policy(created.policy.id),
      (p) => p.syncStatus !== 'PENDING',
      60_000,
      250,
    );
    assert.equal(end.syncStatus, 'IN_SYNC');
  });

  it('a reconcile run with the vendor down marks nothing DRIFTED or FAILED, reads it again when the vendor is back, through the shared schedule', async () => {
    const created = ok(
      await r.gql(CREATE, {
        input: { connectionId: WEBEX_CONNECTION_ID, name: 'reconcile', scope: { kind: 'PERSON', id: webex.personId(3) }, rules: { mode: 'ALWAYS' } },
      }),
    ).createRecordingPolicy;
    const id = created.policy.id;
    await waitFor(
      'IN_SYNC',
      () => policy(id),
      (p) => p.syncStatus === 'IN_SYNC',
      30_000,
      200,
    );
    const before = await policy(id);
    const paced = r.app.services.reconcile.pacedRequests;
    await webex.inject({ downForSeconds: 4 });
    const run = await r.app.services.reconcile.runOnce();
    assert.ok(run.held >= 1, `held ${run.held}`);
    assert.equal(run.skipped, 0, 'read again within the run once the vendor was back');
    assert.equal(run.drifted, 0);
    assert.equal(run.errors, 0);
    const after = await policy(id);
    assert.equal(after.syncStatus, 'IN_SYNC');
    assert.deepEqual(after.drift, []);
    assert.ok(Date.parse(after.lastReconciledAt ?? '0') > Date.parse(before.lastReconciledAt ?? '0'), 'reconciled once the vendor answered');
    assert.ok(r.app.services.reconcile.pacedRequests > paced, 'its reads took slots on the connection-wide schedule');
  });
});
