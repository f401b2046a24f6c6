import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ROOT_DIR } from '../../src/app';
import { loadConfig } from '../../src/config';
import { copyArgs, envPairs, execForm, healthcheck, instructions, parseDockerfile, type Stage } from '../../scripts/dockerfile';
import { startTestApp, type TestApp } from '../helpers/app';

const read = (file: string) => readFileSync(join(ROOT_DIR, file), 'utf8');
const stages = parseDockerfile(read('Dockerfile'));
const runtime = stages.at(-1)!;
const build = stages[0]!;
const runs = (stage: Stage) => instructions(stage, 'RUN').flatMap((i) => i.args.split('&&').map((s) => s.trim()));
const runtimeEnv = Object.assign({}, ...instructions(runtime, 'ENV').map((i) => envPairs(i.args))) as Record<string, string>;
const compose = parseYaml(read('docker-compose.yml')) as { services: Record<string, { environment?: Record<string, string>; command?: string[] }> };

/**
 * End-of-life dates of the Node.js LTS lines (nodejs.org/en/about/previous-releases). The image's line must be an
 * LTS line still in support today: this test starts failing when it is not, which is the point.
 */
const NODE_LTS_END_OF_LIFE: Record<number, string> = { 20: '2026-04-30', 22: '2027-04-30', 24: '2028-04-30' };

describe('Dockerfile', () => {
  it('has a build stage with the dev toolchain and a runtime stage, both on the supported Node.js LTS line of .nvmrc', () => {
    assert.equal(stages.length, 2);
    assert.equal(build.name, 'build');
    assert.ok(
      runs(build).some((r) => /^npm ci\b/.test(r) && !r.includes('--omit=dev')),
      'the build stage installs the dev dependencies',
    );
    assert.ok(runs(build).includes('npm run build'));
    const majors = stages.map((s) => Number(/^node:(\d+)[-.]/.exec(s.from)?.[1]));
    const nvmrc = Number(read('.nvmrc').trim());
    for (const major of majors) assert.equal(major, nvmrc, 'the image uses the Node.js line of .nvmrc');
    const eol = NODE_LTS_END_OF_LIFE[nvmrc];
    assert.ok(eol, `Node.js ${nvmrc} is not an LTS line this test knows`);
    assert.ok(Date.now() < Date.parse(eol), `Node.js ${nvmrc} reached its end of life on ${eol}`);
  });

  it('installs production dependencies only, without scripts, and copies no tests, benchmarks or sources', () => {
    const installs = runs(runtime).filter((r) => /^npm (ci|install|i)\b/.test(r));
    assert.equal(installs.length, 1);
    assert.match(installs[0]!, /^npm ci\b/);
    assert.ok(installs[0]!.includes('--omit=dev') && installs[0]!.includes('--ignore-scripts'), installs[0]);
    for (const ins of instructions(runtime, 'COPY')) {
      const c = copyArgs(ins.args);
      for (const source of c.sources) {
        const path = posix.normalize(source).replace(/^\/app\//, '');
        assert.notEqual(path, '.', `line ${ins.line} copies the whole context`);
        assert.ok(
          !['dist', 'dist/', 'src', 'test', 'bench'].includes(path) && !/^dist\/(test|bench|scripts)\b/.test(path),
          `line ${ins.line} copies ${source}`,
        );
        if (c.from) assert.equal(c.from, build.name);
      }
    }
    const copied = instructions(runtime, 'COPY').flatMap((i) => copyArgs(i.args).sources.map((s) => posix.normalize(s).replace(/^\/app\//, '')));
    // What the image runs: the service, the CLI, the sandboxes, the gateway, the playground and its tabs.
    for (const needed of ['dist/src', 'dist/playground', 'schema/operations', 'deploy/gateway.mjs'])
      assert.ok(copied.includes(needed), `the image has ${needed}`);
  });

  it('runs as a non-root user who owns the data directory, and nothing else', () => {
    const users = instructions(runtime, 'USER');
    assert.equal(users.length, 1);
    const user = users[0]!.args;
    assert.ok(!['root', '0'].includes(user), 'not root');
    const dataDir = runtimeEnv.DATA_DIR;
    assert.ok(dataDir?.startsWith('/'), 'DATA_DIR is set to an absolute path');
    const chowns = runs(runtime).filter((r) => r.startsWith('chown'));
    assert.deepEqual(chowns, [`chown ${user}:${user} ${dataDir}`], 'only the data directory belongs to the user');
    const order = runtime.instructions.map((i) => i.keyword);
    assert.ok(order.lastIndexOf('RUN') < order.indexOf('USER'), 'every RUN happens as root, before USER');
    assert.ok(order.indexOf('USER') < order.indexOf('CMD'));
    assert.equal(runtimeEnv.NODE_ENV, 'production');
  });

  it("exposes the port the service listens on: PORT's default, and docker-compose's PORT", () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      CREDENTIALS_KEY: Buffer.alloc(32, 1).toString('base64'),
      JWT_SECRET: 'x'.repeat(48),
      ...runtimeEnv,
    });
    assert.deepEqual(
      instructions(runtime, 'EXPOSE').map((i) => i.args),
      [String(config.port)],
    );
    assert.equal(runtimeEnv.PORT, undefined, 'the image relies on the default, so PORT moves both');
    assert.equal(compose.services.recording!.environment!.PORT, String(config.port));
    assert.equal(config.host, '0.0.0.0', 'reachable from outside the container');
    assert.deepEqual(execForm(instructions(runtime, 'CMD')[0]!.args), ['node', 'dist/src/main.js', 'serve']);
  });

  describe('HEALTHCHECK', () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp();
    });
    after(async () => {
      await t?.close();
    });

    const check = instructions(runtime, 'HEALTHCHECK');
    const hc = healthcheck(check[0]?.args ?? 'CMD false');
    // Asynchronous: the service it probes lives in this process.
    const probe = async (env: Record<string, string>) => {
      const [bin, ...args] = hc.command;
      assert.equal(bin, 'node', 'the image has no curl: the check is node');
      const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'ignore', timeout: 15_000 });
      const [code] = (await once(child, 'exit')) as [number | null];
      return code;
    };

    it('probes /readyz on PORT and passes on a ready service', async () => {
      assert.equal(check.length, 1);
      assert.match(hc.command.join(' '), /\/readyz/);
      assert.ok(hc.options['start-period'], 'a start period covers migrations on first start');
      assert.equal(await probe({ PORT: new URL(t.url).port }), 0);
    });

    it('fails when nothing listens on PORT', async () => {
      const other = await startTestApp();
      const port = new URL(other.url).port;
      await other.close();
      assert.equal(await probe({ PORT: port }), 1);
    });
  });
});
