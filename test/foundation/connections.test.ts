import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorOf, ok, startTestApp, type TestApp } from '../helpers/app';

const CONNECT = `mutation($input: ConnectVendorInput!) { connectVendor(input: $input) { connection { id vendor name baseUrl status settings { name value } tenant { id } } } }`;
const CANARY = 'canary-SECRET-7f3a9c1e-do-not-leak';

describe('vendor connections through GraphQL', () => {
  let t: TestApp;
  let tenantId: string;
  before(async () => {
    t = await startTestApp();
    tenantId = ok(await t.gql(`mutation { createTenant(input: { name: "Conn tenant" }) { tenant { id } } }`)).createTenant.tenant.id;
  });
  after(async () => t.close());

  const rows = async (table: string) => Number((await t.app.database.rawQuery<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n);

  it('connects a vendor; credentials are stored encrypted and can never be read back', async () => {
    const r = await t.gql(CONNECT, {
      input: {
        tenantId,
        vendor: 'MEGAFON',
        name: 'Moscow office',
        baseUrl: 'https://simple-api.cp.megafon.ru/',
        credentials: [{ name: 'token', value: CANARY }],
      },
    });
    const conn = ok(r).connectVendor.connection;
    assert.equal(conn.vendor, 'MEGAFON');
    assert.equal(conn.baseUrl, 'https://simple-api.cp.megafon.ru');
    assert.equal(conn.status, 'UNTESTED');
    assert.equal(conn.tenant.id, tenantId);
    assert.ok(!JSON.stringify(r).includes(CANARY));
    const [stored] = await t.app.database.rawQuery<{ credentials_sealed: string }>(
      'SELECT credentials_sealed FROM vendor_connections WHERE id = $1',
      [conn.id],
    );
    assert.ok(!stored!.credentials_sealed.includes(CANARY));
    assert.ok(!Buffer.from(stored!.credentials_sealed).toString('base64').includes(Buffer.from(CANARY).toString('base64')));
    assert.match(stored!.credentials_sealed, /^v1\.[\w-]{8}\./);
    // The schema has no field that could carry them.
    const intro = ok(await t.gql(`{ __type(name: "VendorConnection") { fields { name } } }`)).__type.fields.map((f: { name: string }) => f.name);
    assert.ok(!intro.some((n: string) => /credential|secret|token|password/i.test(n)), intro.join(','));
    // The service itself can still open them (for vendor calls).
    const { ctx } = await t.app.services.connections.vendorContextForScope(null, conn.id);
    assert.equal(ctx.credentials.token, CANARY);
    assert.ok(!t.logs.some((l) => l.includes(CANARY)), 'no log line carries the credential');
  });

  it('refuses unknown or missing credential names, bad URLs and unknown tenants, and writes nothing', async () => {
    const before = await rows('vendor_connections');
    const unknownName = errorOf(
      await t.gql(CONNECT, {
        input: { tenantId, vendor: 'MEGAFON', name: 'x', baseUrl: 'https://a.example', credentials: [{ name: 'password', value: CANARY }] },
      }),
    );
    assert.equal(unknownName.code, 'BAD_USER_INPUT');
    assert.deepEqual(
      unknownName.fields?.map((f) => f.path),
      [
        ['input', 'credentials', 0, 'name'],
        ['input', 'credentials'],
      ],
    );
    assert.ok(!JSON.stringify(unknownName).includes(CANARY), 'the refused value is not echoed');
    const badUrl = errorOf(
      await t.gql(CONNECT, {
        input: { tenantId, vendor: 'MEGAFON', name: 'x', baseUrl: 'ftp://a.example', credentials: [{ name: 'token', value: 'v' }] },
      }),
    );
    assert.equal(badUrl.code, 'BAD_USER_INPUT');
    assert.deepEqual(badUrl.fields?.[0]?.path, ['input', 'baseUrl']);
    const badEnum = await t.gql(CONNECT, { input: { tenantId, vendor: 'NOKIA', name: 'x', baseUrl: 'https://a.example', credentials: [] } });
    assert.equal(errorOf(badEnum).code, 'BAD_USER_INPUT');
    assert.deepEqual(errorOf(badEnum).fields?.[0]?.path, ['input', 'vendor']);
    const unknownTenant = errorOf(
      await t.gql(CONNECT, {
        input: {
          tenantId: '00000000-0000-4000-8000-000000000000',
          vendor: 'MEGAFON',
          name: 'x',
          baseUrl: 'https://a.example',
          credentials: [{ name: 'token', value: 'v' }],
        },
      }),
    );
    assert.equal(unknownTenant.code, 'NOT_FOUND');
    const several = errorOf(
      await t.gql(CONNECT, { input: { tenantId: 'nope', vendor: 'MEGAFON', name: '', baseUrl: 'x', credentials: [{ name: '1bad', value: '' }] } }),
    );
    assert.equal(several.code, 'BAD_USER_INPUT');
    assert.deepEqual(
      several.fields?.map((f) => f.path.join('.')).sort(),
      ['input.baseUrl', 'input.credentials.0.name', 'input.credentials.0.value', 'input.name', 'input.tenantId'],
      'every offending field at once',
    );
    assert.equal(await rows('vendor_connections'), before);
  });

  it('updates name, URL and credentials; removes a connection with its policies; another tenant cannot touch it', async () => {
    const conn = ok(
      await t.gql(CONNECT, {
        input: {
          tenantId,
          vendor: 'WEBEX',
          name: 'Webex',
          baseUrl: 'https://webexapis.com/v1',
          credentials: [{ name: 'accessToken', value: 'tok-1' }],
        },
      }),
    ).connectVendor.connection;
    const upd = ok(
      await t.gql(
        `mutation($input: UpdateVendorConnectionInput!) { updateVendorConnection(input: $input) { connection { id name baseUrl status } } }`,
        {
          input: { id: conn.id, name: 'Webex EU', credentials: [{ name: 'accessToken', value: 'tok-2' }] },
        },
      ),
    ).updateVendorConnection.connection;
    assert.equal(upd.name, 'Webex EU');
    assert.equal((await t.app.services.connections.vendorContextForScope(null, conn.id)).ctx.credentials.accessToken, 'tok-2');

    const other = ok(await t.gql(`mutation { createTenant(input: { name: "Other" }) { tenant { id } } }`)).createTenant.tenant.id;
    const otherToken = await t.token({ tenants: [other] });
    const foreignRead = errorOf(await t.gql(`query($id: ID!) { vendorConnection(id: $id) { id } }`, { id: conn.id }, { token: otherToken }));
    assert.equal(foreignRead.code, 'NOT_FOUND');
    const foreignRemove = errorOf(
      await t.gql(`mutation($id: ID!) { removeVendorConnection(input: { id: $id }) { deletedId } }`, { id: conn.id }, { token: otherToken }),
    );
    assert.equal(foreignRemove.code, 'NOT_FOUND');
    const foreignConnect = errorOf(
      await t.gql(
        CONNECT,
        { input: { tenantId, vendor: 'MEGAFON', name: 'x', baseUrl: 'https://a.example', credentials: [{ name: 'token', value: 'v' }] } },
        { token: otherToken },
      ),
    );
    assert.equal(foreignConnect.code, 'NOT_FOUND');

    ok(
      await t.gql(`mutation($input: CreateRecordingPolicyInput!) { createRecordingPolicy(input: $input) { policy { id } } }`, {
        input: { connectionId: conn.id, name: 'p', scope: { kind: 'PERSON', id: 'person-1' }, rules: { mode: 'ALWAYS' }, apply: false },
      }),
    );
    const policiesBefore = await rows('recording_policies');
    ok(await t.gql(`mutation($id: ID!) { removeVendorConnection(input: { id: $id }) { deletedId } }`, { id: conn.id }));
    assert.equal(await rows('recording_policies'), policiesBefore - 1, 'its policy went with it');
    assert.equal(errorOf(await t.gql(`query($id: ID!) { vendorConnection(id: $id) { id } }`, { id: conn.id })).code, 'NOT_FOUND');
  });

  it('deleting a tenant deletes everything it owns', async () => {
    const tid = ok(await t.gql(`mutation { createTenant(input: { name: "Doomed" }) { tenant { id } } }`)).createTenant.tenant.id;
    const conn = ok(
      await t.gql(CONNECT, {
        input: { tenantId: tid, vendor: 'WEBEX', name: 'W', baseUrl: 'https://webexapis.com/v1', credentials: [{ name: 'accessToken', value: 't' }] },
      }),
    ).connectVendor.connection;
    ok(
      await t.gql(`mutation($input: CreateRecordingPolicyInput!) { createRecordingPolicy(input: $input) { policy { id } } }`, {
        input: { connectionId: conn.id, name: 'p', scope: { kind: 'PERSON', id: 'p1' }, rules: { mode: 'NEVER' }, apply: false },
      }),
    );
    ok(await t.gql(`mutation($id: ID!) { deleteTenant(input: { id: $id }) { deletedId } }`, { id: tid }));
    const left = await t.app.database.rawQuery<{ n: number }>(
      `SELECT (SELECT count(*) FROM vendor_connections WHERE tenant_id = $1)::int + (SELECT count(*) FROM recording_policies WHERE tenant_id = $1)::int AS n`,
      [tid],
    );
    assert.equal(Number(left[0]!.n), 0);
  });
});

/**
 * Found by use: playground tab 06 connects a second Webex connection to the built-in sandbox, whose emulators listen
 * on new free ports at every start. The demo connections were pointed at the new ports; the user's kept the old,
 * dead one, so its roll-outs waited for ever after a restart. A start moves every connection that pointed at an
 * emulator's previous address (connectSandbox is what each start runs), and nothing else.
 */
describe('connections to the built-in sandbox follow it to its new ports', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ env: { SANDBOX: 'true', SANDBOX_PORT_BASE: '0', SANDBOX_WEBEX_PEOPLE: '5' } });
  });
  after(async () => t.close());

  it("a user's connection to the sandbox's Webex moves with it; one elsewhere does not", async () => {
    const sandbox = t.app.sandbox!;
    const webex = sandbox.connections.find((c) => c.key === 'webex')!;
    const connect = async (name: string, baseUrl: string) =>
      ok(
        await t.gql(CONNECT, {
          input: {
            tenantId: '00000000-0000-4000-8000-00000000d000',
            vendor: 'WEBEX',
            name,
            baseUrl,
            credentials: [{ name: 'accessToken', value: 'sandbox-token' }],
          },
        }),
      ).connectVendor.connection.id as string;
    const mine = await connect('Webex Calling EU (second sandbox org connection)', webex.baseUrl);
    const elsewhere = await connect('Webex elsewhere', 'https://webexapis.com/v1');
    // The next start: the same emulators on other ports.
    const moved = webex.baseUrl.replace(/:(\d+)/, (_m, p: string) => `:${Number(p) + 1}`);
    await t.app.connectSandbox([{ ...webex, baseUrl: moved }]);
    const urls = async () =>
      Object.fromEntries(
        (
          ok(await t.gql(`query { tenant(id: "00000000-0000-4000-8000-00000000d000") { connections { id baseUrl } } }`)).tenant.connections as {
            id: string;
            baseUrl: string;
          }[]
        ).map((c) => [c.id, c.baseUrl]),
      );
    const after1 = await urls();
    assert.equal(after1[mine], moved, "the user's sandbox connection follows the sandbox");
    assert.equal(after1['00000000-0000-4000-8000-00000000d003'], moved, 'the demo connection too');
    assert.equal(after1[elsewhere], 'https://webexapis.com/v1', 'a connection elsewhere is left alone');
    // And back, as the next start would: both follow again.
    await t.app.connectSandbox([webex]);
    assert.equal((await urls())[mine], webex.baseUrl);
  });
});
