import type { LimiterSettings, RetrySettings } from './settings';

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
