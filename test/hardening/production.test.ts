import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorOf, ok, startTestApp, TEST_CREDENTIALS_KEY, TEST_JWT_SECRET, type TestApp } from '../helpers/app';
import { ROOT_DIR } from '../../src/app';
import { ConfigError, loadConfig } from '../../src/config';

/** What a client must never see: stack frames, driver or file names, suggestions. */
function assertNothingInternal(text: string): void {
  for (const needle of [/\bat [\w.<>]+ \(/, /stacktrace/i, /\.js:\d+/, /node_modules/, /PGlite|pool|ECONN|postgres/i, /Did you mean/]) {
    assert.doesNotMatch(text, needle, text.slice(0, 400));
  }
}

const PRODUCTION = { NODE_ENV: 'production', PLAYGROUND: '', INTROSPECTION: '' };

describe('production mode (NODE_ENV=production)', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ env: PRODUCTION });
  });
  after(async () => t.close());

  it('prints no development token and turns the playground and introspection off by default', async () => {
    assert.equal(t.app.config.isProduction, true);
    assert.equal(t.app.devToken, undefined);
    assert.equal(t.app.config.printDevToken, false);
    const page = await fetch(t.app.graphqlUrl, { headers: { accept: 'text/html' } });
    const html = await page.text();
    assert.doesNotMatch(html, /graphiql|<html/i);
    const intro = errorOf(await t.gql(`{ __schema { types { name } } }`));
    assert.equal(intro.code, 'GRAPHQL_VALIDATION_FAILED');
    assert.match(intro.message, /introspection/i);
    const typeIntro = errorOf(await t.gql(`{ __type(name: "Tenant") { fields { name } } }`));
    assert.equal(typeIntro.code, 'GRAPHQL_VALIDATION_FAILED');
  });

  it('gives no field or enum suggestions', async () => {
    const field = await t.gql(`{ tenantz { id } }`);
    assert.equal(errorOf(field).code, 'GRAPHQL_VALIDATION_FAILED');
    assertNothingInternal(JSON.stringify(field.errors));
    const sub = await t.gql(`{ viewer { subjekt } }`);
    assertNothingInternal(JSON.stringify(sub.errors));
    const enumValue = await t.gql(`mutation($input: CreateRecordingPolicyInput!) { createRecordingPolicy(input: $input) { policy { id } } }`, {
      input: {
        connectionId: '00000000-0000-4000-8000-000000000001',
        name: 'x',
        scope: { kind: 'SETTINGS_RECORD', id: '1' },
        rules: { mode: 'ALWAYZ' },
      },
    });
    const e = errorOf(enumValue);
    assert.equal(e.code, 'BAD_USER_INPUT');
    assert.deepEqual(e.fields?.[0]?.path, ['input', 'rules', 'mode'], 'the field is still named');
    assertNothingInternal(JSON.stringify(enumValue.errors));
  });

  it('hides an unexpected error behind INTERNAL_SERVER_ERROR with a request id, and logs the original', async () => {
    const broken = await startTestApp({ env: PRODUCTION });
    try {
      await broken.app.database.close();
      const r = await broken.gql(`{ tenants(first: 5) { nodes { id } } }`, {}, { headers: { 'x-request-id': 'prod-failure-1' } });
      const e = errorOf(r);
      assert.equal(e.code, 'INTERNAL_SERVER_ERROR');
      assert.equal(e.message, 'Internal server error');
      assert.equal(e.requestId, 'prod-failure-1');
      assert.deepEqual(Object.keys(r.errors![0]!.extensions!).sort(), ['code', 'requestId']);
      assertNothingInternal(JSON.stringify(r.errors));
      const logged = broken.logs
        .map((l) => JSON.parse(l) as Record<string, any>)
        .find((l) => l.requestId === 'prod-failure-1' && l.msg === 'unexpected error');
      assert.ok(logged, 'the original error is logged with the request id');
      assert.ok(logged.err?.message && logged.err.message !== 'Internal server error', JSON.stringify(logged));
    } finally {
      (broken.app.database as { close: () => Promise<void> }).close = async () => undefined;
      await broken.close();
    }
  });

  it('hides an internal error raised on purpose (credentials no key opens) and logs it', async () => {
    const tenant = ok(await t.gql(`mutation { createTenant(input: { name: "Prod" }) { tenant { id } } }`)).createTenant.tenant.id;
    const conn = ok(
      await t.gql(`mutation($input: ConnectVendorInput!) { connectVendor(input: $input) { connection { id } } }`, {
        input: {
          tenantId: tenant,
          vendor: 'MEGAFON',
          name: 'm',
          baseUrl: 'https://simple-api.cp.megafon.ru',
          credentials: [{ name: 'token', value: 'prod-token-value' }],
        },
      }),
    ).connectVendor.connection.id;
    await t.app.database.rawQuery(`UPDATE vendor_connections SET credentials_sealed = 'v1.unknownk.AAAA.AAAA.AAAA' WHERE id = $1`, [conn]);
    const r = await t.gql(
      `mutation($id: ID!) { testVendorConnection(input: { id: $id }) { ok } }`,
      { id: conn },
      { headers: { 'x-request-id': 'prod-failure-2' } },
    );
    const e = errorOf(r);
    assert.equal(e.code, 'INTERNAL_SERVER_ERROR');
    assert.equal(e.message, 'Internal server error');
    assert.doesNotMatch(JSON.stringify(r.errors), /decrypt|key/i);
    assert.ok(t.logs.some((l) => l.includes('prod-failure-2') && l.includes('could not be decrypted')));
  });

  it('serves introspection and the playground when configured on', async () => {
    const open = await startTestApp({ env: { ...PRODUCTION, INTROSPECTION: 'true', PLAYGROUND: 'true' } });
    try {
      ok(await open.gql(`{ __schema { queryType { name } } }`));
      const page = await fetch(open.app.graphqlUrl, { headers: { accept: 'text/html' } });
      assert.match(await page.text(), /<html/i);
      assert.equal(open.app.devToken, undefined, 'still no development token');
    } finally {
      await open.close();
    }
  });
});

describe('production start-up refuses insecure settings, listing every problem at once', () => {
  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      loadConfig({ NODE_ENV: 'production', PORT: '0', DATA_DIR: tmpdir(), ...env });
    } catch (e) {
      assert.ok(e instanceof ConfigError);
      return e.problems;
    }
    return [];
  };
  const secure = { CREDENTIALS_KEY: TEST_CREDENTIALS_KEY, JWT_SECRET: TEST_JWT_SECRET };

  it('accepts a secure production configuration', () => {
    assert.deepEqual(problemsOf(secure), []);
    assert.deepEqual(
      problemsOf({ CREDENTIALS_KEY: TEST_CREDENTIALS_KEY, JWT_JWKS_URL: 'https://idp.example/.well-known/jwks.json', JWT_AUDIENCE: 'recording' }),
      [],
    );
  });

  const cases: [string, Record<string, string>, RegExp][] = [
    ['a missing encryption key', { JWT_SECRET: TEST_JWT_SECRET }, /CREDENTIALS_KEY is required/],
    ['a malformed encryption key', { ...secure, CREDENTIALS_KEY: 'short' }, /CREDENTIALS_KEY must be 32 bytes/],
    ['a malformed previous key', { ...secure, CREDENTIALS_KEY_PREVIOUS: 'nope' }, /CREDENTIALS_KEY_PREVIOUS/],
    ['missing JWT configuration', { CREDENTIALS_KEY: TEST_CREDENTIALS_KEY }, /JWT configuration is required/],
    ['a short JWT secret', { ...secure, JWT_SECRET: 'too-short' }, /JWT_SECRET must be at least 32/],
    [
      'a JWKS URL over http',
      { CREDENTIALS_KEY: TEST_CREDENTIALS_KEY, JWT_JWKS_URL: 'http://idp.example/jwks', JWT_AUDIENCE: 'a' },
      /JWT_JWKS_URL must use https/,
    ],
    [
      'a JWKS URL without an audience',
      { CREDENTIALS_KEY: TEST_CREDENTIALS_KEY, JWT_JWKS_URL: 'https://idp.example/jwks' },
      /JWT_AUDIENCE is required/,
    ],
    ['the sandbox', { ...secure, SANDBOX: 'true' }, /SANDBOX cannot be on in production/],
    ['private vendor hosts', { ...secure, ALLOW_PRIVATE_VENDOR_HOSTS: 'true' }, /ALLOW_PRIVATE_VENDOR_HOSTS cannot be on/],
    ['three router secrets', { ...secure, ROUTER_SECRETS: 'a,b,c' }, /ROUTER_SECRETS takes at most two/],
    ['a bad boolean', { ...secure, PLAYGROUND: 'maybe' }, /PLAYGROUND must be true or false/],
  ];
  for (const [name, env, problem] of cases) {
    it(`refuses ${name}`, () => {
      const problems = problemsOf(env);
      assert.ok(
        problems.some((p) => problem.test(p)),
        JSON.stringify(problems),
      );
    });
  }

  it('lists every problem of a configuration at once', () => {
    const problems = problemsOf({ SANDBOX: 'true', ALLOW_PRIVATE_VENDOR_HOSTS: 'true', ROUTER_SECRETS: 'a,b,c', PLAYGROUND: 'maybe' });
    for (const [, , problem] of cases.filter(([n]) =>
      [
        'a missing encryption key',
        'missing JWT configuration',
        'the sandbox',
        'private vendor hosts',
        'three router secrets',
        'a bad boolean',
      ].includes(n),
    )) {
      assert.ok(
        problems.some((p) => problem.test(p)),
        `${problem} in ${JSON.stringify(problems)}`,
      );
    }
  });

  it('the process exits 1 with every problem on stderr', async () => {
    const child = spawn(process.execPath, [join(ROOT_DIR, 'dist/src/main.js')], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        PORT: '0',
        DATA_DIR: tmpdir(),
        SANDBOX: 'true',
        JWT_JWKS_URL: 'http://idp.example/jwks',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    assert.equal(code, 1);
    for (const p of [/CREDENTIALS_KEY is required/, /SANDBOX cannot be on/, /JWT_JWKS_URL must use https/, /JWT_AUDIENCE is required/])
      assert.match(err, p);
    assertNothingInternal(err.replace(/Invalid configuration:/, ''));
  });
});

describe('the production process', () => {
  it('starts, logs JSON only, and prints no development token', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'recsub-prod-'));
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const child = spawn(process.execPath, [join(ROOT_DIR, 'dist/src/main.js'), 'serve'], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: dataDir,
        CREDENTIALS_KEY: TEST_CREDENTIALS_KEY,
        JWT_SECRET: TEST_JWT_SECRET,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setInterval(() => {
          if (out.includes('recording-subgraph listening')) {
            clearInterval(timer);
            resolve();
          }
        }, 50);
        child.once('exit', (code) => {
          clearInterval(timer);
          reject(new Error(`exited ${code}: ${out}`));
        });
      });
      const r = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ viewer { subject } }' }),
      });
      const body = (await r.json()) as any;
      assert.equal(body.errors[0].extensions.code, 'UNAUTHENTICATED');
      assert.doesNotMatch(out, /eyJ[A-Za-z0-9_-]+\.eyJ/, 'no token printed');
      assert.doesNotMatch(out, /Development bearer token/);
      for (const line of out.split('\n').filter(Boolean)) assert.doesNotThrow(() => JSON.parse(line), line);
      assert.ok(!out.includes(TEST_CREDENTIALS_KEY) && !out.includes(TEST_JWT_SECRET), 'secrets masked in the start-up line');
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
