// The playground: the handler's HTTP contract (no browser), then GraphiQL in headless Chromium against a
// server that executes GraphQL and checks the bearer token, with every request the page makes recorded.
// Chromium: the one inside the @sparticuz/chromium devDependency (test/helpers/browser.ts), so this runs on any machine.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync, gzipSync, brotliCompressSync } from 'node:zlib';
import { buildSchema, graphql } from 'graphql';
import { createPlaygroundHandler, loadExampleOperations, prefersHtml, type PlaygroundOptions } from '../../src/server/playground';
import { launchChromium } from '../helpers/browser';

const DEV_TOKEN = 'dev-token-Z9y8X7';

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = up;
  }
  return dir;
}

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** node:http rather than fetch: fetch would decompress, and we want to see the bytes and headers as sent. */
function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  // The path goes out verbatim (a URL object would resolve `..` before sending).
  const { host, pathname } = /^http:\/\/(?<host>[^/]+)(?<pathname>.*)$/.exec(url)!.groups!;
  const [hostname, port] = host.split(':');
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: pathname || '/', method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
}

/** The page's JSON config block, parsed back the way the browser bundle reads it. */
function pageConfig(html: string): any {
  const match = /<script id="playground-config" type="application\/json">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(match, 'config block present');
  return JSON.parse(match[1]);
}

describe('playground handler (no browser)', () => {
  let dir: string;
  let assetsDir: string;
  let url: string;
  let server: Server;
  const js = Buffer.from('console.log("hello playground");\n'.repeat(50));
  const css = Buffer.from('body { margin: 0 }\n'.repeat(50));
  const tricky = {
    name: 'Tricky',
    query: 'query Tricky { a } # </script><script>alert(1)</script> <!-- & \u2028',
    variables: { text: '</SCRIPT><img src=x onerror=alert(1)>' },
  };
  const options = (): PlaygroundOptions => ({
    graphqlPath: '/graphql',
    assetsDir,
    defaultHeaders: { Authorization: 'Bearer </script>"quoted"' },
    exampleOperations: [tricky],
  });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'playground-unit-'));
    assetsDir = join(dir, 'playground');
    mkdirSync(join(assetsDir, 'workers'), { recursive: true });
    mkdirSync(join(assetsDir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'secret.txt'), 'secret');
    const files: Record<string, Buffer> = {
      'main-AAAAAAAA.js': js,
      'main-BBBBBBBB.css': css,
      'assets/codicon-CCCCCCCC.ttf': Buffer.from([0, 1, 0, 0, 9, 9]),
      'workers/editor.worker-DDDDDDDD.js': Buffer.from('self.onmessage=()=>{}'),
      'workers/json.worker-EEEEEEEE.js': Buffer.from('self.onmessage=()=>{}'),
      'workers/graphql.worker-FFFFFFFF.js': Buffer.from('self.onmessage=()=>{}'),
      'LEGAL.txt': Buffer.from('MIT'),
    };
    const table: Record<string, unknown> = {};
    for (const [file, raw] of Object.entries(files)) {
      writeFileSync(join(assetsDir, file), raw);
      const entry: Record<string, unknown> = { size: raw.length, etag: `etag-${file.length}` };
      if (file === 'main-AAAAAAAA.js') {
        writeFileSync(join(assetsDir, `${file}.gz`), gzipSync(raw));
        writeFileSync(join(assetsDir, `${file}.br`), brotliCompressSync(raw));
        Object.assign(entry, { gzip: 1, br: 1 });
      }
      table[file] = entry;
    }
    writeFileSync(
      join(assetsDir, 'manifest.json'),
      JSON.stringify({
        version: 1,
        fingerprint: 'x',
        entry: { js: 'main-AAAAAAAA.js', css: 'main-BBBBBBBB.css' },
        workers: {
          editor: 'workers/editor.worker-DDDDDDDD.js',
          json: 'workers/json.worker-EEEEEEEE.js',
          graphql: 'workers/graphql.worker-FFFFFFFF.js',
        },
        files: table,
        packages: {},
      }),
    );
    const handle = createPlaygroundHandler(options());
    server = createServer((req, res) => {
      if (!handle(req, res)) {
        res.writeHead(418).end('passed on');
      }
    });
    url = await listen(server);
  });

  after(async () => {
    await close(server);
    rmSync(dir, { recursive: true, force: true });
  });

  const browserAccept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

  test('a browser gets the page, with a strict CSP and no caching', async () => {
    const res = await get(`${url}/graphql`, { accept: browserAccept });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(res.headers['cache-control'], 'no-store');
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /worker-src 'self'/);
    assert.match(csp, /connect-src 'self'/);
    const html = res.body.toString();
    assert.match(html, /<link rel="icon" href="data:,">/);
    assert.match(html, /<script type="module" src="\/playground\/main-AAAAAAAA\.js"><\/script>/);
    assert.match(html, /<link rel="stylesheet" href="\/playground\/main-BBBBBBBB\.css">/);
    assert.doesNotMatch(html, /https?:\/\//, 'the page names no other host');
    const head = await get(`${url}/graphql`, { accept: browserAccept }, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
  });

  test('the embedded config is escaped: example text cannot close the script element, and round-trips', async () => {
    const html = (await get(`${url}/graphql`, { accept: browserAccept })).body.toString();
    // Exactly two </script> tags: the config block's and the module script's.
    assert.equal(html.match(/<\/script/gi)?.length, 2);
    assert.doesNotMatch(html, /<img|<!--/);
    const config = pageConfig(html);
    assert.equal(config.graphqlPath, '/graphql');
    assert.deepEqual(JSON.parse(config.defaultHeaders), { Authorization: 'Bearer </script>"quoted"' });
    assert.deepEqual(config.tabs, [{ query: tricky.query, variables: JSON.stringify(tricky.variables, null, 2) }]);
    assert.deepEqual(config.workers, {
      editor: '/playground/workers/editor.worker-DDDDDDDD.js',
      json: '/playground/workers/json.worker-EEEEEEEE.js',
      graphql: '/playground/workers/graphql.worker-FFFFFFFF.js',
    });
  });

  test('GraphQL clients, other methods and other paths are passed on', async () => {
    for (const accept of ['application/json', '*/*', 'application/graphql-response+json, text/html;q=0.5', '']) {
      const res = await get(`${url}/graphql?query=%7B__typename%7D`, accept ? { accept } : {});
      assert.equal(res.status, 418, `accept ${JSON.stringify(accept)}`);
    }
    assert.equal((await get(`${url}/graphql`, { accept: browserAccept }, 'POST')).status, 418);
    assert.equal((await get(`${url}/healthz`, { accept: browserAccept })).status, 418);
    assert.equal((await get(`${url}/playgroundx/main-AAAAAAAA.js`)).status, 418);
  });

  test('assets have their content types, immutable caching and an ETag', async () => {
    const cases: [string, string][] = [
      ['main-AAAAAAAA.js', 'text/javascript; charset=utf-8'],
      ['main-BBBBBBBB.css', 'text/css; charset=utf-8'],
      ['assets/codicon-CCCCCCCC.ttf', 'font/ttf'],
      ['workers/graphql.worker-FFFFFFFF.js', 'text/javascript; charset=utf-8'],
    ];
    for (const [file, type] of cases) {
      const res = await get(`${url}/playground/${file}`);
      assert.equal(res.status, 200, file);
      assert.equal(res.headers['content-type'], type, file);
      assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable', file);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.ok(res.headers.etag, file);
      assert.equal(Number(res.headers['content-length']), res.body.length);
    }
    const unhashed = await get(`${url}/playground/LEGAL.txt`);
    assert.equal(unhashed.status, 200);
    assert.equal(unhashed.headers['cache-control'], 'no-cache');

    const first = await get(`${url}/playground/main-AAAAAAAA.js`);
    assert.deepEqual(first.body, js);
    const again = await get(`${url}/playground/main-AAAAAAAA.js`, { 'if-none-match': String(first.headers.etag) });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
  });

  test('compressed when the client accepts it: br first, then gzip', async () => {
    const gz = await get(`${url}/playground/main-AAAAAAAA.js`, { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gz.headers.vary, 'Accept-Encoding');
    assert.ok(gz.body.length < js.length);
    assert.deepEqual(gunzipSync(gz.body), js);

    const br = await get(`${url}/playground/main-AAAAAAAA.js`, { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.deepEqual(brotliDecompressSync(br.body), js);
    assert.notEqual(br.headers.etag, gz.headers.etag, 'each representation has its own ETag');

    const refused = await get(`${url}/playground/main-AAAAAAAA.js`, { 'accept-encoding': 'br;q=0, gzip;q=0' });
    assert.equal(refused.headers['content-encoding'], undefined);
    assert.deepEqual(refused.body, js);
  });

  test('unknown asset paths are 404, and no path escapes the assets directory', async () => {
    const paths = [
      '/playground/nope.js',
      '/playground/',
      '/playground/manifest.json',
      '/playground/../secret.txt',
      '/playground/%2e%2e/secret.txt',
      '/playground/..%2fsecret.txt',
      '/playground/%2e%2e%2fsecret.txt',
      '/playground/workers/..%2f..%2fsecret.txt',
      '/playground/%2Fetc%2Fpasswd',
      '/playground/main-AAAAAAAA.js%00.txt',
      '/playground/__proto__',
      '/playground/constructor',
      '/playground/%E0%A4%A',
    ];
    for (const path of paths) {
      const res = await get(`${url}${path}`);
      assert.equal(res.status, 404, path);
      assert.doesNotMatch(res.body.toString(), /secret|root:/, path);
    }
  });

  test('without a build the page says how to make one', async () => {
    const handle = createPlaygroundHandler({ ...options(), assetsDir: join(dir, 'missing') });
    const bare = createServer((req, res) => void handle(req, res));
    const bareUrl = await listen(bare);
    try {
      const res = await get(`${bareUrl}/graphql`, { accept: browserAccept });
      assert.equal(res.status, 503);
      assert.match(res.body.toString(), /npm run build/);
      assert.equal((await get(`${bareUrl}/playground/main-AAAAAAAA.js`)).status, 404);
    } finally {
      await close(bare);
    }
  });

  test('prefersHtml follows the Accept ranking', () => {
    assert.equal(prefersHtml(browserAccept), true);
    assert.equal(prefersHtml('text/html'), true);
    assert.equal(prefersHtml('application/json, text/html'), false);
    assert.equal(prefersHtml('text/html;q=0.9, application/json'), false);
    assert.equal(prefersHtml('*/*'), false);
    assert.equal(prefersHtml('text/html;q=0'), false);
    assert.equal(prefersHtml(undefined), false);
  });

  test('loadExampleOperations: one per operation file, sorted, with fragments from other files and variables', () => {
    const ops = join(dir, 'operations');
    mkdirSync(ops);
    writeFileSync(join(ops, 'b-tenant.graphql'), 'query Tenant($id: ID!) {\n  tenant(id: $id) { ...TenantFields }\n}\n');
    writeFileSync(join(ops, 'b-tenant.graphql.variables.json'), '{ "id": "t1" }');
    // The old, wrong name is not read: the files in schema/operations are NN-Name.graphql.variables.json.
    writeFileSync(join(ops, 'c-anon.variables.json'), '{ "id": "not-mine" }');
    writeFileSync(join(ops, 'a-fragments.graphql'), 'fragment TenantFields on Tenant { id name ...More }\nfragment More on Tenant { id }\n');
    writeFileSync(join(ops, 'c-anon.graphql'), '{ __typename }\n');
    writeFileSync(join(ops, 'notes.txt'), 'ignored');
    const examples = loadExampleOperations(ops);
    assert.deepEqual(
      examples.map((e) => e.name),
      ['Tenant', 'c-anon'],
    );
    assert.deepEqual(examples[0].variables, { id: 't1' });
    assert.match(examples[0].query, /fragment TenantFields on Tenant/);
    assert.match(examples[0].query, /fragment More on Tenant/);
    assert.equal(examples[1].variables, undefined);
    assert.deepEqual(loadExampleOperations(join(dir, 'no-such-dir')), []);
    writeFileSync(join(ops, 'd-broken.graphql'), 'query {');
    assert.throws(() => loadExampleOperations(ops), /d-broken\.graphql/);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Real browser.

interface RunningServer {
  url: string;
  devToken: string;
  /** Every POST to /graphql, in order. */
  posts: { operationName?: string; authorization?: string }[];
  close(): Promise<void>;
}

/**
 * A stand-in for the service: the playground handler in front of a tiny GraphQL execution that demands the
 * development token. Replace the body with the real app (src/app.ts) once it exists; the test below only needs
 * `url`, `devToken` and an example operation whose result shows `expected`.
 */
async function startServer(): Promise<RunningServer & { firstExample: { expected: string } }> {
  const schema = buildSchema(`
    type Query { whoami: Caller!, echo(text: String!): String! }
    type Caller { tokenReversed: String!, tokenLength: Int! }
  `);
  const posts: RunningServer['posts'] = [];
  const handle = createPlaygroundHandler({
    graphqlPath: '/graphql',
    assetsDir: join(repoRoot(), 'dist/playground'),
    defaultHeaders: { Authorization: `Bearer ${DEV_TOKEN}` },
    exampleOperations: [
      { name: 'WhoAmI', query: 'query WhoAmI {\n  whoami {\n    tokenReversed\n    tokenLength\n  }\n}\n' },
      // A hostile-looking example must stay inert data in the page.
      {
        name: 'Echo',
        // Left unformatted on purpose: the test prettifies it (prettier's lazily loaded plugins).
        query: '# </script><script>document.title="pwned"</script>\nquery Echo($text: String!) { echo(text:$text) }\n',
        variables: { text: 'hello' },
      },
    ],
  });
  const server = createServer((req, res) => {
    if (handle(req, res)) return;
    if (req.method === 'POST' && req.url === '/graphql') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const body = JSON.parse(Buffer.concat(chunks).toString() || '{}');
        posts.push({ operationName: body.operationName ?? undefined, authorization: req.headers.authorization });
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        let result: unknown;
        if (token !== DEV_TOKEN) {
          result = { errors: [{ message: 'bad or missing token', extensions: { code: 'UNAUTHENTICATED' } }] };
        } else {
          result = await graphql({
            schema,
            source: body.query,
            variableValues: body.variables,
            operationName: body.operationName,
            rootValue: {
              whoami: { tokenReversed: [...token].reverse().join(''), tokenLength: token.length },
              echo: ({ text }: { text: string }) => text,
            },
          });
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
      });
      return;
    }
    res.writeHead(404).end();
  });
  const url = await listen(server);
  return {
    url,
    devToken: DEV_TOKEN,
    posts,
    // Derived from the token and absent from the page until the server answers: seeing it proves the header went out.
    firstExample: { expected: `"tokenReversed": "${[...DEV_TOKEN].reverse().join('')}"` },
    close: () => close(server),
  };
}

describe('playground in headless Chromium', () => {
  test('opens /graphql offline, runs the first example with the dev token, and talks to no other host', async (t) => {
    assert.ok(
      existsSync(join(repoRoot(), 'dist/playground/manifest.json')),
      'dist/playground is not built: run `npm run build` (or node scripts/build-playground.mjs)',
    );
    const app = await startServer();
    t.after(() => app.close());
    // The npm package's Chromium even where Debian's is installed: what `npm ci` alone gives a machine (issue 13).
    const { browser, source } = await launchChromium({ prefer: 'packaged' });
    assert.equal(source, '@sparticuz/chromium');
    t.after(() => browser.close());

    const context = await browser.newContext({ viewport: { width: 1400, height: 850 } });
    const page = await context.newPage();
    const origin = new URL(app.url).origin;
    // Chromium itself calls Google hosts; only what the page (and its workers) ask for counts.
    const requested: string[] = [];
    const failures: string[] = [];
    page.on('request', (req) => requested.push(req.url()));
    page.on('requestfailed', (req) => failures.push(`${req.url()} ${req.failure()?.errorText}`));
    page.on('pageerror', (err) => failures.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      // GraphiQL reports a failed prettify as a warning.
      if (msg.type() === 'error' || msg.type() === 'warning') failures.push(`console ${msg.type()}: ${msg.text()}`);
    });

    // Monaco starts the GraphQL worker lazily, so wait for it rather than check once at the end.
    const graphqlWorker = page.waitForRequest((req) => /\/playground\/workers\/graphql\.worker-[A-Z0-9]{8}\.js$/.test(req.url()), {
      timeout: 30_000,
    });
    graphqlWorker.catch(() => undefined); // awaited below; this only keeps an early failure from also being unhandled
    try {
      const response = await page.goto(`${app.url}/graphql`);
      assert.equal(response?.status(), 200);
      assert.match(response?.headers()['content-security-policy'] ?? '', /script-src 'self'/);

      // The first tab holds the first example, and the headers editor the token, once Monaco is up.
      const queryEditor = page.locator('.graphiql-query-editor .view-lines');
      await queryEditor.filter({ hasText: 'WhoAmI' }).waitFor({ timeout: 30_000 });
      // The variables pane is open (the examples have variables); the headers editor holds the token.
      await page.locator('.graphiql-editor-tools button', { hasText: 'Headers' }).click();
      await page.locator('.graphiql-editor-tool .view-lines').filter({ hasText: DEV_TOKEN }).first().waitFor({ timeout: 30_000 });
      assert.equal(await page.locator('.graphiql-tab').count(), 2, 'one tab per example operation');

      await page.locator('.graphiql-execute-button').click();
      const result = page.locator('.result-window .view-lines');
      await page.waitForFunction(
        (expected) => (document.querySelector('.result-window .view-lines')?.textContent ?? '').replace(/\u00a0/g, ' ').includes(expected),
        app.firstExample.expected,
        { timeout: 30_000 },
      );
      const text = ((await result.textContent()) ?? '').replace(/\u00a0/g, ' ');
      assert.match(text, /"tokenLength": 16/);
      assert.equal(await page.title(), 'recording-subgraph · GraphiQL', 'the hostile example stayed data');

      if (process.env.PLAYGROUND_SCREENSHOT) await page.screenshot({ path: process.env.PLAYGROUND_SCREENSHOT });

      // The second tab, prettified: prettier is a lazy chunk, and failed to find its parser in an earlier build.
      await page.locator('.graphiql-tab', { hasText: 'Echo' }).locator('.graphiql-tab-button').click();
      await queryEditor.filter({ hasText: 'Echo' }).waitFor({ timeout: 30_000 });
      await page.locator('[aria-label^="Prettify"]').click();
      await page.waitForFunction(
        () => (document.querySelector('.graphiql-query-editor .view-lines')?.textContent ?? '').replace(/\u00a0/g, ' ').includes('echo(text: $text)'),
        undefined,
        { timeout: 30_000 },
      );
    } finally {
      // A timeout above says little by itself; what the page reported usually says why.
      if (failures.length > 0) t.diagnostic(`page problems:\n${failures.join('\n')}`);
    }

    // Introspection (fired before the headers editor exists) and the run both carried the token.
    const names = app.posts.map((p) => p.operationName);
    assert.ok(names.includes('IntrospectionQuery') && names.includes('WhoAmI'), JSON.stringify(names));
    assert.ok(
      app.posts.every((p) => p.authorization === `Bearer ${app.devToken}`),
      JSON.stringify(app.posts),
    );

    const foreign = requested.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin);
    assert.deepEqual(foreign, [], 'the page asked for nothing outside its own origin');
    assert.ok(
      requested.some((u) => /\/playground\/main-[A-Z0-9]{8}\.js$/.test(u)),
      'bundle loaded from the service',
    );
    assert.equal((await (await graphqlWorker).response())?.status(), 200, 'GraphQL worker loaded from the service');
    assert.deepEqual(failures, [], 'no failed request, page error or console error (CSP violations included)');
  });
});
