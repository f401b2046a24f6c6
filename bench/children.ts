import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ContenderSpec, ExplainedMessage, FromChild, LoadResult, LoadSpec, ReadyMessage, StatsMessage, ToChild } from './protocol';

const running = new Set<ChildProcess>();
// A bench that dies must not leave servers behind (they would also hold the parent's stderr open).
process.on('exit', () => {
  for (const c of running) c.kill('SIGKILL');
});

/** A contender's process, and the requests the orchestrator makes of it. */
export class ContenderProcess {
  private waiting: ((m: FromChild) => void)[] = [];
  private constructor(
    readonly child: ChildProcess,
    readonly ready: ReadyMessage,
  ) {
    child.on('message', (m: FromChild) => this.waiting.shift()?.(m));
    running.add(child);
    child.once('exit', () => running.delete(child));
  }

  static start(spec: ContenderSpec): Promise<ContenderProcess> {
    // --expose-gc only so the allocation probe can start from a collected heap; nothing calls gc() under load.
    const child = fork(join(__dirname, 'contender.js'), [JSON.stringify(spec)], {
      // BENCH_CHILD_ARGS (e.g. --cpu-prof) is for profiling a contender while the bench loads it.
      execArgv: ['--expose-gc', ...(spec.nodeArgs ?? []), ...(process.env.BENCH_CHILD_ARGS ?? '').split(' ').filter(Boolean)],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      // Every contender runs as it would be deployed: graphql-js skips its development-only checks under
      // NODE_ENV=production. The sandbox (mutation run) exists only in development.
      env: { ...process.env, NODE_ENV: spec.nodeEnv ?? (spec.sandbox ? 'development' : 'production') },
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${spec.kind} did not start in 120 s`)), 120_000);
      child.once('message', (m: FromChild) => {
        clearTimeout(timer);
        if (m.type === 'ready') resolve(new ContenderProcess(child, m));
        else reject(new Error(`${spec.kind} failed to start: ${'message' in m ? m.message : JSON.stringify(m)}`));
      });
      child.once('exit', (code) => reject(new Error(`${spec.kind} exited with ${code} before it was ready`)));
      running.add(child);
    });
  }

  private ask<T extends FromChild>(msg: ToChild): Promise<T> {
    return new Promise((resolve) => {
      this.waiting.push((m) => resolve(m as T));
      this.child.send(msg);
    });
  }

  stats(): Promise<StatsMessage> {
    return this.ask<StatsMessage>({ type: 'stats' });
  }

  async allocStart(): Promise<void> {
    await this.ask({ type: 'alloc-start' });
  }

  async allocStop(): Promise<number> {
    return (await this.ask<{ type: 'alloc'; bytes: number }>({ type: 'alloc-stop' })).bytes;
  }

  async explain(body: string, headers: Record<string, string>): Promise<ExplainedMessage['statements']> {
    return (await this.ask<ExplainedMessage>({ type: 'explain', body, headers })).statements;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      const kill = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
      this.child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      this.child.send({ type: 'exit' } satisfies ToChild);
    });
  }
}

/** One measurement from a fresh load-generator process. */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const child = fork(join(__dirname, 'load.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { type: 'result'; result: LoadResult } | { type: 'error'; message: string }) => {
      if (m.type === 'result') resolve(m.result);
      else reject(new Error(m.message));
    });
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${code}`));
    });
    child.send(spec);
  });
}
