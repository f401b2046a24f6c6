import type { VendorHttpDefaults } from '../http';

/** SIGNALWIRE's figures for the outbound layer (see DECISIONS.md for the source of each). */
export const SIGNALWIRE_HTTP: VendorHttpDefaults = {
  // SignalWire (Twilio-compatible) publishes no per-project figure we rely on: 10 rps.
  settings: {
    connectTimeoutMs: 5_000,
    totalTimeoutMs: 15_000,
    retry: { maxRetries: 3, baseDelayMs: 250, maxDelayMs: 5_000, retryAfterCapMs: 30_000 },
    breaker: { consecutiveFailures: 5, halfOpenAfterMs: 30_000 },
    limiter: { ratePerSecond: 10, burst: 10 },
  },
  // It documents no request-id header and ignores unknown ones: the conventional `X-Request-Id`.
  requestIdHeader: 'X-Request-Id',
};
