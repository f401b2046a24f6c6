/**
 * The one outbound HTTP layer every adapter uses (issue 7), in five parts under vendors/outbound/: settings.ts (what
 * it is tuned by, per connection overrides), limiter.ts (token bucket, backoff, Retry-After), preview.ts (a call as
 * preview shows it, credentials redacted), client.ts (VendorHttp: breaker, timeouts, retries, error hooks) and plan.ts
 * (the one executor of policy plans: preview and apply of the same requests).
 * Each vendor's own figures live in its folder (vendors/<vendor>/http.ts).
 */
export * from './outbound/client';
export * from './outbound/limiter';
export * from './outbound/plan';
export * from './outbound/preview';
export * from './outbound/settings';
