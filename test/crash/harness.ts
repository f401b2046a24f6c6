import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ROOT_DIR } from '../../src/app';
import { SCOPES, signToken } from '../../src/server/auth';
import { WEBEX_DEFAULT_TOKEN } from '../../src/sandbox/webex/emulator';
import { SIGNALWIRE_DEFAULT_API_TOKEN, SIGNALWIRE_DEFAULT_PROJECT_ID } from '../../src/sandbox/signalwire/emulator';
import { TEST_CREDENTIALS_KEY, TEST_JWT_SECRET } from '../helpers/app';

/**
 * The crash-consistency harness (issue 14 point 6). It runs the real service (`node dist/src/main.js serve`) as
 * child processes, the vendor emulators in a process of their own (`node dist/src/sandbox/main.js`, so they outlive
 * every kill), drives a mixed workload through GraphQL (a roll-out, policy updates, live recordings) while the
 * emulators inject outages, 429s and resets, and SIGKILLs replicas at seeded random moments. Afterwards it checks the
 * invariants from the database (through the API) and from the emulators' own state and write counts.
 */
export interface CrashOptions {
  database: 'pglite' | 'postgres';
  replicas: number;
  kills: number;
  seed: number;
  /** People in the Webex sandbox and in the roll-out. */
  people: number;
  rolloutPeople: number;
  policies: number;
  calls: number;
  log(line: string): void;
}

export interface Invariant {
  name: string;
  ok: boolean;
  detail: string;
}

export interface CrashReport {
  seed: number;
  kills: number;
  restarts: number;
  faults: number;
  requests: { ok: number; failed: number };
  invariants: Invariant[];
  figures: Record<string, number>;
}

/** mulberry32: small, seeded, reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

interface SandboxProcess {
  child: ChildProcess;
  urls: Record<string, string>;
  origin(vendor: string): string;
  close(): Promise<void>;
}

async function startSandboxProcess(people: number): Promise<SandboxProcess> {
  const child = spawn(process.execPath, [join(ROOT_DIR, 'dist/src/sandbox/main.js')], {
    env: { PATH: process.env.PATH, SANDBOX_PORT_BASE: '0', SANDBOX_WEBEX_PEOPLE: String(people) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const urls: Record<string, string> = {};
  for (let i = 0; i < 400 && Object.keys(urls).length < 5; i += 1) {
    await sleep(25);
    for (const m of out.matchAll(/^(MEGAFON|YEASTAR|WEBEX|SIGNALWIRE|BITRIX24)\s+(\S+)$/gm)) urls[m[1]!] = m[2]!;
    if (child.exitCode !== null) throw new Error(`sandbox exited: ${out}`);
  }
  if (Object.keys(urls).length < 5) throw new Error(`sandbox did not start: ${out}`);
  return {
    child,
    urls,
    origin: (v) => new URL(urls[v]!).origin,
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

class Replica {
  child: ChildProcess | null = null;
  output = '';
  constructor(
    readonly index: number,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  get alive() {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, [join(ROOT_DIR, 'dist/src/main.js'), 'serve'], {
      env: { ...this.env, PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout!.on('data', (c) => (this.output = (this.output + c).slice(-200_000)));
    child.stderr!.on('data', (c) => (this.output = (this.output + c).slice(-200_000)));
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`replica ${this.index} exited (${child.exitCode}): ${this.output.slice(-3000)}`);
      const ready = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(5_000) }).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ready) return;
      await sleep(50);
    }
    throw new Error(`replica ${this.index} not ready: ${this.output.slice(-3000)}`);
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

const ROLLOUT_RULES = { mode: 'ALWAYS', calls: { voicemail: true } };
const policyRules = (variant: number) => ({ mode: 'ALWAYS', calls: { voicemail: variant % 2 === 0 } });

export async function runCrash(opts: CrashOptions): Promise<CrashReport> {
  const rnd = prng(opts.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const log = opts.log;
  const sandbox = await startSandboxProcess(opts.people);
  let databaseUrl: string | undefined;
  let dbName: string | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'recsub-crash-'));
  if (opts.database === 'postgres') {
    dbName = `crash_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const u = new URL(process.env.DATABASE_URL!);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    JWT_SECRET: TEST_JWT_SECRET,
    CREDENTIALS_KEY: TEST_CREDENTIALS_KEY,
    SANDBOX: 'false',
    PLAYGROUND: 'false',
    LOG_LEVEL: process.env.CRASH_LOG_LEVEL ?? 'warn',
    ALLOW_PRIVATE_VENDOR_HOSTS: 'true',
    JOB_POLL_SECONDS: '1',
    ROLLOUT_LEASE_SECONDS: '6',
    ROLLOUT_SLICE_SECONDS: '20',
    SYNC_JOB_EXPIRE_SECONDS: '20',
    SYNC_RETRY_DELAY_SECONDS: '1',
    LIVE_RECOVERY_SECONDS: '1',
    APPLY_WAIT_MS: '2000',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
  const replicas: Replica[] = [];
  for (let i = 0; i < opts.replicas; i += 1) replicas.push(new Replica(i, await freePort(), env));
  const report: CrashReport = { seed: opts.seed, kills: 0, restarts: 0, faults: 0, requests: { ok: 0, failed: 0 }, invariants: [], figures: {} };
  const token = await signToken(TEST_JWT_SECRET, { sub: 'crash-harness', tenants: '*', scopes: [...SCOPES] });

  /** One GraphQL request to a live replica (a random one); a connection cut by a kill is an error, not a crash of the harness. */
  const gql = async (query: string, variables: Record<string, unknown> = {}): Promise<{ data?: any; errors?: any[] }> => {
    const alive = replicas.filter((r) => r.alive);
    const target = alive.length ? pick(alive) : replicas[0]!;
    try {
      const res = await fetch(`${target.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await res.json()) as { data?: any; errors?: any[] };
      if (body.errors?.length) report.requests.failed += 1;
      else report.requests.ok += 1;
      return body;
    } catch (e) {
      report.requests.failed += 1;
      return { errors: [{ message: (e as Error).message, extensions: { code: 'CONNECTION' } }] };
    }
  };
  /** Reads must eventually answer: retried across kills. */
  const read = async (query: string, variables: Record<string, unknown> = {}): Promise<any> => {
    // Patient: a replica restarting on a loaded machine (PGlite recovery, migrations, queue start) takes a while.
    const deadline = Date.now() + 300_000;
    for (;;) {
      const r = await gql(query, variables);
      if (r.data && !r.errors?.length) return r.data;
      if (Date.now() > deadline) throw new Error(`read failed: ${JSON.stringify(r.errors)}`);
      await sleep(200);
    }
  };
  const control = (vendor: string, path: string, body?: unknown) =>
    fetch(`${sandbox.origin(vendor)}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then((r) => r.json() as Promise<any>);

  try {
    for (const r of replicas) await r.start();
    log(
      `crash harness: seed=${opts.seed} database=${opts.database} replicas=${opts.replicas} kills=${opts.kills} people=${opts.rolloutPeople} policies=${opts.policies} calls=${opts.calls}`,
    );

    // Set-up through the API, like an administrator.
    const tenantId = (await read(`mutation { createTenant(input: { name: "Crash ${opts.seed}" }) { tenant { id } } }`)).createTenant.tenant
      .id as string;
    const connect = async (vendor: string, credentials: Record<string, string>) =>
      (
        await read(`mutation($input: ConnectVendorInput!) { connectVendor(input: $input) { connection { id } } }`, {
          input: {
            tenantId,
            vendor,
            name: `${vendor} (crash)`,
            baseUrl: sandbox.urls[vendor],
            credentials: Object.entries(credentials).map(([name, value]) => ({ name, value })),
          },
        })
      ).connectVendor.connection.id as string;
    const webexId = await connect('WEBEX', { accessToken: WEBEX_DEFAULT_TOKEN });
    const swId = await connect('SIGNALWIRE', { projectId: SIGNALWIRE_DEFAULT_PROJECT_ID, apiToken: SIGNALWIRE_DEFAULT_API_TOKEN });
    const peopleRes = await fetch(`${sandbox.urls['WEBEX']}/people?max=${opts.rolloutPeople + opts.policies}`, {
      headers: { authorization: `Bearer ${WEBEX_DEFAULT_TOKEN}` },
    }).then((r) => r.json() as Promise<{ items: { id: string }[] }>);
    const people = peopleRes.items.map((p) => p.id);
    const rolloutPeople = people.slice(0, opts.rolloutPeople);
    const policyPeople = people.slice(opts.rolloutPeople, opts.rolloutPeople + opts.policies);

    // The workload and the kills run together; the workload's length follows the number of kills.
    const workloadMs = Math.max(15_000, opts.kills * 4_000);
    const stopAt = Date.now() + workloadMs;
    const policies = new Map<string, { id: string; person: string; variant: number }>();
    const started: string[] = [];
    const workers: Promise<void>[] = [];

    let rolloutId: string | null = null;
    workers.push(
      (async () => {
        for (let i = 0; !rolloutId && i < 200; i += 1) {
          const r = await gql(`mutation($input: StartPolicyRolloutInput!) { startPolicyRollout(input: $input) { rollout { id } } }`, {
            input: { connectionId: webexId, name: 'crash roll-out', rules: ROLLOUT_RULES, scope: { personIds: rolloutPeople } },
          });
          rolloutId = r.data?.startPolicyRollout?.rollout?.id ?? null;
          if (!rolloutId) {
            // A start cut by a kill may still have been stored: look before starting another.
            const list = await gql(`query($t: ID!) { policyRollouts(tenantId: $t, first: 5) { nodes { id } } }`, { t: tenantId });
            rolloutId = list.data?.policyRollouts?.nodes?.[0]?.id ?? null;
            if (!rolloutId) await sleep(300);
          }
        }
      })(),
    );

    workers.push(
      (async () => {
        for (const person of policyPeople) {
          for (const until = Date.now() + 180_000; Date.now() < until; ) {
            const r = await gql(`mutation($input: CreateRecordingPolicyInput!) { createRecordingPolicy(input: $input) { policy { id } } }`, {
              input: { connectionId: webexId, name: `crash ${person.slice(-6)}`, scope: { kind: 'PERSON', id: person }, rules: policyRules(0) },
            });
            const id = r.data?.createRecordingPolicy?.policy?.id as string | undefined;
            if (id) {
              policies.set(person, { id, person, variant: 0 });
              break;
            }
            if (r.errors?.[0]?.extensions?.code === 'CONFLICT') {
              const found = await read(`query($t: ID!) { recordingPolicies(tenantId: $t, first: 100) { nodes { id scope { id } } } }`, {
                t: tenantId,
              }).catch(() => null);
              const hit = found?.recordingPolicies?.nodes?.find((n: any) => n.scope.id === person);
              if (hit) {
                policies.set(person, { id: hit.id, person, variant: 0 });
                break;
              }
            }
            await sleep(200);
          }
        }
        while (Date.now() < stopAt) {
          const p = policies.get(pick(policyPeople));
          if (p) {
            const cur = (await read(`query($id: ID!) { recordingPolicy(id: $id) { version } }`, { id: p.id })).recordingPolicy.version as number;
            const variant = p.variant + 1;
            await gql(`mutation($input: UpdateRecordingPolicyInput!) { updateRecordingPolicy(input: $input) { policy { version } } }`, {
              input: { id: p.id, expectedVersion: cur, rules: policyRules(variant) },
            });
            p.variant = variant;
          }
          await sleep(300 + rnd() * 700);
        }
      })(),
    );

    workers.push(
      (async () => {
        // At least a few calls however slow the machine is; more while the workload lasts.
        for (let i = 0; i < opts.calls && (Date.now() < stopAt || i < 6); i += 1) {
          const call = (await control('SIGNALWIRE', '/__sandbox/calls', {})) as { sid: string };
          const r = await gql(`mutation($input: StartLiveRecordingInput!) { startLiveRecording(input: $input) { liveRecording { id status } } }`, {
            input: { connectionId: swId, callId: call.sid },
          });
          const id = r.data?.startLiveRecording.liveRecording?.id as string | undefined;
          if (id) started.push(id);
          if (id && rnd() < 0.7) {
            await sleep(rnd() * 500);
            await gql(`mutation($input: PauseLiveRecordingInput!) { pauseLiveRecording(input: $input) { liveRecording { id } } }`, {
              input: { id, behavior: pick(['SKIP', 'SILENCE']) },
            });
            if (rnd() < 0.5) await gql(`mutation($id: ID!) { resumeLiveRecording(input: { id: $id }) { liveRecording { id } } }`, { id });
            if (rnd() < 0.6) await gql(`mutation($id: ID!) { stopLiveRecording(input: { id: $id }) { liveRecording { id } } }`, { id });
          }
          await sleep(200 + rnd() * 600);
        }
      })(),
    );

    // Vendor weather: outages, 429 bursts, resets and 5xx, at seeded moments, on Webex and SignalWire.
    workers.push(
      (async () => {
        while (Date.now() < stopAt) {
          await sleep(1_500 + rnd() * 2_500);
          if (Date.now() >= stopAt) break;
          const vendor = pick(['WEBEX', 'SIGNALWIRE']);
          const kind = pick(['down', 'rateLimit', 'reset', 'errors']);
          const spec =
            kind === 'down'
              ? { downForSeconds: 1 + Math.floor(rnd() * 3) }
              : kind === 'rateLimit'
                ? { rateLimit: { count: 3 + Math.floor(rnd() * 10), retryAfterSeconds: 1 } }
                : kind === 'reset'
                  ? { resetConnections: 1 + Math.floor(rnd() * 4) }
                  : { errors: { count: 2 + Math.floor(rnd() * 6), status: pick([500, 502, 503]) } };
          await control(vendor, '/__sandbox/faults', spec).catch(() => undefined);
          report.faults += 1;
          log(`  fault ${report.faults}: ${vendor} ${JSON.stringify(spec)}`);
        }
      })(),
    );

    // Kills: SIGKILL of a random replica at a seeded moment, restarted after a seeded pause.
    workers.push(
      (async () => {
        const gap = workloadMs / (opts.kills + 1);
        for (let k = 0; k < opts.kills; k += 1) {
          await sleep(gap * (0.5 + rnd()));
          const victim = pick(replicas.filter((r) => r.alive));
          await victim.kill();
          report.kills += 1;
          const down = 200 + Math.floor(rnd() * 1500);
          log(`  kill ${report.kills}: replica ${victim.index} (SIGKILL), restart in ${down} ms`);
          await sleep(down);
          await victim.start();
          report.restarts += 1;
        }
      })(),
    );

    await Promise.all(workers);
    for (const r of replicas) if (!r.alive) await r.start();
    // The weather clears; everything pending must now settle by itself (no retry by hand).
    for (const v of ['WEBEX', 'SIGNALWIRE']) await fetch(`${sandbox.origin(v)}/__sandbox/faults`, { method: 'DELETE' }).catch(() => undefined);
    log(
      `  workload done: ${report.kills} kills, ${report.faults} faults, ${report.requests.ok} requests answered, ${report.requests.failed} refused or cut; settling`,
    );

    const settleDeadline = Date.now() + 120_000;
    const rolloutQ = `query($id: ID!) { policyRollout(id: $id) { status total done written alreadyInSync failed pending } }`;
    let rollout: any = null;
    for (;;) {
      rollout = rolloutId ? (await read(rolloutQ, { id: rolloutId })).policyRollout : null;
      const pols = await Promise.all(
        [...policies.values()].map(
          async (p) => (await read(`query($id: ID!) { recordingPolicy(id: $id) { syncStatus } }`, { id: p.id })).recordingPolicy.syncStatus,
        ),
      );
      const lives = await listLive(read, tenantId);
      const settled =
        rollout &&
        ['COMPLETED', 'COMPLETED_WITH_ERRORS', 'PAUSED', 'CANCELLED'].includes(rollout.status) &&
        pols.every((s) => s !== 'PENDING') &&
        lives.every((l) => l.status !== 'STARTING' && !l.pendingAction);
      if (settled || Date.now() > settleDeadline) break;
      await sleep(500);
    }

    // Invariant 1: every policy's vendor state is its latest desired version.
    const policyProblems: string[] = [];
    for (const p of policies.values()) {
      const got = (
        await read(`query($id: ID!) { recordingPolicy(id: $id) { version syncedVersion syncStatus rules { calls { voicemail } } } }`, { id: p.id })
      ).recordingPolicy;
      const vendor = await fetch(`${sandbox.urls['WEBEX']}/people/${encodeURIComponent(p.person)}/features/callRecording`, {
        headers: { authorization: `Bearer ${WEBEX_DEFAULT_TOKEN}` },
      }).then((r) => r.json() as Promise<{ record?: string; recordVoicemailEnabled?: boolean; enabled?: boolean }>);
      if (got.syncStatus !== 'IN_SYNC' || got.syncedVersion !== got.version)
        policyProblems.push(`${p.id}: ${got.syncStatus}, synced v${got.syncedVersion} of v${got.version}`);
      if (vendor.recordVoicemailEnabled !== got.rules.calls.voicemail || vendor.record !== 'Always')
        policyProblems.push(
          `${p.id}: vendor has record=${vendor.record} voicemail=${vendor.recordVoicemailEnabled}, desired voicemail=${got.rules.calls.voicemail} (v${got.version})`,
        );
    }
    if (policies.size !== opts.policies)
      policyProblems.push(`only ${policies.size} of ${opts.policies} policies were created: the check would be vacuous`);
    report.invariants.push({
      name: 'every policy: vendor state = latest desired version (IN_SYNC)',
      ok: policyProblems.length === 0,
      detail: policyProblems.length ? policyProblems.join('; ') : `${policies.size} policies`,
    });

    // Invariant 2 and 3: the roll-out wrote every person once (plus repeats of requests in flight at a kill), failed none.
    const writes = (await control('WEBEX', '/__sandbox/writes')) as { people: Record<string, number> };
    let once = 0;
    let never = 0;
    let repeats = 0;
    for (const person of rolloutPeople) {
      const n = writes.people[person] ?? 0;
      if (n === 0) never += 1;
      else if (n === 1) once += 1;
      else repeats += n - 1;
    }
    const lanesBound = opts.kills * 8;
    report.figures = {
      ...report.figures,
      rolloutWrittenOnce: once,
      rolloutWrittenTwiceOrMore: repeats,
      rolloutNeverWritten: never,
      rolloutFailed: rollout?.failed ?? -1,
    };
    report.invariants.push({
      name: 'every roll-out person written exactly once (repeats only in flight at a kill)',
      ok: !!rollout && never === 0 && repeats <= lanesBound && rollout.done === rollout.total && rollout.total === opts.rolloutPeople,
      detail: `rollout ${rollout?.status}: total ${rollout?.total}, done ${rollout?.done}; once ${once}, repeats ${repeats} (bound ${lanesBound} = kills x lanes), never ${never}`,
    });
    report.invariants.push({
      name: 'no person failed because of restarts or vendor unavailability',
      ok: !!rollout && rollout.failed === 0 && rollout.status === 'COMPLETED',
      detail: `failed ${rollout?.failed}, status ${rollout?.status}`,
    });

    // Invariant 4: no live recording at the vendor without a row, and no row claiming a state the vendor lacks.
    const vendorState = (await control('SIGNALWIRE', '/__sandbox/state')) as { recordings: { sid: string; status: string; call_sid: string }[] };
    const lives = await listLive(read, tenantId);
    const bySid = new Map(lives.filter((l) => l.vendorRecordingId).map((l) => [l.vendorRecordingId!, l]));
    const orphans = vendorState.recordings.filter((r) => !bySid.has(r.sid));
    const STATUS: Record<string, string> = { 'in-progress': 'IN_PROGRESS', paused: 'PAUSED', stopped: 'STOPPED' };
    const vendorBySid = new Map(vendorState.recordings.map((r) => [r.sid, r]));
    const mismatched = lives.filter((l) => {
      if (l.status === 'FAILED_TO_START') return !!l.vendorRecordingId;
      if (l.status === 'STARTING' || l.pendingAction) return true;
      const v = l.vendorRecordingId ? vendorBySid.get(l.vendorRecordingId) : undefined;
      return !v || STATUS[v.status] !== l.status;
    });
    report.figures = {
      ...report.figures,
      liveRows: lives.length,
      liveAtVendor: vendorState.recordings.length,
      liveFailedToStart: lives.filter((l) => l.status === 'FAILED_TO_START').length,
      liveStartsAnswered: started.length,
    };
    // What recovery did (its audit entries): starts adopted or found never started, actions settled from the vendor.
    for (const action of [
      'LIVE_RECORDING_START_RECOVERED',
      'LIVE_RECORDING_PAUSE_RECOVERED',
      'LIVE_RECORDING_RESUME_RECOVERED',
      'LIVE_RECORDING_STOP_RECOVERED',
    ]) {
      let n = 0;
      let after: string | null = null;
      for (;;) {
        const page: any = (
          await read(
            `query($t: ID!, $a: AuditAction!, $after: String) { auditLog(tenantId: $t, action: $a, first: 100, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }`,
            { t: tenantId, a: action, after },
          )
        ).auditLog;
        n += page.nodes.length;
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      report.figures[`recovered:${action.split('_')[2]!.toLowerCase()}`] = n;
    }
    report.invariants.push({
      name: 'no live recording at the vendor without a row',
      ok: orphans.length === 0,
      detail: `${vendorState.recordings.length} at SignalWire, ${lives.length} rows; orphans: ${orphans.map((o) => o.sid).join(', ') || 'none'}`,
    });
    report.invariants.push({
      name: 'no row claiming a state the vendor does not have (none left STARTING or pending)',
      ok: mismatched.length === 0,
      detail: mismatched.length
        ? mismatched
            .map(
              (m) =>
                `${m.id} ${m.status}${m.pendingAction ? ` pending ${m.pendingAction}` : ''} vs ${m.vendorRecordingId ? vendorBySid.get(m.vendorRecordingId)?.status : 'none'}`,
            )
            .join('; ')
        : `${lives.length} rows agree`,
    });
    return report;
  } catch (e) {
    for (const r of replicas) log(`--- replica ${r.index} output (tail) ---\n${r.output.slice(-4000)}`);
    throw e;
  } finally {
    for (const r of replicas) await r.stop().catch(() => undefined);
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (dbName) {
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
    }
  }
}

interface LiveRow {
  id: string;
  status: string;
  vendorRecordingId: string | null;
  pendingAction: string | null;
}

async function listLive(read: (q: string, v?: Record<string, unknown>) => Promise<any>, tenantId: string): Promise<LiveRow[]> {
  const out: LiveRow[] = [];
  let after: string | null = null;
  for (;;) {
    const page: any = (
      await read(
        `query($t: ID!, $after: String) { liveRecordings(tenantId: $t, first: 100, after: $after) { nodes { id status vendorRecordingId pendingAction } pageInfo { hasNextPage endCursor } } }`,
        { t: tenantId, after },
      )
    ).liveRecordings;
    out.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return out;
    after = page.pageInfo.endCursor;
  }
}
