import { httpUserDirectory } from './directory/user-directory';
import 'reflect-metadata';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type pino from 'pino';
import type { Config } from './config';
import { createLogger } from './server/logger';
import { openDatabase, type Database } from './store/db';
import { createStores, type Stores } from './store';
import { createBoss } from './store/job-queue';
import { SecretBox } from './crypto/secrets';
import { createServices, type Services } from './services';
import { buildRecordingSchema } from './graphql/schema';
import { createApollo } from './server/apollo';
import { Authenticator, signToken, SCOPES } from './server/auth';
import { RequestContext } from './server/context';
import { createHttpHandler, secretMatches } from './server/http';
import { ResponseCache } from './server/response-cache';
import { createDemoVariableResolver, createPlaygroundHandler, loadExampleOperations } from './server/playground';
import { DEMO_CONNECTION_IDS, DEMO_TENANT_ID, DEMO_TENANT_NAME } from './sandbox/demo-tenant';
import { startSandbox, type Sandbox, type SandboxConnectionSpec } from './sandbox/runner';
import { demoStandard } from './services/standard-demo';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import type { GraphQLFormattedError } from 'graphql';
import { randomUUID } from 'node:crypto';
import { createFormatError } from './server/errors';
import { Metrics, type QueueSample } from './server/metrics';
import { checkVariables, parseWithLimits, QueryLimitError, validateWithLimits } from './server/limits';
import { createVendorRegistry, setVendorRegistry } from './vendors/registry';
import { setEgressPolicy } from './vendors/egress';
import { DEFAULT_SYNC_SETTINGS, POLICY_SYNC_QUEUE } from './services/policy-sync.service';
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
  /** Whole answers served again while unchanged (src/server/response-cache.ts). */
  responseCache: ResponseCache;
  /** The built-in vendor emulators, when SANDBOX is on. */
  sandbox?: Sandbox;
  /** Points the demo tenant's connections at these emulators (idempotent; tests point them at their own). */
  connectSandbox(specs: SandboxConnectionSpec[]): Promise<void>;
  /** Stops in at most the grace period (options.graceMs, else SHUTDOWN_GRACE_SECONDS) plus a few seconds to close. */
  shutdown(options?: CloseOptions): Promise<CloseReport>;
  /** shutdown() with the configured grace. */
  close(): Promise<void>;
}

export interface CloseOptions {
  graceMs?: number;
}

export interface CloseReport {
  shutdownMs: number;
  /** Some work was still running when the grace period ended (it was left to the job queue, not failed). */
  graceExpired: boolean;
  /** What was still running then. */
  unfinished: string[];
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
      pgliteSharedBuffers: config.pgliteSharedBuffers,
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
  const stores = createStores(database.db, {
    readCacheRows: config.readCacheRows,
    freezeCachedRows: !config.isProduction,
    quiet: database.quiet,
  });
  metrics.observeReadCache(() => ({ ...stores.readCache.stats, rows: stores.readCache.size().rows }));
  // Expired jobs (a worker died holding them) are only noticed by maintenance: run it often enough to honour the lease.
  const boss = createBoss(database, { maintenanceIntervalSeconds: Math.max(2, Math.min(60, Math.floor(config.syncJobExpireSeconds / 2))) });
  boss.on('error', (err) => logger.error({ err }, 'job queue error'));
  await boss.start();
  const services = createServices(
    {
      database,
      stores,
      secrets,
      logger,
      allowPrivateVendorHosts: config.allowPrivateVendorHosts,
      onCredentialEvent: metrics.onCredentialEvent,
      userDirectory: config.userDirectoryUrl ? httpUserDirectory({ url: config.userDirectoryUrl, token: config.userDirectoryToken }) : null,
    },
    {
      boss,
      applyWaitMs: config.applyWaitMs,
      sync: {
        retryDelaySeconds: config.syncRetryDelaySeconds,
        retryBackoff: config.syncRetryBackoff,
        deadlineSeconds: config.syncDeadlineSeconds,
        expireInSeconds: config.syncJobExpireSeconds,
        batchSize: DEFAULT_SYNC_SETTINGS.batchSize,
        workers: DEFAULT_SYNC_SETTINGS.workers,
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
      reconcile: {
        intervalSeconds: config.reconcileIntervalSeconds,
        standardCheckSeconds: config.standardCheckSeconds,
        pollingIntervalSeconds: config.jobPollSeconds,
        runWorkers: config.workers,
      },
      liveRecovery: { intervalMs: config.workers ? config.liveRecoverySeconds * 1000 : 0 },
    },
  );
  const { schema, sdl } = await buildRecordingSchema();
  const responseCache = new ResponseCache(schema, config.readCacheRows > 0 ? config.responseCacheBytes : 0);
  metrics.observeResponseCache(() => ({ ...responseCache.stats, bytes: responseCache.size().bytes }));
  const apollo = createApollo({
    schema,
    responseCache,
    logger,
    production: config.isProduction,
    introspection: config.introspection,
    extraPlugins: [metrics.apolloPlugin()],
  });
  await apollo.start();
  const authenticator = new Authenticator({
    jwtSecret: config.jwtSecret,
    jwtJwksUrl: config.jwtJwksUrl,
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
  });

  const devToken =
    config.printDevToken && config.jwtSecret
      ? await signToken(config.jwtSecret, {
          sub: 'developer',
          tenants: '*',
          scopes: [...SCOPES],
          expiresIn: '30d',
          issuer: config.jwtIssuer,
          audience: config.jwtAudience,
        })
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
        // Run-time ids of the examples (the call to record, the recording to pause) come from the demo tenant.
        resolvePlaceholders: config.sandbox
          ? createDemoVariableResolver({
              graphqlUrl: () => app.graphqlUrl,
              sandbox: () => app.sandbox,
              tenantId: DEMO_TENANT_ID,
              connectionIds: DEMO_CONNECTION_IDS,
              routerSecret: config.routerSecrets[0],
            })
          : undefined,
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
    responseCache: {
      cache: responseCache,
      principal: async (authorization) => {
        const { principal } = await authenticate(authorization);
        return principal ? { key: principal.cacheKey, scope: principal.tenantFilter() } : null;
      },
      currentVersion: (scope) => stores.readCache.currentVersion(scope),
      pageVersion: (tenants) => stores.readCache.currentPageVersion(tenants),
      onHit: (operationName, seconds) => metrics.countCachedOperation(operationName, seconds),
    },
    createContext: async (req, requestId) => {
      const key = req.headers['idempotency-key'];
      return new RequestContext(
        requestId,
        await authenticate(req.headers.authorization),
        services,
        logger.child({ requestId }),
        typeof key === 'string' ? key : undefined,
      );
    },
  });

  const server = createServer((req, res) => database.statements.during(() => void handler(req, res)));
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
        return {
          ...result,
          errors: result.errors.map((e) => formatError(e.toJSON ? e.toJSON() : (e as unknown as GraphQLFormattedError), e)),
        } as never;
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
    connectSandbox: (specs) => connectDemoTenant(stores, secrets, specs),
    responseCache,
    async close() {
      await app.shutdown();
    },
    async shutdown(options: CloseOptions = {}) {
      const started = Date.now();
      const deadline = started + (options.graceMs ?? config.shutdownGraceSeconds * 1000);
      const unfinished: string[] = [];
      // Waits for `work` until `until`; what is still running then is named in the report and left behind: its
      // job stays in the queue (pg-boss retries it here or on another replica), its people keep their lease.
      const within = async (what: string, work: Promise<unknown>, until = deadline): Promise<boolean> => {
        let timer: NodeJS.Timeout | undefined;
        const finished = await Promise.race([
          work.then(
            () => true,
            () => true,
          ),
          new Promise<boolean>((r) => (timer = setTimeout(() => r(false), Math.max(0, until - Date.now())))),
        ]);
        clearTimeout(timer);
        if (!finished) unfinished.push(what);
        return finished;
      };
      // No new requests; in-flight ones finish; keep-alive sockets are closed as soon as they are idle (they would
      // otherwise linger until they time out). Subscribers are told to go (1001) and reconnect to another replica:
      // an upgraded socket counts as a connection, so server.close() would wait for it.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const httpClosed = new Promise<void>((done) => server.close(() => done()));
      server.closeIdleConnections();
      const subscribers = [...wss.clients];
      const [httpDone] = await Promise.all([
        within('http requests', Promise.all([httpClosed, ws.dispose()])),
        // Roll-out lanes finish the person they hold and hand their jobs over.
        within('roll-out lanes', services.rollouts.stop()),
      ]);
      if (!httpDone) {
        server.closeAllConnections();
        for (const s of subscribers) s.terminate();
      }
      clearInterval(sweep);
      // Without drain plugins this only runs Apollo's own disposers. Sync workers served the requests' first
      // outcomes (APPLY_WAIT_MS) until now; from here no new sync or drift job starts in this replica.
      await within('apollo', apollo.stop(), Math.max(deadline, Date.now() + 1000));
      await within(
        'sync workers',
        Promise.all([
          services.policySync.stop(),
          services.reconcile.stop(),
          services.liveRecordings.stopRecovery(),
          services.attachments.stopRecovery(),
        ]),
        Math.max(deadline, Date.now() + 1000),
      );
      // Jobs in flight finish within what is left of the grace; pg-boss then hands the rest back as retries (never
      // as failures: every job here has retries to spare), so another replica or the next start resumes them.
      const left = deadline - Date.now();
      await within(
        'jobs',
        boss.stop(left >= 1000 ? { graceful: true, wait: true, timeout: left } : { graceful: false, wait: true }),
        Math.max(deadline, Date.now() + 2000),
      );
      // Closing what is ours cannot take long unless something is stuck: bounded too, so the process always exits.
      const tail = Date.now() + 2000;
      await within('events', services.events.close(), tail);
      if (app.sandbox) await within('sandbox', app.sandbox.close(), tail);
      if (!opts.database) await within('database', database.close(), tail);
      return { shutdownMs: Date.now() - started, graceExpired: unfinished.length > 0, unfinished };
    },
  };
  if (config.sandbox) {
    app.sandbox = await startSandbox({ host: '127.0.0.1', basePort: config.sandboxPortBase, webexPeople: config.sandboxWebexPeople });
    await app.connectSandbox(app.sandbox.connections);
    await services.standards.seed(DEMO_TENANT_ID, demoStandard(DEMO_CONNECTION_IDS.megafon!));
  }
  if (opts.beforeListen) await opts.beforeListen(app);
  // Workers call vendors: they start only once the connections they use are ready (the sandbox listening and the
  // demo connections pointed at its new ports), or a resumed roll-out would spend its first minute on dead ports.
  await services.policySync.start();
  await services.rollouts.start();
  await services.reconcile.start();
  // Intents a dead process left (live recordings, attachments) are settled once the connections they use exist.
  if (config.workers) {
    await services.liveRecordings.startRecovery();
    await services.attachments.startRecovery();
  }
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

/**
 * Connects the demo tenant to the built-in sandbox (development only), through the stores. Idempotent: each start
 * points the demo connections at the emulators' current addresses, and every other connection that pointed at an
 * emulator's previous address with them, so a restart on other ports keeps working.
 */
async function connectDemoTenant(stores: Stores, secrets: SecretBox, specs: SandboxConnectionSpec[]): Promise<void> {
  await stores.tenants.ensure(stores.db, { id: DEMO_TENANT_ID, name: DEMO_TENANT_NAME });
  for (const spec of specs) {
    const id = DEMO_CONNECTION_IDS[spec.key];
    if (!id) continue;
    const credentials = Object.fromEntries(spec.credentials.map((c) => [c.name, c.value]));
    const row = {
      baseUrl: spec.baseUrl,
      settings: Object.fromEntries(spec.settings.map((s) => [s.name, s.value])),
      credentialsSealed: secrets.seal(JSON.stringify(credentials), id),
      credentialsKeyId: secrets.currentKeyId,
    };
    const [existing] = await stores.connections.byIds(null, [id]);
    // Connections a user made to the sandbox (playground tab 06) had its previous address: they move with it.
    if (existing) await stores.connections.followMovedAddress(stores.db, spec.vendor, existing.baseUrl, spec.baseUrl, id);
    if (existing) await stores.connections.update(stores.db, null, id, row);
    else await stores.connections.insert(stores.db, { id, tenantId: DEMO_TENANT_ID, vendor: spec.vendor, name: spec.name, ...row });
  }
}
