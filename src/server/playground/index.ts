import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, join } from 'node:path';
import { Kind, parse, visit, type DefinitionNode, type FragmentDefinitionNode } from 'graphql';
import type { PlaygroundPageConfig } from './client/page-config';
import { PlaceholderError, type ResolvePlaceholders } from './demo-variables';

export { createDemoVariableResolver, PLACEHOLDER, type ResolvePlaceholders } from './demo-variables';

export interface PlaygroundOptions {
  graphqlPath: string;
  /** Absolute path of dist/playground (written by scripts/build-playground.mjs). */
  assetsDir: string;
  /** Put in the request headers editor of every tab, e.g. `{ Authorization: 'Bearer ...' }` in development. */
  defaultHeaders?: Record<string, string>;
  exampleOperations: { name: string; query: string; variables?: Record<string, unknown> }[];
  /**
   * Resolves the `"{{...}}"` placeholders of the example variables when a tab runs (POST
   * {@link PLAYGROUND_VARIABLES_PATH}); without it the page still works and placeholders answer with an error.
   */
  resolvePlaceholders?: ResolvePlaceholders;
}

/** Where the page's fetcher asks for placeholder values before it sends an operation. */
export const PLAYGROUND_VARIABLES_PATH = '/playground/variables';

/** The URL prefix of the built assets; scripts/build-playground.mjs writes them flat under assetsDir. */
export const PLAYGROUND_ASSET_PREFIX = '/playground/';

/**
 * One example per `*.graphql` file in `dir` that defines an operation, in file-name order. Fragments a file
 * spreads but defines elsewhere in `dir` are appended, so each tab runs on its own. Variables come from a
 * sibling `<file>.graphql.variables.json` when there is one (string values `"{{name}}"` are placeholders resolved
 * when the tab runs, see demo-variables.ts). A missing `dir` gives no examples; a file that does not
 * parse throws, naming the file.
 */
export function loadExampleOperations(dir: string): PlaygroundOptions['exampleOperations'] {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => {
      const path = join(dir, name);
      const text = readFileSync(path, 'utf8');
      let definitions: readonly DefinitionNode[];
      try {
        definitions = parse(text).definitions;
      } catch (err) {
        throw new Error(`playground: cannot parse example operation ${path}: ${(err as Error).message}`);
      }
      return { name, path, text, definitions };
    });

  const fragments = new Map<string, { text: string; node: FragmentDefinitionNode }>();
  for (const file of files) {
    for (const def of file.definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION && def.loc) {
        fragments.set(def.name.value, { text: file.text.slice(def.loc.start, def.loc.end), node: def });
      }
    }
  }

  const examples: PlaygroundOptions['exampleOperations'] = [];
  for (const file of files) {
    const operations = file.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (operations.length === 0) continue;

    const local = new Set(file.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [d.name.value] : [])));
    const appended: string[] = [];
    const pending = [...file.definitions];
    while (pending.length > 0) {
      visit(pending.pop()!, {
        FragmentSpread(spread) {
          const name = spread.name.value;
          const fragment = fragments.get(name);
          if (local.has(name) || !fragment) return;
          local.add(name);
          appended.push(fragment.text);
          pending.push(fragment.node);
        },
      });
    }

    const first = operations[0];
    const name = (first.kind === Kind.OPERATION_DEFINITION && first.name?.value) || basename(file.name, '.graphql');
    const query = [file.text.trim(), ...appended].join('\n\n') + '\n';
    const variablesPath = join(dir, `${file.name}.variables.json`);
    let variables: Record<string, unknown> | undefined;
    if (existsSync(variablesPath)) {
      try {
        variables = JSON.parse(readFileSync(variablesPath, 'utf8')) as Record<string, unknown>;
      } catch (err) {
        throw new Error(`playground: cannot parse ${variablesPath}: ${(err as Error).message}`);
      }
    }
    examples.push(variables ? { name, query, variables } : { name, query });
  }
  return examples;
}

/** What scripts/build-playground.mjs writes as manifest.json (the fields read here). */
interface Manifest {
  fingerprint: string;
  entry: { js: string; css: string };
  workers: PlaygroundPageConfig['workers'];
  files: Record<string, { size: number; etag: string; gzip?: number; br?: number }>;
}

type Encoding = 'br' | 'gzip' | 'identity';

interface LoadedManifest {
  manifest: Manifest;
  mtimeMs: number;
  html: string;
  /** Asset bodies by `${file}\0${encoding}`, read on first use; the files are immutable per manifest. */
  bodies: Map<string, Buffer>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

/** esbuild's `[name]-[hash]` (8 base32 characters): such a URL never changes content. */
const HASHED_NAME = /-[A-Z0-9]{8}\.[a-z0-9]+$/;

/**
 * GraphiQL needs: its module scripts and workers from this origin, inline styles (Monaco adds <style> elements
 * at run time), data: fonts (GraphiQL's CSS inlines them) and fetch to this origin. Nothing else, no eval.
 */
export const PLAYGROUND_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function createPlaygroundHandler(opts: PlaygroundOptions): (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean> {
  const manifestPath = join(opts.assetsDir, 'manifest.json');
  const pageConfigBase: Omit<PlaygroundPageConfig, 'workers'> = {
    graphqlPath: opts.graphqlPath,
    variablesPath: PLAYGROUND_VARIABLES_PATH,
    defaultHeaders: opts.defaultHeaders ? JSON.stringify(opts.defaultHeaders, null, 2) : undefined,
    tabs: opts.exampleOperations.map((op) => ({
      query: op.query,
      variables: op.variables ? JSON.stringify(op.variables, null, 2) : undefined,
    })),
  };
  let loaded: LoadedManifest | undefined;

  // Re-read when the build replaced the directory, so a rebuild under a running dev server is picked up.
  function current(): LoadedManifest | undefined {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(manifestPath).mtimeMs;
    } catch {
      loaded = undefined;
      return undefined;
    }
    if (loaded && loaded.mtimeMs === mtimeMs) return loaded;
    let manifest: Manifest;
    try {
      manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    } catch {
      return undefined; // replaced between stat and read: the next request sees the new build
    }
    const config: PlaygroundPageConfig = {
      ...pageConfigBase,
      workers: {
        editor: PLAYGROUND_ASSET_PREFIX + manifest.workers.editor,
        json: PLAYGROUND_ASSET_PREFIX + manifest.workers.json,
        graphql: PLAYGROUND_ASSET_PREFIX + manifest.workers.graphql,
      },
    };
    loaded = { manifest, mtimeMs, html: renderPage(manifest, config), bodies: new Map() };
    return loaded;
  }

  function servePage(req: IncomingMessage, res: ServerResponse): void {
    const state = current();
    const headers = {
      'content-security-policy': PLAYGROUND_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      // The page embeds the development token: never store it in a shared cache.
      'cache-control': 'no-store',
      vary: 'Accept',
    };
    if (!state) {
      const body =
        '<!doctype html><meta charset="utf-8"><title>Playground not built</title>' +
        '<p>The playground assets (dist/playground) are missing. Run <code>npm run build</code>.</p>\n';
      res.writeHead(503, { ...headers, 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    const body = Buffer.from(state.html);
    res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function serveAsset(req: IncomingMessage, res: ServerResponse, rawPath: string): void {
    const state = current();
    let file: string | undefined;
    try {
      file = decodeURIComponent(rawPath.slice(PLAYGROUND_ASSET_PREFIX.length));
    } catch {
      file = undefined;
    }
    // Only names the build listed are served, so `..`, absolute paths and encoded tricks cannot reach the disk.
    const entry = state && file !== undefined && Object.hasOwn(state.manifest.files, file) ? state.manifest.files[file] : undefined;
    if (!state || !file || !entry) {
      const body = 'Not found\n';
      res.writeHead(404, {
        'content-type': 'text/plain; charset=utf-8',
        'content-length': Buffer.byteLength(body),
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }

    const encoding = negotiateEncoding(req.headers['accept-encoding'], entry);
    const etag = `"${entry.etag}${encoding === 'identity' ? '' : `-${encoding}`}"`;
    const ext = /\.[a-z0-9]+$/.exec(file)?.[0] ?? '';
    const headers: Record<string, string | number> = {
      'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
      'cache-control': HASHED_NAME.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
      etag,
      vary: 'Accept-Encoding',
      'x-content-type-options': 'nosniff',
      'cross-origin-resource-policy': 'same-origin',
    };
    if (encoding !== 'identity') headers['content-encoding'] = encoding;

    if (etagMatches(req.headers['if-none-match'], etag)) {
      delete headers['content-type'];
      res.writeHead(304, headers);
      res.end();
      return;
    }

    const key = `${file}\0${encoding}`;
    let body = state.bodies.get(key);
    if (!body) {
      const suffix = encoding === 'br' ? '.br' : encoding === 'gzip' ? '.gz' : '';
      try {
        body = readFileSync(join(opts.assetsDir, file + suffix));
      } catch {
        loaded = undefined; // the directory changed under us: re-read the manifest on the next request
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : 'Not found\n');
        return;
      }
      state.bodies.set(key, body);
    }
    headers['content-length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  async function serveVariables(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const reply = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(text),
        'cache-control': 'no-store',
      });
      res.end(text);
    };
    let names: unknown;
    try {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > 16 * 1024) return reply(413, { error: 'too many placeholders' });
        chunks.push(chunk);
      }
      names = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { names?: unknown }).names;
    } catch {
      return reply(400, { error: 'expected JSON {"names": ["..."]}' });
    }
    if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) return reply(400, { error: 'expected JSON {"names": ["..."]}' });
    if (!opts.resolvePlaceholders) return reply(404, { error: 'this service resolves no placeholders: start it with SANDBOX=true' });
    try {
      reply(200, { values: await opts.resolvePlaceholders(names, req.headers.authorization) });
    } catch (err) {
      if (err instanceof PlaceholderError) return reply(422, { error: err.message });
      reply(500, { error: 'could not prepare the example' });
    }
  }

  return (req, res) => {
    if (req.method === 'POST' && (req.url ?? '').split('?', 1)[0] === PLAYGROUND_VARIABLES_PATH) {
      return serveVariables(req, res).then(() => true);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = (req.url ?? '/').split('?', 1)[0];
    if (path === opts.graphqlPath) {
      if (!prefersHtml(req.headers.accept)) return false;
      servePage(req, res);
      return true;
    }
    if (path.startsWith(PLAYGROUND_ASSET_PREFIX)) {
      serveAsset(req, res, path);
      return true;
    }
    return false;
  };
}

function renderPage(manifest: Manifest, config: PlaygroundPageConfig): string {
  const asset = (file: string) => escapeHtml(PLAYGROUND_ASSET_PREFIX + file);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>recording-subgraph · GraphiQL</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${asset(manifest.entry.css)}">
<script id="playground-config" type="application/json">${jsonForScript(config)}</script>
<script type="module" src="${asset(manifest.entry.js)}"></script>
</head>
<body>
<div id="root"></div>
<noscript>The playground needs JavaScript.</noscript>
</body>
</html>
`;
}

/**
 * JSON that cannot end the surrounding <script> element or open a comment in it: example operations and headers
 * are data, and a `</script>` inside them must stay data. Also escapes U+2028/9 for older JSON-in-JS readers.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

function parseAccept(header: string): MediaRange[] {
  return header.split(',').flatMap((part) => {
    const [range, ...params] = part.trim().split(';');
    const [type, subtype] = range.trim().toLowerCase().split('/');
    if (!type || !subtype) return [];
    let q = 1;
    for (const param of params) {
      const [k, v] = param.trim().split('=');
      if (k?.toLowerCase() === 'q') q = Number.parseFloat(v ?? '');
    }
    return Number.isFinite(q) ? [{ type, subtype, q }] : [];
  });
}

/** The q a client gives a media type: the most specific matching range wins (RFC 9110 12.5.1). */
function qualityOf(ranges: MediaRange[], type: string, subtype: string): number {
  let best: { specificity: number; q: number } | undefined;
  for (const r of ranges) {
    const specificity = r.type === type && r.subtype === subtype ? 2 : r.type === type && r.subtype === '*' ? 1 : r.type === '*' ? 0 : -1;
    if (specificity >= 0 && (!best || specificity > best.specificity)) best = { specificity, q: r.q };
  }
  return best?.q ?? 0;
}

/**
 * A browser navigation (text/html ranked above any GraphQL response type) gets the page; `*∕*` alone, or JSON
 * first, stays a GraphQL GET for Apollo. Ties go to Apollo, as in its own landing-page negotiation.
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const ranges = parseAccept(accept);
  const html = qualityOf(ranges, 'text', 'html');
  if (html <= 0) return false;
  const explicitHtml = ranges.some((r) => r.type === 'text' && r.subtype === 'html');
  const graphql = Math.max(
    qualityOf(ranges, 'application', 'json'),
    qualityOf(ranges, 'application', 'graphql-response+json'),
    qualityOf(ranges, 'multipart', 'mixed'),
  );
  return explicitHtml && html > graphql;
}

function negotiateEncoding(header: string | string[] | undefined, entry: { gzip?: number; br?: number }): Encoding {
  if (typeof header !== 'string') return 'identity';
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    let value = 1;
    for (const param of params) {
      const [k, v] = param.trim().split('=');
      if (k === 'q') value = Number.parseFloat(v ?? '');
    }
    if (coding && Number.isFinite(value)) q.set(coding, value);
  }
  const accepts = (coding: string) => (q.get(coding) ?? q.get('*') ?? 0) > 0;
  if (entry.br !== undefined && accepts('br')) return 'br';
  if (entry.gzip !== undefined && accepts('gzip')) return 'gzip';
  return 'identity';
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
