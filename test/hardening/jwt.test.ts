import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { errorOf, ok, startTestApp, TEST_JWT_SECRET, type TestApp } from '../helpers/app';

const ISSUER = 'https://issuer.test/';
const AUDIENCE = 'recording-subgraph';
const VIEWER = `{ viewer { subject scopes } }`;
const now = () => Math.floor(Date.now() / 1000);
const claims = { tenants: ['*'], scope: 'recording:read' };
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

type Key = Parameters<SignJWT['sign']>[0];
async function sign(
  key: Key,
  alg: string,
  opts: { iss?: string | null; aud?: string | null; exp?: number; nbf?: number; kid?: string; payload?: JWTPayload } = {},
): Promise<string> {
  let jwt = new SignJWT({ ...claims, ...opts.payload })
    .setProtectedHeader({ alg, typ: 'JWT', ...(opts.kid ? { kid: opts.kid } : {}) })
    .setSubject('someone')
    .setIssuedAt();
  jwt = jwt.setExpirationTime(opts.exp ?? now() + 600);
  if (opts.nbf !== undefined) jwt = jwt.setNotBefore(opts.nbf);
  if (opts.iss !== null) jwt = jwt.setIssuer(opts.iss ?? ISSUER);
  if (opts.aud !== null) jwt = jwt.setAudience(opts.aud ?? AUDIENCE);
  return jwt.sign(key);
}

/** An unsigned token: `alg: none`, empty signature. */
const unsigned = (payload: JWTPayload = { sub: 'someone', iss: ISSUER, aud: AUDIENCE, exp: now() + 600, ...claims }) =>
  `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;

async function assertRefused(t: TestApp, token: string, why: string): Promise<void> {
  let statements = 0;
  let r!: Awaited<ReturnType<TestApp['gql']>>;
  statements = await t.countStatements(async () => {
    r = await t.gql(VIEWER, {}, { token });
  });
  const e = errorOf(r);
  assert.equal(e.code, 'UNAUTHENTICATED', `${why}: ${JSON.stringify(r.errors)}`);
  assert.equal(r.data, null, why);
  assert.equal(statements, 0, why);
  // The answer never says which check failed beyond "invalid", and never echoes the token.
  assert.ok(!JSON.stringify(r.errors).includes(token.split('.')[1]!), why);
}

describe('JWTs with a shared secret (HS256) and required issuer and audience', () => {
  let t: TestApp;
  const secret = new TextEncoder().encode(TEST_JWT_SECRET);
  before(async () => {
    t = await startTestApp({ env: { JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE } });
  });
  after(async () => t.close());

  it('accepts a valid token', async () => {
    const data = ok(await t.gql(VIEWER, {}, { token: await sign(secret, 'HS256') }));
    assert.equal(data.viewer.subject, 'someone');
  });

  it('refuses alg none, a wrong key, expired, not yet valid, wrong or missing issuer and audience, and malformed headers', async () => {
    const other = new TextEncoder().encode('another-secret-0123456789-abcdefghijklmnopqrstuvwxyz');
    const rsa = await generateKeyPair('RS256');
    const valid = await sign(secret, 'HS256');
    const cases: [string, string][] = [
      ['alg none', unsigned()],
      ['alg none with the valid token signature stripped', `${valid.split('.').slice(0, 2).join('.')}.`],
      ['alg none header over a valid payload and signature', `${b64({ alg: 'none' })}.${valid.split('.')[1]}.${valid.split('.')[2]}`],
      ['a wrong key', await sign(other, 'HS256')],
      ['an asymmetric algorithm the secret mode does not take', await sign(rsa.privateKey, 'RS256')],
      ['expired (beyond the 30 s tolerance)', await sign(secret, 'HS256', { exp: now() - 120 })],
      ['not yet valid', await sign(secret, 'HS256', { nbf: now() + 300 })],
      ['a wrong issuer', await sign(secret, 'HS256', { iss: 'https://evil.test/' })],
      ['no issuer', await sign(secret, 'HS256', { iss: null })],
      ['a wrong audience', await sign(secret, 'HS256', { aud: 'another-api' })],
      ['no audience', await sign(secret, 'HS256', { aud: null })],
      [
        'a tampered payload',
        `${valid.split('.')[0]}.${b64({ sub: 'admin', iss: ISSUER, aud: AUDIENCE, exp: now() + 600, tenants: ['*'], scope: 'recording:admin' })}.${valid.split('.')[2]}`,
      ],
      ['no tenants claim', await sign(secret, 'HS256', { payload: { tenants: undefined } })],
    ];
    for (const [why, token] of cases) await assertRefused(t, token, why);
    for (const header of ['Bearer', `Basic ${Buffer.from('a:b').toString('base64')}`, `Bearer ${valid}.extra`, `Token ${valid}`]) {
      const r = await t.gql(VIEWER, {}, { token: null, headers: { authorization: header } });
      assert.equal(errorOf(r).code, 'UNAUTHENTICATED', header);
    }
    assert.equal(errorOf(await t.gql(VIEWER, {}, { token: null })).code, 'UNAUTHENTICATED', 'no token');
  });
});

describe('JWTs verified against a JWKS endpoint', () => {
  let t: TestApp;
  let jwks: Server;
  let keys: Awaited<ReturnType<typeof generateKeyPair>>;
  let jwksRequests = 0;
  before(async () => {
    keys = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    jwks = createServer((req, res) => {
      jwksRequests++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
    t = await startTestApp({ env: { JWT_SECRET: '', JWT_JWKS_URL: url, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE, DEV_SECRETS: 'off' } });
  });
  after(async () => {
    await t.close();
    await new Promise((r) => jwks.close(r));
  });

  it('accepts a token signed by the published key', async () => {
    const data = ok(await t.gql(VIEWER, {}, { token: await sign(keys.privateKey, 'RS256', { kid: 'key-1' }) }));
    assert.equal(data.viewer.subject, 'someone');
    assert.ok(jwksRequests >= 1, 'the keys came from the JWKS endpoint');
  });

  it('refuses alg none, another key, the public key used as an HMAC secret, expired, not yet valid, wrong issuer and audience', async () => {
    const stranger = await generateKeyPair('RS256');
    const publicPem = new TextEncoder().encode(JSON.stringify(await exportJWK(keys.publicKey)));
    const cases: [string, string][] = [
      ['alg none', unsigned()],
      ['another key under the published kid', await sign(stranger.privateKey, 'RS256', { kid: 'key-1' })],
      ['another key under an unknown kid', await sign(stranger.privateKey, 'RS256', { kid: 'key-2' })],
      ['HS256 keyed with the public key (algorithm confusion)', await sign(publicPem, 'HS256', { kid: 'key-1' })],
      ['HS256 keyed with the old shared secret', await sign(new TextEncoder().encode(TEST_JWT_SECRET), 'HS256')],
      ['expired', await sign(keys.privateKey, 'RS256', { kid: 'key-1', exp: now() - 120 })],
      ['not yet valid', await sign(keys.privateKey, 'RS256', { kid: 'key-1', nbf: now() + 300 })],
      ['a wrong issuer', await sign(keys.privateKey, 'RS256', { kid: 'key-1', iss: 'https://evil.test/' })],
      ['a wrong audience', await sign(keys.privateKey, 'RS256', { kid: 'key-1', aud: 'another-api' })],
    ];
    for (const [why, token] of cases) await assertRefused(t, token, why);
  });
});
