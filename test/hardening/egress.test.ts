import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { lookup } from 'node:dns/promises';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { errorOf, ok, startTestApp, type TestApp } from '../helpers/app';
import { AppError } from '../../src/domain/errors';
import { VendorHttp, type VendorCall } from '../../src/vendors/http';
import { VENDOR_HTTP_DEFAULTS } from '../../src/vendors/registry';
import { getEgressPolicy, isBlockedAddress, setEgressPolicy, type EgressPolicy } from '../../src/vendors/egress';
import { fetchVendorMedia } from '../../src/vendors/media-fetch';
import type { ConnectionContext } from '../../src/vendors/port';

/** A local HTTP server that counts what reaches it. */
async function server(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; port: number; hits: () => number }> {
  let hits = 0;
  const s = createServer((req, res) => {
    hits++;
    handler(req, res);
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return { server: s, port: (s.address() as AddressInfo).port, hits: () => hits };
}

const CALL: VendorCall = { operation: 'settings/recording', method: 'GET', path: '/settings/recording', idempotent: true };
const conn = (baseUrl: string): ConnectionContext => ({ connectionId: `c-${baseUrl}`, tenantId: 't', baseUrl, settings: {}, credentials: {} });
const FAST = { retry: { maxRetries: 0 }, connectTimeoutMs: 2000, totalTimeoutMs: 3000 };

/** Names that resolve to refused addresses, without touching real DNS. */
const FAKE_DNS: Record<string, string> = {
  'metadata.evil.test': '169.254.169.254',
  'intranet.evil.test': '10.1.2.3',
  'home.evil.test': '192.168.1.1',
  'cgnat.evil.test': '100.64.0.1',
  'mapped.evil.test': '::ffff:127.0.0.1',
  'ula.evil.test': 'fd00::1',
  'loop.evil.test': '127.0.0.1',
  'sandbox.allowed.test': '127.0.0.1',
};
const fakeLookup: EgressPolicy['lookup'] = async (host) => {
  const address = FAKE_DNS[host];
  if (!address) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return [{ address, family: address.includes(':') ? 6 : 4 }];
};

describe('outbound vendor calls cannot reach this host, private or link-local ranges', () => {
  let target: Awaited<ReturnType<typeof server>>;
  const strict: EgressPolicy = { allowPrivate: false, allowHosts: ['sandbox.allowed.test'], lookup: fakeLookup };
  before(async () => {
    target = await server((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('[]'));
  });
  after(() => new Promise((r) => target.server.close(r)));

  it('knows the refused ranges', () => {
    for (const a of [
      '127.0.0.1',
      '10.0.0.1',
      '172.16.5.4',
      '192.168.0.1',
      '169.254.169.254',
      '100.64.1.1',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fd12::1',
      '::ffff:10.0.0.1',
      '224.0.0.1',
    ])
      assert.ok(isBlockedAddress(a), a);
    for (const a of ['8.8.8.8', '203.0.113.10', '2001:4860:4860::8888', '172.32.0.1']) assert.ok(!isBlockedAddress(a), a);
  });

  it('refuses literal addresses and names that resolve to them, at call time, with no request sent', async () => {
    const http = new VendorHttp({
      vendor: 'MEGAFON',
      displayName: 'MegaFon',
      defaults: VENDOR_HTTP_DEFAULTS.MEGAFON,
      settings: FAST,
      egress: strict,
    });
    const refused = [
      `http://127.0.0.1:${target.port}`,
      `http://localhost:${target.port}`,
      `http://[::1]:${target.port}`,
      'http://169.254.169.254',
      'http://10.0.0.1',
      ...Object.keys(FAKE_DNS)
        .filter((h) => !h.includes('allowed'))
        .map((h) => `http://${h}:${target.port}`),
    ];
    for (const base of refused) {
      const before = target.hits();
      await assert.rejects(
        http.send(conn(base), CALL, () => null),
        (e: unknown) =>
          e instanceof AppError && e.code === 'VENDOR_REJECTED' && /private, loopback or link-local/.test(String(e.details.vendorMessage)),
        base,
      );
      assert.equal(target.hits(), before, `${base}: no request reached the host`);
    }
    assert.equal(http.counters.attempts, refused.length, 'refusals are not retried');
    // A name an operator allowed (a sandbox on the same network) still goes through.
    const res = await http.send(conn(`http://sandbox.allowed.test:${target.port}`), CALL, () => null);
    assert.equal(res.status, 200);
  });

  it('refuses a name the system resolver maps to this machine (localhost)', async () => {
    const resolved = await lookup('localhost');
    assert.ok(isBlockedAddress(resolved.address), `localhost resolves to ${resolved.address}`);
    const http = new VendorHttp({
      vendor: 'WEBEX',
      displayName: 'Webex',
      defaults: VENDOR_HTTP_DEFAULTS.WEBEX,
      settings: FAST,
      egress: { allowPrivate: false, allowHosts: [] },
    });
    const before = target.hits();
    await assert.rejects(
      http.send(conn(`http://localhost:${target.port}`), CALL, () => null),
      (e: unknown) => e instanceof AppError && e.code === 'VENDOR_REJECTED',
    );
    assert.equal(target.hits(), before);
  });

  it('does not follow redirects', async () => {
    const elsewhere = await server((_req, res) => res.writeHead(200).end('[]'));
    const redirector = await server((_req, res) => res.writeHead(302, { location: `http://127.0.0.1:${elsewhere.port}/` }).end());
    try {
      const http = new VendorHttp({
        vendor: 'MEGAFON',
        displayName: 'MegaFon',
        defaults: VENDOR_HTTP_DEFAULTS.MEGAFON,
        settings: FAST,
        egress: { allowPrivate: true, allowHosts: [] },
      });
      await assert.rejects(
        http.send(conn(`http://127.0.0.1:${redirector.port}`), CALL, () => null),
        (e: unknown) => e instanceof AppError && e.code === 'VENDOR_REJECTED' && e.details.vendorCode === 302,
      );
      assert.equal(redirector.hits(), 1);
      assert.equal(elsewhere.hits(), 0, 'the redirect target was never called');
    } finally {
      await Promise.all([elsewhere, redirector].map((s) => new Promise((r) => s.server.close(r))));
    }
  });
});

describe('media downloads are bounded: host, redirects, size and time', () => {
  let media: Awaited<ReturnType<typeof server>>;
  let other: Awaited<ReturnType<typeof server>>;
  let saved: EgressPolicy;
  const limits = { maxBytes: 1000, timeoutMs: 1000, maxRedirects: 2 };
  before(async () => {
    saved = getEgressPolicy();
    other = await server((_req, res) => res.writeHead(200).end('x'));
    media = await server((req, res) => {
      const u = new URL(req.url!, 'http://x');
      const hop = Number(u.searchParams.get('hop') ?? 0);
      if (u.pathname === '/ok') return void res.writeHead(200, { 'content-type': 'audio/wav' }).end(Buffer.alloc(500));
      if (u.pathname === '/loop') return void res.writeHead(302, { location: `/loop?hop=${hop + 1}` }).end();
      if (u.pathname === '/away') return void res.writeHead(302, { location: `http://127.0.0.1:${other.port}/` }).end();
      if (u.pathname === '/big') return void res.writeHead(200, { 'content-length': '5000' }).end(Buffer.alloc(5000));
      if (u.pathname === '/stream') {
        res.writeHead(200);
        for (let i = 0; i < 10; i++) res.write(Buffer.alloc(300));
        return void res.end();
      }
      if (u.pathname === '/slow') return void setTimeout(() => res.writeHead(200).end('late'), 3000);
      res.writeHead(404).end();
    });
  });
  after(async () => {
    setEgressPolicy(saved);
    await Promise.all([media, other].map((s) => new Promise((r) => s.server.close(r))));
  });

  const origin = () => `http://127.0.0.1:${media.port}`;
  const rejects = (path: string, code: string, message: RegExp) =>
    assert.rejects(
      fetchVendorMedia(`${origin()}${path}`, {}, origin(), limits),
      (e: unknown) => e instanceof AppError && e.code === code && message.test(e.message) && !e.message.includes('127.0.0.1'),
    );

  it('downloads within bounds', async () => {
    setEgressPolicy({ allowPrivate: true, allowHosts: [] });
    const r = await fetchVendorMedia(`${origin()}/ok`, {}, origin(), limits);
    assert.equal(r.bytes.length, 500);
  });

  it('refuses other hosts, too many redirects, oversized bodies (declared or streamed) and slow answers', async () => {
    setEgressPolicy({ allowPrivate: true, allowHosts: [] });
    await rejects('/away', 'VENDOR_REJECTED', /not on its vendor connection's host/);
    assert.equal(other.hits(), 0);
    await rejects('/loop', 'VENDOR_REJECTED', /redirects more than 2 times/);
    await rejects('/big', 'VENDOR_REJECTED', /larger than 1000 bytes/);
    await rejects('/stream', 'VENDOR_REJECTED', /larger than 1000 bytes/);
    await rejects('/slow', 'VENDOR_UNAVAILABLE', /timeout or connection failure/);
    await assert.rejects(
      fetchVendorMedia(`http://169.254.169.254/latest/meta-data`, {}, origin(), limits),
      (e: unknown) => e instanceof AppError && e.code === 'VENDOR_REJECTED',
    );
  });

  it('refuses a private media host outside sandbox mode', async () => {
    setEgressPolicy({ allowPrivate: false, allowHosts: [] });
    const before = media.hits();
    await rejects('/ok', 'VENDOR_REJECTED', /private, loopback or link-local/);
    assert.equal(media.hits(), before);
  });
});

describe('vendor base URLs through the API, outside sandbox mode', () => {
  let t: TestApp;
  let target: Awaited<ReturnType<typeof server>>;
  before(async () => {
    t = await startTestApp({ env: { ALLOW_PRIVATE_VENDOR_HOSTS: 'false' } });
    target = await server((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('[]'));
  });
  after(async () => {
    await t.close();
    await new Promise((r) => target.server.close(r));
  });

  it('refuses private base URLs when they are stored, and names resolving to them when they are called', async () => {
    const tenant = ok(await t.gql(`mutation { createTenant(input: { name: "Egress" }) { tenant { id } } }`)).createTenant.tenant.id;
    const connect = (baseUrl: string) =>
      t.gql(`mutation($input: ConnectVendorInput!) { connectVendor(input: $input) { connection { id } } }`, {
        input: { tenantId: tenant, vendor: 'MEGAFON', name: 'm', baseUrl, credentials: [{ name: 'token', value: 'x' }] },
      });
    for (const baseUrl of [
      `http://127.0.0.1:${target.port}`,
      'http://localhost',
      'http://[::1]',
      'http://169.254.169.254',
      'http://10.0.0.1',
      'http://192.168.1.1',
    ]) {
      const e = errorOf(await connect(baseUrl));
      assert.equal(e.code, 'BAD_USER_INPUT', baseUrl);
      assert.deepEqual(e.fields?.[0]?.path, ['input', 'baseUrl']);
    }
    const own = hostname();
    const resolved = await lookup(own).catch(() => null);
    if (resolved && isBlockedAddress(resolved.address)) {
      const id = ok(await connect(`http://${own}:${target.port}`)).connectVendor.connection.id;
      const r = ok(
        await t.gql(`mutation($id: ID!) { testVendorConnection(input: { id: $id }) { ok error { code vendorMessage } } }`, { id }),
      ).testVendorConnection;
      assert.equal(r.ok, false);
      assert.equal(r.error.code, 'VENDOR_REJECTED');
      assert.equal(target.hits(), 0, 'nothing reached the host');
    }
  });
});
