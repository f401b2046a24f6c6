import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parse } from 'graphql';
import { errorOf, ok, startTestApp, type GqlResult, type TestApp } from '../helpers/app';
import { seedTenants } from '../helpers/seed';
import { collect, wsClient } from '../helpers/ws';
import { ROOT_DIR } from '../../src/app';
import { loadExampleOperations } from '../../src/server/playground';
import { DEFAULT_QUERY_LIMITS, parseOptions, validateWithLimits } from '../../src/server/limits';
import { buildRecordingSchema } from '../../src/graphql/schema';
import { DEMO_CONNECTION_IDS, DEMO_TENANT_ID } from '../../src/sandbox/demo-tenant';
import { readFileSync, existsSync } from 'node:fs';

const OPERATIONS_DIR = join(ROOT_DIR, 'schema', 'operations');

/** A router's entity fetch: every entity type, with the deepest fields the schema has. */
const ROUTER_ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Tenant { id name createdAt }
    ... on VendorConnection { id vendor name status capabilities { policies ruleFields liveRecording { start pauseBehaviors } } }
    ... on RecordingPolicy { id version syncStatus rules { mode calls { internal external } targets { trunks { id periodicBeep { enabled intervalSeconds } } } announcement { media { source mediaId } prompts { inbound { source mediaId } } } } }
    ... on LiveRecording { id liveStatus: status callId }
  }
}`;

function nested(depth: number): string {
  let q = 'id';
  for (let i = 0; i < depth; i++) q = i % 2 === 0 ? `connections { tenant { ${q} } }` : `connections { tenant { id ${q} } }`;
  return `{ tenants(first: 1) { nodes { ${q} } } }`;
}

describe('query limits: nothing a router or the frontend plans is refused', () => {
  let t: TestApp;
  let seeded: Awaited<ReturnType<typeof seedTenants>>;
  before(async () => {
    t = await startTestApp({ env: { SANDBOX: 'true', SANDBOX_WEBEX_PEOPLE: '20' } });
    seeded = await seedTenants(t.app, 300, { connectionsPerTenant: 1, policiesPerConnection: 1, prefix: 'Limits' });
  });
  after(async () => t.close());

  it('every operation in schema/operations/ passes the limits, in process and over HTTP', async () => {
    const { schema } = await buildRecordingSchema();
    const ops = loadExampleOperations(OPERATIONS_DIR);
    assert.ok(ops.length >= 10);
    for (const op of ops) {
      const errors = validateWithLimits(schema, parse(op.query, parseOptions()));
      assert.deepEqual(
        errors.map((e) => e.message),
        [],
        op.name,
      );
      const varsFile = join(OPERATIONS_DIR, `${op.name}.variables.json`);
      const variables = existsSync(varsFile) ? (JSON.parse(readFileSync(varsFile, 'utf8')) as Record<string, unknown>) : {};
      const r = await t.gql(op.query, variables);
      const codes = (r.errors ?? []).map((e) => e.extensions?.code);
      assert.ok(
        !codes.includes('QUERY_TOO_COMPLEX') && !codes.includes('GRAPHQL_PARSE_FAILED') && !codes.includes('GRAPHQL_VALIDATION_FAILED'),
        `${op.name}: ${JSON.stringify(r.errors)}`,
      );
    }
  });

  it('_entities with 1,000 representations of every entity type passes, at one statement per type', async () => {
    const reps = [
      ...seeded.tenants.slice(0, 250).map((x) => ({ __typename: 'Tenant', id: x.id })),
      ...seeded.connections.slice(0, 250).map((x) => ({ __typename: 'VendorConnection', id: x.id })),
      ...seeded.policies.slice(0, 250).map((x) => ({ __typename: 'RecordingPolicy', id: x.id })),
      ...Array.from({ length: 250 }, (_, i) => ({ __typename: 'LiveRecording', id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` })),
    ];
    assert.equal(reps.length, 1000);
    let r!: GqlResult;
    const statements = await t.countStatements(async () => {
      r = await t.gql(ROUTER_ENTITIES, { representations: reps });
    });
    const data = ok(r);
    assert.equal(data._entities.length, 1000);
    assert.equal(data._entities.slice(0, 750).filter(Boolean).length, 750);
    // One per type, plus the read cache's version check (src/store/read-cache.ts).
    assert.ok(statements <= 5, `statements: ${statements}`);
  });

  it('a deep but planned shape (depth 9 with fragments) passes', async () => {
    const r = await t.gql(nested(3));
    ok(r);
  });
});

describe('query limits: hostile queries are refused with QUERY_TOO_COMPLEX before touching the database', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ env: { SANDBOX: 'true', SANDBOX_WEBEX_PEOPLE: '20' } });
  });
  after(async () => t.close());

  const L = DEFAULT_QUERY_LIMITS;
  const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: tenants(first: 1) { nodes { id } }`).join(' ')} }`;
  const cases: { name: string; limit: string | string[]; query: string; variables?: () => Record<string, unknown> }[] = [
    { name: `nesting deeper than ${L.maxDepth}`, limit: 'depth', query: nested(10) },
    { name: `${L.maxAliases + 10} aliases`, limit: 'aliases', query: aliases(L.maxAliases + 10) },
    { name: '1,000 aliases', limit: ['aliases', 'tokens'], query: aliases(1000) },
    {
      name: `${L.maxDirectives + 10} directives`,
      limit: 'directives',
      query: `{ viewer { ${'... @include(if: true) { subject } '.repeat(L.maxDirectives + 10)} } }`,
    },
    { name: 'a token flood', limit: 'tokens', query: `{ viewer { ${'subject '.repeat(L.maxTokens + 10)} } }` },
    {
      name: 'a literal page size that multiplies the cost',
      limit: 'cost',
      query: `{ tenants(first: 100000) { nodes { id name connections { id recordingPolicies { id rules { mode } } } recordingPolicies { id name } } } }`,
    },
    {
      name: 'wide nested lists (cost)',
      limit: 'cost',
      query: `{ tenants(first: 100) { nodes { id name connections { id name vendor status recordingPolicies { id name version syncStatus rules { mode stereo calls { internal external } } connection { id name tenant { id name connections { id name status } } recordingPolicies { id name version } } } } } } }`,
    },
    {
      name: `_entities with ${L.maxRepresentations + 1000} representations`,
      limit: 'representations',
      query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Tenant { id } } }`,
      variables: () => ({ r: Array.from({ length: L.maxRepresentations + 1000 }, (_, i) => ({ __typename: 'Tenant', id: String(i) })) }),
    },
    {
      name: `a list variable of ${L.maxListItems + 1} items`,
      limit: 'listItems',
      query: `mutation($input: CreateRecordingPolicyInput!) { createRecordingPolicy(input: $input) { policy { id } } }`,
      variables: () => ({
        input: {
          connectionId: DEMO_CONNECTION_IDS.megafon,
          name: 'huge',
          scope: { kind: 'SETTINGS_RECORD', id: '51' },
          rules: { excludedUserIds: Array.from({ length: L.maxListItems + 1 }, (_, i) => String(i)) },
        },
      }),
    },
  ];

  for (const c of cases) {
    it(`refuses ${c.name}`, async () => {
      let r!: GqlResult;
      const statements = await t.countStatements(async () => {
        r = await t.gql(c.query, c.variables?.());
      });
      const e = errorOf(r);
      assert.equal(e.code, 'QUERY_TOO_COMPLEX', JSON.stringify(r.errors).slice(0, 500));
      assert.ok((Array.isArray(c.limit) ? c.limit : [c.limit]).includes(e.limit), `limit ${e.limit}`);
      assert.equal(r.status, 400);
      assert.ok(e.requestId, 'refusals carry the request id');
      assert.equal(r.data, undefined);
      assert.equal(statements, 0, 'no SQL statement');
    });
  }

  it('refuses a page size above 100 as BAD_USER_INPUT naming the argument, before any statement', async () => {
    let r!: GqlResult;
    const statements = await t.countStatements(async () => {
      r = await t.gql(`query($first: Int!) { tenants(first: $first) { nodes { id } } }`, { first: 100_000 });
    });
    const e = errorOf(r);
    assert.equal(e.code, 'BAD_USER_INPUT');
    assert.deepEqual(e.fields?.[0]?.path, ['first']);
    assert.equal(statements, 0);
  });

  it('applies the same limits to subscriptions over WebSocket', async () => {
    const deep = `subscription($tenantId: ID!) { liveRecordingChanged(tenantId: $tenantId) { recording { ${'connection { tenant { connections { '.repeat(5)} id ${'} } } '.repeat(5)} } } }`;
    const client = wsClient(t.app.graphqlUrl, t.adminToken);
    try {
      const sub = collect(client, deep, { tenantId: DEMO_TENANT_ID });
      await sub.until(() => sub.error !== undefined || sub.complete || sub.results.length > 0, 5_000).catch(() => undefined);
      const text = JSON.stringify(sub.error ?? sub.results);
      assert.match(text, /QUERY_TOO_COMPLEX|depth limit/, text);
    } finally {
      await client.dispose();
    }
  });

  it('answers EXECUTION_TIMEOUT when an operation outlives the execution timeout', async () => {
    const slow = await startTestApp({ env: { SANDBOX: 'true', SANDBOX_WEBEX_PEOPLE: '20', EXECUTION_TIMEOUT_MS: '200' } });
    try {
      // The vendor answers after 2 s: the operation is still waiting on it when the timeout fires.
      slow.app.sandbox!.megafon.faults.inject({ latencyMs: 2000, latencyCount: 1 });
      const r = await slow.gql(`mutation($id: ID!) { testVendorConnection(input: { id: $id }) { ok } }`, { id: DEMO_CONNECTION_IDS.megafon });
      assert.equal(r.status, 503);
      const e = errorOf(r);
      assert.equal(e.code, 'EXECUTION_TIMEOUT');
      assert.match(e.message, /read its state before retrying/);
      // Quick operations are unaffected.
      ok(await slow.gql(`{ viewer { subject } }`));
    } finally {
      await slow.close();
    }
  });
});
