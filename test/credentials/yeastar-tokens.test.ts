import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createYeastarEmulator,
  YEASTAR_DEFAULT_CLIENT_ID,
  YEASTAR_DEFAULT_CLIENT_SECRET,
  type YeastarEmulator,
} from '../../src/sandbox/yeastar/emulator';
import { CONNECT, createTenant, nv, server, startReplica, Store, TEST, type Replica } from './helpers';

const READ = `query($id: ID!) { vendorConnection(id: $id) { id status } }`;

/**
 * Issue 16: the PBX allows few live tokens per API client (8 on Cloud Edition). One token per connection, whatever
 * the number of replicas and restarts: stored sealed in PostgreSQL, reused until near expiry, renewed with
 * refresh_token, given back with del_token when the connection stops using it.
 */
describe(
  server
    ? 'Yeastar: one live token per connection across restarts and replicas (PostgreSQL server)'
    : 'Yeastar: one live token per connection across restarts and replicas (embedded database)',
  () => {
    let yeastar: YeastarEmulator;
    let store: Store;
    let connectionId: string;
    before(async () => {
      yeastar = createYeastarEmulator({ maxAccessTokens: 3 });
      await yeastar.listen(0, '127.0.0.1');
      store = new Store();
    });
    after(async () => {
      await store?.drop();
      await yeastar?.close();
    });

    const use = async (r: Replica) => {
      const t = (await r.gql(TEST, { id: connectionId })).data.testVendorConnection;
      assert.equal(t.ok, true, JSON.stringify(t));
    };

    it('10 restarts, then 3 replicas at once, within one token lifetime: the PBX sees one live token and one login', async () => {
      const first = await startReplica(store);
      const tenantId = await createTenant(first);
      const res = await first.gql(CONNECT, {
        input: {
          tenantId,
          vendor: 'YEASTAR',
          name: 'PBX',
          baseUrl: yeastar.url,
          credentials: nv({ clientId: YEASTAR_DEFAULT_CLIENT_ID, clientSecret: YEASTAR_DEFAULT_CLIENT_SECRET }),
        },
      });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      connectionId = res.data.connectVendor.connection.id;
      await use(first);
      await first.close();
      for (let i = 0; i < 10; i++) {
        const r = await startReplica(store);
        await use(r);
        await r.close();
      }
      const replicas: Replica[] = [];
      replicas.push(await startReplica(store));
      replicas.push(await startReplica(store, { shareWith: replicas[0] }));
      replicas.push(await startReplica(store, { shareWith: replicas[0] }));
      try {
        await Promise.all(replicas.flatMap((r) => [use(r), use(r), use(r)]));
        const stats = yeastar.tokenStats();
        assert.equal(stats.getTokenCalls, 1, 'one login in all');
        assert.equal(stats.peakActive, 1, 'never more than one live token');
        assert.equal(stats.active, 1);

        // The access token expires (30 minutes later): one refresh_token for all three replicas, still one live token.
        yeastar.expireTokens({ refresh: false });
        await Promise.all(replicas.flatMap((r) => [use(r), use(r)]));
        const after = yeastar.tokenStats();
        assert.equal(after.refreshTokenCalls, 1, 'one renewal across the replicas');
        assert.equal(after.getTokenCalls, 1);
        assert.equal(after.peakActive, 1);

        // Removing the connection gives the token back (del_token): the PBX holds none for it any more.
        const removed = await replicas[1]!.gql(`mutation($id: ID!) { removeVendorConnection(input: { id: $id }) { deletedId } }`, {
          id: connectionId,
        });
        assert.equal(removed.errors, undefined, JSON.stringify(removed.errors));
        assert.equal(yeastar.tokenStats().active, 0);
        assert.equal(yeastar.counts().byRoute['GET /openapi/v1.0/del_token'], 1);
        assert.equal((await replicas[2]!.gql(READ, { id: connectionId })).data.vendorConnection, null);
      } finally {
        for (const r of replicas.reverse()) await r.close();
      }
    });

    it('when the API client holds every token the PBX allows, testVendorConnection says TOKEN_CAP_REACHED', async () => {
      yeastar.reset({ state: true });
      // Other applications sharing the API client hold all three tokens.
      for (let i = 0; i < 3; i++) {
        const r = await fetch(`${yeastar.url}/openapi/v1.0/get_token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'OpenAPI' },
          body: JSON.stringify({ username: YEASTAR_DEFAULT_CLIENT_ID, password: YEASTAR_DEFAULT_CLIENT_SECRET }),
        });
        assert.equal(((await r.json()) as { errcode: number }).errcode, 0);
      }
      const r = await startReplica(store);
      try {
        const tenantId = await createTenant(r, 'cap');
        const res = await r.gql(CONNECT, {
          input: {
            tenantId,
            vendor: 'YEASTAR',
            name: 'PBX 2',
            baseUrl: yeastar.url,
            credentials: nv({ clientId: YEASTAR_DEFAULT_CLIENT_ID, clientSecret: YEASTAR_DEFAULT_CLIENT_SECRET }),
          },
        });
        const t = (await r.gql(TEST, { id: res.data.connectVendor.connection.id })).data.testVendorConnection;
        assert.equal(t.ok, false);
        assert.equal(t.problem.code, 'TOKEN_CAP_REACHED', JSON.stringify(t));
        assert.match(t.problem.hint, /live API tokens/);
        assert.equal(yeastar.tokenStats().getTokenCalls, 4, 'the refused login is asked once');
        const wrong = await r.gql(CONNECT, {
          input: { tenantId, vendor: 'YEASTAR', name: 'PBX 3', baseUrl: yeastar.url, credentials: nv({ clientId: 'nope', clientSecret: 'nope' }) },
        });
        const w = (await r.gql(TEST, { id: wrong.data.connectVendor.connection.id })).data.testVendorConnection;
        assert.equal(w.problem.code, 'CREDENTIALS_REFUSED', JSON.stringify(w));
      } finally {
        await r.close();
      }
    });
  },
);
