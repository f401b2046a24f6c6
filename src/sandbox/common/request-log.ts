import { createHash } from 'node:crypto';

export interface LoggedRequest {
  seq: number;
  at: string;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Route pattern that handled it, null when no vendor route matched. */
  route: string | null;
  /** HTTP status sent; 0 when the connection was reset or refused instead. */
  status: number;
  /** Injected fault or limiter that shaped the answer, if any. */
  fault?: 'down' | 'reset' | 'rateLimit' | 'error' | 'malformed' | 'truncated' | 'limiter';
  /** Fingerprint of the credential used (never the credential itself). */
  auth?: string;
  body?: unknown;
  durationMs: number;
}

export interface RequestCounts {
  total: number;
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
  byMethod: Record<string, number>;
  byRouteStatus: Record<string, Record<string, number>>;
  faults: Record<string, number>;
  /** Accepted writes per resource key, e.g. "person:<id>" (emulators decide the keys). */
  writes: Record<string, number>;
}

export interface RequestsSnapshot {
  entries: LoggedRequest[];
  counts: RequestCounts;
  /** Entries dropped from the front of the log because of its size limit (counts stay exact). */
  dropped: number;
}

export const REDACTED = '[redacted]';

export function fingerprint(secret: string): string {
  return 'fp_' + createHash('sha256').update(secret).digest('hex').slice(0, 10);
}

function bump(map: Record<string, number>, key: string, by = 1): void {
  map[key] = (map[key] ?? 0) + by;
}

function emptyCounts(): RequestCounts {
  return { total: 0, byRoute: {}, byStatus: {}, byMethod: {}, byRouteStatus: {}, faults: {}, writes: {} };
}

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private counts: RequestCounts = emptyCounts();
  private droppedEntries = 0;
  private seq = 0;

  constructor(private readonly limit: number) {}

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  record(entry: LoggedRequest): void {
    const c = this.counts;
    c.total += 1;
    const route = entry.route ?? '(unmatched)';
    bump(c.byRoute, route);
    bump(c.byStatus, String(entry.status));
    bump(c.byMethod, entry.method);
    c.byRouteStatus[route] ??= {};
    bump(c.byRouteStatus[route]!, String(entry.status));
    if (entry.fault) bump(c.faults, entry.fault);
    this.entries.push(entry);
    if (this.entries.length > this.limit) {
      const excess = this.entries.length - this.limit;
      this.entries.splice(0, excess);
      this.droppedEntries += excess;
    }
  }

  countWrite(key: string): void {
    bump(this.counts.writes, key);
  }

  snapshot(options: { since?: number; limit?: number } = {}): RequestsSnapshot {
    let entries = this.entries;
    if (options.since !== undefined) entries = entries.filter((e) => e.seq > options.since!);
    if (options.limit !== undefined) entries = entries.slice(-options.limit);
    return { entries: structuredClone(entries), counts: structuredClone(this.counts), dropped: this.droppedEntries };
  }

  getCounts(): RequestCounts {
    return structuredClone(this.counts);
  }

  clear(): void {
    this.entries = [];
    this.counts = emptyCounts();
    this.droppedEntries = 0;
  }
}

/** Deep copy of a JSON-ish body with the named keys replaced, at any depth. */
export function redactBody(body: unknown, keys: ReadonlySet<string>): unknown {
  if (keys.size === 0 || body === null || typeof body !== 'object') return body;
  if (Array.isArray(body)) return body.map((item) => redactBody(item, keys));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    out[k] = keys.has(k) ? REDACTED : redactBody(v, keys);
  }
  return out;
}
