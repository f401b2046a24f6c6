import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT_DIR } from '../../src/app';
import { diffSdl, readAnnouncements, sdlHash, unannounced } from '../../scripts/schema-diff';

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

/** Runs the schema:diff command on two SDL files (and an announcements file); returns its exit code and output. */
function runCli(oldSdl: string, newSdl: string, announcements?: unknown) {
  const dir = mkdtempSync(join(tmpdir(), 'recsub-schema-diff-'));
  try {
    writeFileSync(join(dir, 'old.graphql'), oldSdl);
    writeFileSync(join(dir, 'new.graphql'), newSdl);
    const extra = announcements === undefined ? [] : ['--announced', join(dir, 'announced.json')];
    if (announcements !== undefined) writeFileSync(join(dir, 'announced.json'), JSON.stringify(announcements));
    const r = spawnSync(process.execPath, [SCRIPT, '--old', join(dir, 'old.graphql'), '--new', join(dir, 'new.graphql'), ...extra], {
      encoding: 'utf8',
    });
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

describe('schema:diff announcements', () => {
  /** The SDL as it was before issue 19's deliberate break (the base its announcement names). */
  const beforeIssue19 = readFileSync(join(ROOT_DIR, 'test', 'fixtures', 'schema', 'recording-before-issue-19.graphql'), 'utf8');

  it("issue 19's break is announced once, exactly: every breaking change it makes to the old schema is listed, nothing else", async () => {
    const [announcement, ...others] = readAnnouncements();
    assert.equal(others.length, 0);
    assert.equal(announcement!.baseSdlSha256, sdlHash(beforeIssue19), 'the announcement names the schema it breaks');
    const d = await diffSdl(beforeIssue19, checkedIn);
    assert.deepEqual(d.breaking.map((c) => c.message).sort(), [...announcement!.changes].sort());
    assert.deepEqual(unannounced(d, beforeIssue19, [announcement!]), []);
    const cli = runCli(beforeIssue19, checkedIn);
    assert.equal(cli.status, 0, cli.output);
    assert.match(cli.output, new RegExp(`breaking, announced in schema/breaking-changes.json \\(${announcement!.changes.length}\\)`));
  });

  it('refuses an unannounced break, and an announcement made for another base schema', async () => {
    const removed = BASE.replace(/\n\s*"Kept for old clients."\n\s*legacyCode: String/, '');
    const message = "Field 'legacyCode' was removed from object type 'Tenant'";
    const forBase = { id: 't', announced: '2026-12-02', summary: 't', baseSdlSha256: sdlHash(BASE), changes: [message] };
    assert.equal(runCli(BASE, removed, [forBase]).status, 0);
    const refused = runCli(BASE, removed, [{ ...forBase, baseSdlSha256: sdlHash(checkedIn) }]);
    assert.equal(refused.status, 1, refused.output);
    assert.match(refused.output, /1 breaking change\(s\) not announced/);
    // The real announcements do not cover a new break of today's schema.
    const today = checkedIn.replace(/\n\s*"{3}Its name\."{3}\n\s*displayName: String!/, '');
    assert.notEqual(today, checkedIn, 'the test removed VendorInfo.displayName');
    const cli = runCli(checkedIn, today);
    assert.equal(cli.status, 1, cli.output);
    assert.match(cli.output, /BREAKING \(1\)/);
  });
});
