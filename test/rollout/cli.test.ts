import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT_DIR } from '../../src/app';
import { DEMO_CONNECTION_IDS, DEMO_TENANT_ID } from '../../src/sandbox/demo-tenant';
import { freePort, startService, tempDataDir } from '../helpers/service-process';

/** `npm run rollout -- ...` as an operator runs it: from its own folder, with only the environment given. */
function cli(args: string[], env: Record<string, string>) {
  const cwd = mkdtempSync(join(tmpdir(), 'recsub-cli-'));
  const { RECORDING_API_URL: _u, RECORDING_API_TOKEN: _t, DATA_DIR: _d, ...base } = process.env;
  const child = spawn(process.execPath, [join(ROOT_DIR, 'dist/src/cli/rollout.js'), ...args], {
    cwd,
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (err += c));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => (rmSync(cwd, { recursive: true, force: true }), resolve(code))),
  );
  return { child, exited, out: () => out, err: () => err };
}

describe('the roll-out CLI against a running service', () => {
  it('finds the service it printed (not port 4000), says "reading the directory" until the total is known, and shows the rate beside the allowed one', async () => {
    const data = tempDataDir();
    // Enough directory pages, at the Webex default pace (5 requests/s), that the total is still unknown for a while.
    const svc = await startService(data, { SANDBOX_WEBEX_PEOPLE: '1500' });
    try {
      const rules = JSON.stringify({ mode: 'ALWAYS', calls: { voicemail: true } });
      const run = cli(['start', '--connection', DEMO_CONNECTION_IDS.webex!, '--name', 'From the CLI', '--rules', rules, '--all'], {
        DATA_DIR: data.dir,
      });
      // Watch until both phases were shown, then detach as an operator would (Ctrl-C).
      const deadline = Date.now() + 120_000;
      while (!/^\d+% \| /m.test(run.out()) && Date.now() < deadline && run.child.exitCode === null) await new Promise((r) => setTimeout(r, 200));
      run.child.kill('SIGINT');
      assert.equal(await run.exited, 0, run.out() + run.err());
      const lines = run.out().split('\n');
      const id = /Started roll-out (\S+)/.exec(run.out())?.[1];
      assert.ok(id, run.out() + run.err());
      const reading = lines.filter((l) => l.startsWith('reading the directory'));
      const known = lines.filter((l) => /^\d+% \| \d+\/\d+ people/.test(l));
      assert.ok(reading.length > 0, `no "reading the directory" line:\n${run.out()}`);
      assert.ok(known.length > 0, `no line with the known total:\n${run.out()}`);
      assert.ok(lines.indexOf(reading.at(-1)!) < lines.indexOf(known[0]!), 'the directory is read before the total is shown');
      for (const l of reading) assert.doesNotMatch(l, /%|ETA/, 'no percentage or ETA while the total is unknown');
      for (const l of [...reading, ...known]) {
        assert.match(l, /\d+(\.\d)? req\/s \(allowed \d+(\.\d)?\/s\)/, l);
        assert.doesNotMatch(l, /req\/s of/, l);
      }
      assert.match(known.at(-1)!, /\/1500 people/);
      assert.match(run.out(), /Detached\. Roll-out \S+ keeps running/);

      // The same discovery for the other commands, and the service really did take the roll-out.
      const cancel = cli(['cancel', id], { DATA_DIR: data.dir });
      assert.equal(await cancel.exited, 0, cancel.err());
      assert.match(cancel.out(), new RegExp(`^${id}: CANCELLED`, 'm'));
      const list = cli(['list', '--tenant', DEMO_TENANT_ID], { DATA_DIR: data.dir });
      assert.equal(await list.exited, 0, list.err());
      assert.match(list.out(), new RegExp(`${id}\\s+CANCELLED`));

      // --url wins over RECORDING_API_URL, which wins over the service file; a failure names the URL and its source.
      const dead = `http://127.0.0.1:${await freePort()}/graphql`;
      const byEnv = cli(['list', '--tenant', DEMO_TENANT_ID], { DATA_DIR: data.dir, RECORDING_API_URL: dead });
      assert.equal(await byEnv.exited, 1);
      assert.match(byEnv.err(), new RegExp(`cannot reach ${dead} \\(RECORDING_API_URL\\)`));
      const byFlag = cli(['list', '--tenant', DEMO_TENANT_ID, '--url', svc.url, '--token', svc.token], {
        DATA_DIR: data.dir,
        RECORDING_API_URL: dead,
      });
      assert.equal(await byFlag.exited, 0, byFlag.err());
      assert.match(byFlag.out(), new RegExp(id));
    } finally {
      svc.child.kill('SIGINT');
      await Promise.race([svc.exited, new Promise((r) => setTimeout(r, 30_000))]);
      svc.kill();
    }
    // Stopped: the service file is gone, so the CLI says where it looked and how to point it elsewhere.
    const none = cli(['list', '--tenant', DEMO_TENANT_ID], { DATA_DIR: data.dir });
    assert.equal(await none.exited, 1);
    assert.match(none.err(), /cannot reach http:\/\/127\.0\.0\.1:4000\/graphql \(the default\)[\s\S]*--url or RECORDING_API_URL/);
    await data.remove();
  });
});
