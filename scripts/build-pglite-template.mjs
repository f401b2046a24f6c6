#!/usr/bin/env node
// Writes dist/pglite-template/<pglite version>-<migrations key>/: the data directory of a freshly initialised
// embedded PostgreSQL with our migrations applied. PGlite's initdb takes about 4 s on a small machine and the
// migrations 0.7 CPU seconds, most of a first `npm start` (issue 9, issue 18: cold start <= 5 s); src/store/db.ts
// starts a new DATA_DIR from a copy of it instead (a file copy). Its name carries PGlite's exact version and the key
// of the migrations it holds (src/store/migrations: ids and SQL), so neither an upgrade nor a new migration ever
// loads a directory written for other ones; older templates are removed. Runs after tsc (it uses dist/src).
// A directory, not a tarball for PGlite's `loadDataDir`: PGlite keeps its options, so the 40 MB tarball stayed in
// the process for its whole life, and unpacking it left as much again in the allocator (issue 18, memory).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { migrationsKey } = require(join(root, 'dist', 'src', 'store', 'migrations', 'index.js'));
const { migrate } = require(join(root, 'dist', 'src', 'store', 'db.js'));
const { version } = JSON.parse(readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'));
const name = `${version}-${migrationsKey()}`;
const parent = join(root, 'dist', 'pglite-template');
const dir = join(parent, name);
if (!existsSync(dir)) {
  const started = Date.now();
  const tmp = `${dir}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(parent, { recursive: true });
  const db = new PGlite(tmp);
  await db.waitReady;
  // The service's own migrate(), through the same kind of handle it uses on PGlite.
  await migrate({
    async rawQuery(text, params) {
      if (!params || params.length === 0) return (await db.exec(text)).at(-1)?.rows ?? [];
      return (await db.query(text, params)).rows;
    },
  });
  await db.close();
  // Renamed into place only when complete, so a build killed midway never leaves half a template.
  renameSync(tmp, dir);
  console.log(`pglite template: ${dir} (${Date.now() - started} ms)`);
}
for (const old of readdirSync(parent)) if (old !== name) rmSync(join(parent, old), { recursive: true, force: true });
