import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ROOT_DIR } from '../../src/app';
import { signToken, SCOPES } from '../../src/server/auth';
import { createMegafonEmulator, megafonSeedSettings, MEGAFON_DEFAULT_TOKEN } from '../../src/sandbox/megafon/emulator';
import { createYeastarEmulator, YEASTAR_DEFAULT_CLIENT_ID, YEASTAR_DEFAULT_CLIENT_SECRET } from '../../src/sandbox/yeastar/emulator';
import { createWebexEmulator, WEBEX_DEFAULT_TOKEN } from '../../src/sandbox/webex/emulator';
import { TEST_CREDENTIALS_KEY, TEST_JWT_SECRET } from '../helpers/app';

/**
 * The outage drill: 1,000 policy changes across tenants and the three settings vendors, sent while every emulator is
 * down, with the service process killed (SIGKILL) in the middle and started again; on a PostgreSQL server a second
 * replica runs the whole time. After recovery every policy must be IN_SYNC and every vendor must hold the latest
 * desired version. The outage lasts until every change has been sent, and at least OUTAGE_SECONDS (60 for the real
 * drill; CI shortens the clock to 20).
 */
const OUTAGE_SECONDS = Number(process.env.OUTAGE_SECONDS ?? 20);
const TENANTS = 5;
const MEGAFON_RECORDS_PER_TENANT = 4;
const WEBEX_PEOPLE_PER_TENANT = 20;
const UPDATES_PER_POLICY = 8;
const serverDb = process.env.DATABASE_URL || '';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

interface Service {
  child: ChildProcess;
  url: string;
  output: () => string;
}

async function startService(env: Record<string, string>): Promise<Service> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT_DIR, 'dist/src/main.js')], {
    env: { PATH: process.env.PATH, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const url = `http://127.0.0.1:${port}/graphql`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`service exited: ${out}`);
    const up = await fetch(url.replace('/graphql', '/readyz')).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { child, url, output: () => out };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`service did not start: ${out}`);
}

describe(`outage drill: 1,000 policy changes while the vendors are down for ${OUTAGE_SECONDS} s, the worker killed midway${serverDb ? ', two replicas' : ''}`, () => {
  it('ends with every policy IN_SYNC and every vendor holding the latest desired version: 0 lost, 0 stale', async (t) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'recsub-outage-'));
    const schema = `outage_${randomBytes(4).toString('hex')}`;
    const env: Record<string, string> = {
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      JWT_SECRET: TEST_JWT_SECRET,
      CREDENTIALS_KEY: TEST_CREDENTIALS_KEY,
      LOG_LEVEL: 'warn',
      SANDBOX: 'false',
      PLAYGROUND: 'false',
      APPLY_WAIT_MS: '0',
      SYNC_RETRY_DELAY_SECONDS: '1',
      SYNC_RETRY_BACKOFF: 'false',
      SYNC_JOB_EXPIRE_SECONDS: '10',
      JOB_POLL_SECONDS: '1',
      ...(serverDb ? { DATABASE_URL: serverDb, DATABASE_SCHEMA: schema } : { DATABASE_URL: '' }),
    };
    const megafonRecords = Array.from({ length: TENANTS * MEGAFON_RECORDS_PER_TENANT }, (_, i) => ({ ...megafonSeedSettings()[1]!, id: 100 + i }));
    const megafon = createMegafonEmulator({ settings: megafonRecords, rateLimit: null, allowedIps: ['127.0.0.1'] });
    const yeastars = Array.from({ length: TENANTS }, () => createYeastarEmulator());
    const webex = createWebexEmulator({ people: TENANTS * WEBEX_PEOPLE_PER_TENANT, rateLimit: null });
    await megafon.listen();
    for (const y of yeastars) await y.listen();
    await webex.listen();
    const token = await signToken(TEST_JWT_SECRET, { sub: 'drill', tenants: '*', scopes: [...SCOPES] });
    const services: Service[] = [];
    let current: Service;
    const gql = async (query: string, variables: Record<string, unknown>) => {
      for (let attempt = 0; ; attempt++) {
        try {
          const res = await fetch(current.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ query, variables }),
          });
          const body = (await res.json()) as { data?: any; errors?: any[] };
          if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
          return body.data;
        } catch (e) {
          // The process we talk to may have just been killed: the client retries against the new one.
          if (attempt > 50 || String(e).includes('"code"')) throw e;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    };
    try {
      current = await startService(env);
      services.push(current);
      if (serverDb) services.push(await startService(env)); // a second replica, working the same queue
      const tuning = [
        { name: 'http.maxRetries', value: '1' },
        { name: 'http.baseDelayMs', value: '20' },
        { name: 'http.maxDelayMs', value: '100' },
        { name: 'http.breakerHalfOpenMs', value: '500' },
        { name: 'http.totalTimeoutMs', value: '3000' },
      ];
      interface P {
        id: string;
        vendor: 'MEGAFON' | 'YEASTAR' | 'WEBEX';
        ref: string | number;
        yeastar?: number;
        version: number;
      }
      const policies: P[] = [];
      const create = `mutation($input: CreateRecordingPolicyInput!) { createRecordingPolicy(input: $input) { policy { id version } } }`;
      const connect = `mutation($input: ConnectVendorInput!) { connectVendor(input: $input) { connection { id } } }`;
      for (let ti = 0; ti < TENANTS; ti++) {
        const tenantId = (await gql(`mutation($n: String!) { createTenant(input: { name: $n }) { tenant { id } } }`, { n: `Drill ${ti}` }))
          .createTenant.tenant.id;
        const mf = (
          await gql(connect, {
            input: {
              tenantId,
              vendor: 'MEGAFON',
              name: 'mf',
              baseUrl: megafon.apiBaseUrl,
              credentials: [{ name: 'token', value: MEGAFON_DEFAULT_TOKEN }],
              settings: tuning,
            },
          })
        ).connectVendor.connection.id;
        const ye = (
          await gql(connect, {
            input: {
              tenantId,
              vendor: 'YEASTAR',
              name: 'ye',
              baseUrl: yeastars[ti]!.url,
              credentials: [
                { name: 'clientId', value: YEASTAR_DEFAULT_CLIENT_ID },
                { name: 'clientSecret', value: YEASTAR_DEFAULT_CLIENT_SECRET },
              ],
              settings: tuning,
            },
          })
        ).connectVendor.connection.id;
        const wx = (
          await gql(connect, {
            input: {
              tenantId,
              vendor: 'WEBEX',
              name: 'wx',
              baseUrl: webex.apiBaseUrl,
              credentials: [{ name: 'accessToken', value: WEBEX_DEFAULT_TOKEN }],
              settings: tuning,
            },
          })
        ).connectVendor.connection.id;
        for (let r = 0; r < MEGAFON_RECORDS_PER_TENANT; r++) {
          const rec = 100 + ti * MEGAFON_RECORDS_PER_TENANT + r;
          const p = (
            await gql(create, {
              input: {
                connectionId: mf,
                name: `mf ${rec}`,
                scope: { kind: 'SETTINGS_RECORD', id: String(rec) },
                rules: { calls: { internal: false } },
                apply: false,
              },
            })
          ).createRecordingPolicy.policy;
          policies.push({ id: p.id, vendor: 'MEGAFON', ref: rec, version: 1 });
        }
        const py = (
          await gql(create, {
            input: { connectionId: ye, name: 'ye', scope: { kind: 'ORGANIZATION', id: '' }, rules: { stereo: false }, apply: false },
          })
        ).createRecordingPolicy.policy;
        policies.push({ id: py.id, vendor: 'YEASTAR', ref: '', yeastar: ti, version: 1 });
        for (let k = 0; k < WEBEX_PEOPLE_PER_TENANT; k++) {
          const person = webex.personId(ti * WEBEX_PEOPLE_PER_TENANT + k);
          const p = (
            await gql(create, {
              input: { connectionId: wx, name: `wx ${k}`, scope: { kind: 'PERSON', id: person }, rules: { mode: 'NEVER' }, apply: false },
            })
          ).createRecordingPolicy.policy;
          policies.push({ id: p.id, vendor: 'WEBEX', ref: person, version: 1 });
        }
      }
      const employees = [125, 129, 137, 145];
      const rulesFor = (p: P, v: number) =>
        p.vendor === 'MEGAFON'
          ? { calls: { internal: v % 2 === 1, external: true }, excludedUserIds: [String(employees[v % 4])] }
          : p.vendor === 'YEASTAR'
            ? { stereo: v % 2 === 1, targets: { trunks: [{ id: '5', periodicBeep: { enabled: true, intervalSeconds: 10 + v } }] } }
            : { mode: 'ALWAYS', periodicBeep: { enabled: true, intervalSeconds: 10 + v * 10 } };

      // The outage starts; every change below is sent while no vendor answers.
      for (const e of [megafon, webex, ...yeastars]) e.faults.inject({ downForSeconds: 3600 });
      const outageStarted = Date.now();
      const update = `mutation($input: UpdateRecordingPolicyInput!) { updateRecordingPolicy(input: $input) { policy { version } sync { status } } }`;
      const changes = policies.length * UPDATES_PER_POLICY;
      assert.ok(changes >= 1000, `${changes} changes`);
      let sent = 0;
      let killedAt = -1;
      for (let round = 0; round < UPDATES_PER_POLICY; round++) {
        if (round === UPDATES_PER_POLICY / 2) {
          // Kill the first service mid-drill, without a chance to finish anything, and start it again on the same data.
          services[0]!.child.kill('SIGKILL');
          await new Promise((r) => services[0]!.child.once('exit', r));
          killedAt = sent;
          const restarted = await startService(env);
          services[0] = restarted;
          current = restarted;
        }
        const queue = [...policies];
        await Promise.all(
          Array.from({ length: 8 }, async () => {
            for (let p = queue.shift(); p; p = queue.shift()) {
              const next = p.version + 1;
              const r = (await gql(update, { input: { id: p.id, expectedVersion: p.version, rules: rulesFor(p, next) } })).updateRecordingPolicy;
              assert.equal(r.policy.version, next);
              p.version = next;
              sent++;
            }
          }),
        );
      }
      const sendingMs = Date.now() - outageStarted;
      const rest = OUTAGE_SECONDS * 1000 - sendingMs;
      if (rest > 0) await new Promise((r) => setTimeout(r, rest));
      const outageMs = Date.now() - outageStarted;
      // The vendors come back; nothing was accepted by any of them while they were down.
      for (const e of [megafon, webex, ...yeastars]) e.faults.up();
      const recoveryStarted = Date.now();
      // After recovery: wait (bounded) until nothing is PENDING.
      const count = `query($t: ID!, $s: SyncStatus) { recordingPolicies(tenantId: $t, syncStatus: $s, first: 100) { nodes { id version syncedVersion syncStatus } } }`;
      const tenants = (await gql(`{ tenants(first: 100) { nodes { id } } }`, {})).tenants.nodes.map((n: { id: string }) => n.id);
      let all: { id: string; version: number; syncedVersion: number; syncStatus: string }[] = [];
      const deadline = Date.now() + (OUTAGE_SECONDS + 120) * 1000;
      for (;;) {
        all = [];
        for (const tid of tenants) all.push(...(await gql(count, { t: tid, s: null })).recordingPolicies.nodes);
        if (all.every((p) => p.syncStatus === 'IN_SYNC' && p.syncedVersion === p.version)) break;
        if (Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      const recoveryDone = Date.now() - recoveryStarted;
      const lost = all.filter((p) => p.syncStatus !== 'IN_SYNC');
      const stale = all.filter((p) => p.syncedVersion !== p.version);
      assert.equal(all.length, policies.length);
      assert.deepEqual(lost, [], 'lost: not IN_SYNC');
      assert.deepEqual(stale, [], 'stale: an older version synced');
      // The vendors hold exactly the latest desired version.
      const last = 1 + UPDATES_PER_POLICY;
      for (const p of policies) {
        assert.equal(p.version, last);
        if (p.vendor === 'MEGAFON') {
          const rec = megafon.setting(p.ref as number)!;
          assert.deepEqual(rec.no_recording_employee_ids, [employees[last % 4]]);
          assert.equal(rec.is_internal_calls_recording_enabled, last % 2 === 1);
        } else if (p.vendor === 'YEASTAR') {
          const auto = yeastars[p.yeastar!]!.renderAutoRecord() as {
            enb_channel_separate: number;
            record_trunk_list: { id: number; number_value?: number }[];
          };
          assert.equal(auto.enb_channel_separate, last % 2);
          assert.equal(auto.record_trunk_list[0]!.number_value, 10 + last);
        } else {
          const s = webex.settingsOf(p.ref as string) as { record: string; repeat: { interval: number } };
          assert.equal(s.record, 'Always');
          assert.equal(s.repeat.interval, 10 + last * 10);
        }
      }
      // Accepted writes only (the emulators' own count); attempts refused during the outage are not writes.
      const accepted = (e: { counts(): { writes: Record<string, number> } }) => Object.values(e.counts().writes).reduce((a, b) => a + b, 0);
      const writes = {
        MEGAFON: accepted(megafon),
        WEBEX: accepted(webex),
        YEASTAR: yeastars.reduce((n, y) => n + accepted(y), 0),
      };
      const attempted = (webex.counts().byMethod['PUT'] ?? 0) + (megafon.counts().byMethod['PUT'] ?? 0);
      const per = (v: 'MEGAFON' | 'WEBEX' | 'YEASTAR') => (writes[v] / policies.filter((p) => p.vendor === v).length).toFixed(2);
      t.diagnostic(
        `changes sent: ${sent} (${killedAt} before the kill) in ${(sendingMs / 1000).toFixed(1)} s, all during the ${(outageMs / 1000).toFixed(1)} s outage; ` +
          `all IN_SYNC ${(recoveryDone / 1000).toFixed(1)} s after recovery; policies: ${policies.length}; ` +
          `accepted vendor writes per policy: MegaFon ${per('MEGAFON')}, Yeastar ${per('YEASTAR')}, Webex ${per('WEBEX')} (PUT attempts incl. refused during the outage: ${attempted}); replicas: ${serverDb ? 2 : 1}`,
      );
    } finally {
      for (const s of services) s.child.kill('SIGTERM');
      await Promise.all(services.map((s) => (s.child.exitCode === null ? new Promise((r) => s.child.once('exit', r)) : undefined)));
      await Promise.all([megafon.close(), webex.close(), ...yeastars.map((y) => y.close())]);
      rmSync(dataDir, { recursive: true, force: true });
      if (serverDb) {
        const c = new pg.Client({ connectionString: serverDb });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS ${schema}_pgboss CASCADE`);
        await c.end();
      }
    }
  });
});
