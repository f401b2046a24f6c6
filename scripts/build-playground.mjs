#!/usr/bin/env node
// Bundles the playground (GraphiQL + Monaco, src/server/playground/client/) into dist/playground/ for
// src/server/playground/index.ts to serve: no CDN, every file content-hashed, .gz/.br precompressed, and a
// manifest.json that names the entry, the workers and each file's ETag.
//
// It runs on every `npm run build`, so it skips the work when the manifest's fingerprint (our client sources,
// this script, and the exact version of every package that went into the last bundle) still matches.
// `--force` rebuilds anyway.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const clientDir = join(root, 'src/server/playground/client');
const outDir = join(root, 'dist/playground');
const stagingDir = join(root, 'dist/.playground-staging');
const manifestName = 'manifest.json';
const MANIFEST_VERSION = 1;

// Monaco's three workers: GraphiQL labels them 'graphql' and 'json'; everything else uses the editor worker.
const workerEntries = {
  editor: 'monaco-editor/esm/vs/editor/editor.worker.js',
  json: 'monaco-editor/esm/vs/language/json/json.worker.js',
  graphql: 'monaco-graphql/esm/graphql.worker.js',
};

const force = process.argv.includes('--force');
const started = performance.now();

function sha256(data) {
  return createHash('sha256').update(data).digest();
}

function projectInputs() {
  const files = readdirSync(clientDir)
    .filter((name) => /\.(tsx?|css)$/.test(name))
    .sort()
    .map((name) => join(clientDir, name));
  return [fileURLToPath(import.meta.url), ...files];
}

/** `node_modules/a/node_modules/@b/c/x.js` -> `node_modules/a/node_modules/@b/c` (the innermost package root). */
function packageRoot(input) {
  const parts = input.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  const length = parts[at + 1]?.startsWith('@') ? 3 : 2;
  return parts.slice(0, at + length).join('/');
}

function packageVersions(packageRoots) {
  const versions = {};
  for (const pkg of [...packageRoots].sort()) {
    try {
      versions[pkg] = JSON.parse(readFileSync(join(root, pkg, 'package.json'), 'utf8')).version ?? '?';
    } catch {
      versions[pkg] = 'missing';
    }
  }
  return versions;
}

function fingerprint(packages) {
  const hash = createHash('sha256');
  hash.update(`v${MANIFEST_VERSION}\0esbuild ${esbuild.version}\0`);
  for (const file of projectInputs())
    hash
      .update(`${relative(root, file)}\0`)
      .update(readFileSync(file))
      .update('\0');
  for (const [pkg, version] of Object.entries(packages)) hash.update(`${pkg}@${version}\0`);
  return hash.digest('hex');
}

function upToDate() {
  const manifestPath = join(outDir, manifestName);
  if (force || !existsSync(manifestPath)) return false;
  try {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (manifest.version !== MANIFEST_VERSION) return false;
    if (fingerprint(packageVersions(Object.keys(manifest.packages))) !== manifest.fingerprint) return false;
    return Object.keys(manifest.files).every((file) => existsSync(join(outDir, file)));
  } catch {
    return false;
  }
}

const common = {
  absWorkingDir: root,
  bundle: true,
  minify: true,
  platform: 'browser',
  target: ['es2022'],
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
};

async function bundle() {
  rmSync(stagingDir, { recursive: true, force: true });

  const [page, workers] = await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: { main: join(clientDir, 'main.tsx') },
      outdir: stagingDir,
      format: 'esm',
      // Monaco, prettier and graphql-ws are dynamic imports in @graphiql/react: keep them as lazy chunks.
      splitting: true,
      jsx: 'automatic',
      entryNames: '[name]-[hash]',
      chunkNames: 'chunks/[name]-[hash]',
      assetNames: 'assets/[name]-[hash]',
      // Monaco's codicon font; GraphiQL's own fonts are already data: URLs inside its CSS.
      loader: { '.ttf': 'file' },
      // @graphiql/react's prettify does `const { parsers } = await import('prettier/parser-graphql')`: those legacy
      // paths are prettier's UMD files, whose named exports esbuild cannot see (vite's interop can), so prettify
      // failed with "Couldn't resolve parser". The ESM plugins export the same names.
      alias: {
        'prettier/parser-graphql': 'prettier/plugins/graphql',
        'prettier/parser-babel': 'prettier/plugins/babel',
      },
      tsconfig: join(clientDir, 'tsconfig.json'),
    }),
    esbuild.build({
      ...common,
      entryPoints: Object.fromEntries(Object.entries(workerEntries).map(([label, entry]) => [`${label}.worker`, entry])),
      outdir: join(stagingDir, 'workers'),
      // Classic workers: `new Worker(url)` without `type: 'module'` works in every browser Monaco supports.
      format: 'iife',
      entryNames: '[name]-[hash]',
    }),
  ]);

  const rel = (file) => relative(stagingDir, resolve(root, file)).split(sep).join('/');
  // With splitting, every dynamic import is an `entryPoint` in the metafile too: pick the one for main.tsx.
  const mainInput = relative(root, join(clientDir, 'main.tsx')).split(sep).join('/');
  const [mainJs, mainOutput] = Object.entries(page.metafile.outputs).find(([, output]) => output.entryPoint === mainInput) ?? [];
  if (!mainJs || !mainOutput?.cssBundle) throw new Error('esbuild did not produce the main js and css bundles');
  const entry = { js: rel(mainJs), css: rel(mainOutput.cssBundle) };

  const workerUrls = {};
  for (const [file, output] of Object.entries(workers.metafile.outputs)) {
    const label = Object.entries(workerEntries).find(([, spec]) => output.entryPoint?.endsWith(spec))?.[0];
    if (label) workerUrls[label] = rel(file);
  }
  for (const label of Object.keys(workerEntries)) {
    if (!workerUrls[label]) throw new Error(`esbuild did not produce the ${label} worker`);
  }

  const roots = new Set();
  for (const meta of [page.metafile, workers.metafile]) {
    for (const input of Object.keys(meta.inputs)) {
      const pkg = packageRoot(input);
      if (pkg) roots.add(pkg);
    }
  }
  return { entry, workers: workerUrls, packages: packageVersions(roots) };
}

function listFiles(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((dirent) => {
    const full = join(dir, dirent.name);
    return dirent.isDirectory() ? listFiles(full, base) : [relative(base, full).split(sep).join('/')];
  });
}

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** Writes file.gz / file.br beside each output (only where it saves bytes) and returns the manifest's file table. */
async function precompress() {
  const table = {};
  await Promise.all(
    listFiles(stagingDir).map(async (file) => {
      const full = join(stagingDir, file);
      const raw = readFileSync(full);
      const entry = { size: raw.length, etag: sha256(raw).toString('base64url').slice(0, 22) };
      const [gz, br] = await Promise.all([
        gzipAsync(raw, { level: 9 }),
        brotliAsync(raw, {
          params: {
            // 9, not 11: 11 saves another ~8% but costs ~15 s of CPU on every rebuild (measured on this bundle).
            [zlibConstants.BROTLI_PARAM_QUALITY]: 9,
            [zlibConstants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          },
        }),
      ]);
      if (gz.length < raw.length * 0.95) {
        writeFileSync(`${full}.gz`, gz);
        entry.gzip = gz.length;
      }
      if (br.length < raw.length * 0.95) {
        writeFileSync(`${full}.br`, br);
        entry.br = br.length;
      }
      table[file] = entry;
    }),
  );
  return Object.fromEntries(Object.entries(table).sort(([a], [b]) => a.localeCompare(b)));
}

function kib(bytes) {
  return `${(bytes / 1024).toFixed(0)} KiB`;
}

if (upToDate()) {
  console.log(`playground: up to date (${(performance.now() - started).toFixed(0)} ms)`);
} else {
  const built = await bundle();
  const files = await precompress();
  const manifest = {
    version: MANIFEST_VERSION,
    fingerprint: fingerprint(built.packages),
    entry: built.entry,
    workers: built.workers,
    files,
    packages: built.packages,
  };
  writeFileSync(join(stagingDir, manifestName), `${JSON.stringify(manifest, null, 2)}\n`);
  // Swap in one step so a running server never sees a half-written directory for long.
  mkdirSync(dirname(outDir), { recursive: true });
  rmSync(outDir, { recursive: true, force: true });
  renameSync(stagingDir, outDir);

  const total = Object.values(files).reduce(
    (sum, f) => ({ raw: sum.raw + f.size, gzip: sum.gzip + (f.gzip ?? f.size), br: sum.br + (f.br ?? f.size) }),
    { raw: 0, gzip: 0, br: 0 },
  );
  const initial = [built.entry.js, built.entry.css].map((f) => files[f]);
  console.log(
    `playground: built ${Object.keys(files).length} files in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
      `all ${kib(total.raw)} raw / ${kib(total.gzip)} gzip / ${kib(total.br)} br; ` +
      `entry js+css ${kib(initial[0].size + initial[1].size)} raw / ${kib((initial[0].gzip ?? 0) + (initial[1].gzip ?? 0))} gzip`,
  );
}
