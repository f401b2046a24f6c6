import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { AppError } from '../../src/domain/errors';
import { VENDOR_KINDS } from '../../src/domain/vendor-kind';
import { assertSupported, unsupportedFields } from '../../src/vendors/capabilities';
import { backoffDelay, parseRetryAfter, previewOf, TokenBucket } from '../../src/vendors/http';
import { getVendor, listVendors } from '../../src/vendors/registry';
import { createSignalwireAdapter } from '../../src/vendors/signalwire/adapter';
import { createBitrix24Adapter } from '../../src/vendors/bitrix24/adapter';
import { TEST_HTTP_SETTINGS } from './policy-contract';

describe('HTTP layer', () => {
  it('reads Retry-After in both forms', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('7', now), 7000);
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });

  it('backs off exponentially with full jitter, capped', () => {
    const r = { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 1000, retryAfterCapMs: 0 };
    assert.equal(
      backoffDelay(1, r, () => 1),
      100,
    );
    assert.equal(
      backoffDelay(3, r, () => 1),
      400,
    );
    assert.equal(
      backoffDelay(10, r, () => 1),
      1000,
    );
    assert.equal(
      backoffDelay(3, r, () => 0),
      0,
    );
  });

  it('lets a burst through, then holds the next request', async () => {
    const bucket = new TokenBucket({ ratePerSecond: 0.001, burst: 2 });
    await bucket.take();
    await bucket.take();
    const ac = new AbortController();
    let done = false;
    const third = bucket.take(ac.signal).then(() => (done = true));
    await new Promise((r) => setImmediate(r));
    assert.equal(done, false);
    ac.abort();
    await assert.rejects(third);
  });

  it('redacts credentials in previews', () => {
    const p = previewOf({
      operation: 'x',
      method: 'POST',
      path: '/x',
      query: { access_token: 'abc', keep: '1' },
      headers: { Authorization: 'Bearer t', 'User-Agent': 'OpenAPI' },
      secretQuery: ['access_token'],
      body: { a: 1 },
      idempotent: true,
    });
    assert.deepEqual(p, {
      method: 'POST',
      path: '/x',
      query: { access_token: '[redacted]', keep: '1' },
      headers: { Authorization: '[redacted]', 'User-Agent': 'OpenAPI' },
      body: { a: 1 },
    });
  });
});

describe('registry and capabilities', () => {
  it('has one adapter per vendor kind', () => {
    assert.deepEqual(
      listVendors().map((v) => v.kind),
      [...VENDOR_KINDS],
    );
    for (const k of VENDOR_KINDS) assert.equal(getVendor(k).kind, k);
  });

  it('declares SignalWire and Bitrix24 honestly: no policies; live and attach sub-ports exactly where capabilities say', () => {
    for (const k of ['SIGNALWIRE', 'BITRIX24'] as const) {
      const v = getVendor(k);
      assert.equal(v.capabilities.policies, false);
      assert.deepEqual(v.capabilities.ruleFields, []);
      assert.equal(v.applyPolicy, undefined);
    }
    for (const v of listVendors()) {
      assert.equal(v.capabilities.liveRecording, v.live?.capabilities ?? null, `${v.kind}: live recording follows from vendor.live`);
      assert.equal(v.capabilities.attachments, v.attachments?.capabilities ?? null, `${v.kind}: attachments follow from vendor.attachments`);
    }
    assert.deepEqual(
      listVendors()
        .filter((v) => v.live)
        .map((v) => v.kind),
      ['WEBEX', 'SIGNALWIRE'],
    );
    assert.deepEqual(
      listVendors()
        .filter((v) => v.attachments)
        .map((v) => v.kind),
      ['BITRIX24'],
    );
    assert.ok(getVendor('SIGNALWIRE').capabilities.liveRecording?.pause);
    assert.ok(getVendor('BITRIX24').capabilities.attachments?.uploadUrl);
  });

  it('names the field and the vendor for every unsupported field', () => {
    assert.deepEqual(unsupportedFields('WEBEX', { stereo: true, mode: 'ALWAYS' }), [
      { path: ['rules', 'stereo'], message: 'Webex Calling cannot express stereo' },
    ]);
    assert.deepEqual(unsupportedFields('MEGAFON', { calls: { internal: true } }), []);
    assert.throws(
      () => assertSupported('SIGNALWIRE', { kind: 'PERSON', id: 'x' }, { mode: 'ALWAYS' }),
      (e: unknown) => e instanceof AppError && e.code === 'VENDOR_UNSUPPORTED_FIELD' && /SignalWire/.test(e.message),
    );
    assert.throws(
      () => assertSupported('WEBEX', { kind: 'SETTINGS_RECORD', id: '1' }, {}),
      (e: unknown) => e instanceof AppError && e.code === 'VENDOR_UNSUPPORTED_FIELD',
    );
  });
});

/** A minimal HTTP server that answers like the vendor's documented account/profile read (no emulator exists yet). */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: { method?: string; url?: string; auth?: string }[] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method, url: req.url, auth: req.headers.authorization });
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('testConnection of the live-recording and attachment vendors', () => {
  it('SignalWire: GET Accounts/{AccountSid}.json with HTTP Basic; 401 is VENDOR_AUTH_FAILED', async () => {
    const srv = await serve((req, res) => {
      const ok = req.headers.authorization === `Basic ${Buffer.from('PJ123:PTsecret-token').toString('base64')}`;
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? { sid: 'PJ123', status: 'active' } : { code: 20003, message: 'Authentication Error', status: 401 }));
    });
    try {
      const a = createSignalwireAdapter({ settings: TEST_HTTP_SETTINGS });
      const conn = {
        connectionId: 'sw',
        tenantId: 't',
        baseUrl: srv.url,
        settings: {},
        credentials: { projectId: 'PJ123', apiToken: 'PTsecret-token' },
      };
      await a.testConnection(conn);
      assert.deepEqual(srv.seen[0]!.url, '/api/laml/2010-04-01/Accounts/PJ123.json');
      await assert.rejects(a.testConnection({ ...conn, credentials: { projectId: 'PJ123', apiToken: 'wrong-token' } }), (e: unknown) => {
        assert.ok(e instanceof AppError && e.code === 'VENDOR_AUTH_FAILED');
        assert.equal(e.details.vendorCode, 20003);
        assert.ok(!JSON.stringify(e.details).includes('wrong-token'));
        return true;
      });
      assert.equal(srv.seen.length, 2);
    } finally {
      await srv.close();
    }
  });

  it('Bitrix24: calls profile through the webhook; the secret never reaches an error', async () => {
    const srv = await serve((req, res) => {
      const ok = req.url === '/rest/1/hook-secret-xyz/profile.json';
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          ok ? { result: { ID: '1', ADMIN: true }, time: {} } : { error: 'NO_AUTH_FOUND', error_description: 'Wrong authorization data' },
        ),
      );
    });
    try {
      const a = createBitrix24Adapter({ settings: TEST_HTTP_SETTINGS });
      const conn = {
        connectionId: 'bx',
        tenantId: 't',
        baseUrl: srv.url,
        settings: {},
        credentials: { userId: '1', webhookSecret: 'hook-secret-xyz' },
      };
      await a.testConnection(conn);
      await assert.rejects(a.testConnection({ ...conn, credentials: { userId: '1', webhookSecret: 'stale-secret-abc' } }), (e: unknown) => {
        assert.ok(e instanceof AppError && e.code === 'VENDOR_AUTH_FAILED');
        assert.match(e.message, /Wrong authorization data/);
        assert.ok(!JSON.stringify({ m: e.message, d: e.details }).includes('stale-secret-abc'));
        return true;
      });
    } finally {
      await srv.close();
    }
  });
});
