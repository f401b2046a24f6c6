import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'graphql';
import { eq } from 'drizzle-orm';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { startTestApp, type TestApp } from '../helpers/app';
import { seedTenants } from '../helpers/seed';
import { recordingPolicies } from '../../src/store/schema';
import { DIRECTORY_SDL, startDirectory, type Directory } from './directory';

const ROUTER_SECRET = 'gateway-test-router-secret';

interface GatewayContext {
  authorization?: string;
}

interface GatewayResult {
  status: number;
  data?: any;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/**
 * The recording subgraph and a directory subgraph, composed with @apollo/composition and served by a real Apollo
 * Gateway over HTTP, the way a router sees us: bearer token passed through, router secret added.
 */
describe('supergraph through Apollo Gateway', () => {
  let t: TestApp;
  let directory: Directory;
  let gateway: ApolloServer<GatewayContext>;
  let gatewayUrl: string;
  let recordingRequests = 0;
  let seeded: Awaited<ReturnType<typeof seedTenants>>;

  async function viaGateway(query: string, variables?: Record<string, unknown>, token: string | null = t.adminToken): Promise<GatewayResult> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(gatewayUrl, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    return { status: res.status, ...((await res.json()) as object) };
  }

  const okData = (r: GatewayResult) => {
    assert.deepEqual(r.errors ?? [], [], 'no GraphQL errors');
    return r.data;
  };

  before(async () => {
    t = await startTestApp({ env: { ROUTER_SECRETS: ROUTER_SECRET } });
    // Counted at the HTTP server, so every request the gateway sends us is seen, whatever it carries.
    t.app.server.prependListener('request', (req) => {
      if (req.url?.startsWith('/graphql')) recordingRequests++;
    });
    seeded = await seedTenants(t.app, 50, { prefix: 'Tenant', policiesPerConnection: 1 });
    const users = seeded.tenants.map((tenant, i) => ({ id: `user-${i}`, name: `Person ${i}`, tenantId: tenant.id }));
    // Each tenant's policy leaves out its own person and the next one, so excluded users cross tenants too.
    for (const [i, p] of seeded.policies.entries()) {
      const excludedUserIds = [`user-${i}`, `user-${(i + 1) % users.length}`];
      await t.app.database.db
        .update(recordingPolicies)
        .set({ rules: { ...p.rules, excludedUserIds } })
        .where(eq(recordingPolicies.id, p.id));
    }
    directory = await startDirectory(users);

    const composed = composeServices([
      { name: 'recording', typeDefs: parse(t.app.sdl), url: t.app.graphqlUrl },
      { name: 'directory', typeDefs: parse(DIRECTORY_SDL), url: directory.url },
    ]);
    assert.deepEqual(composed.errors ?? [], [], 'the two subgraphs compose');
    gateway = new ApolloServer<GatewayContext>({
      gateway: new ApolloGateway({
        supergraphSdl: composed.supergraphSdl!,
        buildService: ({ name, url }) =>
          new RemoteGraphQLDataSource<GatewayContext>({
            url,
            willSendRequest({ request, context }) {
              if (context.authorization) request.http?.headers.set('authorization', context.authorization);
              if (name === 'recording') request.http?.headers.set('x-router-secret', ROUTER_SECRET);
            },
          }),
      }),
    });
    ({ url: gatewayUrl } = await startStandaloneServer(gateway, {
      listen: { host: '127.0.0.1', port: 0 },
      context: async ({ req }) => ({ authorization: req.headers.authorization }),
    }));
  });

  after(async () => {
    await gateway?.stop();
    await directory?.close();
    await t?.close();
  });

  it('answers a query that starts in the directory and crosses into recording and back', async (ctx) => {
    const query = `query UsersWithTheirRecordingPolicies {
  users(first: 2) {
    name
    tenant {
      name
      connections { vendor }
      recordingPolicies {
        name
        rules { mode }
        excludedUsers { id name }
      }
    }
  }
}`;
    const data = okData(await viaGateway(query));
    const policyOf = (i: number) => ({
      name: `Tenant ${i} conn 0 policy 0`,
      rules: { mode: 'ALWAYS' },
      excludedUsers: [
        { id: `user-${i}`, name: `Person ${i}` },
        { id: `user-${i + 1}`, name: `Person ${i + 1}` },
      ],
    });
    assert.deepEqual(data, {
      users: [0, 1].map((i) => ({
        name: `Person ${i}`,
        tenant: { name: `Tenant ${i}`, connections: [{ vendor: 'MEGAFON' }], recordingPolicies: [policyOf(i)] },
      })),
    });
    ctx.diagnostic(`cross-subgraph query: ${query.replace(/\s+/g, ' ')}`);
    ctx.diagnostic(`result: ${JSON.stringify({ data })}`);
  });

  it('resolves our excluded users in the directory', async () => {
    const policy = seeded.policies[49]!;
    const one = okData(
      await viaGateway(`query($id: ID!) { recordingPolicy(id: $id) { name excludedUsers { id name tenant { name } } } }`, { id: policy.id }),
    );
    assert.deepEqual(one.recordingPolicy, {
      name: 'Tenant 49 conn 0 policy 0',
      excludedUsers: [
        { id: 'user-49', name: 'Person 49', tenant: { name: 'Tenant 49' } },
        { id: 'user-0', name: 'Person 0', tenant: { name: 'Tenant 0' } },
      ],
    });
    // Seeded tenants share a creation time, so their page order is by id: match each by name.
    const list = okData(await viaGateway(`{ tenants(first: 50) { nodes { name recordingPolicies { excludedUsers { name } } } } }`));
    assert.equal(list.tenants.nodes.length, 50);
    for (const node of list.tenants.nodes) {
      const i = Number(/^Tenant (\d+)$/.exec(node.name)![1]);
      assert.deepEqual(node.recordingPolicies, [{ excludedUsers: [{ name: `Person ${i}` }, { name: `Person ${(i + 1) % 50}` }] }]);
    }
  });

  it("resolves the people a standard names by User id in the directory (the standard's exceptions)", async () => {
    const tenant = seeded.tenants[3]!;
    const saved = await viaGateway(`mutation($input: SaveRecordingStandardInput!) { saveRecordingStandard(input: $input) { standard { id } } }`, {
      input: {
        tenantId: tenant.id,
        name: 'Standard',
        mode: 'REPORT',
        rules: { mode: 'ALWAYS' },
        exceptions: [{ name: 'Legal', people: [{ userId: 'user-3' }, { email: 'legal@example.com' }] }],
      },
    });
    assert.deepEqual(saved.errors ?? [], []);
    const data = okData(
      await viaGateway(`query($t: ID!) { recordingStandard(tenantId: $t) { exceptions { people { email userId user { id name } } } } }`, {
        t: tenant.id,
      }),
    );
    assert.deepEqual(data.recordingStandard.exceptions[0].people, [
      { email: null, userId: 'user-3', user: { id: 'user-3', name: 'Person 3' } },
      { email: 'legal@example.com', userId: null, user: null },
    ]);
  });

  it('passes the bearer token through: none is UNAUTHENTICATED, a tenant token sees only its tenant', async () => {
    const anonymous = await viaGateway(`{ tenants { nodes { name } } }`, undefined, null);
    assert.equal(anonymous.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    assert.equal(anonymous.data?.tenants ?? null, null);

    const anonymousUsers = await viaGateway(`{ users(first: 1) { name tenant { name } } }`, undefined, null);
    assert.equal(anonymousUsers.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED', 'the entity fetch from our subgraph is refused');

    const tenant1 = await t.token({ tenants: [seeded.tenants[1]!.id] });
    const scoped = okData(await viaGateway(`{ users(first: 3) { name tenant { name } } }`, undefined, tenant1));
    assert.deepEqual(scoped.users, [
      { name: 'Person 0', tenant: null },
      { name: 'Person 1', tenant: { name: 'Tenant 1' } },
      { name: 'Person 2', tenant: null },
    ]);
    const foreign = await viaGateway(`query($id: ID!) { recordingPolicy(id: $id) { name } }`, { id: seeded.policies[0]!.id }, tenant1);
    assert.equal(foreign.errors?.[0]?.extensions?.code, 'NOT_FOUND');
    assert.deepEqual(okData(await viaGateway(`{ tenants { nodes { name } } }`, undefined, tenant1)).tenants.nodes, [{ name: 'Tenant 1' }]);
  });

  it('only answers the router: a direct request without the router secret is refused', async () => {
    const direct = await t.gql(`{ viewer { subject } }`);
    assert.equal(direct.status, 403);
    assert.equal(direct.errors?.[0]?.extensions?.code, 'FORBIDDEN');
  });

  it('batches entities through the gateway: requests to our subgraph and SQL statements do not grow with N', async (ctx) => {
    const query = `query($n: Int!) {
      users(first: $n) {
        name
        tenant { name connections { vendor } recordingPolicies { name excludedUsers { id name } } }
      }
    }`;
    const runs: { n: number; recordingRequests: number; directoryRequests: number; statements: number }[] = [];
    for (const n of [1, 10, 50]) {
      recordingRequests = 0;
      const directoryBefore = directory.received.length;
      let data: any;
      const statements = await t.countStatements(async () => {
        data = okData(await viaGateway(query, { n }));
      });
      assert.equal(data.users.length, n);
      assert.deepEqual(
        data.users.map((u: any) => u.tenant.name),
        Array.from({ length: n }, (_, i) => `Tenant ${i}`),
      );
      assert.equal(data.users[n - 1].tenant.recordingPolicies[0].excludedUsers[1].name, `Person ${n % 50}`);
      runs.push({ n, recordingRequests, directoryRequests: directory.received.length - directoryBefore, statements });
    }
    ctx.diagnostic(
      `per query through the gateway: ${runs.map((r) => `N=${r.n}: ${r.recordingRequests} request(s) to recording, ${r.directoryRequests} to directory, ${r.statements} SQL statement(s)`).join('; ')}`,
    );
    const [first, ...rest] = runs;
    for (const r of rest) {
      assert.equal(r.recordingRequests, first!.recordingRequests, `requests to recording for N=${r.n}`);
      assert.equal(r.directoryRequests, first!.directoryRequests, `requests to directory for N=${r.n}`);
      assert.equal(r.statements, first!.statements, `SQL statements for N=${r.n}`);
    }
    assert.equal(first!.recordingRequests, 1, 'one _entities request to our subgraph');
  });
});
