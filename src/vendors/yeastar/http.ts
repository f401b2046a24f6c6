import type { VendorHttpDefaults } from '../http';

/** YEASTAR's figures for the outbound layer (see DECISIONS.md for the source of each). */
export const YEASTAR_HTTP: VendorHttpDefaults = {
  // Yeastar P-Series documents no request rate; the PBX opens a TCP connection per request and is an appliance
  // (developer guide, "API Request Overview"): 5 rps, short bursts.
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
