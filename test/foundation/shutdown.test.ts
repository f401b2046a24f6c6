import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ROOT_DIR } from '../../src/app';
import { loadConfig } from '../../src/config';
import { DEMO_CONNECTION_IDS, DEMO_TENANT_ID } from '../../src/sandbox/demo-tenant';
import { startService, tempDataDir, type ServiceProcess } from '../helpers/service-process';
import { wsClient } from '../helpers/ws';

/** The log line a finished shutdown prints, with what it measured and what it left behind. */
function stoppedLine(svc: ServiceProcess): Record<string, any> {
  const line = svc.logs().find((l) => typeof l.msg === 'string' && l.msg.startsWith('stopped'));
  assert.ok(line, `no "stopped" log line:\n${svc.output()}`);
  assert.equal(typeof line.shutdownMs, 'number');
  return line;
}

async function waitUntil<T>(what: string, probe: () => Promise<T>, done: (v: T) => boolean, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const WEBEX_PERSON = 'Y2lzY29zcGFyazovL3VzL1BFT1BMRS85ZTBkMWUwMC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwMDA';
const fault = (base: string, spec: unknown) =>
  fetch(`${new URL(base).origin}/__sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(spec),
  }).then((r) => assert.equal(r.status, 200));

const started: ServiceProcess[] = [];
async function start(...args: Parameters<typeof startService>): Promise<ServiceProcess> {
  const svc = await startService(...args);
  started.push(svc);
  return svc;
}

describe('stopping the service (SIGINT / SIGTERM)', () => {
  afterEach(() => started.splice(0).forEach((s) => s.kill()));

  it('idle: exits 0 at once, and says so in a "stopped" line (no waiting for the force-exit timer)', async () => {
    const data = tempDataDir();
    try {
      const svc = await start(data, { LOG_LEVEL: 'debug' });
      // The start line says where and how fast; the configuration (masked) is a debug line of its own.
      await waitUntil(
        'the configuration logged',
        async () => svc.logs(),
        (ls) => ls.some((l) => l.msg === 'configuration'),
        10_000,
      );
      const listening = svc.logs().find((l) => l.msg === 'recording-subgraph listening');
      assert.ok(listening && !('config' in listening) && JSON.stringify(listening).length < 400, JSON.stringify(listening));
      const configuration = svc.logs().find((l) => l.msg === 'configuration');
      assert.equal(configuration?.level, 'debug');
      assert.equal(configuration?.config.jwtSecret, '[redacted]');
      svc.child.kill('SIGINT');
      const { code, signal } = await svc.exited;
      assert.equal(signal, null);
      assert.equal(code, 0, svc.output());
      const stopped = stoppedLine(svc);
      assert.equal(stopped.graceExpired, false);
      assert.deepEqual(stopped.unfinished, []);
      assert.ok(!svc.logs().some((l) => /did not finish|shutdown failed/.test(l.msg)), svc.output());
    } finally {
      await data.remove();
    }
  });

  it('busy: a request waiting on a slow vendor is answered, a roll-out hands over, subscribers are told to go; then exit 0 within the grace', async () => {
    const data = tempDataDir();
    try {
      const svc = await start(data, { SANDBOX_WEBEX_PEOPLE: '400' });
      const started = await svc.gql(`mutation($input: StartPolicyRolloutInput!) { startPolicyRollout(input: $input) { rollout { id } } }`, {
        input: { connectionId: DEMO_CONNECTION_IDS.webex, name: 'during shutdown', rules: { mode: 'ALWAYS' }, scope: { all: true } },
      });
      const rolloutId = started.data?.startPolicyRollout.rollout.id as string;
      assert.ok(rolloutId, JSON.stringify(started));
      const progress = () =>
        svc.gql(`query($id: ID!) { policyRollout(id: $id) { status done } }`, { id: rolloutId }).then((r) => r.data?.policyRollout);
      await waitUntil('the roll-out under way', progress, (p) => p?.done > 0);
      // An open subscription (an upgraded socket keeps server.close() waiting unless the service closes it).
      const closes: number[] = [];
      const client = wsClient(svc.url, svc.token);
      client.on('closed', (e) => closes.push((e as { code: number }).code));
      let firstEvent!: () => void;
      const subscribed = new Promise<void>((resolve) => (firstEvent = resolve));
      const sub = new Promise<void>((resolve) =>
        client.subscribe(
          { query: `subscription($id: ID!) { policyRolloutProgress(id: $id) { done } }`, variables: { id: rolloutId } },
          { next: () => firstEvent(), error: () => resolve(), complete: () => resolve() },
        ),
      );
      await subscribed;
      await fault(svc.sandbox.MEGAFON!, { latencyMs: 1500, latencyCount: 1 });
      const inFlight = svc.gql(`mutation { testVendorConnection(input: { id: "${DEMO_CONNECTION_IDS.megafon}" }) { ok } }`);
      await new Promise((r) => setTimeout(r, 300));
      svc.child.kill('SIGTERM');
      const answer = await inFlight;
      assert.equal(answer.data?.testVendorConnection.ok, true, JSON.stringify(answer));
      const { code } = await svc.exited;
      assert.equal(code, 0, svc.output());
      const stopped = stoppedLine(svc);
      assert.equal(stopped.graceExpired, false, svc.output());
      await sub;
      assert.deepEqual(closes, [1001], 'the subscriber is told the server is going away');

      // Nothing was failed by the stop: the roll-out is still running, with every person not done still pending.
      // (Read with workers off: carrying it on after a restart is test/rollout/durability.test.ts's subject.)
      const again = await start(data, { SANDBOX_WEBEX_PEOPLE: '400', WORKERS: 'false' });
      try {
        const after = (await again.gql(`query($id: ID!) { policyRollout(id: $id) { status total done failed pending } }`, { id: rolloutId })).data
          ?.policyRollout;
        assert.equal(after.status, 'RUNNING', JSON.stringify(after));
        assert.equal(after.failed, 0, JSON.stringify(after));
        assert.ok(after.done > 0 && after.done < 400, JSON.stringify(after));
      } finally {
        again.child.kill('SIGINT');
        assert.equal((await again.exited).code, 0);
      }
    } finally {
      await data.remove();
    }
  });

  it('past the grace period: exits 0 anyway, and the unfinished vendor call is left to the job queue, not failed', async () => {
    const data = tempDataDir();
    try {
      const svc = await start(data, { SHUTDOWN_GRACE_SECONDS: '1', SYNC_RETRY_DELAY_SECONDS: '1', SYNC_RETRY_BACKOFF: 'false' });
      await fault(svc.sandbox.WEBEX!, { latencyMs: 120_000, latencyCount: 10 });
      const created = svc
        .gql(`mutation($input: CreateRecordingPolicyInput!) { createRecordingPolicy(input: $input) { policy { id } } }`, {
          input: {
            connectionId: DEMO_CONNECTION_IDS.webex,
            name: 'cut by the stop',
            scope: { kind: 'PERSON', id: WEBEX_PERSON },
            rules: { mode: 'ALWAYS' },
          },
        })
        .catch((e: Error) => ({ error: e.message }));
      const policies = (s: ServiceProcess) =>
        s
          .gql(`query($t: ID!) { tenant(id: $t) { recordingPolicies { id name syncStatus } } }`, { t: DEMO_TENANT_ID })
          .then((r) => (r.data?.tenant.recordingPolicies ?? []) as { name: string; syncStatus: string }[]);
      await waitUntil(
        'the policy stored, its vendor call under way',
        () => policies(svc),
        (ps) => ps.some((p) => p.name === 'cut by the stop'),
      );
      svc.child.kill('SIGINT');
      const { code } = await svc.exited;
      assert.equal(code, 0, svc.output());
      const stopped = stoppedLine(svc);
      assert.equal(stopped.graceExpired, true, svc.output());
      assert.ok(stopped.unfinished.length > 0);
      assert.ok(!svc.logs().some((l) => /did not finish/.test(l.msg)), 'close() ended by itself, not by the force-exit timer');
      await created;

      const again = await start(data, { SYNC_RETRY_DELAY_SECONDS: '1', SYNC_RETRY_BACKOFF: 'false', SYNC_JOB_EXPIRE_SECONDS: '5' });
      try {
        const after = await waitUntil(
          'the sync resumed after the restart',
          () => policies(again),
          (ps) => ps.find((p) => p.name === 'cut by the stop')?.syncStatus !== 'PENDING',
        );
        assert.equal(after.find((p) => p.name === 'cut by the stop')?.syncStatus, 'IN_SYNC', JSON.stringify(after));
      } finally {
        again.child.kill('SIGINT');
        assert.equal((await again.exited).code, 0);
      }
    } finally {
      await data.remove();
    }
  });

  it('docker-compose gives a replica longer to stop than its grace period, so a stop never ends in SIGKILL', () => {
    const compose = parseYaml(readFileSync(join(ROOT_DIR, 'docker-compose.yml'), 'utf8')) as {
      services: Record<string, { environment?: Record<string, string>; stop_grace_period?: string }>;
    };
    const recording = compose.services.recording!;
    const m = /^(\d+)s$/.exec(recording.stop_grace_period ?? '');
    assert.ok(m, `stop_grace_period must be set in seconds (docker's default of 10 s is too short), got ${recording.stop_grace_period}`);
    const grace = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: join(ROOT_DIR, '.data-test-unused'),
      CREDENTIALS_KEY: 'A'.repeat(43) + '=',
      JWT_SECRET: 'x'.repeat(32),
      SHUTDOWN_GRACE_SECONDS: recording.environment?.SHUTDOWN_GRACE_SECONDS,
    }).shutdownGraceSeconds;
    // close() may take a few seconds past the grace to close the database and the job queue.
    assert.ok(Number(m[1]) >= grace + 5, `stop_grace_period ${m[1]}s must exceed SHUTDOWN_GRACE_SECONDS ${grace} by 5 s at least`);
  });
});
