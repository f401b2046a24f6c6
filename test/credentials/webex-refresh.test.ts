import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createWebexEmulator, type WebexEmulator } from '../../src/sandbox/webex/emulator';
import { WEBEX_SANDBOX_CLIENT_ID, WEBEX_SANDBOX_CLIENT_SECRET, WEBEX_SANDBOX_REFRESH_TOKEN } from '../../src/sandbox/webex/oauth';
import { CONNECT, CONNECTION, createTenant, metric, nv, server, startReplica, Store, TEST, waitFor, type Replica } from './helpers';

const PEOPLE = 60;
const START = `mutation($input: StartPolicyRolloutInput!) { startPolicyRollout(input: $input) { rollout { id status } } }`;
const GET = `query($id: ID!) { policyRollout(id: $id) { id status done written alreadyInSync failed pending isWaiting waiting { code reason } lastError { code message } } }`;
// This test is about tokens: a loaded machine's slow answers must not open the breaker or time calls out.
const HTTP = nv({
  'http.ratePerSecond': '40',
  'http.burst': '40',
  'http.totalTimeoutMs': '60000',
  'http.connectTimeoutMs': '30000',
  'http.breakerFailures': '1000',
});
const INTEGRATION = { clientId: WEBEX_SANDBOX_CLIENT_ID, clientSecret: WEBEX_SANDBOX_CLIENT_SECRET, refreshToken: WEBEX_SANDBOX_REFRESH_TOKEN };

describe(
  server
    ? 'Webex integration tokens across two replicas (PostgreSQL server)'
    : 'Webex integration tokens across two replicas (embedded database shared by two apps in this process)',
  () => {
    let webex: WebexEmulator;
    let store: Store;
    let a: Replica;
    let b: Replica;
    let tenantId: string;
    before(async () => {
      webex = createWebexEmulator({ people: PEOPLE, rateLimit: null });
      await webex.listen(0, '127.0.0.1');
      store = new Store();
      a = await startReplica(store);
      b = await startReplica(store, { shareWith: a });
      tenantId = await createTenant(a);
    });
    after(async () => {
      await b?.close();
      await a?.close();
      await store?.drop();
      await webex?.close();
    });

    const connect = async (credentials: Record<string, string>) => {
      const res = await a.gql(CONNECT, {
        input: { tenantId, vendor: 'WEBEX', name: 'Webex integration', baseUrl: webex.apiBaseUrl, settings: HTTP, credentials: nv(credentials) },
      });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      return res.data.connectVendor.connection.id as string;
    };
    const rollout = async (r: Replica, connectionId: string) => {
      const res = await r.gql(START, {
        input: { connectionId, name: 'fleet', rules: { mode: 'ALWAYS', calls: { voicemail: true } }, scope: { all: true } },
      });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      return res.data.startPolicyRollout.rollout.id as string;
    };
    const get = async (r: Replica, id: string) => (await r.gql(GET, { id })).data.policyRollout;

    it('an access token that expires mid-roll-out is refreshed once for both replicas; the roll-out does not notice', async (t) => {
      // Onboarding handed out a first access token with the refresh token: it is used until Webex refuses it.
      const connectionId = await connect({ ...INTEGRATION, accessToken: webex.oauth.issueAccess(WEBEX_SANDBOX_CLIENT_ID) });
      const id = await rollout(a, connectionId);
      await waitFor(
        'a third done',
        () => get(b, id),
        (x) => x.done >= PEOPLE / 3,
        60_000,
        50,
      );
      // A slow token endpoint: both replicas meet the expired token while the first renewal is under way.
      webex.faults.inject({ latencyMs: 400, latencyCount: 2, match: { route: 'POST /v1/access_token' } });
      webex.oauth.expireAccessTokens();
      const end = await waitFor(
        'the roll-out',
        () => get(b, id),
        (x) => x.status !== 'RUNNING',
        120_000,
        200,
      );
      assert.equal(end.status, 'COMPLETED', JSON.stringify(end));
      t.diagnostic(
        `written ${end.written}, already in sync ${end.alreadyInSync}, by A ${a.app.services.rollouts.stats.items}, by B ${b.app.services.rollouts.stats.items}`,
      );
      assert.equal(end.failed, 0);
      // A person whose lease passed to the other replica while the first was busy is found in sync there.
      assert.equal(end.written + end.alreadyInSync, PEOPLE, JSON.stringify(end));
      for (let i = 0; i < PEOPLE; i++) assert.equal(webex.settingsOf(webex.personId(i))!['record'], 'Always', `person ${i} written`);
      assert.equal(webex.oauth.stats.refreshCalls, 1, 'one refresh request at Webex for both replicas');
      // Which replica's jobs took which people is the job queue's scheduling (on a loaded machine one replica may take
      // them all): the split is reported above. The single flight across replicas is forced below, whatever the split.
      const refreshesBefore = webex.oauth.stats.refreshCalls;
      webex.faults.inject({ latencyMs: 400, latencyCount: 2, match: { route: 'POST /v1/access_token' } });
      webex.oauth.expireAccessTokens();
      const tested = await Promise.all([a.gql(TEST, { id: connectionId }), b.gql(TEST, { id: connectionId })]);
      for (const r of tested) assert.equal(r.data.testVendorConnection.ok, true, JSON.stringify(r));
      assert.equal(webex.oauth.stats.refreshCalls - refreshesBefore, 1, 'both replicas met the expired token at once: one refresh for both');
      const refreshed =
        (await metric(a.app, 'recsub_vendor_credential_events_total', { vendor: 'WEBEX', outcome: 'refreshed' })) +
        (await metric(b.app, 'recsub_vendor_credential_events_total', { vendor: 'WEBEX', outcome: 'refreshed' }));
      assert.equal(refreshed, 2);
      const rows = await a.app.database.rawQuery<{ sealed: string; refreshes: number }>(
        'SELECT token_sealed AS sealed, refreshes FROM vendor_credential_tokens WHERE connection_id = $1',
        [connectionId],
      );
      assert.equal(rows[0]!.refreshes, 2);
      assert.ok(rows[0]!.sealed.startsWith('v1.'), 'the token is stored sealed');
      assert.ok(!rows[0]!.sealed.includes(WEBEX_SANDBOX_REFRESH_TOKEN));
    });

    it('a refused refresh token turns the connection AUTH_EXPIRED (audit entry, metric); the roll-out holds, no person failed', async () => {
      webex.oauth.revokeAll();
      const connectionId = await connect(INTEGRATION);
      const before = webex.oauth.stats.refreshCalls;
      const id = await rollout(b, connectionId);
      const held = await waitFor(
        'the roll-out to hold',
        () => get(a, id),
        (x) => x.isWaiting && x.waiting?.code === 'VENDOR_AUTH_EXPIRED',
        60_000,
        100,
      );
      // Held, not failed: the roll-out waits (RUNNING, isWaiting) and tries again by itself, re-reading the connection.
      assert.equal(held.status, 'RUNNING', JSON.stringify(held));
      assert.equal(held.failed, 0, 'no person failed');
      assert.equal(held.lastError.code, 'VENDOR_AUTH_EXPIRED');
      assert.equal(webex.oauth.stats.refreshCalls - before, 1, 'the refused refresh token is offered once, not in a loop');
      const conn = (await a.gql(CONNECTION, { id: connectionId })).data.vendorConnection;
      assert.equal(conn.status, 'AUTH_EXPIRED');
      assert.match(conn.lastError.message, /reconnect this Webex integration/);
      const audit = await a.app.database.rawQuery<{ action: string; actor: string }>(
        'SELECT action, actor FROM audit_log WHERE target_id = $1 AND action = $2',
        [connectionId, 'connection.auth_expired'],
      );
      assert.deepEqual(audit, [{ action: 'connection.auth_expired', actor: 'system' }]);
      const refused =
        (await metric(a.app, 'recsub_vendor_credential_events_total', { vendor: 'WEBEX', outcome: 'refused' })) +
        (await metric(b.app, 'recsub_vendor_credential_events_total', { vendor: 'WEBEX', outcome: 'refused' }));
      assert.equal(refused, 1);

      // Testing it again asks Webex nothing and names the cause for a person.
      const t = (await a.gql(TEST, { id: connectionId })).data.testVendorConnection;
      assert.equal(t.ok, false);
      assert.equal(t.problem.code, 'AUTHORIZATION_EXPIRED');
      assert.equal(t.connection.status, 'AUTH_EXPIRED');
      assert.equal(webex.oauth.stats.refreshCalls - before, 1);

      // Reconnecting (a new refresh token) clears the state.
      const fresh = webex.oauth.addRefreshToken(WEBEX_SANDBOX_CLIENT_ID);
      const upd = await a.gql(`mutation($input: UpdateVendorConnectionInput!) { updateVendorConnection(input: $input) { connection { status } } }`, {
        input: { id: connectionId, credentials: nv({ ...INTEGRATION, refreshToken: fresh }) },
      });
      assert.equal(upd.data.updateVendorConnection.connection.status, 'UNTESTED');
      // Reconnected, the connection works again at once, on either replica.
      const again = (await b.gql(TEST, { id: connectionId })).data.testVendorConnection;
      assert.equal(again.ok, true, JSON.stringify(again));
      // Still held, nothing failed. (A roll-out that waited on the expired authorization while walking the directory
      // was seen not to continue by itself after the reconnect: an open bug, named in the closing note.)
      const still = await get(a, id);
      assert.equal(still.failed, 0, JSON.stringify(still));
    });
  },
);
