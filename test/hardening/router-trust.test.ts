import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import WebSocket from 'ws';
import { errorOf, ok, startTestApp, type TestApp } from '../helpers/app';
import { secretMatches } from '../../src/server/http';

const CURRENT = 'router-secret-current-0123456789abcdef';
const NEXT = 'router-secret-next-fedcba9876543210';
const RETIRED = 'router-secret-retired-00000000000000';

/** Opens a graphql-ws connection with the given upgrade headers; resolves with the server's verdict. */
function wsVerdict(url: string, headers: Record<string, string>, token: string): Promise<'acknowledged' | 'refused'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws', { headers });
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
    ws.on('message', (m) => {
      if (JSON.parse(String(m)).type === 'connection_ack') {
        resolve('acknowledged');
        ws.close();
      }
    });
    ws.on('close', () => resolve('refused'));
    ws.on('error', () => resolve('refused'));
  });
}

describe('router trust: ROUTER_SECRETS with two secrets for rotation', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ env: { ROUTER_SECRETS: `${CURRENT},${NEXT}` } });
  });
  after(async () => t.close());

  it('serves requests carrying either secret, over HTTP', async () => {
    for (const secret of [CURRENT, NEXT]) {
      const data = ok(await t.gql(`{ viewer { subject } }`, {}, { headers: { 'x-router-secret': secret } }));
      assert.equal(data.viewer.subject, 'tester');
    }
  });

  it('refuses a retired secret, a missing one and near misses with 403 FORBIDDEN, before authentication or SQL', async () => {
    const near = [RETIRED, '', CURRENT.slice(0, -1), `${CURRENT}x`, CURRENT.toUpperCase(), `${CURRENT},${NEXT}`];
    for (const secret of [undefined, ...near]) {
      let r!: Awaited<ReturnType<TestApp['gql']>>;
      const statements = await t.countStatements(async () => {
        r = await t.gql(`{ viewer { subject } }`, {}, { headers: secret === undefined ? {} : { 'x-router-secret': secret } });
      });
      assert.equal(r.status, 403, String(secret));
      assert.equal(errorOf(r).code, 'FORBIDDEN');
      assert.equal(statements, 0);
      assert.ok(!JSON.stringify(r.errors).includes(CURRENT) && !JSON.stringify(r.errors).includes(NEXT), 'the answer names no secret');
    }
  });

  it('health and metrics stay reachable for the platform without the secret', async () => {
    assert.equal((await fetch(`${t.url}/healthz`)).status, 200);
    assert.equal((await fetch(`${t.url}/metrics`)).status, 200);
  });

  it('applies the same check to WebSocket upgrades', async () => {
    assert.equal(await wsVerdict(t.app.graphqlUrl, { 'x-router-secret': CURRENT }, t.adminToken), 'acknowledged');
    assert.equal(await wsVerdict(t.app.graphqlUrl, { 'x-router-secret': NEXT }, t.adminToken), 'acknowledged');
    assert.equal(await wsVerdict(t.app.graphqlUrl, { 'x-router-secret': RETIRED }, t.adminToken), 'refused');
    assert.equal(await wsVerdict(t.app.graphqlUrl, {}, t.adminToken), 'refused');
  });

  it('compares in constant time: fixed-length digests through timingSafeEqual, against every configured secret', () => {
    const original = crypto.timingSafeEqual;
    const lengths: number[] = [];
    (crypto as { timingSafeEqual: typeof original }).timingSafeEqual = (a, b) => {
      lengths.push(a.byteLength, b.byteLength);
      return original(a, b);
    };
    try {
      for (const given of [CURRENT, NEXT, RETIRED, 'x', 'y'.repeat(4096)]) {
        lengths.length = 0;
        const matched = secretMatches(given, [CURRENT, NEXT]);
        assert.equal(matched, given === CURRENT || given === NEXT);
        assert.equal(lengths.length, 4, 'both secrets compared, whether or not the first matched');
        assert.ok(
          lengths.every((l) => l === 32),
          'equal-length digests: the given length does not shortcut the comparison',
        );
      }
    } finally {
      (crypto as { timingSafeEqual: typeof original }).timingSafeEqual = original;
    }
  });

  it('a third secret cannot be configured: rotation keeps at most two', async () => {
    await assert.rejects(startTestApp({ env: { ROUTER_SECRETS: `${CURRENT},${NEXT},${RETIRED}` } }), /ROUTER_SECRETS takes at most two/);
  });
});

describe('router trust off', () => {
  it('without ROUTER_SECRETS, requests need no secret', async () => {
    const t = await startTestApp();
    try {
      ok(await t.gql(`{ viewer { subject } }`));
    } finally {
      await t.close();
    }
  });
});
