import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ok, startTestApp, type TestApp } from '../helpers/app';
import { DEMO_CONNECTION_IDS } from '../../src/sandbox/demo-tenant';
import { VendorHttp } from '../../src/vendors/http';
import { VENDOR_HTTP_DEFAULTS } from '../../src/vendors/registry';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One sample's value from the Prometheus text format, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const m = /^([^{ ]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe('/metrics and request ids', () => {
  let t: TestApp;
  const scrape = async () => {
    const res = await fetch(`${t.url}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
    return res.text();
  };
  before(async () => {
    // The response cache off: a repeated query must reach the read cache this file reports on (the response
    // cache's own counters are tested in test/perf/response-cache.test.ts).
    t = await startTestApp({ env: { SANDBOX: 'true', SANDBOX_WEBEX_PEOPLE: '20', LOG_LEVEL: 'debug', RESPONSE_CACHE_BYTES: '0' } });
  });
  after(async () => t.close());

  it('reports the read cache: every read as a hit or a miss, hits for a repeated query, and the rows it holds', async () => {
    const q = `query Tenants { tenants(first: 5) { nodes { id connections { id } } } }`;
    const hits = (text: string) => sample(text, 'recsub_read_cache_hits_total') ?? 0;
    const misses = (text: string) => sample(text, 'recsub_read_cache_misses_total') ?? 0;
    const before = await scrape();
    for (let i = 0; i < 3; i++) ok(await t.gql(q));
    const after = await scrape();
    assert.equal(hits(after) + misses(after) - hits(before) - misses(before), 3, 'one read per query (the page with its connections, one statement)');
    // Just after start the sandbox's demo policies are still being applied, and each commit stales the cache: a
    // repeat is a hit once nothing is written in between.
    let hit = hits(after) > hits(before);
    for (let i = 0; i < 50 && !hit; i++) {
      const b = hits(await scrape());
      ok(await t.gql(q));
      ok(await t.gql(q));
      hit = hits(await scrape()) > b;
    }
    assert.ok(hit, 'a repeated query was never answered from the cache');
    assert.ok(sample(after, 'recsub_read_cache_rows')! > 0);
  });

  it('counts GraphQL operations and errors by code, HTTP refusals included', async () => {
    ok(await t.gql(`query Who { viewer { subject } }`));
    await t.gql(`query Missing { tenant(id: "00000000-0000-4000-8000-000000000000") { id } }`);
    await t.gql(`{ ${Array.from({ length: 60 }, (_, i) => `a${i}: viewer { subject }`).join(' ')} }`);
    await fetch(t.app.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    const text = await scrape();
    assert.ok(sample(text, 'recsub_graphql_operations_total', { type: 'query', name: 'Who', outcome: 'ok' })! >= 1);
    assert.ok(sample(text, 'recsub_graphql_operations_total', { type: 'query', name: 'Missing', outcome: 'error' })! >= 1);
    assert.ok(sample(text, 'recsub_graphql_errors_total', { code: 'NOT_FOUND' })! >= 1);
    assert.ok(sample(text, 'recsub_graphql_errors_total', { code: 'QUERY_TOO_COMPLEX' })! >= 1);
    assert.ok(sample(text, 'recsub_graphql_errors_total', { code: 'BAD_REQUEST' })! >= 1);
    assert.ok(sample(text, 'recsub_graphql_operation_duration_seconds_count', { type: 'query' })! >= 2);
    assert.ok(sample(text, 'recsub_process_cpu_user_seconds_total') !== undefined, 'process metrics');
  });

  it('counts vendor calls by vendor and outcome with latency, retries and breaker state, and passes the request id to the vendor', async () => {
    const megafon = t.app.sandbox!.megafon;
    const webex = t.app.sandbox!.webex;
    const TEST = `mutation($id: ID!) { testVendorConnection(input: { id: $id }) { ok error { code } } }`;
    assert.equal(
      ok(await t.gql(TEST, { id: DEMO_CONNECTION_IDS.megafon }, { headers: { 'x-request-id': 'metrics-req-1' } })).testVendorConnection.ok,
      true,
    );
    assert.equal(
      ok(await t.gql(TEST, { id: DEMO_CONNECTION_IDS.webex }, { headers: { 'x-request-id': 'metrics-req-2' } })).testVendorConnection.ok,
      true,
    );
    // MegaFon fails every attempt: the call is retried, then the breaker opens after five consecutive failures.
    megafon.faults.inject({ errors: { count: 50, status: 503 } });
    for (let i = 0; i < 2; i++) assert.equal(ok(await t.gql(TEST, { id: DEMO_CONNECTION_IDS.megafon })).testVendorConnection.ok, false);
    const text = await scrape();
    assert.ok(sample(text, 'recsub_vendor_calls_total', { vendor: 'MEGAFON', outcome: 'ok' })! >= 1);
    assert.ok(sample(text, 'recsub_vendor_calls_total', { vendor: 'WEBEX', outcome: 'ok' })! >= 1);
    assert.ok(
      (sample(text, 'recsub_vendor_calls_total', { vendor: 'MEGAFON', outcome: 'unavailable' }) ?? 0) +
        (sample(text, 'recsub_vendor_calls_total', { vendor: 'MEGAFON', outcome: 'breaker_open' }) ?? 0) >=
        2,
    );
    assert.ok(sample(text, 'recsub_vendor_call_duration_seconds_count', { vendor: 'MEGAFON', outcome: 'ok' })! >= 1);
    assert.ok(sample(text, 'recsub_vendor_call_duration_seconds_bucket', { vendor: 'MEGAFON', outcome: 'ok', le: '+Inf' })! >= 1);
    assert.ok(sample(text, 'recsub_vendor_retries_total', { vendor: 'MEGAFON', reason: 'unavailable' })! >= 1);
    assert.ok(sample(text, 'recsub_vendor_attempts_total', { vendor: 'MEGAFON', outcome: 'unavailable' })! >= 5);
    assert.equal(sample(text, 'recsub_vendor_breakers', { vendor: 'MEGAFON', state: 'open' }), 1);
    assert.ok(sample(text, 'recsub_vendor_breaker_transitions_total', { vendor: 'MEGAFON', state: 'open' })! >= 1);
    assert.doesNotMatch(text, /megafon-sandbox-token|127\.0\.0\.1|connection_?id/i, 'no URL, credential or connection id in labels');

    // Webex echoes its TrackingID request header in error bodies: the request id went out under that name.
    webex.faults.inject({ errors: { count: 1, status: 400, message: 'refused for the test' } });
    const refused = ok(await t.gql(TEST, { id: DEMO_CONNECTION_IDS.webex }, { headers: { 'x-request-id': 'metrics-req-3' } })).testVendorConnection;
    assert.equal(refused.ok, false);
    const conn = ok(
      await t.gql(`query($id: ID!) { vendorConnection(id: $id) { lastError { vendorMessage } } }`, { id: DEMO_CONNECTION_IDS.webex }),
    ).vendorConnection;
    assert.match(conn.lastError.vendorMessage, /trackingId metrics-req-3/);
  });

  it("sends the request id in each vendor's header", async () => {
    const seen: Record<string, string | undefined>[] = [];
    const s = createServer((req, res) => {
      seen.push({ 'x-request-id': req.headers['x-request-id'] as string | undefined, trackingid: req.headers.trackingid as string | undefined });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    try {
      const baseUrl = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
      for (const vendor of ['MEGAFON', 'WEBEX', 'YEASTAR', 'SIGNALWIRE', 'BITRIX24'] as const) {
        const http = new VendorHttp({
          vendor,
          displayName: vendor,
          defaults: VENDOR_HTTP_DEFAULTS[vendor],
          egress: { allowPrivate: true, allowHosts: [] },
        });
        await http.send(
          { connectionId: vendor, tenantId: 't', baseUrl, settings: {}, credentials: {}, requestId: `rid-${vendor}` },
          { operation: 'x', method: 'GET', path: '/x', idempotent: true },
          () => null,
        );
        await http.close();
        assert.equal(seen.at(-1)![VENDOR_HTTP_DEFAULTS[vendor].requestIdHeader.toLowerCase()], `rid-${vendor}`, vendor);
      }
      assert.equal(VENDOR_HTTP_DEFAULTS.WEBEX.requestIdHeader, 'TrackingID');
    } finally {
      await new Promise((r) => s.close(r));
    }
  });

  it('samples the policy-sync queue depth and age on scrape', async () => {
    const text = await scrape();
    assert.ok(
      sample(text, 'recsub_job_queue_depth', { queue: 'policy-sync' }) !== undefined,
      text
        .split('\n')
        .filter((l) => l.includes('job_queue'))
        .join('\n'),
    );
    assert.ok(sample(text, 'recsub_job_queue_oldest_age_seconds', { queue: 'policy-sync' })! >= 0);
    // A job waiting for its retry is counted (the vendor is down, so the first push leaves it queued).
    t.app.sandbox!.yeastar.faults.inject({ errors: { count: 100, status: 503 } });
    const created = ok(
      await t.gql(`mutation($input: CreateRecordingPolicyInput!) { createRecordingPolicy(input: $input) { sync { status } } }`, {
        input: { connectionId: DEMO_CONNECTION_IDS.yeastar, name: 'queued', scope: { kind: 'ORGANIZATION', id: '' }, rules: { stereo: true } },
      }),
    ).createRecordingPolicy;
    assert.notEqual(created.sync.status, 'IN_SYNC');
    // The worker hands the failed job back to the queue just after it reports the outcome: sample a few times.
    let after = await scrape();
    for (let i = 0; i < 20 && !(sample(after, 'recsub_job_queue_depth', { queue: 'policy-sync' })! >= 1); i++) {
      await new Promise((r) => setTimeout(r, 150));
      after = await scrape();
    }
    assert.ok(
      sample(after, 'recsub_job_queue_depth', { queue: 'policy-sync' })! >= 1,
      after
        .split('\n')
        .filter((l) => l.includes('job_queue'))
        .join('\n'),
    );
  });

  it('puts the request id on every log line written while serving a request', async () => {
    const from = t.logs.length;
    await t.gql(`query Logged { tenant(id: "00000000-0000-4000-8000-000000000001") { id } }`, {}, { headers: { 'x-request-id': 'logged-req-1' } });
    await t.gql(`query Fine { viewer { subject } }`, {}, { headers: { 'x-request-id': 'logged-req-2' } });
    const lines = t.logs.slice(from).map((l) => JSON.parse(l) as Record<string, unknown>);
    const ours = lines.filter((l) => l.requestId === 'logged-req-1' || l.requestId === 'logged-req-2');
    assert.ok(
      ours.some((l) => l.requestId === 'logged-req-1' && l.operation === 'Logged'),
      JSON.stringify(lines),
    );
    assert.ok(ours.some((l) => l.requestId === 'logged-req-2' && l.operation === 'Fine'));
    const requestLines = lines.filter((l) => 'operation' in l || l.msg === 'unexpected error' || l.msg === 'request failed');
    assert.ok(
      requestLines.every((l) => typeof l.requestId === 'string'),
      JSON.stringify(requestLines),
    );
  });
});
