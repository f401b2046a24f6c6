import 'reflect-metadata';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type pino from 'pino';
import type { Config } from './config';
import { createLogger } from './server/logger';
import { openDatabase, type Database } from './store/db';
import { createStores } from './store';
import { createBoss } from './store/job-queue';
import { SecretBox } from './crypto/secrets';
import { createServices, type Services } from './services';
import { buildRecordingSchema } from './graphql/schema';
import { createApollo } from './server/apollo';
import { Authenticator, signToken, SCOPES } from './server/auth';
import { RequestContext } from './server/context';
import { createHttpHandler, secretMatches } from './server/http';
import { createPlaygroundHandler, loadExampleOperations } from './server/playground';
import { startSandbox, type Sandbox } from './sandbox/runner';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import type { GraphQLFormattedError } from 'graphql';
import { randomUUID } from 'node:crypto';
import { createFormatError } from './server/errors';
import { Metrics, type QueueSample } from './server/metrics';
import { checkVariables, parseWithLimits, QueryLimitError, validateWithLimits } from './server/limits';
import { createVendorRegistry, setVendorRegistry } from './vendors/registry';
import { setEgressPolicy } from './vendors/egress';
import { POLICY_SYNC_QUEUE } from './services/policy-sync.service';
import { bossSchemaOf } from './store/job-queue';
import { GraphQLError, getOperationAST } from 'graphql';

export const ROOT_DIR = resolve(__dirname, '..', '..');
export const GRAPHQL_PATH = '/graphql';

export interface AppOptions {
  config: Config;
  /**
   * An open database to share instead of opening one (a second replica in the same process on the embedded
   * database, which one process owns); the app then leaves it open at close.
   */
  database?: Database;
  /** Run in a PostgreSQL schema of its own (tests on a shared server). */
  pgSchema?: string;
  /** Keep PGlite in memory instead of under DATA_DIR (tests). */
  inMemory?: boolean;
  logDestination?: pino.DestinationStream;
  /** Hook run after the database and services exist, before listening (sandbox seeding). */
  beforeListen?: (app: App) => Promise<void>;
}

export interface App {
  config: Config;
  logger: Logger;
  database: Database;
  services: Services;
  server: Server;
  url: string;
  graphqlUrl: string;
  devToken?: string;
  sdl: string;
  /** Prometheus metrics served at /metrics. */
  metrics: Metrics;
  /** The built-in vendor emulators, when SANDBOX is on. */
  sandbox?: Sandbox;
  close(): Promise<void>;
}

export async function startApp(opts: AppOptions): Promise<App> {
  const { config } = opts;
  const logger = createLogger(config.logLevel, opts.logDestination);
  const database =
    opts.database ??
    (await openDatabase({
      url: config.databaseUrl,
      dataDir: opts.inMemory ? undefined : config.dataDir,
      pgSchema: opts.pgSchema ?? config.databaseSchema,
    }));
  const secrets = new SecretBox(config.credentialsKey, config.previousCredentialsKeys);
  // Outbound vendor traffic: where it may go (SSRF), and metrics for every call. Both are process-wide, as the
  // vendor registry is.
  setEgressPolicy({ allowPrivate: config.allowPrivateVendorHosts, allowHosts: config.vendorPrivateHosts });
  const metrics = new Metrics({
    sampleQueues: async () => {
      const out: Record<string, QueueSample> = {};
      try {
        const [row] = await database.rawQuery<{ depth: number; age: number | null }>(
          `SELECT count(*)::int AS depth, EXTRACT(EPOCH FROM now() - min(created_on))::float8 AS age FROM ${bossSchemaOf(database)}.job WHERE name = $1 AND state < 'active'`,
          [POLICY_SYNC_QUEUE],
        );
        out[POLICY_SYNC_QUEUE] = { depth: Number(row?.depth ?? 0), oldestAgeSeconds: Math.max(0, Number(row?.age ?? 0)) };
      } catch {
        // An unreachable database must not fail the scrape: the queue gauges are left out, /readyz reports it.
      }
      return out;
    },
  });
  setVendorRegistry(createVendorRegistry({ hooks: metrics.vendorHooks }));
  const stores = createStores(database.db, { readCacheRows: config.readCacheRows, freezeCachedRows: !config.isProduction });
  metrics.observeReadCache(() => ({ ...stores.readCache.stats, rows: stores.readCache.size().rows }));
  // Expired jobs (a worker died holding them) are only noticed by maintenance: run it often enough to honour the lease.
  const boss = createBoss(database, { maintenanceIntervalSeconds: Math.max(2, Math.min(60, Math.floor(config.syncJobExpireSeconds / 2))) });
  boss.on('error', (err) => logger.error({ err }, 'job queue error'));
  await boss.start();
  const services = createServices(
    { database, stores, secrets, logger, allowPrivateVendorHosts: config.allowPrivateVendorHosts, onCredentialEvent: metrics.onCredentialEvent },
    {
      boss,
      applyWaitMs: config.applyWaitMs,
      sync: {
        retryDelaySeconds: config.syncRetryDelaySeconds,
        retryBackoff: config.syncRetryBackoff,
        deadlineSeconds: config.syncDeadlineSeconds,
        expireInSeconds: config.syncJobExpireSeconds,
        batchSize: 10,
        pollingIntervalSeconds: config.jobPollSeconds,
        runWorkers: config.workers,
      },
      rollout: {
        rateCap: config.rolloutRatePerSecond,
        jobs: config.rolloutJobs,
        workers: config.workers ? config.rolloutWorkers : 0,
        lanes: config.rolloutLanes,
        leaseSeconds: config.rolloutLeaseSeconds,
        sliceSeconds: config.rolloutSliceSeconds,
        pollingIntervalSeconds: config.jobPollSeconds,
      },
      reconcile: { intervalSeconds: config.reconcileIntervalSeconds, pollingIntervalSeconds: config.jobPollSeconds, runWorkers: config.workers },
    },
  );
  await services.policySync.start();
  await services.rollouts.start();
  await services.reconcile.start();
  const { schema, sdl } = await buildRecordingSchema();
  const apollo = createApollo({ schema, logger, production: config.isProduction, introspection: config.introspection, extraPlugins: [metrics.apolloPlugin()] });
  await apollo.start();
  const authenticator = new Authenticator({
    jwtSecret: config.jwtSecret,
    jwtJwksUrl: config.jwtJwksUrl,
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
  });

  const devToken = config.printDevToken && config.jwtSecret
    ? await signToken(config.jwtSecret, { sub: 'developer', tenants: '*', scopes: [...SCOPES], expiresIn: '30d', issuer: config.jwtIssuer, audience: config.jwtAudience })
    : undefined;

  const routes: ((req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>)[] = [
    metrics.route(),
    (req, res) => {
      if (req.url !== '/healthz') return false;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return true;
    },
    async (req, res) => {
      if (req.url !== '/readyz') return false;
      try {
        await database.ping();
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ready"}');
      } catch {
        res.writeHead(503, { 'content-type': 'application/json' }).end('{"status":"database unreachable"}');
      }
      return true;
    },
  ];
  if (config.playground) {
    routes.push(
      createPlaygroundHandler({
        graphqlPath: GRAPHQL_PATH,
        assetsDir: join(ROOT_DIR, 'dist', 'playground'),
        defaultHeaders: devToken ? { Authorization: `Bearer ${devToken}` } : undefined,
        exampleOperations: loadExampleOperations(join(ROOT_DIR, 'schema', 'operations')),
      }),
    );
  }

  const authenticate = async (authorization: string | undefined) => {
    try {
      return { principal: await authenticator.authenticate(authorization) };
    } catch (e) {
      return { error: e as Error };
    }
  };
  const handler = createHttpHandler({
    apollo,
    graphqlPath: GRAPHQL_PATH,
    logger,
    routerSecrets: config.routerSecrets,
    executionTimeoutMs: config.executionTimeoutMs,
    onRefused: (code) => metrics.countHttpError(code),
    routes,
    createContext: async (req, requestId) => {
      const key = req.headers['idempotency-key'];
      return new RequestContext(requestId, await authenticate(req.headers.authorization), services, logger.child({ requestId }), typeof key === 'string' ? key : undefined);
    },
  });

  const server = createServer((req, res) => void handler(req, res));
  server.keepAliveTimeout = 65_000;

  // Subscriptions over graphql-ws on the same path. The token comes in connectionParams (browsers cannot set
  // headers on a WebSocket) or in the upgrade request's Authorization header (routers).
  const wss = new WebSocketServer({ server, path: GRAPHQL_PATH, maxPayload: 64 * 1024 });
  const formatError = createFormatError({ production: config.isProduction });
  const ws = useServer(
    {
      schema,
      // The same query limits as HTTP (src/server/limits.ts).
      onSubscribe: (_ctx, _id, payload) => {
        let document;
        try {
          document = parseWithLimits(payload.query);
        } catch (e) {
          return [e instanceof GraphQLError ? e : new GraphQLError('Syntax Error')];
        }
        const errors = validateWithLimits(schema, document);
        if (errors.length) return errors;
        try {
          checkVariables(getOperationAST(document, payload.operationName) ?? undefined, payload.variables ?? undefined);
        } catch (e) {
          if (e instanceof QueryLimitError) return [e];
          throw e;
        }
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
      },
      onConnect: (ctx) => {
        if (config.routerSecrets.length === 0) return true;
        const given = ctx.extra.request.headers['x-router-secret'];
        return typeof given === 'string' && secretMatches(given, config.routerSecrets);
      },
      context: async (ctx) => {
        const params = (ctx.connectionParams ?? {}) as Record<string, unknown>;
        const fromParams = params.authorization ?? params.Authorization;
        const authorization = typeof fromParams === 'string' ? fromParams : ctx.extra.request.headers.authorization;
        const requestId = randomUUID();
        return new RequestContext(requestId, await authenticate(authorization), services, logger.child({ requestId }));
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(e as unknown as GraphQLFormattedError, e)),
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!('errors' in result) || !result.errors?.length) return result;
        return { ...result, errors: result.errors.map((e) => formatError(e.toJSON ? e.toJSON() : (e as unknown as GraphQLFormattedError), e)) } as never;
      },
    },
    wss,
  );
  const app: App = {
    config,
    logger,
    database,
    services,
    server,
    url: '',
    graphqlUrl: '',
    devToken,
    sdl,
    metrics,
    async close() {
      // In-flight requests finish; idle keep-alive sockets are closed; then the pool.
      // Keep-alive sockets that finish their last response after close() would otherwise linger until they time out.
      await new Promise<void>((done) => {
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        server.close(() => {
          clearInterval(sweep);
          done();
        });
        server.closeIdleConnections();
      });
      await apollo.stop();
      // Jobs in flight finish (or are retried by another replica after their lease), then the queue stops.
      // Roll-out lanes finish the person they hold and hand their jobs over before the queue stops.
      await services.rollouts.stop();
      await services.reconcile.stop();
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      await services.events.close();
      await app.sandbox?.close();
      if (!opts.database) await database.close();
    },
  };
  if (config.sandbox) {
    app.sandbox = await startSandbox({ host: '127.0.0.1', basePort: config.sandboxPortBase, webexPeople: config.sandboxWebexPeople });
    await services.demo.connectSandbox(app.sandbox.connections);
  }
  if (opts.beforeListen) await opts.beforeListen(app);
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(config.port, config.host, () => done());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address === '0.0.0.0' ? '127.0.0.1' : addr.address;
  app.url = `http://${host}:${addr.port}`;
  app.graphqlUrl = `${app.url}${GRAPHQL_PATH}`;
  return app;
}
