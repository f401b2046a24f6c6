import {
  BrokenCircuitError,
  CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  DelegateBackoff,
  IsolatedCircuitError,
  circuitBreaker,
  handleWhen,
  retry,
  type IRetryBackoffContext,
} from 'cockatiel';
import { Agent, fetch as undiciFetch } from 'undici';
import { AppError, type FieldProblem } from '../../domain/errors';
import type { VendorKind } from '../../domain/vendor-kind';
import type { ConnectionContext } from '../port';
import { checkUrlHost, egressRefusalIn, getEgressPolicy, guardedLookup, type EgressPolicy } from '../egress';
import { backoffDelay, parseRetryAfter, TokenBucket } from './limiter';
import { joinUrl, type HttpMethod, type VendorCall } from './preview';
import { mergeSettings, type DeepPartial, type HttpSettings, type VendorHttpDefaults } from './settings';

/**
 * The one outbound HTTP layer every adapter uses (issue 7): per connection a token-bucket limiter and a circuit
 * breaker, per call connect/total timeouts and bounded retries (exponential backoff with full jitter, only for calls
 * that are safe to repeat; Retry-After honoured in both forms and capped). Adapters describe one vendor endpoint
 * per call and give an error hook that turns the vendor's error body into our code; nothing that leaves this file
 * carries a URL, a query string, a request/response body or a credential.
 */

/** The part of fetch we use, so tests can inject any fetch (global, undici, a recorder). */
export type FetchLike = (
  url: string,
  init: {
    method: string;
    headers: Record<string, string>;
    body?: string | Uint8Array;
    signal?: AbortSignal;
    dispatcher?: unknown;
    redirect?: 'manual';
  },
) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;

export interface VendorResponse {
  status: number;
  headers: { get(name: string): string | null };
  text: string;
  /** Parsed JSON, or undefined when the body is empty or not JSON. */
  json: unknown;
}

/** What an adapter's error hook makes of a response it considers a failure. */
export interface VendorFailure {
  code: 'VENDOR_REJECTED' | 'VENDOR_UNAVAILABLE' | 'VENDOR_AUTH_FAILED';
  vendorCode?: string | number;
  vendorMessage?: string;
  fields?: FieldProblem[];
}

/**
 * Error hook: null when the response is a success. Called for every response, so vendors that answer HTTP 200 with
 * an error code in the body (Yeastar) can fail it.
 */
export type ErrorHook = (res: VendorResponse) => VendorFailure | null;

export type CallOutcome = 'ok' | 'rejected' | 'auth_failed' | 'unavailable' | 'rate_limited' | 'breaker_open';

/** Hooks for metrics and logs; every argument is free of URLs, bodies and credentials. */
export interface HttpHooks {
  onCall?(e: {
    vendor: VendorKind;
    connectionId: string;
    operation: string;
    method: HttpMethod;
    outcome: CallOutcome;
    status?: number;
    attempts: number;
    latencyMs: number;
  }): void;
  onAttempt?(e: { vendor: VendorKind; connectionId: string; operation: string; attempt: number; status?: number; outcome: CallOutcome }): void;
  onRetry?(e: { vendor: VendorKind; connectionId: string; operation: string; attempt: number; delayMs: number; reason: string }): void;
  onBreakerState?(e: { vendor: VendorKind; connectionId: string; state: 'closed' | 'open' | 'half_open' | 'isolated' }): void;
}

export interface HttpCounters {
  calls: number;
  attempts: number;
  retries: number;
  byOutcome: Record<CallOutcome, number>;
}

/** What an adapter factory takes: everything but the vendor identity. */
export type AdapterHttpOptions = Omit<VendorHttpOptions, 'vendor' | 'displayName' | 'defaults'>;

export interface VendorHttpOptions {
  vendor: VendorKind;
  displayName: string;
  /** The vendor's own settings and request-id header (vendors/<vendor>/http.ts). */
  defaults: VendorHttpDefaults;
  /** Injected fetch (tests); by default undici's fetch with a connect-timeout Agent per settings. */
  fetch?: FetchLike;
  settings?: DeepPartial<HttpSettings>;
  hooks?: HttpHooks;
  /** Where calls may go; by default the process-wide policy the app sets at boot (src/vendors/egress.ts). */
  egress?: EgressPolicy;
}

/** One attempt's failure, inside the retry loop; turned into an AppError before it leaves this file. */
class AttemptFailure extends Error {
  constructor(
    readonly failure: VendorFailure,
    readonly outcome: CallOutcome,
    readonly retryable: boolean,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(failure.vendorMessage ?? failure.code);
  }
}

interface ConnectionPolicies {
  settingsKey: string;
  settings: HttpSettings;
  limiter: TokenBucket;
  breaker: CircuitBreakerPolicy;
  dispatcher?: Agent;
}

const STATE_NAMES: Record<CircuitState, 'closed' | 'open' | 'half_open' | 'isolated'> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half_open',
  [CircuitState.Isolated]: 'isolated',
};

function emptyCounters(): HttpCounters {
  return { calls: 0, attempts: 0, retries: 0, byOutcome: { ok: 0, rejected: 0, auth_failed: 0, unavailable: 0, rate_limited: 0, breaker_open: 0 } };
}

/**
 * The HTTP client of one vendor kind, shared by every connection of that kind; policies are kept per connection id.
 */
export class VendorHttp {
  readonly counters: HttpCounters = emptyCounters();
  private readonly connections = new Map<string, ConnectionPolicies>();
  private readonly fetchImpl: FetchLike | undefined;

  constructor(private readonly options: VendorHttpOptions) {
    this.fetchImpl = options.fetch;
  }

  get vendor(): VendorKind {
    return this.options.vendor;
  }

  /** The effective settings for a connection (defaults <- constructor options <- connection settings). */
  settingsFor(conn: ConnectionContext): HttpSettings {
    return mergeSettings(this.options.defaults.settings, this.options.settings, conn);
  }

  breakerState(connectionId: string): 'closed' | 'open' | 'half_open' | 'isolated' | undefined {
    const p = this.connections.get(connectionId);
    return p ? STATE_NAMES[p.breaker.state] : undefined;
  }

  /** Forget a connection's policies (its credentials or settings changed, or it was deleted). */
  forget(connectionId: string): void {
    const p = this.connections.get(connectionId);
    this.connections.delete(connectionId);
    void p?.dispatcher?.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    const all = [...this.connections.values()];
    this.connections.clear();
    await Promise.all(all.map((p) => p.dispatcher?.close().catch(() => undefined)));
  }

  private policies(conn: ConnectionContext): ConnectionPolicies {
    const settings = this.settingsFor(conn);
    const settingsKey = JSON.stringify(settings);
    const existing = this.connections.get(conn.connectionId);
    if (existing && existing.settingsKey === settingsKey) return existing;
    if (existing) void existing.dispatcher?.close().catch(() => undefined);
    const breaker = circuitBreaker(
      handleWhen((e) => e instanceof AttemptFailure && e.outcome === 'unavailable'),
      { halfOpenAfter: settings.breaker.halfOpenAfterMs, breaker: new ConsecutiveBreaker(settings.breaker.consecutiveFailures) },
    );
    breaker.onStateChange((state) =>
      this.options.hooks?.onBreakerState?.({ vendor: this.options.vendor, connectionId: conn.connectionId, state: STATE_NAMES[state] }),
    );
    const p: ConnectionPolicies = {
      settingsKey,
      settings,
      limiter: new TokenBucket(settings.limiter),
      breaker,
      // The lookup refuses hostnames that resolve to private, loopback or link-local addresses (egress.ts).
      dispatcher: this.fetchImpl
        ? undefined
        : new Agent({ connect: { timeout: settings.connectTimeoutMs, lookup: guardedLookup(this.options.egress) } }),
    };
    this.connections.set(conn.connectionId, p);
    return p;
  }

  /**
   * Sends one vendor call through limiter, breaker, timeout and retries; returns the response the error hook
   * accepted, or throws an AppError (VENDOR_REJECTED / VENDOR_UNAVAILABLE / VENDOR_AUTH_FAILED).
   */
  async send(conn: ConnectionContext, call: VendorCall, errorHook: ErrorHook): Promise<VendorResponse> {
    const p = this.policies(conn);
    const { retry: r } = p.settings;
    const started = performance.now();
    let attempts = 0;
    this.counters.calls++;

    const policy = retry(
      handleWhen((e) => e instanceof AttemptFailure && e.retryable),
      {
        maxAttempts: r.maxRetries,
        backoff: new DelegateBackoff((ctx: IRetryBackoffContext<unknown>) => {
          const err = 'error' in ctx.result ? ctx.result.error : undefined;
          const after = err instanceof AttemptFailure ? err.retryAfterMs : undefined;
          return after !== undefined ? after : backoffDelay(ctx.attempt, r);
        }),
      },
    );
    policy.onRetry((e) => {
      this.counters.retries++;
      const err = 'error' in e ? e.error : undefined;
      this.options.hooks?.onRetry?.({
        vendor: this.options.vendor,
        connectionId: conn.connectionId,
        operation: call.operation,
        attempt: e.attempt,
        delayMs: e.delay,
        reason: err instanceof AttemptFailure ? err.outcome : 'error',
      });
    });

    try {
      const res = await policy.execute(
        () =>
          p.breaker.execute(async () => {
            attempts++;
            this.counters.attempts++;
            // Bulk work first waits for its slot on the schedule it shares with other replicas.
            if (conn.pace) await conn.pace(conn.signal);
            await p.limiter.take(conn.signal);
            return this.attempt(conn, call, errorHook, p, attempts);
          }),
        conn.signal,
      );
      this.record(conn, call, 'ok', res.status, attempts, started);
      return res;
    } catch (e) {
      const err = this.toAppError(e, call);
      const outcome: CallOutcome =
        e instanceof AttemptFailure
          ? e.outcome
          : e instanceof BrokenCircuitError || e instanceof IsolatedCircuitError
            ? 'breaker_open'
            : 'unavailable';
      this.record(conn, call, outcome, e instanceof AttemptFailure ? e.status : undefined, attempts, started);
      throw err;
    }
  }

  private record(conn: ConnectionContext, call: VendorCall, outcome: CallOutcome, status: number | undefined, attempts: number, started: number) {
    this.counters.byOutcome[outcome]++;
    this.options.hooks?.onCall?.({
      vendor: this.options.vendor,
      connectionId: conn.connectionId,
      operation: call.operation,
      method: call.method,
      outcome,
      status,
      attempts,
      latencyMs: performance.now() - started,
    });
  }

  private async attempt(
    conn: ConnectionContext,
    call: VendorCall,
    errorHook: ErrorHook,
    p: ConnectionPolicies,
    attempt: number,
  ): Promise<VendorResponse> {
    const { settings } = p;
    const timeout = AbortSignal.timeout(settings.totalTimeoutMs);
    const signal = conn.signal ? AbortSignal.any([conn.signal, timeout]) : timeout;
    const headers: Record<string, string> = { accept: 'application/json', ...(call.headers ?? {}) };
    const requestIdHeader = this.options.defaults.requestIdHeader;
    if (conn.requestId && !Object.keys(headers).some((k) => k.toLowerCase() === requestIdHeader.toLowerCase()))
      headers[requestIdHeader] = conn.requestId;
    let body: string | Uint8Array | undefined;
    if (call.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(call.form).toString();
    } else if (call.raw !== undefined) {
      headers['content-type'] = call.raw.contentType;
      body = call.raw.data;
    } else if (call.body !== undefined) {
      headers['content-type'] ??= 'application/json; charset=UTF-8';
      body = JSON.stringify(call.body);
    }
    const url = joinUrl(conn.baseUrl, call.path, call.query);
    const hookAttempt = (outcome: CallOutcome, status?: number) =>
      this.options.hooks?.onAttempt?.({
        vendor: this.options.vendor,
        connectionId: conn.connectionId,
        operation: call.operation,
        attempt,
        status,
        outcome,
      });

    const refused = () => {
      hookAttempt('rejected');
      return new AttemptFailure(
        { code: 'VENDOR_REJECTED', vendorMessage: 'the vendor host is, or resolves to, a private, loopback or link-local address: refused' },
        'rejected',
        false,
      );
    };
    try {
      checkUrlHost(url, this.options.egress ?? getEgressPolicy());
    } catch {
      throw refused();
    }

    let res: VendorResponse;
    try {
      const f: FetchLike = this.fetchImpl ?? (undiciFetch as unknown as FetchLike);
      // Redirects are never followed: a vendor API answers in place, and a redirect could point anywhere.
      const raw = await f(url, { method: call.method, headers, body, signal, dispatcher: p.dispatcher, redirect: 'manual' });
      const text = await raw.text();
      let json: unknown;
      if (text.length) {
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
      }
      res = { status: raw.status, headers: raw.headers, text, json };
    } catch (e) {
      if (conn.signal?.aborted) throw e;
      if (egressRefusalIn(e)) throw refused();
      // Timeouts, refused or reset connections, truncated bodies: never the error text (undici puts the URL there).
      const timedOut = timeout.aborted;
      hookAttempt('unavailable');
      throw new AttemptFailure(
        { code: 'VENDOR_UNAVAILABLE', vendorMessage: timedOut ? `no answer within ${settings.totalTimeoutMs} ms` : 'connection failed' },
        'unavailable',
        call.idempotent,
      );
    }

    const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
    // 429 (and Webex's 423 Locked) mean the request was not processed: safe to repeat whatever the method.
    if (res.status === 429 || res.status === 423) {
      const failure = errorHook(res) ?? { code: 'VENDOR_UNAVAILABLE' as const };
      const waited = retryAfter ?? backoffDelay(attempt, settings.retry);
      hookAttempt('rate_limited', res.status);
      if (waited > settings.retry.retryAfterCapMs) {
        // Not waited out here, but the caller holding its work needs to know when to come back.
        throw new AttemptFailure({ ...failure, code: 'VENDOR_UNAVAILABLE' }, 'rate_limited', false, res.status, waited);
      }
      p.limiter.pauseFor(waited);
      throw new AttemptFailure({ ...failure, code: 'VENDOR_UNAVAILABLE' }, 'rate_limited', true, res.status, waited);
    }

    let failure =
      res.status >= 300 && res.status < 400
        ? { code: 'VENDOR_REJECTED' as const, vendorCode: res.status, vendorMessage: 'the vendor answered with a redirect, which is not followed' }
        : (errorHook(res) ?? (res.status >= 400 ? defaultFailure(res.status) : null));
    if (!failure && call.expectJson && res.json === undefined) {
      failure = { code: 'VENDOR_UNAVAILABLE', vendorMessage: 'malformed or truncated answer' };
    }
    if (!failure) {
      hookAttempt('ok', res.status);
      return res;
    }
    if (failure.code === 'VENDOR_UNAVAILABLE') {
      hookAttempt('unavailable', res.status);
      const after = retryAfter !== undefined && retryAfter <= settings.retry.retryAfterCapMs ? retryAfter : undefined;
      throw new AttemptFailure(failure, 'unavailable', call.idempotent, res.status, after);
    }
    const outcome: CallOutcome = failure.code === 'VENDOR_AUTH_FAILED' ? 'auth_failed' : 'rejected';
    hookAttempt(outcome, res.status);
    throw new AttemptFailure(failure, outcome, false, res.status);
  }

  private toAppError(e: unknown, call: VendorCall): AppError {
    // Messages name the vendor for people; extensions.vendor carries the stable VendorKind for code.
    const vendor = this.options.displayName;
    const kind = this.options.vendor;
    if (e instanceof AppError) return e;
    if (e instanceof BrokenCircuitError || e instanceof IsolatedCircuitError) {
      return new AppError('VENDOR_UNAVAILABLE', `${vendor} is unavailable (too many recent failures); try again later`, {
        vendor: kind,
        operation: call.operation,
        retryable: true,
        breakerOpen: true,
      });
    }
    if (e instanceof AttemptFailure) {
      const f = e.failure;
      const what = f.vendorMessage ? `: ${f.vendorMessage}` : '';
      const code = f.vendorCode !== undefined ? ` (${f.vendorCode})` : '';
      const message =
        f.code === 'VENDOR_REJECTED'
          ? `${vendor} rejected ${call.operation}${what}${code}`
          : f.code === 'VENDOR_AUTH_FAILED'
            ? `${vendor} refused the connection's credentials on ${call.operation}${what}${code}`
            : e.outcome === 'rate_limited'
              ? `${vendor} is throttling requests (${call.operation}); try again later`
              : `${vendor} is unavailable (${call.operation})${what}${code}`;
      return new AppError(f.code, message, {
        vendor: kind,
        operation: call.operation,
        ...(e.status !== undefined ? { httpStatus: e.status } : {}),
        ...(f.vendorCode !== undefined ? { vendorCode: f.vendorCode } : {}),
        ...(f.vendorMessage !== undefined ? { vendorMessage: f.vendorMessage } : {}),
        ...(f.fields?.length ? { fields: f.fields } : {}),
        ...(f.code === 'VENDOR_UNAVAILABLE' && e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}),
        retryable: f.code === 'VENDOR_UNAVAILABLE',
      });
    }
    // Aborted by the caller, or a bug: no message text from below (it may carry a URL).
    return new AppError('VENDOR_UNAVAILABLE', `${vendor} call ${call.operation} did not complete`, {
      vendor: kind,
      operation: call.operation,
      retryable: true,
    });
  }
}

function defaultFailure(status: number): VendorFailure {
  if (status === 401 || status === 403) return { code: 'VENDOR_AUTH_FAILED', vendorCode: status };
  if (status >= 500) return { code: 'VENDOR_UNAVAILABLE', vendorCode: status };
  return { code: 'VENDOR_REJECTED', vendorCode: status };
}

/** Trims a vendor's message to something safe to show: one line, bounded, no URLs. */
export function safeVendorMessage(message: unknown, max = 300): string | undefined {
  if (typeof message !== 'string' || !message.trim()) return undefined;
  const oneLine = message
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/https?:\/\/\S+/g, '[url]');
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
