import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ok, startTestApp, TEST_CREDENTIALS_KEY, TEST_JWT_SECRET, type TestApp } from '../helpers/app';
import { ROOT_DIR, startApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { SecretBox } from '../../src/crypto/secrets';
import { rotateCredentials, RotationError } from '../../src/services/credentials-rotation';
import { signToken, SCOPES } from '../../src/server/auth';
import { databaseState } from './helpers';

const K1 = TEST_CREDENTIALS_KEY;
const K2 = Buffer.alloc(32, 9).toString('base64');
const K3 = Buffer.alloc(32, 11).toString('base64');
const CONNECT = `mutation($input: ConnectVendorInput!) { connectVendor(input: $input) { connection { id } } }`;

async function sealedRows(t: { app: { database: TestApp['app']['database'] } }) {
  return t.app.database.rawQuery<{ id: string; sealed: string; key_id: string }>(
    `SELECT id, credentials_sealed AS sealed, credentials_key_id AS key_id FROM vendor_connections ORDER BY id`,
  );
}

describe('rotating the credentials key re-seals every connection with nothing lost', () => {
  let t: TestApp;
  const secrets: Record<string, string> = {};
  before(async () => {
    t = await startTestApp({ env: { SANDBOX: 'true', SANDBOX_WEBEX_PEOPLE: '20' } });
    const tenant = ok(await t.gql(`mutation { createTenant(input: { name: "Rotation" }) { tenant { id } } }`)).createTenant.tenant.id;
    for (let i = 0; i < 3; i++) {
      const value = `rotation-token-${i}`;
      const id = ok(
        await t.gql(CONNECT, {
          input: {
            tenantId: tenant,
            vendor: 'MEGAFON',
            name: `m${i}`,
            baseUrl: 'https://simple-api.cp.megafon.ru',
            credentials: [{ name: 'token', value }],
          },
        }),
      ).connectVendor.connection.id;
      secrets[id] = JSON.stringify({ token: value });
    }
  });
  after(async () => t.close());

  it('re-seals with the new key, reading old values through the previous key, in one transaction', async () => {
    const before = await sealedRows(t);
    const oldBox = new SecretBox(K1);
    const plain = Object.fromEntries(before.map((r) => [r.id, oldBox.open(r.sealed, r.id)]));
    const box = new SecretBox(K2, [K1]);
    const report = await rotateCredentials(t.app.database, box);
    assert.equal(report.total, before.length);
    assert.equal(report.resealed, before.length);
    assert.deepEqual(report.byPreviousKey, { [oldBox.currentKeyId]: before.length });

    const afterRows = await sealedRows(t);
    const newOnly = new SecretBox(K2);
    for (const r of afterRows) {
      assert.equal(r.key_id, newOnly.currentKeyId);
      assert.equal(newOnly.keyIdOf(r.sealed), newOnly.currentKeyId);
      assert.equal(newOnly.open(r.sealed, r.id), plain[r.id], 'the same credentials, opened with the new key alone');
      assert.throws(() => oldBox.open(r.sealed, r.id), 'the old key no longer opens it');
    }
    for (const [id, value] of Object.entries(secrets)) assert.equal(plain[id], value);

    // Running again is harmless: everything is already on the current key.
    const again = await rotateCredentials(t.app.database, newOnly);
    assert.equal(again.alreadyCurrent, before.length);
  });

  it('changes nothing when any value cannot be opened, and names the connection', async () => {
    const [victim] = await sealedRows(t);
    const stranger = new SecretBox(K3);
    await t.app.database.rawQuery(`UPDATE vendor_connections SET credentials_sealed = $1 WHERE id = $2`, [
      stranger.seal('{"token":"x"}', victim!.id),
      victim!.id,
    ]);
    const state = await databaseState(t);
    await assert.rejects(
      rotateCredentials(t.app.database, new SecretBox(K2, [K1])),
      (e: unknown) => e instanceof RotationError && e.failures.length === 1 && e.message.includes(victim!.id),
    );
    assert.deepEqual(await databaseState(t), state, 'nothing changed');
  });
});

describe('node dist/src/main.js rotate-credentials', () => {
  it('re-seals a stopped deployment, reports counts, and the service starts on the new key alone', async () => {
    // Embedded database in a folder, so a separate process can open it (the command's path is the same on a server).
    const dataDir = mkdtempSync(join(tmpdir(), 'recsub-rotate-'));
    const env = (key: string, previous?: string) => ({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      JWT_SECRET: TEST_JWT_SECRET,
      SANDBOX: 'false',
      LOG_LEVEL: 'silent',
      CREDENTIALS_KEY: key,
      ...(previous ? { CREDENTIALS_KEY_PREVIOUS: previous } : {}),
    });
    const sink = new Writable({ write: (_c, _e, cb) => cb() });
    const run = (e: Record<string, string>) =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const child = spawn(process.execPath, [join(ROOT_DIR, 'dist/src/main.js'), 'rotate-credentials'], {
          env: { PATH: process.env.PATH, ...e },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (c) => (out += c));
        child.stderr.on('data', (c) => (err += c));
        child.once('exit', (code) => resolve({ code, out, err }));
      });
    try {
      let app = await startApp({ config: loadConfig(env(K1)), logDestination: sink });
      const token = await signToken(TEST_JWT_SECRET, { sub: 'ops', tenants: '*', scopes: [...SCOPES] });
      const gql = async (query: string, variables?: Record<string, unknown>) =>
        (await (
          await fetch(app.graphqlUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ query, variables }),
          })
        ).json()) as any;
      const tenant = (await gql(`mutation { createTenant(input: { name: "Ops" }) { tenant { id } } }`)).data.createTenant.tenant.id;
      const id = (
        await gql(CONNECT, {
          input: {
            tenantId: tenant,
            vendor: 'MEGAFON',
            name: 'm',
            baseUrl: 'https://simple-api.cp.megafon.ru',
            credentials: [{ name: 'token', value: 'kept-through-rotation' }],
          },
        })
      ).data.connectVendor.connection.id;
      await app.close();

      const wrong = await run(env(K2, K3));
      assert.equal(wrong.code, 1, 'the old key is missing: refused');
      assert.match(wrong.err, new RegExp(id));
      assert.match(wrong.err, /nothing was changed/);

      const done = await run(env(K2, K1));
      assert.equal(done.code, 0, done.err);
      const report = JSON.parse(done.out.trim().split('\n').pop()!);
      assert.equal(report.rotated, true);
      assert.equal(report.total, 1);
      assert.equal(report.resealed, 1);
      assert.ok(!done.out.includes('kept-through-rotation') && !done.err.includes('kept-through-rotation'));

      app = await startApp({ config: loadConfig(env(K2)), logDestination: sink });
      try {
        const { ctx } = await app.services.connections.vendorContextForScope(null, id);
        assert.deepEqual(ctx.credentials, { token: 'kept-through-rotation' });
      } finally {
        await app.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
