import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ok, startTestApp, type TestApp } from '../helpers/app';
import { operation } from '../helpers/operations';
import { waitFor } from '../helpers/wait';
import { DEMO_CONNECTION_IDS } from '../../src/sandbox/demo-tenant';

const CREATE = operation('CreateRecordingPolicy');
const UPDATE = operation('UpdateRecordingPolicy');
const RECONCILE = operation('ReconcileRecordingPolicy');
const POLICY = `query($id: ID!) { recordingPolicy(id: $id) { id version syncStatus syncedVersion } }`;

/** How long the Webex sandbox holds the first push of policy A: far longer than any other push here takes. */
const SLOW_PUSH_MS = 8000;

/**
 * Policy sync jobs share one queue across tenants and vendors. Found reading pg-boss 10's fetch: with the queue
 * `stately` (one queued and one active job per policy), a policy whose push was in flight while its next change
 * waited made every fetch of the whole queue fail (the waiting job's key was active), so one slow vendor held every
 * other tenant's policy changes until its push ended. Pushes of one policy must still never overlap: an older push
 * landing after a newer one would leave the vendor on the older version.
 */
describe('policy sync: one slow vendor does not hold other policies, and one policy is never pushed twice at once', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ env: { SANDBOX: 'true' } });
  });
  after(async () => t.close());

  const policy = async (id: string) => ok(await t.gql(POLICY, { id })).recordingPolicy;

  it("another policy's change is pushed while a slow push of a changed-again policy is in flight; the slow one ends on its latest version", async () => {
    const webex = t.app.sandbox!.webex;
    const a = ok(
      await t.gql(CREATE, {
        input: {
          connectionId: DEMO_CONNECTION_IDS.webex,
          name: 'slow vendor',
          scope: { kind: 'PERSON', id: webex.personId(3) },
          rules: { mode: 'ALWAYS', calls: { voicemail: true } },
        },
      }),
    ).createRecordingPolicy.policy;
    const b = ok(
      await t.gql(CREATE, {
        input: {
          connectionId: DEMO_CONNECTION_IDS.megafon,
          name: 'fast vendor',
          scope: { kind: 'SETTINGS_RECORD', id: '52' },
          rules: { mode: 'ALWAYS', calls: { internal: true, external: true } },
        },
      }),
    ).createRecordingPolicy.policy;
    assert.equal(a.syncStatus, 'IN_SYNC');
    assert.equal(b.syncStatus, 'IN_SYNC');

    webex.faults.inject({ latencyMs: SLOW_PUSH_MS, latencyCount: 1, match: { method: 'PUT' } });
    const slow = t.gql(UPDATE, { input: { id: a.id, expectedVersion: 1, rules: { mode: 'ALWAYS', calls: { voicemail: false } } } });
    await waitFor(
      "A's push to reach the vendor",
      async () => webex.faults.pending().latency,
      (l) => l === null || l.remaining === 0,
      20_000,
      20,
    );
    // A changes again while its push is in flight: its next job waits behind the active one.
    const again = t.gql(UPDATE, {
      input: { id: a.id, expectedVersion: 2, rules: { mode: 'ALWAYS_WITH_PAUSE_RESUME', calls: { voicemail: true } } },
    });
    await waitFor(
      'A at version 3',
      () => policy(a.id),
      (p) => p.version === 3,
      10_000,
      20,
    );
    const fast = ok(
      await t.gql(UPDATE, { input: { id: b.id, expectedVersion: 1, rules: { mode: 'ALWAYS', calls: { internal: true, external: false } } } }),
    ).updateRecordingPolicy;
    const bSynced = await waitFor(
      'B in sync at version 2',
      () => policy(b.id),
      (p) => p.syncStatus === 'IN_SYNC' && p.syncedVersion === 2,
      30_000,
      20,
    );
    const aThen = await policy(a.id);
    assert.equal(bSynced.syncedVersion, 2);
    assert.equal(
      aThen.syncedVersion,
      1,
      `B was pushed only after A's slow push ended (A synced version ${aThen.syncedVersion}; B's update answered ${fast.sync.status})`,
    );

    ok(await slow);
    ok(await again);
    const aEnd = await waitFor(
      'A in sync at version 3',
      () => policy(a.id),
      (p) => p.syncStatus === 'IN_SYNC' && p.syncedVersion === 3,
      60_000,
      100,
    );
    assert.equal(aEnd.version, 3);
    // The vendor holds version 3: had A's second push overlapped the slow first one, the first would have landed last.
    const drift = ok(await t.gql(RECONCILE, { input: { id: a.id } })).reconcileRecordingPolicy.drift;
    assert.deepEqual(drift, [], 'the vendor holds the latest desired version');
  });
});
