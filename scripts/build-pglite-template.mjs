#!/usr/bin/env node
// Writes dist/pglite-template/<pglite version>.tar: the data directory of a freshly initialised embedded
// PostgreSQL. PGlite's initdb takes about 4 s on a small machine, most of a first `npm start` (issue 9: cold
// start <= 5 s); src/store/db.ts starts a new DATA_DIR from this copy instead (under 1 s). It holds nothing but
// an empty cluster (migrations still run at start), and its name carries PGlite's exact version, so an upgrade
// never loads a directory another version wrote. Skipped when the file already exists.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'));
const file = join(root, 'dist', 'pglite-template', `${version}.tar`);
if (existsSync(file)) process.exit(0);
const started = Date.now();
const db = new PGlite();
await db.waitReady;
const blob = await db.dumpDataDir('none');
await db.close();
mkdirSync(dirname(file), { recursive: true });
writeFileSync(`${file}.tmp`, Buffer.from(await blob.arrayBuffer()));
// Renamed into place only when complete, so a build killed midway never leaves half a template.
const { renameSync } = await import('node:fs');
renameSync(`${file}.tmp`, file);
console.log(`pglite template: ${file} (${Date.now() - started} ms)`);
