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
import { AppError, type FieldProblem } from '../domain/errors';
import type { VendorKind } from '../domain/vendor-kind';
import type { ConnectionContext, VendorRequestPreview } from './port';
import { checkUrlHost, egressRefusalIn, getEgressPolicy, guardedLookup, type EgressPolicy } from './egress';

/**
 * The one outbound HTTP layer every adapter uses (issue 7): per connection a token-bucket limiter and a circuit
 * breaker, per call connect/total timeouts and bounded retries (exponential backoff with full jitter, only for calls
 * that are safe to repeat; Retry-After honoured in both forms and capped). Adapters describe one vendor endpoint
 * per call and give an error hook that turns the vendor's error body into our code; nothing that leaves this file
 * carries a URL, a query string, a request/response body or a credential.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

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

export interface RetrySettings {
  /** Retries after the first attempt (so maxRetries + 1 attempts at most). */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out: the call fails VENDOR_UNAVAILABLE (retryable later). */
  retryAfterCapMs: number;
}

export interface BreakerSettings {
  /** Consecutive unavailable outcomes (5xx, timeouts, resets) that open the breaker. */
  consecutiveFailures: number;
  halfOpenAfterMs: number;
}

export interface LimiterSettings {
  /** Sustained requests per second allowed to one connection. */
  ratePerSecond: number;
  /** Bucket size: requests that may go out back to back. */
  burst: number;
}

export interface HttpSettings {
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  retry: RetrySettings;
  breaker: BreakerSettings;
  limiter: LimiterSettings;
}

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/**
 * Defaults per vendor. Where a vendor documents nothing we chose conservatively; see the report in each adapter's
 * DECISIONS.md for the source of every figure.
 */
export const DEFAULT_HTTP_SETTINGS: Record<VendorKind, HttpSettings> = {
  // MegaFon documents no rate limit, status codes or timeouts (README 000): a gentle 5 rps per account.
  MEGAFON: {
    connectTimeoutMs: 5_000,
    totalTimeoutMs: 15_000,
    retry: { maxRetries: 3, baseDelayMs: 250, maxDelayMs: 5_000, retryAfterCapMs: 30_000 },
    breaker: { consecutiveFailures: 5, halfOpenAfterMs: 30_000 },
    limiter: { ratePerSecond: 5, burst: 5 },
  },
  // Yeastar P-Series documents no request rate; the PBX opens a TCP connection per request and is an appliance
  // (developer guide, "API Request Overview"): 5 rps, short bursts.
  YEASTAR: {
    connectTimeoutMs: 5_000,
    totalTimeoutMs: 15_000,
    retry: { maxRetries: 3, baseDelayMs: 250, maxDelayMs: 5_000, retryAfterCapMs: 30_000 },
    breaker: { consecutiveFailures: 5, halfOpenAfterMs: 30_000 },
    limiter: { ratePerSecond: 5, burst: 5 },
  },
  // Webex limits dynamically and answers 429/423 with Retry-After (seed 002 status table); the only published
  // figure is 300 requests/minute per client id (developer.webex.com "Rate Limiting"): 5 rps.
  WEBEX: {
    connectTimeoutMs: 5_000,
    totalTimeoutMs: 20_000,
    retry: { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 8_000, retryAfterCapMs: 60_000 },
    breaker: { consecutiveFailures: 5, halfOpenAfterMs: 30_000 },
    limiter: { ratePerSecond: 5, burst: 10 },
  },
  // SignalWire (Twilio-compatible) and Bitrix24 (QUERY_LIMIT_EXCEEDED past ~2 rps per portal, README 004).
  SIGNALWIRE: {
    connectTimeoutMs: 5_000,
    totalTimeoutMs: 15_000,
    retry: { maxRetries: 3, baseDelayMs: 250, maxDelayMs: 5_000, retryAfterCapMs: 30_000 },
    breaker: { consecutiveFailures: 5, halfOpenAfterMs: 30_000 },
    limiter: { ratePerSecond: 10, burst: 10 },
  },
  BITRIX24: {
    connectTimeoutMs: 5_000,
    totalTimeoutMs: 20_000,
    retry: { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 8_000, retryAfterCapMs: 30_000 },
    breaker: { consecutiveFailures: 5, halfOpenAfterMs: 30_000 },
    limiter: { ratePerSecond: 2, burst: 2 },
  },
};

/** One call to one vendor endpoint, as a client method describes it. */
export interface VendorCall {
  /** The endpoint as the vendor names it (metrics label, error messages): 'autorecord/update'. */
  operation: string;
  method: HttpMethod;
  /** Path below the connection's base URL, already encoded. */
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** JSON-serialised unless `form` is set. */
  body?: unknown;
  form?: Record<string, string>;
  /** A body sent as these bytes (multipart uploads); previews show only its type and size. */
  raw?: { contentType: string; data: Uint8Array };
  /** Safe to repeat after a timeout or 5xx (reads, full-replacement PUTs). 429 is always retried: not processed. */
  idempotent: boolean;
  /** A 2xx answer must carry a JSON body; a missing, truncated or malformed one is VENDOR_UNAVAILABLE. */
  expectJson?: boolean;
  /** Query parameters and headers holding credentials: shown as "[redacted]" in previews and never logged. */
  secretQuery?: string[];
  secretHeaders?: string[];
}

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
export type AdapterHttpOptions = Omit<VendorHttpOptions, 'vendor' | 'displayName'>;

export interface VendorHttpOptions {
  vendor: VendorKind;
  displayName: string;
  /** Injected fetch (tests); by default undici's fetch with a connect-timeout Agent per settings. */
  fetch?: FetchLike;
  settings?: DeepPartial<HttpSettings>;
  hooks?: HttpHooks;
  /** Where calls may go; by default the process-wide policy the app sets at boot (src/vendors/egress.ts). */
  egress?: EgressPolicy;
}

/**
 * The header that carries our request id to each vendor, so a vendor's support can find our call in their logs.
 * Webex documents `TrackingID` (developer.webex.com "API Basics": it is echoed as trackingId in error bodies);
 * the others document none and ignore unknown headers, so they get the conventional `X-Request-Id`.
 */
export const REQUEST_ID_HEADER: Record<VendorKind, string> = {
  MEGAFON: 'X-Request-Id',
  YEASTAR: 'X-Request-Id',
  WEBEX: 'TrackingID',
  SIGNALWIRE: 'X-Request-Id',
  BITRIX24: 'X-Request-Id',
};

/**
 * Per-connection overrides come from the connection's settings (strings, as stored): `http.totalTimeoutMs`,
 * `http.connectTimeoutMs`, `http.maxRetries`, `http.baseDelayMs`, `http.maxDelayMs`, `http.retryAfterCapMs`,
 * `http.ratePerSecond`, `http.burst`, `http.breakerFailures`, `http.breakerHalfOpenMs`.
 */
const SETTING_KEYS: Record<string, (s: HttpSettings, v: number) => void> = {
  'http.totalTimeoutMs': (s, v) => (s.totalTimeoutMs = v),
  'http.connectTimeoutMs': (s, v) => (s.connectTimeoutMs = v),
  'http.maxRetries': (s, v) => (s.retry.maxRetries = v),
  'http.baseDelayMs': (s, v) => (s.retry.baseDelayMs = v),
  'http.maxDelayMs': (s, v) => (s.retry.maxDelayMs = v),
  'http.retryAfterCapMs': (s, v) => (s.retry.retryAfterCapMs = v),
  'http.ratePerSecond': (s, v) => (s.limiter.ratePerSecond = v),
  'http.burst': (s, v) => (s.limiter.burst = v),
  'http.breakerFailures': (s, v) => (s.breaker.consecutiveFailures = v),
  'http.breakerHalfOpenMs': (s, v) => (s.breaker.halfOpenAfterMs = v),
};

/** The connection setting names that tune the outbound layer (numbers, validated when a connection is saved). */
export const HTTP_SETTING_NAMES: readonly string[] = Object.keys(SETTING_KEYS);

function mergeSettings(base: HttpSettings, over: DeepPartial<HttpSettings> | undefined, conn?: ConnectionContext): HttpSettings {
  const s: HttpSettings = {
    connectTimeoutMs: over?.connectTimeoutMs ?? base.connectTimeoutMs,
    totalTimeoutMs: over?.totalTimeoutMs ?? base.totalTimeoutMs,
    retry: { ...base.retry, ...(over?.retry ?? {}) } as RetrySettings,
    breaker: { ...base.breaker, ...(over?.breaker ?? {}) } as BreakerSettings,
    limiter: { ...base.limiter, ...(over?.limiter ?? {}) } as LimiterSettings,
  };
  for (const [key, set] of Object.entries(SETTING_KEYS)) {
    const raw = conn?.settings?.[key];
    if (raw === undefined || raw === '') continue;
    const v = Number(raw);
    if (Number.isFinite(v) && v >= 0) set(s, v);
  }
  return s;
}

/** Retry-After in either form (delta-seconds or HTTP-date), in ms from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And Jitter"). */
export function backoffDelay(attempt: number, r: RetrySettings, random = Math.random): number {
  const ceiling = Math.min(r.maxDelayMs, r.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(random() * ceiling);
}

/** A token bucket; a 429's Retry-After pauses the whole connection, so parallel calls do not provoke more 429s. */
export class TokenBucket {
  private tokens: number;
  private last = Date.now();
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly settings: LimiterSettings) {
    this.tokens = settings.burst;
  }

  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
  }

  /** Resolves when a request may go out; callers are served in order. */
  take(signal?: AbortSignal): Promise<void> {
    const next = this.queue.then(() => this.waitForToken(signal));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async waitForToken(signal?: AbortSignal): Promise<void> {
    const { ratePerSecond, burst } = this.settings;
    if (!(ratePerSecond > 0)) return;
    for (;;) {
      signal?.throwIfAborted();
      const now = Date.now();
      if (now < this.pausedUntil) {
        await sleep(this.pausedUntil - now, signal);
        continue;
      }
      this.tokens = Math.min(burst, this.tokens + ((now - this.last) / 1000) * ratePerSecond);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await sleep(Math.ceil(((1 - this.tokens) / ratePerSecond) * 1000), signal);
    }
  }
}

/** A wait that ends early (rejecting with the signal's reason) when the caller gives up. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
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

export function joinUrl(baseUrl: string, path: string, query?: Record<string, string>): string {
  const base = baseUrl.replace(/\/+$/, '');
  const p = path.startsWith('/') ? path : `/${path}`;
  const qs = query && Object.keys(query).length ? `?${new URLSearchParams(query).toString()}` : '';
  return `${base}${p}${qs}`;
}

/** The call as preview shows it: path below the base URL, credentials redacted. */
export function previewOf(call: VendorCall): VendorRequestPreview {
  const redact = (rec: Record<string, string> | undefined, secret: string[] | undefined) => {
    if (!rec) return undefined;
    const lower = new Set((secret ?? []).map((s) => s.toLowerCase()));
    return Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, lower.has(k.toLowerCase()) ? '[redacted]' : v]));
  };
  const out: VendorRequestPreview = { method: call.method, path: call.path };
  const query = redact(call.query, call.secretQuery);
  if (query && Object.keys(query).length) out.query = query;
  const headers = redact(call.headers, [...(call.secretHeaders ?? []), 'authorization']);
  if (headers && Object.keys(headers).length) out.headers = headers;
  if (call.form !== undefined) out.body = call.form;
  else if (call.raw !== undefined) out.body = `[${call.raw.data.byteLength} bytes of ${call.raw.contentType.split(';')[0]}]`;
  else if (call.body !== undefined) out.body = call.body;
  return out;
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
    return mergeSettings(DEFAULT_HTTP_SETTINGS[this.options.vendor], this.options.settings, conn);
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
    const requestIdHeader = REQUEST_ID_HEADER[this.options.vendor];
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
