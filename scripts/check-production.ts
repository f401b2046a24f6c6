// `node dist/scripts/check-production.js` (after `npm run build`; .ci/run runs it on Node.js 24): the production
// install, proven without a Docker engine.
//  1. Replays the Dockerfile's runtime stage in a temporary folder, instruction by instruction: its COPY lines
//     (from the build stage, which is this built tree, and from the context), its `RUN npm ci --omit=dev ...`,
//     its ENV, WORKDIR and USER. An instruction it does not know fails the check, so the two cannot drift apart.
//     Then it starts the image's CMD as an unprivileged user (nobody, when run as root) that owns only DATA_DIR,
//     waits for the image's own HEALTHCHECK command to pass, on PGlite in DATA_DIR and, when DATABASE_URL is set,
//     on that PostgreSQL server (a schema of its own); asks a query through deploy/gateway.mjs from the same tree;
//     runs the roll-out CLI's --help and the vendor sandboxes; stops the service with SIGTERM.
//  2. `npm ci --omit=dev` (scripts on) on a copy of the built tree: `prepare` must not build, and the service and
//     the CLI start from it.
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, posix, resolve } from 'node:path';
import { copyArgs, durationMs, envPairs, execForm, healthcheck, parseDockerfile, type Stage } from './dockerfile';
import { composeSupergraph } from './compose-supergraph';
import { signToken, SCOPES } from '../src/server/auth';

const ROOT_DIR = resolve(__dirname, '..', '..');
const NOBODY = { uid: 65534, gid: 65534 };

function log(message: string): void {
  process.stdout.write(`production check: ${message}\n`);
}

function fail(message: string): never {
  throw new Error(message);
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

function run(command: string, args: string[], opts: SpawnOptions & { what: string }): string {
  const res = spawnSync(command, args, { ...opts, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  if (res.status !== 0) fail(`${opts.what} failed (exit ${res.status}):\n${res.stdout}${res.stderr}`);
  return `${res.stdout}${res.stderr}`;
}

/** The runtime stage replayed: the folder that plays the image's root, and what the image runs with. */
interface Image {
  root: string;
  workdir: string;
  env: Record<string, string>;
  user?: string;
  ownedByUser: string[];
  exposed: number[];
  cmd: string[];
  healthcheck?: { options: Record<string, string>; command: string[] };
}

function replayRuntimeStage(stages: Stage[], root: string): Image {
  const runtime = stages.at(-1)!;
  const buildStage = stages.find((s) => s.name && s !== runtime);
  if (!buildStage) fail('the Dockerfile has no named build stage');
  const buildWorkdir = buildStage.instructions.find((i) => i.keyword === 'WORKDIR')?.args ?? '/';
  // The build stage's work dir is this repository after `npm run build` (it copies the whole context there).
  const fromBuild = (p: string) => join(ROOT_DIR, posix.relative(buildWorkdir, posix.resolve(buildWorkdir, p)));
  const image: Image = { root, workdir: root, env: {}, ownedByUser: [], exposed: [], cmd: [] };
  let cwd = '/'; // WORKDIR, as a path inside the image
  const inImage = (p: string) => join(root, posix.resolve(cwd, p));
  const mapValue = (v: string) => (v.startsWith('/') ? join(root, v) : v);

  for (const ins of runtime.instructions) {
    const where = `Dockerfile line ${ins.line}`;
    switch (ins.keyword) {
      case 'WORKDIR':
        cwd = posix.resolve(cwd, ins.args);
        image.workdir = inImage('.');
        mkdirSync(image.workdir, { recursive: true });
        break;
      case 'ENV':
        for (const [k, v] of Object.entries(envPairs(ins.args))) image.env[k] = mapValue(v);
        break;
      case 'COPY': {
        const c = copyArgs(ins.args);
        if (c.from && c.from !== buildStage.name) fail(`${where}: COPY --from=${c.from} is not the build stage`);
        const destIsDir = c.dest.endsWith('/') || c.sources.length > 1;
        const dest = inImage(c.dest);
        for (const source of c.sources) {
          const from = c.from ? fromBuild(source) : join(ROOT_DIR, source);
          if (!existsSync(from)) fail(`${where}: ${source} does not exist (run npm run build first)`);
          const target = statSync(from).isDirectory()
            ? dest
            : destIsDir || (existsSync(dest) && statSync(dest).isDirectory())
              ? join(dest, posix.basename(source))
              : dest;
          mkdirSync(dirname(target), { recursive: true });
          cpSync(from, target, { recursive: true });
        }
        break;
      }
      case 'RUN':
        for (const step of ins.args.split('&&').map((s) => s.trim())) {
          const words = step.split(/\s+/);
          if (words[0] === 'npm' && words[1] === 'ci') {
            log(`${step} (${where})`);
            run('npm', words.slice(1), { cwd: image.workdir, env: { ...process.env, ...image.env }, what: step });
          } else if (words[0] === 'npm' && words[1] === 'cache') {
            // Only the image's size: nothing to replay.
          } else if (words[0] === 'mkdir') {
            for (const dir of words.slice(1).filter((w) => !w.startsWith('-'))) mkdirSync(inImage(dir), { recursive: true });
          } else if (words[0] === 'chown') {
            image.ownedByUser.push(...words.slice(2).map(inImage));
          } else {
            fail(`${where}: this check does not know how to replay \`${step}\``);
          }
        }
        break;
      case 'USER':
        image.user = ins.args;
        break;
      case 'EXPOSE':
        image.exposed.push(...ins.args.split(/\s+/).map((p) => Number(p.split('/')[0])));
        break;
      case 'HEALTHCHECK':
        image.healthcheck = healthcheck(ins.args);
        break;
      case 'CMD':
        image.cmd = execForm(ins.args) ?? fail(`${where}: CMD must use the exec form`);
        break;
      default:
        fail(`${where}: this check does not know how to replay ${ins.keyword}`);
    }
  }
  return image;
}

/** Files of a tree, for "no dist/test in the image" and "no dev dependency installed". */
function assertRuntimeTree(appDir: string): void {
  for (const dir of ['dist/test', 'dist/bench', 'dist/scripts', 'src', 'test', 'bench']) {
    if (existsSync(join(appDir, dir))) fail(`the runtime tree has ${dir}`);
  }
  for (const devOnly of ['typescript', 'esbuild', 'graphiql', 'playwright-core']) {
    if (existsSync(join(appDir, 'node_modules', devOnly))) fail(`the runtime tree has the dev dependency ${devOnly}`);
  }
  if (!existsSync(join(appDir, 'node_modules', '@apollo', 'gateway'))) fail('the runtime tree lacks @apollo/gateway (deploy/gateway.mjs)');
}

interface Running {
  child: ChildProcess;
  output: () => string;
}

function start(command: string[], opts: { cwd: string; env: Record<string, string>; asUser?: typeof NOBODY }): Running {
  const [bin, ...args] = command;
  let out = '';
  const child = spawn(bin === 'node' ? process.execPath : bin!, args, {
    cwd: opts.cwd,
    env: { PATH: process.env.PATH ?? '', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(opts.asUser ?? {}),
  });
  // A spawn failure (e.g. a node binary the runtime user may not execute) is reported like an early exit.
  child.on('error', (e) => (out += `spawn failed: ${e.message}\n`));
  child.stdout!.on('data', (c: Buffer) => (out += String(c)));
  child.stderr!.on('data', (c: Buffer) => (out += String(c)));
  return { child, output: () => out };
}

async function stop(r: Running, what: string): Promise<void> {
  if (r.child.exitCode !== null || r.child.signalCode !== null) return;
  r.child.kill('SIGTERM');
  const timer = setTimeout(() => r.child.kill('SIGKILL'), 30_000);
  await once(r.child, 'exit');
  clearTimeout(timer);
  log(`${what} stopped on SIGTERM (exit ${r.child.exitCode ?? r.child.signalCode})`);
}

/** Runs the HEALTHCHECK command as Docker would: every half second here, until it passes or the budget is spent. */
async function waitHealthy(image: Image, service: Running, env: Record<string, string>, asUser?: typeof NOBODY): Promise<number> {
  const hc = image.healthcheck ?? fail('the Dockerfile has no HEALTHCHECK');
  const budget = durationMs(hc.options['start-period'] ?? '0s') + durationMs(hc.options.interval ?? '30s') * Number(hc.options.retries ?? 3);
  const [bin, ...args] = hc.command;
  const deadline = Date.now() + Math.max(budget, 30_000);
  let tries = 0;
  for (;;) {
    if (service.child.exitCode !== null || service.output().includes('spawn failed:'))
      fail(`the service exited (${service.child.exitCode}) before it was healthy:\n${service.output()}`);
    tries++;
    const res = spawnSync(bin === 'node' ? process.execPath : bin!, args, {
      cwd: image.workdir,
      env: { PATH: process.env.PATH ?? '', ...env },
      timeout: 10_000,
      ...(asUser ?? {}),
    });
    if (res.status === 0) return tries;
    if (Date.now() > deadline) fail(`the HEALTHCHECK never passed (${tries} tries):\n${service.output()}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function checkImage(): Promise<void> {
  const stages = parseDockerfile(readFileSync(join(ROOT_DIR, 'Dockerfile'), 'utf8'));
  const tmp = mkdtempSync(join(tmpdir(), 'recsub-image-'));
  chmodSync(tmp, 0o755);
  const schemas: string[] = [];
  try {
    const image = replayRuntimeStage(stages, tmp);
    assertRuntimeTree(image.workdir);
    log(`runtime stage replayed in ${tmp}: ${readdirSync(join(image.workdir, 'node_modules')).length} top-level packages, no dev dependencies`);

    // As root, run as `nobody`, like the image's non-root USER: it may read the tree and write DATA_DIR only.
    const asRoot = process.getuid?.() === 0;
    const asUser = asRoot && image.user && image.user !== 'root' ? NOBODY : undefined;
    if (asUser) for (const dir of image.ownedByUser) chownSync(dir, asUser.uid, asUser.gid);
    if (image.user === undefined || image.user === 'root' || image.user === '0') fail('the runtime stage runs as root');
    if (!image.env.DATA_DIR || !image.ownedByUser.includes(image.env.DATA_DIR)) fail('DATA_DIR is not a directory the runtime user owns');
    log(
      asUser
        ? `the service runs as nobody (uid ${asUser.uid}) for USER ${image.user}`
        : `not root: the service runs as the current user, not as USER ${image.user}`,
    );

    const jwtSecret = randomBytes(48).toString('base64url');
    const routerSecret = randomBytes(32).toString('hex');
    const secrets = { CREDENTIALS_KEY: randomBytes(32).toString('base64'), JWT_SECRET: jwtSecret, ROUTER_SECRETS: routerSecret, LOG_LEVEL: 'warn' };
    const targets: { name: string; env: Record<string, string> }[] = [{ name: 'embedded PGlite in DATA_DIR', env: {} }];
    if (process.env.DATABASE_URL) {
      const schema = `prodcheck_${randomBytes(5).toString('hex')}`;
      schemas.push(schema);
      targets.push({ name: 'PostgreSQL server', env: { DATABASE_URL: process.env.DATABASE_URL, DATABASE_SCHEMA: schema } });
    }
    for (const [i, target] of targets.entries()) {
      const port = await freePort();
      const env = { ...image.env, ...secrets, ...target.env, HOST: '127.0.0.1', PORT: String(port) };
      const service = start(image.cmd, { cwd: image.workdir, env, asUser });
      try {
        const tries = await waitHealthy(image, service, env, asUser);
        log(`${target.name}: \`${image.cmd.join(' ')}\` healthy (the image's HEALTHCHECK passed, try ${tries})`);
        if (i === 0) {
          if (readdirSync(image.env.DATA_DIR).length === 0) fail('PGlite wrote nothing to DATA_DIR');
          await checkGateway(image, port, jwtSecret, routerSecret);
        }
      } finally {
        await stop(service, `${target.name}: the service`);
      }
    }

    const help = run(process.execPath, ['dist/src/cli/rollout.js', '--help'], {
      cwd: image.workdir,
      env: { PATH: process.env.PATH ?? '' },
      what: 'the roll-out CLI --help',
      ...(asUser ?? {}),
    });
    if (!/RECORDING_API_URL|--url/.test(help)) fail(`the roll-out CLI printed no usage:\n${help}`);
    log('dist/src/cli/rollout.js --help prints its usage');
    await checkSandbox(image, asUser);
  } finally {
    if (schemas.length) await dropSchemas(schemas);
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** deploy/gateway.mjs from the runtime tree, composed for the running service, answering an authenticated query. */
async function checkGateway(image: Image, servicePort: number, jwtSecret: string, routerSecret: string): Promise<void> {
  const supergraph = join(image.root, 'supergraph.graphql');
  writeFileSync(supergraph, composeSupergraph({ url: `http://127.0.0.1:${servicePort}/graphql` }));
  const gateway = start(['node', 'deploy/gateway.mjs'], {
    cwd: image.workdir,
    env: { NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', SUPERGRAPH_PATH: supergraph, ROUTER_SECRET: routerSecret },
  });
  try {
    const url = await new Promise<string>((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`the gateway did not listen:\n${gateway.output()}`)), 30_000);
      gateway.child.stdout!.on('data', () => {
        const m = /gateway listening on (\S+)/.exec(gateway.output());
        if (m) {
          clearTimeout(timer);
          res(m[1]!);
        }
      });
      gateway.child.once('exit', (code) => rej(new Error(`the gateway exited (${code}):\n${gateway.output()}`)));
    });
    const token = await signToken(jwtSecret, { sub: 'production-check', tenants: '*', scopes: [...SCOPES] });
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ viewer { subject allTenants } }' }),
    });
    const body = (await res.json()) as unknown;
    if (JSON.stringify(body) !== JSON.stringify({ data: { viewer: { subject: 'production-check', allTenants: true } } })) {
      fail(`the gateway answered ${JSON.stringify(body)}`);
    }
    log('deploy/gateway.mjs from the runtime tree answers an authenticated query through the router secret');
  } finally {
    await stop(gateway, 'the gateway');
  }
}

async function checkSandbox(image: Image, asUser?: typeof NOBODY): Promise<void> {
  const sandbox = start(['node', 'dist/src/sandbox/main.js'], {
    cwd: image.workdir,
    env: { SANDBOX_HOST: '127.0.0.1', SANDBOX_PORT_BASE: '0' },
    asUser,
  });
  try {
    const first = await new Promise<string>((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`the sandbox printed no URL:\n${sandbox.output()}`)), 30_000);
      sandbox.child.stdout!.on('data', () => {
        const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(sandbox.output());
        if (m) {
          clearTimeout(timer);
          res(m[1]!);
        }
      });
      sandbox.child.once('exit', (code) => rej(new Error(`the sandbox exited (${code}):\n${sandbox.output()}`)));
    });
    const res = await fetch(`${first}/__sandbox/faults`);
    if (!res.ok) fail(`the sandbox's control route answered ${res.status}`);
    log('dist/src/sandbox/main.js starts the vendor emulators');
  } finally {
    await stop(sandbox, 'the sandbox');
  }
}

async function dropSchemas(schemas: string[]): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  await client.end();
}

/** The issue's own words: `npm ci --omit=dev` on a built tree (install scripts on) starts the service and the CLI. */
async function checkBuiltTree(): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'recsub-built-'));
  try {
    const tracked = run('git', ['ls-files', '-z'], { cwd: ROOT_DIR, what: 'git ls-files' }).split('\0').filter(Boolean);
    for (const file of tracked) {
      if (!existsSync(join(ROOT_DIR, file))) continue;
      mkdirSync(dirname(join(tmp, file)), { recursive: true });
      cpSync(join(ROOT_DIR, file), join(tmp, file));
    }
    for (const dir of ['dist/src', 'dist/playground', 'dist/pglite-template']) cpSync(join(ROOT_DIR, dir), join(tmp, dir), { recursive: true });
    const out = run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], {
      cwd: tmp,
      env: { ...process.env, NODE_ENV: 'production' },
      what: 'npm ci --omit=dev',
    });
    if (!/prepare: no dev dependencies/.test(out)) fail(`prepare did not report a production install:\n${out}`);
    if (existsSync(join(tmp, 'dist', 'test'))) fail('prepare built the tests on a production install');
    log('npm ci --omit=dev on a built tree: prepare skips the build');
    const help = run(process.execPath, ['dist/src/cli/rollout.js', '--help'], {
      cwd: tmp,
      env: { PATH: process.env.PATH ?? '' },
      what: 'the roll-out CLI --help',
    });
    if (!/RECORDING_API_URL|--url/.test(help)) fail(`the roll-out CLI printed no usage:\n${help}`);
    const port = await freePort();
    const env = {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: join(tmp, '.data'),
      CREDENTIALS_KEY: randomBytes(32).toString('base64'),
      JWT_SECRET: randomBytes(48).toString('base64url'),
      LOG_LEVEL: 'warn',
    };
    const service = start(['node', 'dist/src/main.js', 'serve'], { cwd: tmp, env });
    try {
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (service.child.exitCode !== null || service.output().includes('spawn failed:'))
          fail(`the service exited (${service.child.exitCode}):\n${service.output()}`);
        const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
        if (Date.now() > deadline) fail(`/readyz never answered 200:\n${service.output()}`);
        await new Promise((r) => setTimeout(r, 500));
      }
      log('npm start from that tree: /readyz answers 200; the roll-out CLI prints its usage');
    } finally {
      await stop(service, 'the service (built tree)');
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  log(`Node.js ${process.version}, npm ${run('npm', ['--version'], { what: 'npm --version' }).trim()}`);
  await checkImage();
  await checkBuiltTree();
  log('ok');
}

if (require.main === module) {
  if (!isAbsolute(ROOT_DIR) || !existsSync(join(ROOT_DIR, 'dist', 'src', 'main.js'))) {
    process.stderr.write('production check: run `npm run build` first\n');
    process.exit(1);
  }
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`production check FAILED: ${(e as Error).message}\n`);
      process.exit(1);
    },
  );
}
