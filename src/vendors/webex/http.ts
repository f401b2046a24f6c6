import type { VendorHttpDefaults } from '../http';

/** WEBEX's figures for the outbound layer (see DECISIONS.md for the source of each). */
export const WEBEX_HTTP: VendorHttpDefaults = {
  // Webex limits dynamically and answers 429/423 with Retry-After (seed 002 status table); the only published
  // figure is 300 requests/minute per client id (developer.webex.com "Rate Limiting"): 5 rps.
  settings: {
    connectTimeoutMs: 5_000,
    totalTimeoutMs: 20_000,
    retry: { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 8_000, retryAfterCapMs: 60_000 },
    breaker: { consecutiveFailures: 5, halfOpenAfterMs: 30_000 },
    limiter: { ratePerSecond: 5, burst: 10 },
  },
  // Webex documents `TrackingID` (developer.webex.com "API Basics": it is echoed as trackingId in error bodies).
  requestIdHeader: 'TrackingID',
};
