import type { ConnectionContext } from '../port';

/** What the outbound layer is tuned by; each vendor's defaults live in its folder (vendors/<vendor>/http.ts). */

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

/** A vendor's own figures: its settings, and the header that carries our request id to it. */
export interface VendorHttpDefaults {
  settings: HttpSettings;
  /** A vendor's support finds our call in their logs by it (Webex documents `TrackingID`; most document none). */
  requestIdHeader: string;
}

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

export function mergeSettings(base: HttpSettings, over: DeepPartial<HttpSettings> | undefined, conn?: ConnectionContext): HttpSettings {
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
