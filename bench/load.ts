import autocannon from 'autocannon';
import type { LoadResult, LoadSpec } from './protocol';

/**
 * The load generator, in a process of its own (started per measurement by bench/run.ts), so the contender's CPU
 * and memory are not shared with the client's.
 */
function run(spec: LoadSpec): Promise<LoadResult> {
  let graphqlErrors = 0;
  const versions: Record<string, number> = {};
  const opts: autocannon.Options = {
    url: spec.url,
    method: 'POST',
    headers: spec.headers,
    connections: spec.connections,
    duration: spec.seconds,
    pipelining: 1,
    timeout: 30,
  };
  if (spec.body) opts.body = spec.body;
  if (spec.mutation) {
    const { query, policies } = spec.mutation;
    if (policies.length < spec.connections) throw new Error('one policy per connection is needed (optimistic concurrency)');
    for (const p of policies) versions[p.id] = p.version;
    // A policy is taken from the free pool for one request and given back with its new version: no two requests
    // write the same policy at once, so there are no conflicts and every request is a real write.
    // (autocannon clears a connection's context after each request, so the pool lives here.)
    const free = policies.map((p) => p.id);
    opts.requests = [
      {
        setupRequest: (req, ctx: object) => {
          const context = ctx as { policy?: string };
          const id = free.shift();
          if (!id) throw new Error('no free policy: one policy per connection is needed');
          context.policy = id;
          const flip = versions[id]! % 2 === 0;
          const input = { id, expectedVersion: versions[id], rules: { mode: 'ALWAYS', calls: { voicemail: flip } } };
          return { ...req, body: JSON.stringify({ query, variables: { input } }) };
        },
        onResponse: (_status, body, ctx: object) => {
          const id = (ctx as { policy: string }).policy;
          try {
            const parsed = JSON.parse(body) as {
              data?: { updateRecordingPolicy?: { policy: { version: number }; sync: { status: string } } };
              errors?: unknown[];
            };
            const r = parsed.data?.updateRecordingPolicy;
            if (parsed.errors?.length || !r || r.sync.status !== 'IN_SYNC') {
              graphqlErrors++;
              if (process.env.BENCH_DEBUG && graphqlErrors < 3) process.stderr.write(`${body.slice(0, 1500)}\n`);
            }
            if (r) versions[id] = r.policy.version;
          } catch {
            graphqlErrors++;
          }
          free.push(id);
        },
      },
    ];
  }
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => {
      if (err) return reject(err);
      const seconds = result.duration;
      resolve({
        requests: result.requests.total,
        seconds,
        rps: result.requests.total / seconds,
        p50: result.latency.p50,
        p99: result.latency.p99,
        non2xx: result.non2xx,
        errors: result.errors + result.timeouts,
        graphqlErrors,
        versions: spec.mutation ? versions : undefined,
      });
    });
  });
}

process.once('message', (spec: LoadSpec) => {
  run(spec).then(
    (r) => process.send!({ type: 'result', result: r }, () => process.exit(0)),
    (e: unknown) => process.send!({ type: 'error', message: String((e as Error)?.stack ?? e) }, () => process.exit(1)),
  );
});
