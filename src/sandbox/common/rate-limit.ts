export interface RateLimitOptions {
  /** Sustained rate allowed per token. */
  requestsPerSecond: number;
  /** Bucket size: how many requests may arrive at once. Defaults to requestsPerSecond (at least 1). */
  burst?: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

/** A token bucket per key (the caller's access token), as vendors meter "per token". */
export class RateLimiter {
  private options: Required<RateLimitOptions> | null = null;
  private readonly buckets = new Map<string, Bucket>();
  private limited = 0;

  constructor(
    options: RateLimitOptions | null | undefined,
    private readonly now: () => number,
  ) {
    this.configure(options ?? null);
  }

  configure(options: RateLimitOptions | null): void {
    if (options === null) {
      this.options = null;
    } else {
      const rps = options.requestsPerSecond;
      if (typeof rps !== 'number' || !(rps > 0)) throw new Error('rateLimit.requestsPerSecond must be a positive number');
      const burst = options.burst ?? Math.max(1, Math.floor(rps));
      if (typeof burst !== 'number' || !(burst >= 1)) throw new Error('rateLimit.burst must be >= 1');
      this.options = { requestsPerSecond: rps, burst };
    }
    this.buckets.clear();
  }

  get config(): Required<RateLimitOptions> | null {
    return this.options ? { ...this.options } : null;
  }

  /** How many requests this limiter refused since the last reset. */
  get refused(): number {
    return this.limited;
  }

  reset(): void {
    this.buckets.clear();
    this.limited = 0;
  }

  take(key: string): RateDecision {
    const opts = this.options;
    if (!opts) return { ok: true };
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: opts.burst, at: now };
      this.buckets.set(key, bucket);
    }
    const elapsed = Math.max(0, now - bucket.at) / 1000;
    bucket.tokens = Math.min(opts.burst, bucket.tokens + elapsed * opts.requestsPerSecond);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    this.limited += 1;
    const wait = (1 - bucket.tokens) / opts.requestsPerSecond;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
  }
}
