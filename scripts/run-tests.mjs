// Runs the compiled test suite with node's test runner: once on the embedded database (PGlite) and, when
// DATABASE_URL is set, once more against that PostgreSQL server. Optional arguments filter test files by
// substring (`npm test -- tenant`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

// TEST_DATABASES narrows the run to one of them (`embedded` or `server`): CI runs each database on a different
// Node.js line instead of every database on every line.
const only = process.env.TEST_DATABASES ?? '';
if (only && !['embedded', 'server'].includes(only)) {
  console.error(`TEST_DATABASES must be "embedded" or "server", not "${only}"`);
  process.exit(1);
}
if (only === 'server' && !process.env.DATABASE_URL) {
  console.error('TEST_DATABASES=server needs DATABASE_URL (a PostgreSQL server)');
  process.exit(1);
}
const targets = [];
if (only !== 'server') targets.push({ name: 'embedded PGlite', env: { DATABASE_URL: '' } });
if (process.env.DATABASE_URL && only !== 'embedded') targets.push({ name: `PostgreSQL server`, env: { DATABASE_URL: process.env.DATABASE_URL } });

let failed = false;
const totals = { pass: 0, fail: 0, skipped: 0 };
const tapDir = mkdtempSync(join(tmpdir(), 'recsub-tap-'));
for (const [i, target] of targets.entries()) {
  console.log(`\n=== test suite on ${target.name} (${files.length} files)\n`);
  const tapFile = join(tapDir, `run-${i}.tap`);
  const res = spawnSync(
    process.execPath,
    [
      '--test',
      '--test-concurrency=2',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tapFile}`,
      ...files,
    ],
    { stdio: 'inherit', env: { ...process.env, ...target.env, NODE_ENV: 'test', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' } },
  );
  if (res.status !== 0) failed = true;
  const tap = readFileSync(tapFile, 'utf8');
  const count = (k) => Number(new RegExp(`^# ${k} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
  totals.pass += count('pass');
  totals.fail += count('fail') + count('cancelled');
  totals.skipped += count('skipped') + count('todo');
  console.log(`\n${target.name}: ${count('pass')} passed, ${count('fail') + count('cancelled')} failed`);
}
console.log(`\n${totals.pass} passed, ${totals.fail} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(failed || totals.fail > 0 || totals.pass === 0 ? 1 : 0);
