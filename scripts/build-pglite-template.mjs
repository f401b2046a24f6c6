#!/usr/bin/env node
// Writes dist/pglite-template/<pglite version>/: the data directory of a freshly initialised embedded
// PostgreSQL. PGlite's initdb takes about 4 s on a small machine, most of a first `npm start` (issue 9: cold
// start <= 5 s); src/store/db.ts starts a new DATA_DIR from a copy of it instead (a file copy, under 1 s). It holds
// nothing but an empty cluster (migrations still run at start), and its name carries PGlite's exact version, so an
// upgrade never loads a directory another version wrote. Skipped when the directory already exists.
// A directory, not a tarball for PGlite's `loadDataDir`: PGlite keeps its options, so the 40 MB tarball stayed in
// the process for its whole life, and unpacking it left as much again in the allocator (issue 18, memory).
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'));
const dir = join(root, 'dist', 'pglite-template', version);
if (existsSync(dir)) process.exit(0);
const started = Date.now();
const tmp = `${dir}.tmp`;
rmSync(tmp, { recursive: true, force: true });
mkdirSync(dirname(tmp), { recursive: true });
const db = new PGlite(tmp);
await db.waitReady;
await db.close();
// Renamed into place only when complete, so a build killed midway never leaves half a template.
renameSync(tmp, dir);
// The tarball earlier builds wrote is no longer read.
rmSync(`${dir}.tar`, { force: true });
console.log(`pglite template: ${dir} (${Date.now() - started} ms)`);
