export type RetryAfterForm = 'seconds' | 'http-date';
export type DownMode = 'reset' | 'refuse';

/** Restricts an injected fault to some vendor requests; omitted fields match everything. */
export interface FaultMatch {
  method?: string;
  /** Path prefix, e.g. "/v1/people/" */
  path?: string;
  /** Route name as counted in the request log, e.g. "PUT /v1/people/:personId/features/callRecording" */
  route?: string;
}

export interface FaultSpec {
  /** Added before every matching vendor request is handled, for `latencyCount` requests (default: until cleared). */
  latencyMs?: number;
  latencyCount?: number;
  errors?: { count: number; status?: number; message?: string };
  rateLimit?: { count: number; retryAfterSeconds?: number; retryAfterForm?: RetryAfterForm };
  /** The next N matching requests have their connection destroyed before anything is processed. */
  resetConnections?: number;
  /** The next N matching requests are processed, then answered with a body that is not JSON. */
  malformed?: number;
  /** The next N matching requests are processed, then the body is cut off mid-way (Content-Length promises more). */
  truncated?: number;
  /** The vendor is unreachable for N seconds: "reset" (default) resets vendor requests, "refuse" stops listening. */
  downForSeconds?: number;
  downMode?: DownMode;
  match?: FaultMatch;
}

export type PreFault =
  | { kind: 'down' }
  | { kind: 'reset' }
  | { kind: 'rateLimit'; retryAfterSeconds: number; retryAfterForm: RetryAfterForm }
  | { kind: 'error'; status: number; message: string };

export type PostFault = 'malformed' | 'truncated';

export interface FaultDecision {
  latencyMs: number;
  pre: PreFault | null;
  post: PostFault | null;
}

export interface FaultTarget {
  method: string;
  path: string;
  route: string | null;
}

interface Counted<T> {
  remaining: number;
  match?: FaultMatch;
  detail: T;
}

export interface PendingFaults {
  latency: { ms: number; remaining: number | null } | null;
  errors: { remaining: number; status: number } | null;
  rateLimit: { remaining: number; retryAfterSeconds: number; retryAfterForm: RetryAfterForm } | null;
  resetConnections: number;
  malformed: number;
  truncated: number;
  down: { until: string; mode: DownMode } | null;
}

export class FaultSpecError extends Error {}

function nonNegativeInt(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new FaultSpecError(`${name} must be a non-negative integer`);
  }
  return value;
}

function matches(match: FaultMatch | undefined, target: FaultTarget): boolean {
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== target.method) return false;
  if (match.path && !target.path.startsWith(match.path)) return false;
  if (match.route && match.route !== target.route) return false;
  return true;
}

/**
 * Queued faults for the next vendor requests. Pre-faults are taken in a fixed precedence
 * (down, reset, rateLimit, errors), one per request, so {rateLimit: 2, errors: 3} answers
 * two 429s and then three 5xx. Latency applies on top, post-faults after the handler ran.
 */
export class FaultController {
  private latency: Counted<{ ms: number }> | null = null;
  private latencyUnlimited = false;
  private errors: Counted<{ status: number; message: string }> | null = null;
  private rateLimit: Counted<{ retryAfterSeconds: number; retryAfterForm: RetryAfterForm }> | null = null;
  private resets: Counted<null> | null = null;
  private malformed: Counted<null> | null = null;
  private truncated: Counted<null> | null = null;
  private downUntil = 0;
  private downMode: DownMode = 'reset';

  constructor(
    private readonly now: () => number,
    private readonly onDown: (seconds: number, mode: DownMode) => void,
    private readonly onUp: () => void,
  ) {}

  inject(spec: FaultSpec): PendingFaults {
    if (spec === null || typeof spec !== 'object') throw new FaultSpecError('fault spec must be an object');
    const match = spec.match;
    if (spec.latencyMs !== undefined) {
      const ms = nonNegativeInt(spec.latencyMs, 'latencyMs');
      const count = spec.latencyCount === undefined ? null : nonNegativeInt(spec.latencyCount, 'latencyCount');
      this.latency = { remaining: count ?? 0, match, detail: { ms } };
      this.latencyUnlimited = count === null;
    }
    if (spec.errors !== undefined) {
      const count = nonNegativeInt(spec.errors.count, 'errors.count');
      const status = spec.errors.status === undefined ? 503 : nonNegativeInt(spec.errors.status, 'errors.status');
      if (status < 400 || status > 599) throw new FaultSpecError('errors.status must be 400..599');
      this.errors = { remaining: count, match, detail: { status, message: spec.errors.message ?? 'Injected fault' } };
    }
    if (spec.rateLimit !== undefined) {
      const count = nonNegativeInt(spec.rateLimit.count, 'rateLimit.count');
      const retryAfterSeconds =
        spec.rateLimit.retryAfterSeconds === undefined ? 1 : nonNegativeInt(spec.rateLimit.retryAfterSeconds, 'rateLimit.retryAfterSeconds');
      const form = spec.rateLimit.retryAfterForm ?? 'seconds';
      if (form !== 'seconds' && form !== 'http-date') throw new FaultSpecError('rateLimit.retryAfterForm must be "seconds" or "http-date"');
      this.rateLimit = { remaining: count, match, detail: { retryAfterSeconds, retryAfterForm: form } };
    }
    if (spec.resetConnections !== undefined) {
      this.resets = { remaining: nonNegativeInt(spec.resetConnections, 'resetConnections'), match, detail: null };
    }
    if (spec.malformed !== undefined) {
      this.malformed = { remaining: nonNegativeInt(spec.malformed, 'malformed'), match, detail: null };
    }
    if (spec.truncated !== undefined) {
      this.truncated = { remaining: nonNegativeInt(spec.truncated, 'truncated'), match, detail: null };
    }
    if (spec.downForSeconds !== undefined) {
      const seconds = typeof spec.downForSeconds === 'number' && spec.downForSeconds >= 0 ? spec.downForSeconds : NaN;
      if (Number.isNaN(seconds)) throw new FaultSpecError('downForSeconds must be a non-negative number');
      const mode = spec.downMode ?? 'reset';
      if (mode !== 'reset' && mode !== 'refuse') throw new FaultSpecError('downMode must be "reset" or "refuse"');
      this.downUntil = this.now() + seconds * 1000;
      this.downMode = mode;
      if (seconds > 0) this.onDown(seconds, mode);
    }
    return this.pending();
  }

  clear(): void {
    const wasDown = this.isDown();
    this.latency = null;
    this.latencyUnlimited = false;
    this.errors = null;
    this.rateLimit = null;
    this.resets = null;
    this.malformed = null;
    this.truncated = null;
    this.downUntil = 0;
    if (wasDown) this.onUp();
  }

  /** Ends an outage early. */
  up(): void {
    const wasDown = this.isDown();
    this.downUntil = 0;
    if (wasDown) this.onUp();
  }

  isDown(): boolean {
    return this.now() < this.downUntil;
  }

  get mode(): DownMode {
    return this.downMode;
  }

  pending(): PendingFaults {
    const left = (c: Counted<unknown> | null): number => (c ? c.remaining : 0);
    return {
      latency:
        this.latency && (this.latencyUnlimited || this.latency.remaining > 0)
          ? { ms: this.latency.detail.ms, remaining: this.latencyUnlimited ? null : this.latency.remaining }
          : null,
      errors: this.errors && this.errors.remaining > 0 ? { remaining: this.errors.remaining, status: this.errors.detail.status } : null,
      rateLimit: this.rateLimit && this.rateLimit.remaining > 0 ? { remaining: this.rateLimit.remaining, ...this.rateLimit.detail } : null,
      resetConnections: left(this.resets),
      malformed: left(this.malformed),
      truncated: left(this.truncated),
      down: this.isDown() ? { until: new Date(this.downUntil).toISOString(), mode: this.downMode } : null,
    };
  }

  /** Consumes the faults that apply to one vendor request. */
  decide(target: FaultTarget): FaultDecision {
    const take = <T>(c: Counted<T> | null): Counted<T> | null => {
      if (!c || c.remaining <= 0 || !matches(c.match, target)) return null;
      c.remaining -= 1;
      return c;
    };
    let latencyMs = 0;
    if (this.latency && matches(this.latency.match, target)) {
      if (this.latencyUnlimited) latencyMs = this.latency.detail.ms;
      else if (this.latency.remaining > 0) {
        this.latency.remaining -= 1;
        latencyMs = this.latency.detail.ms;
      }
    }
    let pre: PreFault | null = null;
    if (this.isDown()) pre = { kind: 'down' };
    else if (take(this.resets)) pre = { kind: 'reset' };
    else {
      const rl = take(this.rateLimit);
      if (rl) pre = { kind: 'rateLimit', ...rl.detail };
      else {
        const err = take(this.errors);
        if (err) pre = { kind: 'error', ...err.detail };
      }
    }
    let post: PostFault | null = null;
    if (!pre) {
      if (take(this.malformed)) post = 'malformed';
      else if (take(this.truncated)) post = 'truncated';
    }
    return { latencyMs: pre?.kind === 'down' ? 0 : latencyMs, pre, post };
  }
}

export function retryAfterValue(seconds: number, form: RetryAfterForm, now: number): string {
  if (form === 'http-date') return new Date(now + seconds * 1000).toUTCString();
  return String(seconds);
}
