import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorOf, ok, startTestApp, type TestApp } from '../helpers/app';

const CREATE = `mutation($input: CreateTenantInput!) { createTenant(input: $input) { tenant { id name createdAt } } }`;
const LIST = `query($first: Int, $after: String) { tenants(first: $first, after: $after) { nodes { id name } pageInfo { hasNextPage endCursor } } }`;

describe('tenants through GraphQL', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => t.close());

  const count = async () => Number((await t.app.database.rawQuery<{ n: string }>('SELECT count(*)::int AS n FROM tenants'))[0]!.n);

  it('creates, renames, fetches and deletes a tenant', async () => {
    const created = ok(await t.gql(CREATE, { input: { name: '  Acme  ' } })).createTenant.tenant;
    assert.equal(created.name, 'Acme');
    assert.match(created.id, /^[0-9a-f-]{36}$/);
    const renamed = ok(
      await t.gql(`mutation($input: RenameTenantInput!) { renameTenant(input: $input) { tenant { id name } } }`, {
        input: { id: created.id, name: 'Acme Ltd' },
      }),
    );
    assert.equal(renamed.renameTenant.tenant.name, 'Acme Ltd');
    const fetched = ok(await t.gql(`query($id: ID!) { tenant(id: $id) { id name } }`, { id: created.id }));
    assert.deepEqual(fetched.tenant, { id: created.id, name: 'Acme Ltd' });
    const deleted = ok(await t.gql(`mutation($id: ID!) { deleteTenant(input: { id: $id }) { deletedId } }`, { id: created.id }));
    assert.deepEqual(deleted.deleteTenant, { deletedId: created.id });
    const gone = await t.gql(`query($id: ID!) { tenant(id: $id) { id } }`, { id: created.id });
    assert.equal(errorOf(gone).code, 'NOT_FOUND');
    assert.equal(gone.data?.tenant, null);
  });

  it('pages through tenants with cursors, in creation order, without gaps or repeats', async () => {
    const names = Array.from({ length: 7 }, (_, i) => `Page tenant ${i}`);
    for (const name of names) ok(await t.gql(CREATE, { input: { name } }));
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: any = ok(await t.gql(LIST, { first: 3, after })).tenants;
      seen.push(...page.nodes.map((n: { name: string }) => n.name));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages++;
    } while (after);
    assert.deepEqual(
      seen.filter((n) => n.startsWith('Page tenant')),
      names,
    );
    assert.ok(pages >= 3);
  });

  it('refuses bad input with BAD_USER_INPUT, every field path, and writes nothing', async () => {
    const before = await count();
    const r = await t.gql(CREATE, { input: { name: '' } });
    const e = errorOf(r);
    assert.equal(e.code, 'BAD_USER_INPUT');
    assert.deepEqual(
      e.fields?.map((f) => f.path),
      [['input', 'name']],
    );
    assert.match(e.fields![0]!.message, /must not be empty/);
    const long = errorOf(await t.gql(CREATE, { input: { name: 'x'.repeat(201) } }));
    assert.equal(long.code, 'BAD_USER_INPUT');
    assert.match(long.message, /at most 200/);
    const wrongType = await t.gql(CREATE, { input: { name: 42 } });
    assert.equal(errorOf(wrongType).code, 'BAD_USER_INPUT');
    const pageTooBig = errorOf(await t.gql(LIST, { first: 1000 }));
    assert.equal(pageTooBig.code, 'BAD_USER_INPUT');
    assert.deepEqual(pageTooBig.fields?.[0]?.path, ['first']);
    const badCursor = errorOf(await t.gql(LIST, { first: 2, after: 'not-a-cursor' }));
    assert.equal(badCursor.code, 'BAD_USER_INPUT');
    assert.equal(await count(), before);
    for (const res of [r, wrongType]) assert.ok(!JSON.stringify(res.errors).includes('    at '), 'no stack trace');
  });

  it('answers UNAUTHENTICATED without a valid token and FORBIDDEN without the scope', async () => {
    const none = await t.gql(LIST, {}, { token: null });
    assert.equal(errorOf(none).code, 'UNAUTHENTICATED');
    const garbage = await t.gql(LIST, {}, { token: 'a.b.c' });
    assert.equal(errorOf(garbage).code, 'UNAUTHENTICATED');
    const readOnly = await t.token({ scopes: ['recording:read'] });
    const before = await count();
    const forbidden = await t.gql(CREATE, { input: { name: 'Nope' } }, { token: readOnly });
    assert.equal(errorOf(forbidden).code, 'FORBIDDEN');
    assert.equal(await count(), before);
  });

  it("isolates tenants: another tenant's object is NOT_FOUND, exactly like a missing one", async () => {
    const a = ok(await t.gql(CREATE, { input: { name: 'Tenant A' } })).createTenant.tenant;
    const b = ok(await t.gql(CREATE, { input: { name: 'Tenant B' } })).createTenant.tenant;
    const tokenA = await t.token({ tenants: [a.id] });
    const own = ok(await t.gql(`query($id: ID!) { tenant(id: $id) { name } }`, { id: a.id }, { token: tokenA }));
    assert.equal(own.tenant.name, 'Tenant A');
    const foreign = errorOf(await t.gql(`query($id: ID!) { tenant(id: $id) { name } }`, { id: b.id }, { token: tokenA }));
    const missing = errorOf(
      await t.gql(`query($id: ID!) { tenant(id: $id) { name } }`, { id: '00000000-0000-4000-8000-000000000000' }, { token: tokenA }),
    );
    assert.equal(foreign.code, 'NOT_FOUND');
    assert.equal(missing.code, 'NOT_FOUND');
    assert.equal(foreign.message.replace(b.id, 'X'), missing.message.replace('00000000-0000-4000-8000-000000000000', 'X'));
    const listed = ok(await t.gql(LIST, { first: 100 }, { token: tokenA })).tenants.nodes.map((n: { id: string }) => n.id);
    assert.deepEqual(listed, [a.id]);
    const rename = errorOf(
      await t.gql(
        `mutation($input: RenameTenantInput!) { renameTenant(input: $input) { tenant { id } } }`,
        { input: { id: b.id, name: 'Hijacked' } },
        { token: tokenA },
      ),
    );
    assert.equal(rename.code, 'NOT_FOUND');
    const stillB = ok(await t.gql(`query($id: ID!) { tenant(id: $id) { name } }`, { id: b.id })).tenant.name;
    assert.equal(stillB, 'Tenant B');
  });
});
