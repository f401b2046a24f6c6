import type { VendorHttpDefaults } from '../http';

/** BITRIX24's figures for the outbound layer (see DECISIONS.md for the source of each). */
export const BITRIX24_HTTP: VendorHttpDefaults = {
  // Bitrix24 answers QUERY_LIMIT_EXCEEDED past ~2 rps per portal (README 004).
  settings: {
    connectTimeoutMs: 5_000,
    totalTimeoutMs: 20_000,
    retry: { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 8_000, retryAfterCapMs: 30_000 },
    breaker: { consecutiveFailures: 5, halfOpenAfterMs: 30_000 },
    limiter: { ratePerSecond: 2, burst: 2 },
  },
  // It documents no request-id header and ignores unknown ones: the conventional `X-Request-Id`.
  requestIdHeader: 'X-Request-Id',
};
