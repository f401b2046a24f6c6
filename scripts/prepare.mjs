// npm's `prepare` hook: `npm ci` on a clone builds (the README's `npm ci && npm start`), while a production install
// (`npm ci --omit=dev` on a built tree, as the Dockerfile's runtime stage does) has no TypeScript to build with and
// nothing to build, so it leaves dist/ as it is. Decided by whether the dev toolchain resolved, not by NODE_ENV,
// which says nothing about what npm installed.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../package.json', import.meta.url));

function resolves(name) {
  try {
    require.resolve(`${name}/package.json`);
    return true;
  } catch {
    return false;
  }
}

if (!resolves('typescript')) {
  process.stdout.write('prepare: no dev dependencies (a production install), so no build: dist/ is used as it is\n');
  process.exit(0);
}
const npm = process.env.npm_execpath;
const res = npm
  ? spawnSync(process.execPath, [npm, 'run', 'build'], { stdio: 'inherit' })
  : spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(res.status ?? 1);
