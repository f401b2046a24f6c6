import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { once } from 'node:events';
import { parse as parseYaml } from 'yaml';
import { ROOT_DIR } from '../../src/app';
import { loadConfig } from '../../src/config';
import { composeSupergraph, SUPERGRAPH_FILE } from '../../scripts/compose-supergraph';
import { startTestApp, type TestApp } from '../helpers/app';
import { startSandbox } from '../../src/sandbox/runner';

interface Service {
  build?: string;
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  expose?: string[];
  volumes?: string[];
  deploy?: { replicas?: number };
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

/**
 * A compose health check (`["CMD", "node", "-e", ...]`) run here, aimed at `origin` instead of the container's own.
 * Asynchronous: the servers it probes live in this process.
 */
async function runHealthcheck(service: Service, containerOrigin: string, origin: string): Promise<number | null> {
  const [kind, bin, ...args] = service.healthcheck?.test ?? [];
  assert.equal(kind, 'CMD');
  assert.equal(bin, 'node', 'the image has no curl: checks are node');
  assert.ok(args.join(' ').includes(containerOrigin), `the check probes ${containerOrigin}`);
  const probe = spawn(
    process.execPath,
    args.map((a) => a.split(containerOrigin).join(origin)),
    { stdio: 'ignore', timeout: 15_000 },
  );
  const [code] = (await once(probe, 'exit')) as [number | null];
  return code;
}

const compose = parseYaml(readFileSync(join(ROOT_DIR, 'docker-compose.yml'), 'utf8')) as { services: Record<string, Service> };
const read = (file: string) => readFileSync(join(ROOT_DIR, file), 'utf8');

/** Environment names a source file reads (`env.X` in src/config.ts, `process.env.X` elsewhere). */
const namesRead = (file: string, pattern: RegExp) => new Set([...read(file).matchAll(pattern)].map((m) => m[1]!));
const CONFIG_NAMES = namesRead('src/config.ts', /\benv\.([A-Z][A-Z0-9_]*)\b/g);

/** Values for the variables docker compose takes from .env; realistic enough for loadConfig's validation. */
const SAMPLE_VARS: Record<string, string> = {
  CREDENTIALS_KEY: Buffer.alloc(32, 9).toString('base64'),
  JWT_SECRET: 'j'.repeat(48),
  ROUTER_SECRET: 'r'.repeat(64),
};
const SUBSTITUTION = /^\$\{([A-Z_][A-Z0-9_]*)(?::?[?-][^}]*)?\}$/;

/** A service's environment as the container gets it, `${VAR:?...}` resolved from SAMPLE_VARS. */
function resolvedEnv(service: Service): Record<string, string> {
  return Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([k, v]) => {
      const m = SUBSTITUTION.exec(String(v));
      if (!m) return [k, String(v)];
      assert.ok(m[1]! in SAMPLE_VARS, `no sample value for \${${m[1]}}`);
      return [k, SAMPLE_VARS[m[1]!]!];
    }),
  );
}

const recording = compose.services.recording!;
const gatewaySvc = compose.services.gateway!;
const sandbox = compose.services.sandbox!;
const recordingEnv = resolvedEnv(recording);
const recordingPort = recordingEnv.PORT!;

describe('docker-compose.yml agrees with the service', () => {
  it('runs PostgreSQL, two subgraph replicas, the gateway and the vendor sandboxes', () => {
    assert.deepEqual(Object.keys(compose.services).sort(), ['gateway', 'postgres', 'recording', 'sandbox']);
    assert.equal(recording.deploy?.replicas, 2);
    assert.match(compose.services.postgres!.image ?? '', /^postgres:\d+/);
    for (const name of ['recording', 'gateway', 'sandbox']) {
      const s = compose.services[name]!;
      assert.equal(s.build, '.', `${name} builds the Dockerfile`);
      assert.equal(s.image, recording.image, `${name} runs the same image as the replicas`);
    }
    assert.deepEqual(recording.depends_on, { postgres: { condition: 'service_healthy' } });
    assert.deepEqual(gatewaySvc.depends_on, { recording: { condition: 'service_healthy' } });
  });

  it('gives the subgraph only environment names src/config.ts reads, and a valid production configuration', () => {
    for (const name of Object.keys(recording.environment ?? {})) assert.ok(CONFIG_NAMES.has(name), `${name} is not read by src/config.ts`);
    for (const name of ['NODE_ENV', 'HOST', 'PORT', 'DATABASE_URL', 'CREDENTIALS_KEY', 'JWT_SECRET', 'ROUTER_SECRETS']) {
      assert.ok(recordingEnv[name], `${name} must be set for the replicas`);
    }
    for (const secret of ['CREDENTIALS_KEY', 'JWT_SECRET', 'ROUTER_SECRETS']) {
      assert.match(recording.environment![secret]!, /^\$\{[A-Z_]+:\?/, `${secret} comes from the environment, never from the file`);
    }
    const config = loadConfig(recordingEnv);
    assert.equal(config.isProduction, true);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.sandbox, false);
    assert.equal(config.routerSecrets.length, 1);
    assert.equal(gatewaySvc.environment?.ROUTER_SECRET, recording.environment?.ROUTER_SECRETS, 'the gateway sends the secret the replicas expect');

    const db = new URL(config.databaseUrl!);
    const pgEnv = compose.services.postgres!.environment!;
    assert.equal(db.hostname, 'postgres');
    assert.equal(db.port || '5432', '5432');
    assert.equal(db.username, pgEnv.POSTGRES_USER);
    assert.equal(db.password, pgEnv.POSTGRES_PASSWORD);
    assert.equal(db.pathname, `/${pgEnv.POSTGRES_DB}`);
  });

  it('gives the gateway and the sandbox only names their programs read', () => {
    const gatewayNames = namesRead('deploy/gateway.mjs', /process\.env\.([A-Z][A-Z0-9_]*)/g);
    for (const name of Object.keys(gatewaySvc.environment ?? {})) {
      if (name !== 'NODE_ENV') assert.ok(gatewayNames.has(name), `${name} is not read by deploy/gateway.mjs`);
    }
    const sandboxNames = namesRead('src/sandbox/main.ts', /process\.env\.([A-Z][A-Z0-9_]*)/g);
    for (const name of Object.keys(sandbox.environment ?? {})) assert.ok(sandboxNames.has(name), `${name} is not read by src/sandbox/main.ts`);
    assert.equal(sandbox.environment?.SANDBOX_HOST, '0.0.0.0');
  });

  it('agrees on ports: PORT, the health check, the Dockerfile, the supergraph URL, the published ports', () => {
    assert.deepEqual(recording.expose, [recordingPort]);
    assert.ok(recording.healthcheck?.test.join(' ').includes(`http://127.0.0.1:${recordingPort}/readyz`), 'the health check probes PORT');
    assert.match(read('Dockerfile'), new RegExp(`^EXPOSE ${recordingPort}$`, 'm'));
    const graphs = [...read(SUPERGRAPH_FILE).matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(
      graphs,
      [['recording', `http://recording:${recordingPort}/graphql`]],
      'the gateway reaches the replicas by service name and PORT',
    );

    assert.deepEqual(gatewaySvc.ports, [`${gatewaySvc.environment!.PORT}:${gatewaySvc.environment!.PORT}`]);
    const [range] = sandbox.ports ?? [];
    const base = Number(sandbox.environment!.SANDBOX_PORT_BASE);
    const m = /^(\d+)-(\d+):(\d+)-(\d+)$/.exec(range ?? '');
    assert.ok(m, `sandbox publishes a port range (got ${range})`);
    assert.equal(Number(m[1]), base);
    assert.equal(Number(m[3]), base);
    assert.ok(Number(m[4]) - base + 1 >= 5, 'room for every emulator');
  });

  it('builds with npm ci and npm run build, and every command it runs exists after the build', () => {
    const dockerfile = read('Dockerfile');
    assert.match(dockerfile, /^RUN npm ci\b/m);
    assert.match(dockerfile, /^RUN npm run build$/m);
    assert.match(dockerfile, /^CMD \["node", "dist\/src\/main\.js", "serve"\]$/m);
    for (const file of ['dist/src/main.js', gatewaySvc.command![1]!, sandbox.command![1]!])
      assert.ok(existsSync(join(ROOT_DIR, file)), `${file} exists`);
    assert.ok(read('.dockerignore').split('\n').includes('node_modules'));
  });

  it('mounts the supergraph file that `npm run supergraph:compose` writes, and that file is current', () => {
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    assert.match(pkg.scripts['supergraph:compose'] ?? '', /dist\/scripts\/compose-supergraph\.js/);
    const mounts = (gatewaySvc.volumes ?? []).map((v) => v.split(':'));
    const mount = mounts.find(([, target]) => target === gatewaySvc.environment!.SUPERGRAPH_PATH);
    assert.ok(mount, 'the gateway mounts the file at SUPERGRAPH_PATH');
    assert.equal(normalize(mount[0]!), normalize(SUPERGRAPH_FILE));
    assert.equal(read(SUPERGRAPH_FILE), composeSupergraph(), `${SUPERGRAPH_FILE} is stale: run \`npm run build && npm run supergraph:compose\``);
  });
});

/** deploy/gateway.mjs itself, on a supergraph composed for a test app that only answers its router. */
describe('deploy/gateway.mjs', () => {
  const ROUTER_SECRET = 'compose-test-router-secret';
  let t: TestApp;
  let child: ChildProcess;
  let gatewayUrl: string;
  let dir: string;

  before(async () => {
    t = await startTestApp({ env: { ROUTER_SECRETS: ROUTER_SECRET } });
    dir = mkdtempSync(join(tmpdir(), 'recsub-gateway-'));
    writeFileSync(join(dir, 'supergraph.graphql'), composeSupergraph({ url: t.app.graphqlUrl }));
    child = spawn(process.execPath, [join(ROOT_DIR, 'deploy', 'gateway.mjs')], {
      env: { ...process.env, SUPERGRAPH_PATH: join(dir, 'supergraph.graphql'), ROUTER_SECRET, HOST: '127.0.0.1', PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    gatewayUrl = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output += String(chunk);
        const m = /gateway listening on (\S+)/.exec(output);
        if (m) resolve(m[1]!);
      });
      child.stderr!.on('data', (chunk: Buffer) => (output += String(chunk)));
      child.once('exit', (code) => reject(new Error(`gateway exited (${code}) before listening:\n${output}`)));
    });
  });

  after(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const post = async (query: string, token?: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(gatewayUrl, { method: 'POST', headers, body: JSON.stringify({ query }) });
    return (await res.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] };
  };

  it('passes the bearer token through and adds the router secret the subgraph requires', async () => {
    const token = await t.token({ sub: 'through-the-gateway', tenants: '*' });
    const r = await post(`{ viewer { subject allTenants } }`, token);
    assert.deepEqual(r, { data: { viewer: { subject: 'through-the-gateway', allTenants: true } } });
    const anonymous = await post(`{ viewer { subject } }`);
    assert.equal(anonymous.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    assert.equal((await t.gql(`{ viewer { subject } }`)).status, 403, 'the subgraph refuses requests without the secret');
  });

  it("docker-compose's health check for the gateway passes on it (the image's own probes the subgraph's /readyz)", async () => {
    const origin = new URL(gatewayUrl).origin;
    assert.equal(await runHealthcheck(gatewaySvc, `http://127.0.0.1:${gatewaySvc.environment!.PORT}`, origin), 0);
    // Answering is what passes: the same check against a closed port fails.
    assert.notEqual(await runHealthcheck(gatewaySvc, `http://127.0.0.1:${gatewaySvc.environment!.PORT}`, 'http://127.0.0.1:1'), 0);
  });
});

describe("docker-compose's sandbox service", () => {
  it('has a health check that passes on the first emulator, the one at SANDBOX_PORT_BASE', async () => {
    const emulators = await startSandbox({ basePort: 0 });
    try {
      const first = new URL(emulators.connections[0]!.baseUrl).origin;
      const containerOrigin = `http://127.0.0.1:${sandbox.environment!.SANDBOX_PORT_BASE}`;
      assert.equal(await runHealthcheck(sandbox, containerOrigin, first), 0);
      assert.notEqual(await runHealthcheck(sandbox, containerOrigin, 'http://127.0.0.1:1'), 0);
    } finally {
      await emulators.close();
    }
  });
});
