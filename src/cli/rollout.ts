#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Format, SingleBar, Presets } from 'cli-progress';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { readServiceFile } from './service-file';

/**
 * Operators' terminal for policy roll-outs, through the GraphQL API only (so it works against any replica, or the
 * router): start (optionally as a dry run), follow with a progress bar, pause, resume, cancel, list.
 * Ctrl-C detaches: the roll-out is a job in the service, not in this process, and keeps running.
 *
 *   npm run rollout -- start --connection <id> --name "Record all" --rules '{"mode":"ALWAYS"}' --all [--dry-run]
 *   npm run rollout -- follow <id> | pause <id> | resume <id> | cancel <id> | list --tenant <id>
 *
 * The service is found, in this order, at --url, at RECORDING_API_URL, at the URL a development service on this
 * machine last printed (DATA_DIR/service.json, DATA_DIR as the service reads it, default ./.data), else at
 * DEFAULT_URL. The token likewise: --token, RECORDING_API_TOKEN, then that service's development token.
 */
export const DEFAULT_URL = 'http://127.0.0.1:4000/graphql';

const FIELDS = `id name status total totalKnown done written alreadyInSync failed pending requestsPerSecond personsPerSecond allowedRequestsPerSecond etaSeconds lastError { code message }`;
const FINAL = ['COMPLETED', 'COMPLETED_WITH_ERRORS', 'CANCELLED'];

interface Rollout {
  id: string;
  name: string;
  status: string;
  total: number;
  totalKnown: boolean;
  done: number;
  written: number;
  alreadyInSync: number;
  failed: number;
  pending: number;
  requestsPerSecond: number;
  personsPerSecond: number;
  allowedRequestsPerSecond: number;
  etaSeconds: number | null;
  lastError: { code: string; message: string } | null;
}

const USAGE = `usage: rollout <command> [options]
  start   --connection <id> --name <text> (--rules <json> | --rules-file <path>) (--all | --location <id> | --people <id,id,...>) [--dry-run] [--detach]
  follow  <rollout id>
  pause | resume | cancel  <rollout id>
  list    --tenant <id>
options: --url <graphql url>     else RECORDING_API_URL, else the URL the service printed (DATA_DIR/service.json), else ${DEFAULT_URL}
         --token <bearer token>  else RECORDING_API_TOKEN, else that service's development token`;

function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

class Api {
  constructor(
    readonly url: string,
    private readonly token: string | undefined,
    /** Where the URL came from, for the message when nothing answers there. */
    private readonly source: string,
  ) {}

  async call<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
    } catch (e) {
      fail(
        `cannot reach ${this.url} (${this.source}): ${(e as Error).message}\nIs the service running? Point the CLI at it with --url or RECORDING_API_URL.`,
      );
    }
    const body = (await res.json().catch(() => ({}))) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    if (body.errors?.length) fail(body.errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('\n'));
    if (!body.data) fail(`unexpected answer from ${this.url} (HTTP ${res.status})`);
    return body.data;
  }

  subscribe(id: string, onNext: (r: Rollout) => void, onEnd: (error?: unknown) => void): () => void {
    const client = createClient({
      url: this.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: this.token ? { authorization: `Bearer ${this.token}` } : {},
      retryAttempts: 3,
    });
    const stop = client.subscribe<{ policyRolloutProgress: Rollout }>(
      { query: `subscription($id: ID!) { policyRolloutProgress(id: $id) { ${FIELDS} } }`, variables: { id } },
      {
        next: (r) => (r.data ? onNext(r.data.policyRolloutProgress) : onEnd(r.errors)),
        error: (e) => onEnd(e ?? new Error('subscription failed')),
        complete: () => onEnd(),
      },
    );
    return () => {
      stop();
      void client.dispose();
    };
  }
}

function eta(seconds: number | null): string {
  if (seconds === null) return '--';
  const m = Math.floor(seconds / 60);
  return m ? `${m}m${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
}

/** Requests per second: one decimal when small, none when large. */
function rate(n: number): string {
  return n < 100 ? n.toFixed(1).replace(/\.0$/, '') : String(Math.round(n));
}

/**
 * One progress line. While the directory is still being read the total only grows, so there is no percentage or
 * ETA yet; the achieved rate is always shown beside the allowed one, never as "x of y".
 */
export function progressLine(r: Rollout, bar?: string): string {
  const counts = `written ${r.written}, in sync ${r.alreadyInSync}, failed ${r.failed}`;
  const pace = `${rate(r.requestsPerSecond)} req/s (allowed ${rate(r.allowedRequestsPerSecond)}/s)`;
  if (!r.totalKnown) return `reading the directory: ${r.total} people so far, ${r.done} done | ${counts} | ${pace} | ${r.status}`;
  const pct = r.total ? Math.floor((100 * r.done) / r.total) : 100;
  return `${bar ? `${bar} ` : ''}${pct}% | ${r.done}/${r.total} people | ${counts} | ${pace} | ETA ${eta(r.etaSeconds)} | ${r.status}`;
}

/** Follows a roll-out on the subscription (polling if the socket fails) until a final status or Ctrl-C. */
async function follow(api: Api, id: string): Promise<void> {
  // On a terminal, one line redrawn in place; otherwise (a log, a pipe) a line when something changed, at most one
  // a second, and at once when the phase or the status changes.
  const tty = !!process.stdout.isTTY;
  const bar = tty
    ? new SingleBar(
        {
          format: (options, params, payload: { rollout: Rollout }) => progressLine(payload.rollout, Format.BarFormat(params.progress, options)),
          hideCursor: true,
        },
        Presets.shades_classic,
      )
    : undefined;
  let started = false;
  let last: Rollout | undefined;
  let printed: { at: number; line: string; phase: string } | undefined;
  const show = (r: Rollout) => {
    last = r;
    if (bar) {
      if (!started) bar.start(Math.max(1, r.total), r.done, { rollout: r });
      else {
        bar.setTotal(Math.max(1, r.total));
        bar.update(r.done, { rollout: r });
      }
      started = true;
      return;
    }
    const line = progressLine(r);
    const phase = `${r.totalKnown}:${r.status}`;
    if (printed && (line === printed.line || (phase === printed.phase && Date.now() - printed.at < 1000))) return;
    process.stdout.write(`${line}\n`);
    printed = { at: Date.now(), line, phase };
  };
  let stop: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    let polling = false;
    const poll = async () => {
      polling = true;
      for (;;) {
        const r = (await api.call<{ policyRollout: Rollout }>(`query($id: ID!) { policyRollout(id: $id) { ${FIELDS} } }`, { id })).policyRollout;
        show(r);
        if (FINAL.includes(r.status)) return resolve();
        await new Promise((res) => setTimeout(res, 1000));
      }
    };
    stop = api.subscribe(
      id,
      (r) => {
        show(r);
        if (FINAL.includes(r.status)) resolve();
      },
      (error) => {
        if (last && FINAL.includes(last.status)) return resolve();
        if (!polling) void poll().catch((e: unknown) => fail(String(e)));
        void error;
      },
    );
  });
  process.once('SIGINT', () => {
    stop();
    if (started) bar?.stop();
    process.stdout.write(`\nDetached. Roll-out ${id} keeps running in the service; follow it again with: npm run rollout -- follow ${id}\n`);
    process.exit(0);
  });
  await done;
  stop();
  if (started) bar?.stop();
  const r = last!;
  if (!bar && printed?.line !== progressLine(r)) process.stdout.write(`${progressLine(r)}\n`);
  process.stdout.write(`${r.status}: ${r.written} written, ${r.alreadyInSync} already in sync, ${r.failed} failed, of ${r.total}.\n`);
  if (r.failed > 0) {
    const failed = (
      await api.call<{
        policyRollout: { outcomes: { nodes: { personId: string; error: { code: string; vendorMessage: string | null; message: string } | null }[] } };
      }>(
        `query($id: ID!) { policyRollout(id: $id) { outcomes(first: 10, status: FAILED) { nodes { personId error { code message vendorMessage } } } } }`,
        { id },
      )
    ).policyRollout.outcomes.nodes;
    for (const f of failed) process.stdout.write(`  ${f.personId}: ${f.error?.code} ${f.error?.vendorMessage ?? f.error?.message ?? ''}\n`);
    if (r.failed > failed.length) process.stdout.write(`  ... and ${r.failed - failed.length} more (outcomes(status: FAILED))\n`);
  }
  process.exitCode = r.status === 'COMPLETED' ? 0 : r.status === 'COMPLETED_WITH_ERRORS' ? 2 : 3;
}

/** The service and token, found as the usage says. */
function connect(flagUrl: string | undefined, flagToken: string | undefined): Api {
  const envUrl = process.env.RECORDING_API_URL || undefined;
  const envToken = process.env.RECORDING_API_TOKEN || undefined;
  const local = flagUrl || envUrl ? undefined : readServiceFile();
  const [url, source] = flagUrl
    ? [flagUrl, '--url']
    : envUrl
      ? [envUrl, 'RECORDING_API_URL']
      : local
        ? [local.url, `printed by the service, ${local.path}`]
        : [DEFAULT_URL, 'the default'];
  return new Api(url, flagToken ?? envToken ?? local?.token, source);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      token: { type: 'string' },
      connection: { type: 'string' },
      name: { type: 'string' },
      rules: { type: 'string' },
      'rules-file': { type: 'string' },
      all: { type: 'boolean' },
      location: { type: 'string' },
      people: { type: 'string' },
      'dry-run': { type: 'boolean' },
      detach: { type: 'boolean' },
      tenant: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, arg] = positionals;
  if (values.help || !command) fail(USAGE, values.help ? 0 : 1);
  const api = connect(values.url, values.token);

  switch (command) {
    case 'start': {
      if (!values.connection || !values.name) fail('start needs --connection and --name\n' + USAGE);
      const rulesText = values.rules ?? (values['rules-file'] ? readFileSync(values['rules-file'], 'utf8') : undefined);
      if (!rulesText) fail('start needs --rules or --rules-file');
      let rules: unknown;
      try {
        rules = JSON.parse(rulesText);
      } catch {
        fail('--rules must be JSON, e.g. {"mode":"ALWAYS"}');
      }
      const scope = values.all
        ? { all: true }
        : values.location
          ? { locationId: values.location }
          : values.people
            ? { personIds: values.people.split(',').filter(Boolean) }
            : fail('start needs --all, --location or --people');
      const data = await api.call<{
        startPolicyRollout: {
          rollout: Rollout | null;
          dryRun: {
            total: number;
            estimatedSeconds: number;
            allowedRequestsPerSecond: number;
            sample: { personId: string; requests: { method: string; path: string; body: unknown }[] }[];
          } | null;
        };
      }>(
        `mutation($input: StartPolicyRolloutInput!) { startPolicyRollout(input: $input) { rollout { ${FIELDS} } dryRun { total estimatedSeconds allowedRequestsPerSecond sample { personId requests { method path body } } } } }`,
        { input: { connectionId: values.connection, name: values.name, rules, scope, dryRun: !!values['dry-run'] } },
      );
      const { rollout, dryRun } = data.startPolicyRollout;
      if (dryRun) {
        process.stdout.write(
          `Dry run: ${dryRun.total} people; about ${eta(dryRun.estimatedSeconds)} at ${dryRun.allowedRequestsPerSecond} requests/s. Each person is read first and written only when different. Sample:\n`,
        );
        for (const s of dryRun.sample)
          for (const q of s.requests) process.stdout.write(`  ${q.method} ${q.path} ${q.body === null ? '' : JSON.stringify(q.body)}\n`);
        return;
      }
      process.stdout.write(`Started roll-out ${rollout!.id} ("${rollout!.name}") at ${rollout!.allowedRequestsPerSecond} requests/s.\n`);
      if (!values.detach) await follow(api, rollout!.id);
      return;
    }
    case 'follow':
      if (!arg) fail('follow needs a roll-out id');
      return follow(api, arg);
    case 'pause':
    case 'resume':
    case 'cancel': {
      if (!arg) fail(`${command} needs a roll-out id`);
      const field = `${command}PolicyRollout`;
      const data = await api.call<Record<string, { rollout: Rollout }>>(
        `mutation($input: ${field[0]!.toUpperCase()}${field.slice(1)}Input!) { ${field}(input: $input) { rollout { ${FIELDS} } } }`,
        {
          input: { id: arg },
        },
      );
      const r = data[field]!.rollout;
      process.stdout.write(`${r.id}: ${r.status} (${r.done}/${r.total} done)\n`);
      return;
    }
    case 'list': {
      if (!values.tenant) fail('list needs --tenant');
      const data = await api.call<{ policyRollouts: { nodes: Rollout[] } }>(
        `query($t: ID!) { policyRollouts(tenantId: $t, first: 100) { nodes { ${FIELDS} } } }`,
        { t: values.tenant },
      );
      for (const r of data.policyRollouts.nodes)
        process.stdout.write(`${r.id}  ${r.status.padEnd(22)} ${String(r.done).padStart(6)}/${r.total}  ${r.name}\n`);
      return;
    }
    default:
      fail(USAGE);
  }
}

main().catch((e: unknown) => fail(`rollout: ${(e as Error).message}`));
