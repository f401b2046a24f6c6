import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { execute, getOperationAST, parse, validate, type DocumentNode, type ExecutionResult, type GraphQLError } from 'graphql';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { ROOT_DIR } from '../../src/app';
import { buildRecordingSchema } from '../../src/graphql/schema';
import { loadExampleOperations, PLACEHOLDER } from '../../src/server/playground';
import { Principal, SCOPES, type Scope } from '../../src/server/auth';
import { AppError } from '../../src/domain/errors';
import { RequestContext } from '../../src/server/context';
import { createJitExecutor } from '../../src/server/executor';
import { DEMO_CONNECTION_IDS, DEMO_TENANT_ID } from '../../src/sandbox/demo-tenant';
import { ok, startTestApp, type TestApp } from '../helpers/app';
import { operation } from '../helpers/operations';
import { seedTenants } from '../helpers/seed';

/**
 * The compiled executor (src/server/executor.ts) must answer exactly what graphql-js answers: same data, same
 * errors (message, path, locations, extensions). Every operation in schema/operations runs through both, and so
 * do error cases: resolver errors, authentication and scope refusals, bad variables, nulls, foreign ids.
 */
describe('compiled execution answers exactly what graphql-js answers', () => {
  let t: TestApp;
  let policyId: string;
  let seeded: Awaited<ReturnType<typeof seedTenants>>;
  const schemaP = buildRecordingSchema();

  before(async () => {
    t = await startTestApp({ env: { SANDBOX: 'true' } });
    seeded = await seedTenants(t.app, 5, { connectionsPerTenant: 2, policiesPerConnection: 2 });
    const created = ok(
      await t.gql(operation('CreateRecordingPolicy'), {
        input: {
          connectionId: DEMO_CONNECTION_IDS.megafon,
          name: 'jit',
          scope: { kind: 'SETTINGS_RECORD', id: '77' },
          rules: { mode: 'ALWAYS', calls: { internal: true, external: true } },
        },
      }),
    );
    policyId = created.createRecordingPolicy.policy.id;
  });
  after(async () => t.close());

  const context = (auth: { scopes?: Scope[]; tenants?: '*' | string[] } | null) =>
    new RequestContext(
      randomUUID(),
      auth
        ? {
            principal: new Principal(
              'tester',
              auth.tenants === undefined || auth.tenants === '*' ? '*' : new Set(auth.tenants),
              new Set(auth.scopes ?? [...SCOPES]),
            ),
          }
        : { error: new AppError('UNAUTHENTICATED', 'Missing bearer token') },
      t.app.services,
      t.app.logger,
    );

  // As the response carries them: JSON (graphql-js builds null-prototype objects, graphql-jit plain ones), plus
  // each error's original code, which formatError maps to extensions.code.
  const plain = (r: ExecutionResult) =>
    JSON.parse(
      JSON.stringify({
        data: r.data,
        errors: r.errors?.map((e: GraphQLError) => ({ ...e.toJSON(), code: (e.originalError as { code?: string } | undefined)?.code ?? null })),
      }),
    ) as { data?: unknown; errors?: unknown[] };

  /** Runs the operation through graphql-js, then twice through the jit executor (the second run is compiled). */
  async function both(query: string, variables: Record<string, unknown> | undefined, auth: Parameters<typeof context>[0] = {}) {
    const { schema } = await schemaP;
    const document: DocumentNode = parse(query);
    assert.deepEqual(validate(schema, document), [], 'the operation is valid');
    const op = getOperationAST(document)!;
    const jit = createJitExecutor(schema, { compileAfter: 1 });
    const request = (): GatewayGraphQLRequestContext =>
      ({
        document,
        operation: op,
        operationName: op.name?.value ?? null,
        queryHash: 'h',
        request: { query, variables, operationName: op.name?.value },
        context: context(auth),
      }) as never;
    const reference = plain(
      await execute({ schema, document, variableValues: variables, contextValue: context(auth), operationName: op.name?.value }),
    );
    const compiled = plain(await jit(request()));
    return { reference, compiled, stats: jit.stats, kind: op.operation };
  }

  it('every query in schema/operations (mutations stay on graphql-js, by design)', async () => {
    const ops = loadExampleOperations(join(ROOT_DIR, 'schema', 'operations'));
    let queries = 0;
    for (const o of ops) {
      const op = getOperationAST(parse(o.query));
      // Mutations are never compiled (and running them twice would change the data); subscriptions are not HTTP.
      if (op?.operation !== 'query') continue;
      const variables: Record<string, unknown> = { ...(o.variables ?? {}) };
      const declares = (name: string) => op.variableDefinitions?.some((v) => v.variable.name.value === name);
      // A playground placeholder ("{{policy.id}}") is filled in only by the playground: use this test's policy.
      if (declares('id') && (variables.id === undefined || PLACEHOLDER.test(String(variables.id)))) variables.id = policyId;
      const { reference, compiled, stats, kind } = await both(o.query, variables);
      if (kind !== 'query') continue;
      queries++;
      // generatedAt is the time of each run (DriftReport), not an answer that could differ.
      const untimed = (r: unknown) => JSON.parse(JSON.stringify(r).replace(/"generatedAt":"[^"]*"/g, '"generatedAt":"<now>"')) as unknown;
      assert.deepEqual(untimed(compiled), untimed(reference), `${o.name} answers differently when compiled`);
      if (!reference.errors) assert.equal(stats.jit, 1, `${o.name} ran compiled`);
    }
    assert.ok(queries >= 8, `expected the operations to hold at least 8 queries, found ${queries}`);
  });

  it('the dashboard with real data, compiled, is graphql-js byte for byte', async () => {
    const { reference, compiled, stats } = await both(operation('Dashboard'), { first: 3 });
    assert.equal(stats.jit, 1);
    assert.equal(stats.fallbacks, 0);
    assert.ok((reference.data as { tenants: { edges: unknown[] } }).tenants.edges.length === 3);
    assert.equal(JSON.stringify(compiled), JSON.stringify(reference));
  });

  it('_entities of every entity type, with unknown and foreign ids among them', async () => {
    const reps = [
      { __typename: 'Tenant', id: seeded.tenants[0]!.id },
      { __typename: 'Tenant', id: 'no-such-tenant' },
      { __typename: 'VendorConnection', id: seeded.connections[1]!.id },
      { __typename: 'RecordingPolicy', id: seeded.policies[2]!.id },
      { __typename: 'RecordingPolicy', id: policyId },
    ];
    const q = `query($reps: [_Any!]!) { _entities(representations: $reps) { __typename
      ... on Tenant { id name connections { id name } }
      ... on VendorConnection { id vendor status tenant { id } }
      ... on RecordingPolicy { id version syncStatus scope { kind id } rules { mode calls { internal external } } connection { id } } } }`;
    const all = await both(q, { reps });
    assert.deepEqual(all.compiled, all.reference);
    // A token for one tenant: the others' entities resolve to null.
    const one = await both(q, { reps }, { tenants: [seeded.tenants[0]!.id], scopes: ['recording:read'] });
    assert.deepEqual(one.compiled, one.reference);
    assert.ok((one.reference.data as { _entities: unknown[] })._entities.some((e) => e === null));
  });

  const errorCases: { name: string; query: string; variables?: Record<string, unknown>; auth?: Parameters<typeof context>[0] }[] = [
    { name: 'NOT_FOUND from a resolver', query: 'query($id: ID!) { tenant(id: $id) { id name } }', variables: { id: 'no-such-tenant' } },
    { name: 'UNAUTHENTICATED', query: '{ viewer { subject } tenants { nodes { id } } }', auth: null },
    { name: 'FORBIDDEN (scope missing)', query: '{ tenants { nodes { id } } }', auth: { scopes: [] } },
    { name: 'a bad variable (wrong type)', query: 'query($first: Int!) { tenants(first: $first) { nodes { id } } }', variables: { first: 'many' } },
    { name: 'a missing required variable', query: 'query($id: ID!) { recordingPolicy(id: $id) { id } }', variables: {} },
    { name: 'an invalid cursor (BAD_USER_INPUT)', query: 'query { tenants(after: "not-a-cursor") { nodes { id } } }' },
    { name: 'an out-of-range page size', query: '{ tenants(first: 100000) { nodes { id } } }' },
    {
      name: 'errors next to data in a list',
      query: `query($id: ID!, $other: ID!) { a: tenant(id: $id) { id } b: tenant(id: $other) { id } }`,
      variables: { id: DEMO_TENANT_ID, other: 'nope' },
    },
  ];
  for (const c of errorCases) {
    it(`errors: ${c.name}`, async () => {
      const { reference, compiled } = await both(c.query, c.variables, c.auth === undefined ? {} : c.auth);
      assert.ok(reference.errors?.length, 'the case produces an error');
      assert.deepEqual(compiled, reference);
    });
  }

  it('through the service over HTTP: the dashboard answers the same before and after it is compiled', async () => {
    const q = operation('Dashboard');
    const first = await t.gql(q, { first: 5 });
    const second = await t.gql(q, { first: 5 });
    const third = await t.gql(q, { first: 5 });
    assert.deepEqual(second.data, first.data);
    assert.deepEqual(third.data, first.data);
    assert.equal(first.errors, undefined);
  });
});
