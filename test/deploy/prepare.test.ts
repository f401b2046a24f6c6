import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT_DIR } from '../../src/app';

/**
 * scripts/prepare.mjs, npm's `prepare`: `npm ci` on a clone builds (the README's quickstart), `npm ci --omit=dev`
 * on a built tree does not try to (TypeScript is a dev dependency). The real installs are run by .ci/run (`npm ci`,
 * then dist/ must exist) and scripts/check-production.ts (`npm ci --omit=dev`); this is the decision on its own.
 */
describe('scripts/prepare.mjs', () => {
  const dirs: string[] = [];
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  /** A project whose build writes a marker file, with or without the real TypeScript package installed. */
  function project(opts: { typescript: boolean; buildExit?: number }): string {
    const dir = mkdtempSync(join(tmpdir(), 'recsub-prepare-'));
    dirs.push(dir);
    const build = `node -e "require('fs').writeFileSync('built', 'yes'); process.exit(${opts.buildExit ?? 0})"`;
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'prepare-probe', private: true, scripts: { build } }));
    mkdirSync(join(dir, 'scripts'));
    cpSync(join(ROOT_DIR, 'scripts', 'prepare.mjs'), join(dir, 'scripts', 'prepare.mjs'));
    if (opts.typescript) {
      mkdirSync(join(dir, 'node_modules'));
      symlinkSync(join(ROOT_DIR, 'node_modules', 'typescript'), join(dir, 'node_modules', 'typescript'), 'dir');
    }
    return dir;
  }

  const prepare = (dir: string) => spawnSync(process.execPath, ['scripts/prepare.mjs'], { cwd: dir, encoding: 'utf8' });

  it('does nothing, successfully, when the dev toolchain is not installed (a production install)', () => {
    const dir = project({ typescript: false });
    const res = prepare(dir);
    assert.equal(res.status, 0, res.stderr);
    assert.match(res.stdout, /no dev dependencies/);
    assert.equal(existsSync(join(dir, 'built')), false);
  });

  it('builds when TypeScript is installed (npm ci on a clone)', () => {
    const dir = project({ typescript: true });
    const res = prepare(dir);
    assert.equal(res.status, 0, res.stderr);
    assert.equal(existsSync(join(dir, 'built')), true);
  });

  it('fails when the build fails', () => {
    const dir = project({ typescript: true, buildExit: 3 });
    const res = prepare(dir);
    assert.equal(res.status, 3);
    assert.equal(existsSync(join(dir, 'built')), true, 'the build ran');
  });
});
