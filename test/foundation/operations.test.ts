import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ok, startTestApp, type TestApp } from '../helpers/app';
import { createLogger } from '../../src/server/logger';
import { ROOT_DIR } from '../../src/app';
import { DEMO_CONNECTION_IDS } from '../../src/sandbox/demo-tenant';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe('operations basics', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => t.close());

  it('answers /healthz and /readyz', async () => {
    const h = await fetch(`${t.url}/healthz`);
    assert.equal(h.status, 200);
    assert.deepEqual(await h.json(), { status: 'ok' });
    const r = await fetch(`${t.url}/readyz`);
    assert.equal(r.status, 200);
  });

  it('/readyz answers 503 when the database is unreachable, /healthz still 200', async () => {
    const other = await startTestApp();
    try {
      await other.app.database.close();
      assert.equal((await fetch(`${other.url}/readyz`)).status, 503);
      assert.equal((await fetch(`${other.url}/healthz`)).status, 200);
    } finally {
      (other.app.database as { close: () => Promise<void> }).close = async () => undefined;
      await other.close();
    }
  });

  it('refuses oversized, malformed, non-UTF-8 and batched bodies with coded errors', async () => {
    const post = (body: string | Uint8Array, headers: Record<string, string> = {}) =>
      fetch(t.app.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${t.adminToken}`, ...headers },
        body: body as BodyInit,
      });
    const big = await post(JSON.stringify({ query: `{ viewer { subject } }`, variables: { pad: 'x'.repeat(2 * 1024 * 1024) } }));
    assert.equal(big.status, 413);
    assert.equal(((await big.json()) as any).errors[0].extensions.code, 'PAYLOAD_TOO_LARGE');
    const bad = await post('{"query": ');
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as any).errors[0].extensions.code, 'BAD_REQUEST');
    const latin = await post(new Uint8Array([0x7b, 0x22, 0x71, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]));
    assert.equal(latin.status, 400);
    assert.match(((await latin.json()) as any).errors[0].message, /UTF-8/);
    const batch = await post(JSON.stringify([{ query: '{ viewer { subject } }' }, { query: '{ viewer { subject } }' }]));
    assert.equal(batch.status, 400);
    assert.match(((await batch.json()) as any).errors[0].message, /Batched/);
  });

  it('blocks cross-site simple GET requests (CSRF prevention)', async () => {
    const res = await fetch(`${t.app.graphqlUrl}?query=${encodeURIComponent('{ viewer { subject } }')}`, {
      headers: { authorization: `Bearer ${t.adminToken}` },
    });
    assert.equal(res.status, 400);
    assert.match(await res.text(), /CSRF|preflight/i);
  });

  it('tags every response and error with a request id, and takes a caller-supplied one', async () => {
    const r = await t.gql(`{ tenant(id: "00000000-0000-4000-8000-000000000000") { id } }`, {}, { headers: { 'x-request-id': 'req-abc-123' } });
    assert.equal(r.headers.get('x-request-id'), 'req-abc-123');
    assert.equal(r.errors?.[0]?.extensions?.requestId, 'req-abc-123');
  });

  it('writes JSON logs with secrets redacted', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) });
    const logger = createLogger('info', sink);
    logger.info({ req: { headers: { authorization: 'Bearer SECRET-1' } }, credentials: { token: 'SECRET-2' }, token: 'SECRET-3' }, 'hello');
    const entry = JSON.parse(lines[0]!);
    assert.equal(entry.msg, 'hello');
    assert.equal(entry.level, 'info');
    assert.ok(!lines[0]!.includes('SECRET'), lines[0]);
  });
});

describe('npm start as a process', () => {
  it('starts on the embedded defaults with the sandbox, keeps data across restarts, and on SIGTERM finishes in-flight requests before exiting', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'recsub-proc-'));
    const port = await freePort();
    const env = {
      ...process.env,
      DATABASE_URL: '',
      NODE_ENV: 'development',
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      SANDBOX_PORT_BASE: '0',
      SANDBOX_WEBEX_PEOPLE: '50',
    };
    const start = () => {
      const child = spawn(process.execPath, [join(ROOT_DIR, 'dist/src/main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (c) => (out += c));
      child.stderr.on('data', (c) => (out += c));
      const ready = new Promise<string>((resolve, reject) => {
        const timer = setInterval(() => {
          const m = /Development bearer token[^\n]*\n\s*\n\s*(eyJ\S+)/.exec(out);
          if (m) {
            clearInterval(timer);
            resolve(m[1]!);
          }
        }, 50);
        child.once('exit', (code) => {
          clearInterval(timer);
          reject(new Error(`exited ${code}: ${out}`));
        });
      });
      return { child, ready, output: () => out };
    };
    try {
      const first = start();
      const token = await first.ready;
      assert.match(first.output(), new RegExp(`http://127\\.0\\.0\\.1:${port}/graphql`));
      const gql = (query: string) =>
        fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query }),
        }).then((r) => r.json() as Promise<any>);
      const created: any = ok((await gql(`mutation { createTenant(input: { name: "Survives restarts" }) { tenant { id } } }`)) as any);
      // Make the MegaFon sandbox slow, start a request that waits on it, then ask the process to stop.
      const megafonUrl = /MEGAFON\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(first.output())![1];
      await fetch(`${megafonUrl}/__sandbox/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ latencyMs: 800, latencyCount: 1 }),
      });
      const inFlight = gql(`mutation { testVendorConnection(input: { id: "${DEMO_CONNECTION_IDS.megafon}" }) { ok } }`);
      await new Promise((r) => setTimeout(r, 200));
      const exited = new Promise<number | null>((resolve) => first.child.once('exit', resolve));
      first.child.kill('SIGTERM');
      const answer = await inFlight;
      assert.equal(answer.data.testVendorConnection.ok, true, JSON.stringify(answer));
      assert.equal(await exited, 0);
      for (const line of first
        .output()
        .split('\n')
        .filter((l) => l.startsWith('{'))) {
        const entry = JSON.parse(line);
        assert.ok(entry.level && entry.time && entry.msg !== undefined);
      }
      assert.ok(
        !first
          .output()
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .some((l) => l.includes('megafon-sandbox-token')),
      );

      const second = start();
      const token2 = await second.ready;
      assert.equal(token2.split('.')[0], token.split('.')[0]);
      const again = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: `query($id: ID!) { tenant(id: $id) { name } }`, variables: { id: created.createTenant.tenant.id } }),
      }).then((r) => r.json() as Promise<any>);
      assert.equal(again.data.tenant.name, 'Survives restarts', 'data and the dev token survive a restart');
      const exited2 = new Promise((resolve) => second.child.once('exit', resolve));
      second.child.kill('SIGTERM');
      await exited2;
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses to start in production with insecure settings, listing every problem', async () => {
    const child = spawn(process.execPath, [join(ROOT_DIR, 'dist/src/main.js')], {
      env: { PATH: process.env.PATH, NODE_ENV: 'production', PORT: '0', DATA_DIR: tmpdir() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    assert.equal(code, 1);
    assert.match(err, /CREDENTIALS_KEY is required/);
    assert.match(err, /JWT configuration is required/);
  });
});
