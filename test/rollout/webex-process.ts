import { fork, type ChildProcess } from 'node:child_process';
import { Directory } from '../../src/sandbox/webex/directory';
import { createWebexEmulator, type WebexEmulator, type WebexRecordingSettings } from '../../src/sandbox/webex/emulator';
import type { RequestsSnapshot } from '../../src/sandbox/common/request-log';
import type { FaultSpec, PendingFaults } from '../../src/sandbox/common/faults';

/**
 * The Webex emulator in a process of its own, driven over IPC. Rate measurements need it: in the service's own
 * process, the embedded database and the emulator share one event loop, so a busy moment would hold requests that
 * were sent on time and let them in all at once, a burst the real vendor would never see.
 */
export interface WebexOptions {
  people: number;
  requestsPerSecond: number;
  burst: number;
}

type Method = 'requests' | 'writesPerPerson' | 'settingsOf' | 'setSettings' | 'counts' | 'inject' | 'clearFaults';

export class RemoteWebex {
  private seq = 0;
  private readonly waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private readonly directory: Directory;

  private constructor(
    private readonly child: ChildProcess,
    readonly apiBaseUrl: string,
    readonly locations: { id: string; name: string }[],
    people: number,
  ) {
    this.directory = new Directory(people, locations.length, '');
    child.on('message', (m: { id: number; result?: unknown; error?: string }) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (m.error) w.reject(new Error(m.error));
      else w.resolve(m.result);
    });
  }

  static async start(opts: WebexOptions): Promise<RemoteWebex> {
    const child = fork(__filename, [JSON.stringify(opts)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const ready = await new Promise<{ apiBaseUrl: string; locations: { id: string; name: string }[] }>((resolve, reject) => {
      child.once('message', (m) => resolve(m as never));
      child.once('exit', (code) => reject(new Error(`webex emulator exited (${code})`)));
    });
    return new RemoteWebex(child, ready.apiBaseUrl, ready.locations, opts.people);
  }

  private call<T>(method: Method, ...args: unknown[]): Promise<T> {
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, method, args });
    });
  }

  personId(index: number): string {
    return this.directory.personId(index);
  }

  requests(options: { since?: number; limit?: number } = {}): Promise<RequestsSnapshot> {
    return this.call('requests', options);
  }

  writesPerPerson(): Promise<Record<string, number>> {
    return this.call('writesPerPerson');
  }

  settingsOf(id: string): Promise<Record<string, unknown> | null> {
    return this.call('settingsOf', id);
  }

  /** Queues faults at the emulator (src/sandbox/common/faults.ts): an outage, 429s with a Retry-After, resets. */
  inject(spec: FaultSpec): Promise<PendingFaults> {
    return this.call('inject', spec);
  }

  /** Ends an outage early and drops every queued fault. */
  clearFaults(): Promise<PendingFaults> {
    return this.call('clearFaults');
  }

  /** As an administrator would in Control Hub: not an API write (drift). */
  setSettings(id: string, patch: Partial<WebexRecordingSettings>): Promise<Record<string, unknown>> {
    return this.call('setSettings', id, patch);
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
  }
}

if (require.main === module) {
  const opts = JSON.parse(process.argv[2]!) as WebexOptions;
  const webex: WebexEmulator = createWebexEmulator({
    people: opts.people,
    rateLimit: { requestsPerSecond: opts.requestsPerSecond, burst: opts.burst },
    logLimit: 1_000_000,
  });
  void webex.listen(0, '127.0.0.1').then(() => {
    process.send!({ apiBaseUrl: webex.apiBaseUrl, locations: webex.locations });
  });
  process.on('message', (m: { id: number; method: Method; args: unknown[] }) => {
    try {
      const faults: Partial<Record<Method, (...a: unknown[]) => unknown>> = {
        inject: (spec) => webex.faults.inject(spec as FaultSpec),
        clearFaults: () => {
          webex.faults.clear();
          return webex.faults.pending();
        },
      };
      const own = faults[m.method];
      const result = own ? own(...m.args) : (webex[m.method as keyof WebexEmulator] as (...a: unknown[]) => unknown)(...m.args);
      process.send!({ id: m.id, result });
    } catch (e) {
      process.send!({ id: m.id, error: (e as Error).message });
    }
  });
  process.on('SIGTERM', () => void webex.close().then(() => process.exit(0)));
  process.on('disconnect', () => void webex.close().then(() => process.exit(0)));
}
