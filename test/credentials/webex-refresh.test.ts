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
      // Reconnected, the connection works on either replica.
      const again = (await b.gql(TEST, { id: connectionId })).data.testVendorConnection;
      assert.equal(again.ok, true, JSON.stringify(again));
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
      // The roll-out that waited on the expired authorization while walking the directory goes on by itself after
      // the reconnect (its next attempt re-reads the connection): every person written, nobody failed.
      const end = await waitFor(
        'the roll-out to finish after the reconnect',
        () => get(a, id),
        (x) => x.status !== 'RUNNING',
        120_000,
        200,
      );
      assert.equal(end.status, 'COMPLETED', JSON.stringify(end));
      assert.equal(end.failed, 0, JSON.stringify(end));
      assert.equal(end.isWaiting, false, JSON.stringify(end));
      assert.equal(end.written + end.alreadyInSync, PEOPLE, JSON.stringify(end));
      for (let i = 0; i < PEOPLE; i++) assert.equal(webex.settingsOf(webex.personId(i))!['record'], 'Always', `person ${i} written`);
      // Reconnected, the connection works on either replica.
      const again = (await b.gql(TEST, { id: connectionId })).data.testVendorConnection;
      assert.equal(again.ok, true, JSON.stringify(again));
    });

    const UPDATE = `mutation($input: UpdateVendorConnectionInput!) { updateVendorConnection(input: $input) { connection { status } } }`;
    const reconnect = async (connectionId: string, refreshToken: string) => {
      const upd = await a.gql(UPDATE, { input: { id: connectionId, credentials: nv({ ...INTEGRATION, refreshToken }) } });
      assert.equal(upd.errors, undefined, JSON.stringify(upd.errors));
      assert.equal(upd.data.updateVendorConnection.connection.status, 'UNTESTED');
    };

    it('a refresh token refused while people are being written: the roll-out holds, and after a reconnect its workers use the new one', async () => {
      const first = webex.oauth.addRefreshToken(WEBEX_SANDBOX_CLIENT_ID);
      const connectionId = await connect({ ...INTEGRATION, refreshToken: first, accessToken: webex.oauth.issueAccess(WEBEX_SANDBOX_CLIENT_ID) });
      const id = await rollout(a, connectionId);
      await waitFor(
        'a third done',
        () => get(b, id),
        (x) => x.done >= PEOPLE / 3,
        60_000,
        50,
      );
      // The integration's authorization is withdrawn at Webex while every worker holds a cached access token.
      webex.oauth.revokeRefreshToken(first);
      webex.oauth.expireAccessTokens();
      const held = await waitFor(
        'the roll-out to hold',
        () => get(a, id),
        (x) => x.isWaiting && x.waiting?.code === 'VENDOR_AUTH_EXPIRED',
        60_000,
        100,
      );
      assert.equal(held.failed, 0, JSON.stringify(held));
      const refusedBefore = webex.oauth.stats.refreshRefused;
      await reconnect(connectionId, webex.oauth.addRefreshToken(WEBEX_SANDBOX_CLIENT_ID));
      // Every worker read the connection before the reconnect: none may offer Webex the withdrawn refresh token again
      // (that would turn the reconnected connection AUTH_EXPIRED and the roll-out would wait for ever).
      const end = await waitFor(
        'the roll-out to finish after the reconnect',
        () => get(a, id),
        (x) => x.status !== 'RUNNING',
        120_000,
        200,
      );
      assert.equal(end.status, 'COMPLETED', JSON.stringify(end));
      assert.equal(end.failed, 0, JSON.stringify(end));
      assert.equal(end.written + end.alreadyInSync, PEOPLE, JSON.stringify(end));
      assert.equal(webex.oauth.stats.refreshRefused - refusedBefore, 0, 'the withdrawn refresh token is not offered after the reconnect');
      const conn = (await a.gql(CONNECTION, { id: connectionId })).data.vendorConnection;
      assert.notEqual(conn.status, 'AUTH_EXPIRED', JSON.stringify(conn));
    });

    it('a context read before a reconnect neither offers the replaced refresh token nor uses the old cached access token', async () => {
      const first = webex.oauth.addRefreshToken(WEBEX_SANDBOX_CLIENT_ID);
      const oldAccess = webex.oauth.issueAccess(WEBEX_SANDBOX_CLIENT_ID);
      const connectionId = await connect({ ...INTEGRATION, refreshToken: first, accessToken: oldAccess });
      // What a long-running worker on each replica holds: the connection as it was read, and its token cached.
      const onA = await a.app.services.connections.vendorContextForScope(null, connectionId);
      const onB = await b.app.services.connections.vendorContextForScope(null, connectionId);
      assert.equal(await onA.ctx.tokens!.current(), oldAccess);
      assert.equal(await onB.ctx.tokens!.current(), oldAccess);
      webex.oauth.revokeRefreshToken(first);
      await reconnect(connectionId, webex.oauth.addRefreshToken(WEBEX_SANDBOX_CLIENT_ID));
      const calls = webex.oauth.stats.refreshCalls;
      // The old context is told to read the connection again (retryable: work holds), and Webex is asked nothing.
      await assert.rejects(onB.ctx.tokens!.renewed(oldAccess), (e: any) => e.code === 'VENDOR_UNAVAILABLE' && e.details?.retryable === true);
      assert.equal(webex.oauth.stats.refreshCalls, calls, 'the replaced refresh token is not offered');
      const conn = (await a.gql(CONNECTION, { id: connectionId })).data.vendorConnection;
      assert.equal(conn.status, 'UNTESTED', JSON.stringify(conn));
      // A context read after the reconnect, on the replica that did not make it, does not use the old access token.
      const fresh = await b.app.services.connections.vendorContextForScope(null, connectionId);
      const token = await fresh.ctx.tokens!.current();
      assert.notEqual(token, oldAccess);
      assert.equal(webex.oauth.stats.refreshCalls, calls + 1, 'the new refresh token is used once');
    });
  },
);
