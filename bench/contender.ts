import 'reflect-metadata';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import v8 from 'node:v8';
import { execute, parse, validate, specifiedRules, type DocumentNode, type GraphQLSchema } from 'graphql';
import pg from 'pg';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import Fastify from 'fastify';
import mercurius from 'mercurius';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { buildFixture, buildInMemorySchema, DASHBOARD_QUERY, ENTITIES_QUERY, entitiesVariables, type Fixture } from './fixture';
import type { ContenderSpec, FromChild, ToChild } from './protocol';

/**
 * One contender in its own process, so RSS and allocation are its own. Started by bench/run.ts with `fork`; the
 * spec arrives as JSON in argv[2]; it answers the orchestrator over IPC.
 */

const BENCH_JWT_SECRET = 'bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
export const BENCH_CREDENTIALS_KEY = Buffer.alloc(32, 9).toString('base64');
export { BENCH_JWT_SECRET };

function send(msg: FromChild): void {
  process.send!(msg);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function listen(server: Server): Promise<string> {
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`)));
}

/** The limit: the precomputed response bytes, chosen by a substring of the body (no JSON parse). */
async function startRaw(fixture: Fixture) {
  const schema = buildInMemorySchema(fixture);
  const dashboard = JSON.stringify(await execute({ schema, document: parse(DASHBOARD_QUERY) }));
  const entities = JSON.stringify(await execute({ schema, document: parse(ENTITIES_QUERY), variableValues: entitiesVariables(fixture) }));
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body.includes('_entities') ? entities : dashboard);
  });
  server.keepAliveTimeout = 65_000;
  return { url: await listen(server), close: () => new Promise<void>((d) => server.close(() => d())) };
}

/** graphql-js on node:http: JSON body, parsed-and-validated documents cached by text, `execute`, stringify. */
async function startBare(fixture: Fixture) {
  const schema: GraphQLSchema = buildInMemorySchema(fixture);
  const documents = new Map<string, DocumentNode>();
  const server = createServer(async (req, res) => {
    const { query, variables, operationName } = JSON.parse(await readBody(req)) as {
      query: string;
      variables?: Record<string, unknown>;
      operationName?: string;
    };
    let document = documents.get(query);
    if (!document) {
      document = parse(query);
      const errors = validate(schema, document, specifiedRules);
      if (errors.length) {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ errors }));
        return;
      }
      documents.set(query, document);
    }
    const result = await execute({ schema, document, variableValues: variables, operationName });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(result));
  });
  server.keepAliveTimeout = 65_000;
  return { url: await listen(server), close: () => new Promise<void>((d) => server.close(() => d())) };
}

/** Stock Apollo Server 5, as the docs show it: standalone server, SDL-first subgraph schema, default plugins. */
async function startStock(fixture: Fixture) {
  const apollo = new ApolloServer({ schema: buildInMemorySchema(fixture) });
  const { url } = await startStandaloneServer(apollo, { listen: { port: 0, host: '127.0.0.1' } });
  return { url: new URL('/graphql', url).toString(), close: () => apollo.stop() };
}

/**
 * Mercurius 16 on Fastify 5, as its docs show it, with `jit: 1` (graphql-jit compiles a query the second time it
 * is seen): the fastest maintained GraphQL server for Node.js, serving the same in-memory subgraph schema as (c).
 */
async function startMercurius(fixture: Fixture) {
  const app = Fastify({ logger: false });
  await app.register(mercurius, { schema: buildInMemorySchema(fixture), jit: 1, path: '/graphql' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  app.server.keepAliveTimeout = 65_000;
  return { url: `http://127.0.0.1:${port}/graphql`, close: () => app.close() };
}

/**
 * The compiled-execution ceiling: graphql-jit's `compileQuery` on node:http, parse+validate+compile once per query
 * text, then the compiled query and its own serialiser (`stringify`) for each request.
 */
async function startJit(fixture: Fixture) {
  const schema: GraphQLSchema = buildInMemorySchema(fixture);
  const compiled = new Map<string, CompiledQuery>();
  const server = createServer(async (req, res) => {
    const { query, variables, operationName } = JSON.parse(await readBody(req)) as {
      query: string;
      variables?: Record<string, unknown>;
      operationName?: string;
    };
    let c = compiled.get(query);
    if (!c) {
      const document = parse(query);
      const errors = validate(schema, document, specifiedRules);
      const out = errors.length ? null : compileQuery(schema, document, operationName);
      if (!out || !isCompiledQuery(out)) {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify(out ?? { errors }));
        return;
      }
      c = out;
      compiled.set(query, c);
    }
    const result = await c.query(undefined, undefined, variables ?? {});
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(c.stringify(result));
  });
  server.keepAliveTimeout = 65_000;
  return { url: await listen(server), close: () => new Promise<void>((d) => server.close(() => d())) };
}

/** The full service (auth, limits, DataLoader, store) with the fixture written straight into its database. */
async function startService(fixture: Fixture, spec: ContenderSpec) {
  const { turnOff } = await import('./levers');
  for (const lever of spec.leversOff ?? []) await turnOff(lever as Parameters<typeof turnOff>[0]);
  const { loadConfig } = await import('../src/config');
  const { startApp } = await import('../src/app');
  const { tenants, vendorConnections, recordingPolicies } = await import('../src/store/schema');
  const dataDir = mkdtempSync(join(tmpdir(), 'recsub-bench-'));
  const pgSchema = spec.databaseUrl ? `bench_${randomBytes(5).toString('hex')}` : undefined;
  const config = loadConfig({
    NODE_ENV: spec.sandbox ? 'development' : 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    JWT_SECRET: BENCH_JWT_SECRET,
    CREDENTIALS_KEY: BENCH_CREDENTIALS_KEY,
    SANDBOX: spec.sandbox ? 'true' : 'false',
    PLAYGROUND: 'false',
    LOG_LEVEL: 'info',
    ...(spec.databaseUrl ? { DATABASE_URL: spec.databaseUrl } : {}),
    ...spec.env,
  });
  const app = await startApp({
    config,
    pgSchema,
    async beforeListen(a) {
      const db = a.database.db;
      await db.insert(tenants).values(fixture.tenants);
      await db.insert(vendorConnections).values(
        fixture.connections.map((c) => ({
          ...c,
          baseUrl: 'https://simple-api.cp.megafon.ru',
          settings: {},
          credentialsSealed: 'v1.none.x.x.x',
          credentialsKeyId: 'none',
          updatedAt: c.createdAt,
        })),
      );
      await db
        .insert(recordingPolicies)
        .values(fixture.policies.map((p) => ({ ...p, syncedVersion: p.syncStatus === 'IN_SYNC' ? p.version : null, updatedAt: p.createdAt })));
      if (spec.scaleSeed) {
        const { seedScale, SEEDS } = await import('./scale-seed');
        const { ms } = await seedScale(a.database, SEEDS[spec.scaleSeed]);
        process.stderr.write(`bench: ${spec.scaleSeed} data set seeded in ${(ms / 1000).toFixed(1)} s\n`);
      }
    },
  });
  const churn = spec.churnPerSecond ? await startChurn(app, spec, fixture) : undefined;
  let extra: { personIds?: string[]; webexConnectionId?: string } = {};
  if (app.sandbox) {
    // The bench measures our write path, not the vendor's pace: the emulator's documented 20 requests/s per token
    // is lifted, and so is our client's own pacing of Webex (5 rps per connection, src/vendors/http.ts), through
    // the per-connection settings any operator can set.
    app.sandbox.webex.limiter.configure(null);
    const { DEMO_CONNECTION_IDS } = await import('../src/sandbox/demo-tenant');
    const { eq } = await import('drizzle-orm');
    const [webex] = await app.database.db.select().from(vendorConnections).where(eq(vendorConnections.id, DEMO_CONNECTION_IDS.webex!));
    await app.database.db
      .update(vendorConnections)
      .set({ settings: { ...webex!.settings, 'http.ratePerSecond': '100000', 'http.burst': '100000' }, updatedAt: new Date() })
      .where(eq(vendorConnections.id, DEMO_CONNECTION_IDS.webex!));
    extra = { personIds: Array.from({ length: 64 }, (_, i) => app.sandbox!.webex.personId(i)), webexConnectionId: DEMO_CONNECTION_IDS.webex };
  }
  return {
    url: app.graphqlUrl,
    statements: () => app.database.statements.count,
    churnCommits: () => churn?.commits() ?? null,
    async explain(body: string, headers: Record<string, string>) {
      // The statements of one request, then each one's plan: reads run again under EXPLAIN ANALYZE, writes are
      // only planned (EXPLAIN alone does not execute them).
      const counter = app.database.statements;
      counter.log = [];
      counter.params = [];
      counter.keepLog = true;
      try {
        const res = await fetch(app.graphqlUrl, { method: 'POST', headers, body });
        await res.text();
      } finally {
        counter.keepLog = false;
      }
      const out: { sql: string; plan: string }[] = [];
      for (const [i, text] of counter.log.entries()) {
        const read = /^\s*(select|with)\b/i.test(text);
        if (!read && !/^\s*(insert|update|delete)\b/i.test(text)) continue;
        const rows = await app.database
          .rawQuery<{ 'QUERY PLAN': string }>(`EXPLAIN (${read ? 'ANALYZE, BUFFERS, ' : ''}COSTS) ${text}`, counter.params[i])
          .catch((e: unknown) => [{ 'QUERY PLAN': `(not explained: ${(e as Error).message})` }]);
        out.push({ sql: text, plan: rows.map((r) => r['QUERY PLAN']).join('\n') });
      }
      return out;
    },
    extra,
    async close() {
      await churn?.stop();
      await app.close();
      if (pgSchema && spec.databaseUrl) {
        const c = new pg.Client({ connectionString: spec.databaseUrl });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS ${pgSchema} CASCADE`);
        await c.end();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Another writer (issue 18's cold path and churn rows): committed changes to the policies of one tenant at a steady
 * rate, so every read cache entry of that tenant goes stale that often (the update changes nothing a reader sees,
 * but it is a committed write to the table). On the PostgreSQL server it is a process of its own
 * (bench/churn-writer.ts: its own sessions, paced by a clock that catches up): before, it ran in the service's
 * process, where the loaded event loop delayed its timer and every commit's reply, and with one update in flight
 * it reached 28-63 commits/s instead of 100. Embedded PGlite has one connection in the service's process, so there
 * the writer shares it, as every writer of that database does, with the same catching-up clock. The commits
 * actually made are counted (the rows report the rate reached).
 */
async function startChurn(
  app: Awaited<ReturnType<typeof import('../src/app').startApp>>,
  spec: ContenderSpec,
  fixture: Fixture,
): Promise<{ commits(): number; stop(): Promise<void> }> {
  const chosen = fixture.policies.at(spec.churnPolicy ?? 0)!;
  // The tenant's policies in turn (one row each commit; the tenant's version rows are what every commit moves).
  const ids = fixture.policies.filter((p) => p.tenantId === chosen.tenantId).map((p) => p.id);
  const rate = spec.churnPerSecond!;
  if (spec.databaseUrl) {
    const { fork } = await import('node:child_process');
    const child = fork(join(__dirname, 'churn-writer.js'), [], {
      env: {
        ...process.env,
        CHURN_URL: spec.databaseUrl,
        CHURN_SCHEMA: app.database.pgSchema ?? 'public',
        CHURN_IDS: ids.join(','),
        CHURN_RATE: String(rate),
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let commits = 0;
    await new Promise<void>((resolve, reject) => {
      child.on('message', (m: { ready?: boolean; commits?: number }) => {
        if (m.ready) resolve();
        if (typeof m.commits === 'number') commits = m.commits;
      });
      child.once('exit', (code) => reject(new Error(`churn writer exited (${code})`)));
    });
    return {
      commits: () => commits,
      async stop() {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.send({ type: 'stop' });
        await exited;
      },
    };
  }
  const { sql } = await import('drizzle-orm');
  let commits = 0;
  let sent = 0;
  let inFlight = 0;
  let base = 0;
  let next = 0;
  const pending = new Set<Promise<unknown>>();
  const started = performance.now();
  const timer = setInterval(() => {
    let due = Math.floor(((performance.now() - started) / 1000) * rate) - base - sent;
    if (due > rate) {
      base += due - 1;
      due = 1;
    }
    while (due-- > 0 && inFlight < 4) {
      inFlight++;
      sent++;
      const id = ids[next++ % ids.length]!;
      const p = app.database.db.execute(sql`UPDATE recording_policies SET name = name WHERE id = ${id}`).then(
        () => {
          commits++;
        },
        () => undefined,
      );
      pending.add(p);
      void p.finally(() => {
        inFlight--;
        pending.delete(p);
      });
    }
  }, 2);
  return {
    commits: () => commits,
    async stop() {
      clearInterval(timer);
      await Promise.all(pending);
    },
  };
}

interface Started {
  url: string;
  close(): Promise<void>;
  statements?: () => number;
  churnCommits?: () => number | null;
  explain?: (body: string, headers: Record<string, string>) => Promise<{ sql: string; plan: string }[]>;
  extra?: { personIds?: string[]; webexConnectionId?: string };
}

async function main() {
  const spec = JSON.parse(process.argv[2]!) as ContenderSpec;
  const fixture = buildFixture(spec.shape);
  const started: Started =
    spec.kind === 'raw'
      ? await startRaw(fixture)
      : spec.kind === 'bare'
        ? await startBare(fixture)
        : spec.kind === 'stock'
          ? await startStock(fixture)
          : spec.kind === 'mercurius'
            ? await startMercurius(fixture)
            : spec.kind === 'jit'
              ? await startJit(fixture)
              : await startService(fixture, spec);
  const statements = started.statements ?? (() => null);
  const churnCommits = started.churnCommits ?? (() => null);
  let profiler: v8.GCProfiler | undefined;
  let heapAtStart = 0;
  process.on('message', async (msg: ToChild) => {
    switch (msg.type) {
      case 'stats': {
        const m = process.memoryUsage();
        send({ type: 'stats', rss: m.rss, heapUsed: m.heapUsed, statements: statements(), churnCommits: churnCommits() });
        break;
      }
      case 'alloc-start':
        // Allocated bytes = growth of the used heap + everything the collector freed in between.
        global.gc?.();
        heapAtStart = process.memoryUsage().heapUsed;
        profiler = new v8.GCProfiler();
        profiler.start();
        send({ type: 'alloc', bytes: 0 });
        break;
      case 'alloc-stop': {
        const stats = profiler?.stop();
        let freed = 0;
        for (const g of stats?.statistics ?? []) freed += g.beforeGC.heapStatistics.usedHeapSize - g.afterGC.heapStatistics.usedHeapSize;
        send({ type: 'alloc', bytes: process.memoryUsage().heapUsed - heapAtStart + freed });
        break;
      }
      case 'explain':
        send({ type: 'explained', statements: (await started.explain?.(msg.body, msg.headers)) ?? [] });
        break;
      case 'exit':
        await started.close().catch(() => undefined);
        process.exit(0);
    }
  });
  send({ type: 'ready', url: started.url, ...started.extra });
}

if (require.main === module) {
  main().catch((e: unknown) => {
    send({ type: 'error', message: (e as Error)?.stack ?? String(e) });
    process.exit(1);
  });
}
