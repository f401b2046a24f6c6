import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { HttpHooks } from '../vendors/http';
import type { RequestContext } from './context';

/**
 * Prometheus metrics (issue 8), one registry per app so tests can run several apps in one process. Labels are
 * bounded: vendor kinds, vendor operation names and our error codes are closed sets; operation names come from
 * clients, so only the first MAX_OPERATION_NAMES distinct ones get a label of their own. No label carries a
 * tenant, connection, URL or credential.
 */
export const METRICS_PATH = '/metrics';
const MAX_OPERATION_NAMES = 200;
const PREFIX = 'recsub_';

export interface QueueSample {
  depth: number;
  oldestAgeSeconds: number;
}

export interface MetricsOptions {
  /** Samples a job queue on each scrape (depth and age of the oldest waiting job). */
  sampleQueues?: () => Promise<Record<string, QueueSample>>;
  defaultMetrics?: boolean;
}

export class Metrics {
  readonly registry = new Registry();
  private readonly operationNames = new Set<string>();
  private readonly breakerStates = new Map<string, { vendor: string; state: string }>();

  readonly operations = new Counter({
    name: `${PREFIX}graphql_operations_total`,
    help: 'GraphQL operations answered, by type, name and outcome (ok, or error when any error was returned).',
    labelNames: ['type', 'name', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: `${PREFIX}graphql_errors_total`,
    help: 'Errors returned to clients, by extensions.code (HTTP-level refusals included).',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly operationDuration = new Histogram({
    name: `${PREFIX}graphql_operation_duration_seconds`,
    help: 'Time from the start of a GraphQL request to its response, by operation type.',
    labelNames: ['type'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly vendorCalls = new Counter({
    name: `${PREFIX}vendor_calls_total`,
    help: 'Vendor calls (retries included in one call), by vendor, vendor operation and outcome.',
    labelNames: ['vendor', 'operation', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly vendorCallDuration = new Histogram({
    name: `${PREFIX}vendor_call_duration_seconds`,
    help: 'Vendor call latency including retries and rate-limit waits, by vendor and outcome.',
    labelNames: ['vendor', 'outcome'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 60],
    registers: [this.registry],
  });
  readonly vendorAttempts = new Counter({
    name: `${PREFIX}vendor_attempts_total`,
    help: 'HTTP attempts sent to vendors, by vendor and outcome.',
    labelNames: ['vendor', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly vendorRetries = new Counter({
    name: `${PREFIX}vendor_retries_total`,
    help: 'Retries of vendor calls, by vendor and the reason of the failed attempt.',
    labelNames: ['vendor', 'reason'] as const,
    registers: [this.registry],
  });
  readonly breakerTransitions = new Counter({
    name: `${PREFIX}vendor_breaker_transitions_total`,
    help: 'Circuit breaker state changes, by vendor and the new state.',
    labelNames: ['vendor', 'state'] as const,
    registers: [this.registry],
  });

  readonly credentialEvents = new Counter({
    name: `${PREFIX}vendor_credential_events_total`,
    help: 'Vendor-issued tokens obtained, refreshed, refused (the connection turned AUTH_EXPIRED), failed or released, by vendor.',
    labelNames: ['vendor', 'outcome'] as const,
    registers: [this.registry],
  });
  /** services/credential-tokens.ts reports here. */
  readonly onCredentialEvent = (e: { vendor: string; outcome: string }): void => {
    this.credentialEvents.inc({ vendor: e.vendor, outcome: e.outcome });
  };

  constructor(opts: MetricsOptions = {}) {
    const breakerStates = this.breakerStates;
    new Gauge({
      name: `${PREFIX}vendor_breakers`,
      help: 'Vendor connections whose circuit breaker is in each state (connections never tripped count as closed once used).',
      labelNames: ['vendor', 'state'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        const counts = new Map<string, number>();
        for (const { vendor, state } of breakerStates.values())
          counts.set(`${vendor}\u0000${state}`, (counts.get(`${vendor}\u0000${state}`) ?? 0) + 1);
        for (const [key, n] of counts) {
          const [vendor, state] = key.split('\u0000') as [string, string];
          this.set({ vendor, state }, n);
        }
      },
    });
    if (opts.sampleQueues) {
      const sample = opts.sampleQueues;
      let pending: Promise<Record<string, QueueSample>> | undefined;
      // Both gauges read one sample per scrape.
      const once = () => {
        pending ??= sample().finally(() => setImmediate(() => (pending = undefined)));
        return pending;
      };
      new Gauge({
        name: `${PREFIX}job_queue_depth`,
        help: 'Jobs waiting in a queue (created or waiting for a retry), sampled at scrape.',
        labelNames: ['queue'] as const,
        registers: [this.registry],
        async collect() {
          this.reset();
          for (const [queue, s] of Object.entries(await once())) this.set({ queue }, s.depth);
        },
      });
      new Gauge({
        name: `${PREFIX}job_queue_oldest_age_seconds`,
        help: 'Age of the oldest waiting job in a queue (0 when empty), sampled at scrape.',
        labelNames: ['queue'] as const,
        registers: [this.registry],
        async collect() {
          this.reset();
          for (const [queue, s] of Object.entries(await once())) this.set({ queue }, s.oldestAgeSeconds);
        },
      });
    }
    if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: PREFIX });
  }

  /** Read cache figures (src/store/read-cache.ts), read at scrape. */
  observeReadCache(sample: () => { hits: number; misses: number; rows: number }): void {
    const counters = [
      ['hits', 'Reads of tenants, connections or policies answered from the read cache (the database had not changed).'],
      ['misses', 'Reads of tenants, connections or policies that went to the database (first read, or changed since).'],
    ] as const;
    for (const [key, help] of counters) {
      new Counter({
        name: `${PREFIX}read_cache_${key}_total`,
        help,
        registers: [this.registry],
        collect() {
          this.reset();
          this.inc(sample()[key]);
        },
      });
    }
    new Gauge({
      name: `${PREFIX}read_cache_rows`,
      help: 'Rows held by the read cache (at most READ_CACHE_ROWS).',
      registers: [this.registry],
      collect() {
        this.set(sample().rows);
      },
    });
  }

  /** Hooks for the shared vendor HTTP layer (src/vendors/http.ts). */
  readonly vendorHooks: HttpHooks = {
    onCall: (e) => {
      this.vendorCalls.inc({ vendor: e.vendor, operation: e.operation, outcome: e.outcome });
      this.vendorCallDuration.observe({ vendor: e.vendor, outcome: e.outcome }, e.latencyMs / 1000);
      if (!this.breakerStates.has(e.connectionId)) this.breakerStates.set(e.connectionId, { vendor: e.vendor, state: 'closed' });
    },
    onAttempt: (e) => this.vendorAttempts.inc({ vendor: e.vendor, outcome: e.outcome }),
    onRetry: (e) => this.vendorRetries.inc({ vendor: e.vendor, reason: e.reason }),
    onBreakerState: (e) => {
      this.breakerTransitions.inc({ vendor: e.vendor, state: e.state });
      this.breakerStates.set(e.connectionId, { vendor: e.vendor, state: e.state });
    },
  };

  /** Counts a refusal answered before Apollo Server (body too large, not JSON, router secret, timeout). */
  countHttpError(code: string): void {
    this.errors.inc({ code });
  }

  private operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES || !/^[A-Za-z_][A-Za-z0-9_]{0,99}$/.test(name)) return 'other';
    this.operationNames.add(name);
    return name;
  }

  /** The response cache's counters (src/server/response-cache.ts). */
  observeResponseCache(sample: () => { hits: number; misses: number; bytes: number }): void {
    for (const [key, help] of [
      ['hits', 'Queries answered with the bytes the response cache kept (the data they read had not changed).'],
      ['misses', 'Queries the response cache did not answer (not kept, or the data changed since).'],
    ] as const) {
      new Counter({
        name: `${PREFIX}response_cache_${key}_total`,
        help,
        registers: [this.registry],
        collect() {
          this.reset();
          this.inc(sample()[key]);
        },
      });
    }
    new Gauge({
      name: `${PREFIX}response_cache_bytes`,
      help: 'Bytes held by the response cache (at most RESPONSE_CACHE_BYTES).',
      registers: [this.registry],
      collect() {
        this.set(sample().bytes);
      },
    });
  }

  /** A query answered by the response cache still counts as an operation (outcome ok: only answers without errors are kept). */
  countCachedOperation(operationName: string | undefined, seconds: number): void {
    this.operations.inc({ type: 'query', name: this.operationLabel(operationName), outcome: 'ok' });
    this.operationDuration.observe({ type: 'query' }, seconds);
  }

  /** Counts operations and errors by code, and logs each operation with its request id. */
  apolloPlugin(): ApolloServerPlugin<RequestContext> {
    const metrics = this;
    return {
      async requestDidStart() {
        const started = performance.now();
        return {
          async willSendResponse({ response, operation, operationName, contextValue }) {
            const type = operation?.operation ?? 'unknown';
            const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
            const codes = errors.map((e) => String(e.extensions?.code ?? 'UNKNOWN'));
            for (const code of codes) metrics.errors.inc({ code });
            const name = metrics.operationLabel(operationName);
            metrics.operations.inc({ type, name, outcome: codes.length ? 'error' : 'ok' });
            const seconds = (performance.now() - started) / 1000;
            metrics.operationDuration.observe({ type }, seconds);
            const line = { operation: operationName ?? undefined, type, ms: Math.round(seconds * 1000), codes: codes.length ? codes : undefined };
            // One line per operation; at info only when something was refused or failed.
            if (codes.length) contextValue.logger.info(line, 'graphql operation answered with errors');
            else contextValue.logger.debug(line, 'graphql operation');
          },
        };
      },
    };
  }

  /** The /metrics route for the HTTP handler. */
  route() {
    return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
      if (req.url !== METRICS_PATH || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
      try {
        const body = await this.registry.metrics();
        res.writeHead(200, { 'content-type': this.registry.contentType, 'cache-control': 'no-store' }).end(req.method === 'HEAD' ? undefined : body);
      } catch {
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics unavailable\n');
      }
      return true;
    };
  }
}
