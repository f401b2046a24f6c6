import type { VendorHttpDefaults } from '../http';

/** MEGAFON's figures for the outbound layer (see DECISIONS.md for the source of each). */
export const MEGAFON_HTTP: VendorHttpDefaults = {
  // MegaFon documents no rate limit, status codes or timeouts (README 000): a gentle 5 rps per account.
  settings: {
    connectTimeoutMs: 5_000,
    totalTimeoutMs: 15_000,
    retry: { maxRetries: 3, baseDelayMs: 250, maxDelayMs: 5_000, retryAfterCapMs: 30_000 },
    breaker: { consecutiveFailures: 5, halfOpenAfterMs: 30_000 },
    limiter: { ratePerSecond: 5, burst: 5 },
  },
  // It documents no request-id header and ignores unknown ones: the conventional `X-Request-Id`.
  requestIdHeader: 'X-Request-Id',
};
