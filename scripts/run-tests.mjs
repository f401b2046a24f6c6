// Runs the compiled test suite with node's test runner: once on the embedded database (PGlite) and, when
// DATABASE_URL is set, once more against that PostgreSQL server. Optional arguments filter test files by
// substring (`npm test -- tenant`).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const testDir = join(root, 'dist', 'test');

function collect(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...collect(full));
    else if (name.endsWith('.test.js')) out.push(full);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = collect(testDir)
  .filter((f) => filters.length === 0 || filters.some((s) => relative(testDir, f).includes(s)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}

const targets = [{ name: 'embedded PGlite', env: { DATABASE_URL: '' } }];
if (process.env.DATABASE_URL) targets.push({ name: `PostgreSQL server`, env: { DATABASE_URL: process.env.DATABASE_URL } });

let failed = false;
for (const target of targets) {
  console.log(`\n=== test suite on ${target.name} (${files.length} files)\n`);
  const res = spawnSync(
    process.execPath,
    ['--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
    { stdio: 'inherit', env: { ...process.env, ...target.env, NODE_ENV: 'test', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' } },
  );
  if (res.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
