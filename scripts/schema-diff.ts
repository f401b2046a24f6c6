// `npm run schema:diff`: what the working tree's schema changes for clients and routers, against the checked-in
// schema/recording.graphql at a git ref (HEAD unless --base <ref>; the file on disk when git cannot tell).
// Prints breaking, dangerous and safe changes; exits 1 when a breaking change is not announced in
// schema/breaking-changes.json (or `--announced <file>`) for exactly that base schema. `--old <file> --new <file>`
// diffs two SDL files instead. CI runs it against the merge base with main (.ci/run). `--announce <id> [--summary
// <text>]` records this diff's breaking changes as an announcement for this base (a deliberate break, made once).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildASTSchema, parse } from 'graphql';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';

const ROOT_DIR = resolve(__dirname, '..', '..');
const SCHEMA_FILE = 'schema/recording.graphql';

export interface SchemaDiff {
  breaking: Change[];
  dangerous: Change[];
  safe: Change[];
}

const ANNOUNCED_FILE = 'schema/breaking-changes.json';

/**
 * A deliberate break, announced once: the breaking changes (graphql-inspector's messages) it makes to one base
 * schema. It applies only while the base is that schema (its SHA-256): once the new schema is the base, the same
 * break again is a new, unannounced one.
 */
export interface Announcement {
  id: string;
  announced: string;
  summary: string;
  baseSdlSha256: string;
  changes: string[];
}

/** The hash an announcement names: the SDL without the generated-file header line, trimmed. */
export const sdlHash = (sdl: string) =>
  createHash('sha256')
    .update(sdl.replace(/^#.*\n/, '').trim())
    .digest('hex');

/** The breaking changes no announcement for this base schema lists. */
export function unannounced(d: SchemaDiff, baseSdl: string, announcements: Announcement[]): Change[] {
  const base = sdlHash(baseSdl);
  const listed = new Set(announcements.filter((a) => a.baseSdlSha256 === base).flatMap((a) => a.changes));
  return d.breaking.filter((c) => !listed.has(c.message));
}

export function readAnnouncements(file = join(ROOT_DIR, ANNOUNCED_FILE)): Announcement[] {
  return JSON.parse(readFileSync(file, 'utf8')) as Announcement[];
}

/**
 * Federation directives are not declared in a subgraph SDL (they come with @link), so the SDL is built without
 * validation: the types are what clients see, and directive usages are still compared.
 */
const toSchema = (sdl: string) => buildASTSchema(parse(sdl), { assumeValidSDL: true });

/**
 * graphql-inspector calls a removed directive usage dangerous; a removed @key is breaking for us: every other
 * subgraph that references the entity, and every query plan through it, stops resolving.
 */
function levelOf(change: Change): CriticalityLevel {
  if (/^DIRECTIVE_USAGE_.*_REMOVED$/.test(change.type) && /@key\b|'key'/.test(`${change.path ?? ''} ${change.message}`))
    return CriticalityLevel.Breaking;
  return change.criticality.level;
}

export async function diffSdl(oldSdl: string, newSdl: string): Promise<SchemaDiff> {
  const out: SchemaDiff = { breaking: [], dangerous: [], safe: [] };
  for (const change of await diff(toSchema(oldSdl), toSchema(newSdl))) {
    const level = levelOf(change);
    (level === CriticalityLevel.Breaking ? out.breaking : level === CriticalityLevel.Dangerous ? out.dangerous : out.safe).push(change);
  }
  return out;
}

export function formatDiff(d: SchemaDiff, from: string, to: string, refused: Change[] = d.breaking): string {
  const lines = [`schema changes from ${from} to ${to}:`];
  const section = (title: string, changes: Change[]) => {
    if (!changes.length) return;
    lines.push('', `${title} (${changes.length}):`);
    for (const c of changes) {
      const reason = c.criticality.reason && c.criticality.reason !== c.message ? ` (${c.criticality.reason})` : '';
      lines.push(`  - ${c.message}${reason}`);
    }
  };
  section('BREAKING', refused);
  section(
    'breaking, announced in schema/breaking-changes.json',
    d.breaking.filter((c) => !refused.includes(c)),
  );
  section('DANGEROUS', d.dangerous);
  section('safe', d.safe);
  if (!d.breaking.length && !d.dangerous.length && !d.safe.length) lines.push('  none');
  return lines.join('\n');
}

function checkedIn(ref: string): { sdl: string; label: string } {
  try {
    const sdl = execFileSync('git', ['show', `${ref}:${SCHEMA_FILE}`], { cwd: ROOT_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { sdl, label: `${SCHEMA_FILE} at ${ref}` };
  } catch {
    return { sdl: readFileSync(join(ROOT_DIR, SCHEMA_FILE), 'utf8'), label: `${SCHEMA_FILE} (working tree; not found at ${ref})` };
  }
}

async function main(argv: string[]): Promise<number> {
  const opt = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  let from: { sdl: string; label: string };
  let to: { sdl: string; label: string };
  const oldFile = opt('--old');
  const newFile = opt('--new');
  if (oldFile && newFile) {
    from = { sdl: readFileSync(oldFile, 'utf8'), label: oldFile };
    to = { sdl: readFileSync(newFile, 'utf8'), label: newFile };
  } else {
    from = checkedIn(opt('--base') ?? 'HEAD');
    // Imported here so `--old/--new` runs do not build the service's schema.
    const { buildRecordingSchema } = await import('../src/graphql/schema');
    to = { sdl: (await buildRecordingSchema()).sdl, label: 'the schema built from the working tree' };
  }
  const d = await diffSdl(from.sdl, to.sdl);
  const announcedFile = opt('--announced');
  const announce = opt('--announce');
  if (announce) {
    // Records this diff's breaking changes as one announcement for this base (replacing one of the same id).
    const file = announcedFile ?? join(ROOT_DIR, ANNOUNCED_FILE);
    const entry: Announcement = {
      id: announce,
      announced: new Date().toISOString().slice(0, 10),
      summary: opt('--summary') ?? announce,
      baseSdlSha256: sdlHash(from.sdl),
      changes: d.breaking.map((c) => c.message),
    };
    const all = [...readAnnouncements(file).filter((a) => a.id !== announce), entry];
    writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
    process.stdout.write(`announced ${entry.changes.length} breaking change(s) as ${announce} in ${file}\n`);
  }
  const refused = unannounced(d, from.sdl, announcedFile ? readAnnouncements(announcedFile) : readAnnouncements());
  process.stdout.write(`${formatDiff(d, from.label, to.label, refused)}\n`);
  if (refused.length)
    process.stdout.write(`\n${refused.length} breaking change(s) not announced: announce them in ${ANNOUNCED_FILE}, or avoid them.\n`);
  return refused.length ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`schema:diff failed: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exit(2);
    },
  );
}
