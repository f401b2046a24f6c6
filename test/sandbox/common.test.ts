import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { RateLimiter, SandboxServer, controlBody, type Reply } from '../../src/sandbox/common';

function makeServer(now?: () => number): { server: SandboxServer; state: { value: number } } {
  const state = { value: 1 };
  const server = new SandboxServer({
    name: 'toy',
    routes: [
      {
        method: 'GET',
        path: '/things/:id',
        handler: (ctx) => {
          const token = ctx.headers['x-token'];
          if (typeof token === 'string') ctx.setAuth(token);
          return { status: 200, body: { id: ctx.params['id'], value: state.value } };
        },
      },
      {
        method: 'PUT',
        path: '/things/:id',
        handler: (ctx) => {
          state.value = (controlBody(ctx)['value'] as number) ?? 0;
          ctx.countWrite(`thing:${ctx.params['id']}`);
          return { status: 204 };
        },
      },
    ],
    profile: {
      errorReply: (status, message): Reply => ({ status, body: { toyError: message } }),
      rateLimitKey: (ctx) => (typeof ctx.headers['x-token'] === 'string' ? ctx.headers['x-token'] : null),
      redactQuery: ['secret'],
      redactBody: ['password'],
    },
    logLimit: 5,
    now,
    snapshotState: () => state,
    resetState: () => {
      state.value = 1;
    },
  });
  return { server, state };
}

describe('sandbox toolkit', () => {
  const { server, state } = makeServer();
  let url = '';
  const control = (path: string, method = 'GET', body?: unknown): Promise<Response> =>
    fetch(`${url}/__sandbox/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  before(async () => {
    url = await server.listen(0, '127.0.0.1');
  });
  after(() => server.close());
  beforeEach(async () => {
    const res = await control('reset', 'POST', { state: true });
    assert.equal(res.status, 200);
  });

  it('routes, parses JSON bodies and answers the vendor error for unknown paths and methods', async () => {
    const ok = await fetch(`${url}/things/7`);
    assert.deepEqual(await ok.json(), { id: '7', value: 1 });
    const put = await fetch(`${url}/things/7`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"value":5}' });
    assert.equal(put.status, 204);
    assert.equal(state.value, 5);
    const missing = await fetch(`${url}/nothing`);
    assert.equal(missing.status, 404);
    assert.ok('toyError' in ((await missing.json()) as object));
    const wrong = await fetch(`${url}/things/7`, { method: 'DELETE' });
    assert.equal(wrong.status, 405);
    assert.match(wrong.headers.get('allow') ?? '', /GET/);
  });

  it('logs requests with counts per route and status, redacting secrets, over HTTP and in code', async () => {
    await fetch(`${url}/things/1?secret=hunter2&x=1`, { headers: { 'x-token': 'tok-a' } });
    await fetch(`${url}/things/1`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"value":2,"password":"p"}' });
    await fetch(`${url}/things/1`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"value":3}' });
    const res = await control('requests');
    const snap = (await res.json()) as ReturnType<SandboxServer['requests']>;
    assert.equal(snap.counts.total, 3);
    assert.equal(snap.counts.byRoute['GET /things/:id'], 1);
    assert.equal(snap.counts.byRoute['PUT /things/:id'], 2);
    assert.equal(snap.counts.byRouteStatus['PUT /things/:id']!['204'], 2);
    assert.equal(snap.counts.writes['thing:1'], 2);
    assert.equal(snap.entries[0]!.query['secret'], '[redacted]');
    assert.equal(snap.entries[0]!.query['x'], '1');
    assert.match(snap.entries[0]!.auth ?? '', /^fp_/);
    assert.ok(!JSON.stringify(snap).includes('tok-a'));
    assert.deepEqual(snap.entries[1]!.body, { value: 2, password: '[redacted]' });
    assert.deepEqual(server.counts().byMethod, { GET: 1, PUT: 2 });
    // control calls are never logged
    assert.equal(server.counts().total, 3);
  });

  it('keeps a bounded log while counts stay exact', async () => {
    for (let i = 0; i < 8; i += 1) await fetch(`${url}/things/${i}`);
    const snap = server.requests();
    assert.equal(snap.entries.length, 5);
    assert.equal(snap.dropped, 3);
    assert.equal(snap.counts.total, 8);
    assert.equal(server.requests({ since: snap.entries[3]!.seq }).entries.length, 1);
  });

  it('answers a burst of injected errors, then recovers', async () => {
    const inj = await control('faults', 'POST', { errors: { count: 2, status: 502 } });
    assert.equal(inj.status, 200);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await fetch(`${url}/things/1`)).status);
    assert.deepEqual(statuses, [502, 502, 200]);
    assert.equal(server.counts().faults['error'], 2);
  });

  it('injects 429 with Retry-After in seconds and as an HTTP date', async () => {
    server.faults.inject({ rateLimit: { count: 1, retryAfterSeconds: 3 } });
    const a = await fetch(`${url}/things/1`);
    assert.equal(a.status, 429);
    assert.equal(a.headers.get('retry-after'), '3');
    server.faults.inject({ rateLimit: { count: 1, retryAfterSeconds: 2, retryAfterForm: 'http-date' } });
    const b = await fetch(`${url}/things/1`);
    assert.equal(b.status, 429);
    const date = Date.parse(b.headers.get('retry-after') ?? '');
    assert.ok(Number.isFinite(date), 'Retry-After is an HTTP date');
    assert.equal((await fetch(`${url}/things/1`)).status, 200);
  });

  it('takes pre-faults in a fixed order: rate limit before errors', async () => {
    server.faults.inject({ errors: { count: 1, status: 503 }, rateLimit: { count: 1 } });
    assert.equal((await fetch(`${url}/things/1`)).status, 429);
    assert.equal((await fetch(`${url}/things/1`)).status, 503);
    assert.equal((await fetch(`${url}/things/1`)).status, 200);
  });

  it('restricts faults to matching requests', async () => {
    server.faults.inject({ errors: { count: 1, status: 500 }, match: { method: 'PUT' } });
    assert.equal((await fetch(`${url}/things/1`)).status, 200);
    const put = await fetch(`${url}/things/1`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"value":9}' });
    assert.equal(put.status, 500);
    assert.equal(state.value, 1, 'a request answered with an injected error is not processed');
  });

  it('resets connections without processing the request', async () => {
    server.faults.inject({ resetConnections: 1 });
    await assert.rejects(fetch(`${url}/things/1`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"value":4}' }));
    assert.equal(state.value, 1);
    assert.equal((await fetch(`${url}/things/1`)).status, 200);
    assert.equal(server.counts().faults['reset'], 1);
    assert.equal(server.counts().byStatus['0'], 1);
  });

  it('answers a malformed body after processing the request', async () => {
    server.faults.inject({ malformed: 1 });
    const res = await fetch(`${url}/things/1`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"value":6}' });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /json/);
    await assert.rejects(res.json());
    assert.equal(state.value, 6, 'the write happened although the answer was garbage');
  });

  it('truncates a body after processing the request', async () => {
    server.faults.inject({ truncated: 1 });
    const res = await fetch(`${url}/things/1`);
    assert.equal(res.status, 200);
    await assert.rejects(res.text());
    assert.equal((await fetch(`${url}/things/1`)).status, 200);
  });

  it('adds latency to the next N requests and counts it down', async () => {
    server.faults.inject({ latencyMs: 20, latencyCount: 2 });
    assert.equal(server.faults.pending().latency?.remaining, 2);
    await fetch(`${url}/things/1`);
    assert.equal(server.faults.pending().latency?.remaining, 1);
    await fetch(`${url}/things/1`);
    assert.equal(server.faults.pending().latency, null);
  });

  it('goes down (reset mode) for N seconds while control endpoints keep answering', async () => {
    await control('faults', 'POST', { downForSeconds: 1 });
    await assert.rejects(fetch(`${url}/things/1`));
    const pending = (await (await control('faults')).json()) as { down: unknown };
    assert.ok(pending.down);
    let up = false;
    for (let i = 0; i < 40 && !up; i += 1) {
      await sleep(100);
      up = await fetch(`${url}/things/1`).then(
        (r) => r.status === 200,
        () => false,
      );
    }
    assert.ok(up, 'back after the outage');
    assert.ok((server.counts().faults['down'] ?? 0) >= 1);
  });

  it('goes down (refuse mode): connections are refused, then the same port listens again', async () => {
    server.faults.inject({ downForSeconds: 1, downMode: 'refuse' });
    const attempt = (): Promise<string> =>
      fetch(`${url}/things/1`).then(
        (r) => `status ${r.status}`,
        (e: unknown) => String((e as { cause?: { code?: string } }).cause?.code),
      );
    // A pooled keep-alive socket is destroyed by the outage first; a new connection is then refused.
    const codes = [await attempt(), await attempt()];
    assert.equal(codes[1], 'ECONNREFUSED', codes.join(', '));
    let up = false;
    for (let i = 0; i < 40 && !up; i += 1) {
      await sleep(100);
      up = (await attempt()) === 'status 200';
    }
    assert.ok(up);
  });

  it('clears faults on reset and refuses a bad fault spec', async () => {
    server.faults.inject({ errors: { count: 5 } });
    await control('reset', 'POST', {});
    assert.equal((await fetch(`${url}/things/1`)).status, 200);
    const bad = await control('faults', 'POST', { errors: { count: -1 } });
    assert.equal(bad.status, 400);
  });

  it('rate limits per token with 429 + Retry-After, configurable over HTTP', async () => {
    const conf = await control('rate-limit', 'PUT', { rateLimit: { requestsPerSecond: 0.1, burst: 2 } });
    assert.equal(conf.status, 200);
    const get = (token: string): Promise<Response> => fetch(`${url}/things/1`, { headers: { 'x-token': token } });
    assert.equal((await get('a')).status, 200);
    assert.equal((await get('a')).status, 200);
    const limited = await get('a');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '10');
    assert.equal((await get('b')).status, 200, 'another token has its own bucket');
    assert.equal(server.counts().faults['limiter'], 1);
    await control('rate-limit', 'PUT', { rateLimit: null });
    assert.equal((await get('a')).status, 200);
  });
});

describe('rate limiter', () => {
  it('refills at the configured rate on an injected clock', () => {
    let t = 0;
    const limiter = new RateLimiter({ requestsPerSecond: 10, burst: 2 }, () => t);
    assert.equal(limiter.take('k').ok, true);
    assert.equal(limiter.take('k').ok, true);
    const denied = limiter.take('k');
    assert.equal(denied.ok, false);
    assert.equal(denied.ok === false && denied.retryAfterSeconds, 1);
    t += 100;
    assert.equal(limiter.take('k').ok, true);
    assert.equal(limiter.take('k').ok, false);
    assert.equal(limiter.refused, 2);
  });
});
