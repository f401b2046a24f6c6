import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { composeServices } from '@apollo/composition';
import { errorOf, ok, startTestApp, type TestApp } from '../helpers/app';
import { buildRecordingSchema } from '../../src/graphql/schema';
import { ROOT_DIR } from '../../src/app';

/** A second, small subgraph: a directory that owns User and references our Tenant. */
export const DIRECTORY_SDL = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])
type User @key(fields: "id") {
  id: ID!
  name: String!
  tenant: Tenant
}
type Tenant @key(fields: "id", resolvable: false) {
  id: ID!
}
type Query {
  users: [User!]!
}
`;

describe('federation subgraph', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => t.close());

  it('serves the clean subgraph SDL on _service, identical to the checked-in schema/recording.graphql', async () => {
    const sdl = ok(await t.gql(`{ _service { sdl } }`))._service.sdl as string;
    assert.match(sdl, /type Tenant\s+@key\(fields: "id"\)/);
    assert.match(sdl, /type RecordingPolicy\s+@key\(fields: "id"\)/);
    assert.match(sdl, /type VendorConnection\s+@key\(fields: "id"\)/);
    assert.doesNotMatch(sdl, /_Entity|_Any|_service|_entities|federation__/, 'no federation internals');
    const checkedIn = readFileSync(join(ROOT_DIR, 'schema', 'recording.graphql'), 'utf8')
      .replace(/^#.*\n/, '')
      .trim();
    assert.equal(checkedIn, sdl.trim(), 'schema/recording.graphql is stale: run `npm run build && npm run schema:print`');
    assert.equal((await buildRecordingSchema()).sdl, sdl);
  });

  it('composes with a second subgraph', async () => {
    const { sdl } = await buildRecordingSchema();
    const result = composeServices([
      { name: 'recording', typeDefs: parse(sdl), url: 'http://recording' },
      { name: 'directory', typeDefs: parse(DIRECTORY_SDL), url: 'http://directory' },
    ]);
    assert.deepEqual(result.errors ?? [], []);
    assert.ok(result.supergraphSdl?.includes('join__type(graph: RECORDING, key: "id")'));
  });

  it('resolves entities through _entities, under tenant isolation', async () => {
    const a = ok(await t.gql(`mutation { createTenant(input: { name: "Entity A" }) { tenant { id } } }`)).createTenant.tenant.id;
    const b = ok(await t.gql(`mutation { createTenant(input: { name: "Entity B" }) { tenant { id } } }`)).createTenant.tenant.id;
    const q = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Tenant { id name } } }`;
    const reps = [
      { __typename: 'Tenant', id: a },
      { __typename: 'Tenant', id: b },
      { __typename: 'Tenant', id: '00000000-0000-4000-8000-000000000000' },
    ];
    const all = ok(await t.gql(q, { reps }))._entities;
    assert.deepEqual(all, [{ id: a, name: 'Entity A' }, { id: b, name: 'Entity B' }, null]);
    const tokenA = await t.token({ tenants: [a] });
    const onlyA = ok(await t.gql(q, { reps }, { token: tokenA }))._entities;
    assert.deepEqual(onlyA, [{ id: a, name: 'Entity A' }, null, null], 'a foreign tenant resolves to null, like an unknown one');
    assert.equal(errorOf(await t.gql(q, { reps }, { token: null })).code, 'UNAUTHENTICATED');
  });
});
