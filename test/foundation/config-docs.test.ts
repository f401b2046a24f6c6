import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ROOT_DIR } from '../../src/app';
import { ENVIRONMENT, loadConfig, type Config } from '../../src/config';
import { createLogDestination, createLogger } from '../../src/server/logger';
import { README, withConfigTable } from '../../scripts/docs-config';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every environment variable name the code under src/ reads, with the files that read it. */
function variablesRead(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of sources(join(ROOT_DIR, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\benv(?:\.([A-Z][A-Z0-9_]*)\b|\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\])/g)) {
      const name = (m[1] ?? m[2])!;
      found.set(name, [...(found.get(name) ?? []), file.slice(ROOT_DIR.length + 1)]);
    }
  }
  return found;
}

describe('configuration documentation', () => {
  it('README.md lists every environment variable exactly as ENVIRONMENT in src/config.ts says (npm run docs:config)', () => {
    const readme = readFileSync(README, 'utf8');
    assert.equal(readme, withConfigTable(readme), 'README.md is stale: run `npm run docs:config`');
  });

  it('every variable read anywhere in src/ has a row in ENVIRONMENT, and every row is read somewhere', () => {
    const read = variablesRead();
    assert.ok(read.size > 30, `the scan found only ${read.size} variables`);
    const documented = new Set(ENVIRONMENT.flatMap((v) => [v.name, ...(v.aliases ?? [])]));
    const missing = [...read].filter(([name]) => !documented.has(name)).map(([name, files]) => `${name} (${[...new Set(files)].join(', ')})`);
    assert.deepEqual(missing, [], 'add these to ENVIRONMENT in src/config.ts, then run `npm run docs:config`');
    const stale = [...documented].filter((name) => !read.has(name));
    assert.deepEqual(stale, [], 'documented but read nowhere');
  });

  it("documented defaults are the code's defaults", () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'recsub-cfg-'));
    try {
      const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir });
      for (const v of ENVIRONMENT.filter((e) => (e.reader ?? 'service') === 'service' && e.field)) {
        assert.ok(v.field! in config, `${v.name}: Config has no field ${String(v.field)}`);
        if (typeof v.default === 'number' || typeof v.default === 'boolean') assert.equal(config[v.field as keyof Config], v.default, v.name);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('development logs', () => {
  const env = (extra: Record<string, string>) => ({
    NODE_ENV: 'development',
    DATA_DIR: tmpdir(),
    CREDENTIALS_KEY: `${'A'.repeat(43)}=`,
    JWT_SECRET: 'x'.repeat(32),
    ...extra,
  });
  const withTty = <T>(tty: boolean, f: () => T): T => {
    const before = process.stdout.isTTY;
    process.stdout.isTTY = tty;
    try {
      return f();
    } finally {
      process.stdout.isTTY = before;
    }
  };

  it('are readable lines on a terminal outside production, JSON otherwise or when asked', () => {
    assert.equal(
      withTty(true, () => loadConfig(env({})).logFormat),
      'pretty',
    );
    assert.equal(
      withTty(false, () => loadConfig(env({})).logFormat),
      'json',
    );
    assert.equal(
      withTty(true, () => loadConfig(env({ LOG_FORMAT: 'json' })).logFormat),
      'json',
    );
    assert.throws(() => loadConfig(env({ LOG_FORMAT: 'yaml' })), /LOG_FORMAT must be json or pretty/);
  });

  it('pretty lines keep the redaction; JSON lines stay JSON', () => {
    const capture = () => {
      const lines: string[] = [];
      return { lines, sink: new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }) };
    };
    const pretty = capture();
    createLogger('info', createLogDestination('pretty', pretty.sink)).info(
      { token: 'SECRET-1', req: { headers: { authorization: 'Bearer SECRET-2' } }, url: 'http://x' },
      'recording-subgraph listening',
    );
    const text = pretty.lines.join('');
    assert.match(text, /INFO.*recording-subgraph listening/);
    assert.match(text, /url: "http:\/\/x"/);
    assert.ok(!text.trimStart().startsWith('{'), text);
    assert.ok(!text.includes('SECRET'), text);
    const json = capture();
    createLogger('info', createLogDestination('json', json.sink)).info({ token: 'SECRET-3' }, 'hello');
    assert.equal(JSON.parse(json.lines[0]!).token, '[redacted]');
  });
});
