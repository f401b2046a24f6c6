import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT_DIR } from '../../src/app';
import { diffSdl } from '../../scripts/schema-diff';

const SCRIPT = join(ROOT_DIR, 'dist', 'scripts', 'schema-diff.js');
const checkedIn = readFileSync(join(ROOT_DIR, 'schema', 'recording.graphql'), 'utf8');

const BASE = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
type Tenant @key(fields: "id") {
  id: ID!
  name: String!
  "Kept for old clients."
  legacyCode: String
}
enum SyncStatus { PENDING IN_SYNC FAILED }
type Query {
  tenant(id: ID!): Tenant
  status: SyncStatus!
}
`;

/** Runs the schema:diff command on two SDL files; returns its exit code and output. */
function runCli(oldSdl: string, newSdl: string) {
  const dir = mkdtempSync(join(tmpdir(), 'recsub-schema-diff-'));
  try {
    writeFileSync(join(dir, 'old.graphql'), oldSdl);
    writeFileSync(join(dir, 'new.graphql'), newSdl);
    const r = spawnSync(process.execPath, [SCRIPT, '--old', join(dir, 'old.graphql'), '--new', join(dir, 'new.graphql')], { encoding: 'utf8' });
    return { status: r.status, output: r.stdout + r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('schema:diff', () => {
  it('finds no change between identical schemas (the checked-in SDL, federation directives and all)', async () => {
    const d = await diffSdl(checkedIn, checkedIn);
    assert.deepEqual([d.breaking.length, d.dangerous.length, d.safe.length], [0, 0, 0]);
    const cli = runCli(checkedIn, checkedIn);
    assert.equal(cli.status, 0, cli.output);
    assert.match(cli.output, /none/);
  });

  it('reports a removed field as breaking, and the command exits non-zero', async () => {
    const removed = BASE.replace(/\n\s*"Kept for old clients."\n\s*legacyCode: String/, '');
    const d = await diffSdl(BASE, removed);
    assert.deepEqual(
      d.breaking.map((c) => c.path),
      ['Tenant.legacyCode'],
    );
    const cli = runCli(BASE, removed);
    assert.equal(cli.status, 1, cli.output);
    assert.match(cli.output, /BREAKING \(1\):\n {2}- Field 'legacyCode' was removed from object type 'Tenant'/);
  });

  it('calls an added enum value dangerous and an added field safe; neither fails the command', async () => {
    const grown = BASE.replace('FAILED }', 'FAILED DRIFTED }').replace('name: String!', 'name: String!\n  createdAt: String');
    const d = await diffSdl(BASE, grown);
    assert.deepEqual(d.breaking, []);
    assert.deepEqual(
      d.dangerous.map((c) => c.path),
      ['SyncStatus.DRIFTED'],
    );
    assert.ok(d.safe.some((c) => c.path === 'Tenant.createdAt'));
    const cli = runCli(BASE, grown);
    assert.equal(cli.status, 0, cli.output);
    assert.match(cli.output, /DANGEROUS \(1\)/);
  });

  it('treats a removed @key as breaking: other subgraphs can no longer reference the entity', async () => {
    const d = await diffSdl(BASE, BASE.replace('type Tenant @key(fields: "id")', 'type Tenant'));
    assert.equal(d.breaking.length, 1, JSON.stringify(d));
    assert.match(d.breaking[0]!.message, /key/);
  });
});
