import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

import { FaultController, FaultSpecError, retryAfterValue, type DownMode, type FaultSpec, type PendingFaults } from './faults';
import { RateLimiter, type RateLimitOptions } from './rate-limit';
import { RequestLog, fingerprint, redactBody, REDACTED, type LoggedRequest, type RequestCounts, type RequestsSnapshot } from './request-log';

export interface Reply {
  status: number;
  headers?: Record<string, string | number>;
  /** Objects and arrays are sent as JSON, strings and Buffers as they are, undefined as an empty body. */
  body?: unknown;
}

export interface RequestContext {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** Lower-cased media type without parameters, '' when absent. */
  contentType: string;
  rawBody: string;
  /** The body as received, for binary payloads (multipart uploads); rawBody is its UTF-8 reading. */
  rawBytes: Buffer;
  /** Parsed JSON or form body; undefined when empty or unparseable. */
  body: unknown;
  /** Set when the body was announced (or looked) as JSON but did not parse. */
  bodyError: string | null;
  /** Origin the client used, from the Host header, e.g. http://127.0.0.1:4010 */
  origin: string;
  remoteAddress: string;
  route: string | null;
  /** Records which credential the request used (as a fingerprint) in the request log. */
  setAuth(secret: string): void;
  /** Counts one accepted write of a resource, e.g. "person:<id>". */
  countWrite(key: string): void;
}

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

export interface RouteDef {
  method: string;
  /** Path pattern with ":name" segments, e.g. "/v1/people/:personId/features/callRecording" */
  path: string;
  handler: Handler;
}

/** What differs per vendor in the generic machinery: its error format, what "per token" means, what to hide. */
export interface VendorProfile {
  errorReply(status: number, message: string, ctx: RequestContext): Reply;
  /** Key for the per-token limiter; null leaves the request unmetered. */
  rateLimitKey?(ctx: RequestContext): string | null;
  /** Query parameters and body keys (any depth) that the request log must not keep. */
  redactQuery?: string[];
  redactBody?: string[];
  /** The path as the request log keeps it, for vendors that put a credential in the path (Bitrix24 webhooks). */
  redactPath?(path: string): string;
  /** Headers added to every vendor answer (e.g. a tracking id). */
  extraHeaders?(ctx: RequestContext, seq: number): Record<string, string>;
}

export interface SandboxServerOptions {
  name: string;
  routes: RouteDef[];
  controlRoutes?: RouteDef[];
  profile: VendorProfile;
  rateLimit?: RateLimitOptions | null;
  /** Entries kept in the request log (counts are always exact). Default 10,000. */
  logLimit?: number;
  now?: () => number;
  snapshotState: () => unknown;
  /** Restores the seed state. */
  resetState: () => void;
}

/**
 * One vendor request and the answer sent, unredacted, for in-process observers (contract tests checking exchanges
 * against a vendor's published spec). Never served over HTTP; control routes are not tapped.
 */
export interface Exchange {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  route: string | null;
  /** Set when an injected fault or the limiter shaped the answer (not the vendor's own behaviour). */
  fault?: LoggedRequest['fault'];
  status: number;
  responseHeaders: Record<string, string | number>;
  /** The reply body as the emulator built it (objects as objects; text and bytes as sent). */
  responseBody: unknown;
}

export type ExchangeListener = (exchange: Exchange) => void;

interface CompiledRoute {
  method: string;
  pattern: string;
  regex: RegExp;
  keys: string[];
  handler: Handler;
}

const BODY_LIMIT = 1024 * 1024;
const MALFORMED_BODY = '{"unexpected": <html><body>upstream sent garbage</body></html>';

function compile(routes: RouteDef[]): CompiledRoute[] {
  return routes.map((r) => {
    const keys: string[] = [];
    const source = r.path
      .split('/')
      .map((seg) => {
        if (seg.startsWith(':')) {
          keys.push(seg.slice(1));
          return '([^/]+)';
        }
        return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    return { method: r.method.toUpperCase(), pattern: r.path, regex: new RegExp(`^${source}/?$`), keys, handler: r.handler };
  });
}

type Match =
  | { kind: 'found'; route: CompiledRoute; params: Record<string, string> }
  | { kind: 'method'; allowed: string[]; pattern: string }
  | { kind: 'none' };

function matchRoute(routes: CompiledRoute[], method: string, path: string): Match {
  const allowed: string[] = [];
  let pattern = '';
  for (const route of routes) {
    const m = route.regex.exec(path);
    if (!m) continue;
    if (route.method === method || (method === 'HEAD' && route.method === 'GET')) {
      const params: Record<string, string> = {};
      route.keys.forEach((k, i) => {
        params[k] = decodeURIComponent(m[i + 1]!);
      });
      return { kind: 'found', route, params };
    }
    allowed.push(route.method);
    pattern = route.pattern;
  }
  return allowed.length ? { kind: 'method', allowed, pattern } : { kind: 'none' };
}

function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > BODY_LIMIT ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseBody(contentType: string, raw: string): { body: unknown; error: string | null } {
  if (raw.length === 0) return { body: undefined, error: null };
  // Binary uploads: handlers read ctx.rawBytes; the log shows "[unparsed]" instead of the bytes.
  if (contentType === 'multipart/form-data') return { body: undefined, error: null };
  if (contentType === 'application/x-www-form-urlencoded') {
    return { body: Object.fromEntries(new URLSearchParams(raw)), error: null };
  }
  const looksJson = contentType === '' && /^\s*[[{]/.test(raw);
  if (contentType === 'application/json' || contentType.endsWith('+json') || looksJson) {
    try {
      return { body: JSON.parse(raw) as unknown, error: null };
    } catch (e) {
      return { body: undefined, error: e instanceof Error ? e.message : 'invalid JSON' };
    }
  }
  return { body: raw, error: null };
}

function encode(reply: Reply): { status: number; headers: Record<string, string | number>; payload: Buffer | null } {
  const headers: Record<string, string | number> = { ...(reply.headers ?? {}) };
  const hasType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
  let payload: Buffer | null = null;
  if (reply.body === undefined || reply.body === null) {
    payload = null;
  } else if (Buffer.isBuffer(reply.body)) {
    payload = reply.body;
  } else if (typeof reply.body === 'string') {
    payload = Buffer.from(reply.body, 'utf8');
    if (!hasType) headers['content-type'] = 'text/plain; charset=utf-8';
  } else {
    payload = Buffer.from(JSON.stringify(reply.body), 'utf8');
    if (!hasType) headers['content-type'] = 'application/json; charset=utf-8';
  }
  return { status: reply.status, headers, payload };
}

function resetSocket(socket: Socket | null | undefined): void {
  if (!socket || socket.destroyed) return;
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}

function json(status: number, body: unknown): Reply {
  return { status, body };
}

/**
 * One emulator process: vendor routes with faults, limiter and request log in front, and the
 * /__sandbox/ control routes beside them (never faulted, never logged, never rate limited).
 */
export class SandboxServer {
  readonly name: string;
  readonly faults: FaultController;
  readonly limiter: RateLimiter;
  readonly log: RequestLog;
  private readonly now: () => number;
  private readonly routes: CompiledRoute[];
  private readonly controls: CompiledRoute[];
  private readonly profile: VendorProfile;
  private readonly redactQuery: Set<string>;
  private readonly redactKeys: Set<string>;
  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();
  private readonly taps = new Set<ExchangeListener>();
  private port = 0;
  private host = '127.0.0.1';
  private listening = false;
  private closed = false;
  private relistenTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: SandboxServerOptions) {
    this.name = options.name;
    this.now = options.now ?? Date.now;
    this.profile = options.profile;
    this.redactQuery = new Set(options.profile.redactQuery ?? []);
    this.redactKeys = new Set(options.profile.redactBody ?? []);
    this.log = new RequestLog(options.logLimit ?? 10_000);
    this.limiter = new RateLimiter(options.rateLimit ?? null, this.now);
    this.faults = new FaultController(
      this.now,
      (seconds, mode) => this.goDown(seconds, mode),
      () => this.comeUp(),
    );
    this.routes = compile(options.routes);
    this.controls = compile([...this.commonControls(), ...(options.controlRoutes ?? [])]);
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch(() => resetSocket(req.socket));
    });
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  get url(): string {
    if (!this.port) throw new Error(`${this.name} emulator is not listening`);
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    return `http://${host}:${this.port}`;
  }

  listen(port = 0, host = '127.0.0.1'): Promise<string> {
    this.closed = false;
    return new Promise((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        const addr = this.server.address() as AddressInfo;
        this.port = addr.port;
        this.host = host;
        this.listening = true;
        resolve(this.url);
      });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.relistenTimer) clearTimeout(this.relistenTimer);
    this.relistenTimer = null;
    for (const socket of this.sockets) socket.destroy();
    if (!this.listening) return;
    this.listening = false;
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Observes every vendor exchange from now on; returns the function that stops observing. */
  tap(listener: ExchangeListener): () => void {
    this.taps.add(listener);
    return () => this.taps.delete(listener);
  }

  requests(options: { since?: number; limit?: number } = {}): RequestsSnapshot {
    return this.log.snapshot(options);
  }

  counts(): RequestCounts {
    return this.log.getCounts();
  }

  /** Clears log, counts, faults and limiter buckets; with state: true also restores the seed state. */
  reset(options: { state?: boolean } = {}): void {
    this.log.clear();
    this.faults.clear();
    this.limiter.reset();
    if (options.state) this.options.resetState();
  }

  private goDown(seconds: number, mode: DownMode): void {
    if (mode !== 'refuse' || !this.listening) return;
    // Stop accepting so that new connections are refused at the TCP level, like a host that is gone.
    this.listening = false;
    this.server.close();
    for (const socket of this.sockets) socket.destroy();
    if (this.relistenTimer) clearTimeout(this.relistenTimer);
    this.relistenTimer = setTimeout(() => this.comeUp(), seconds * 1000);
  }

  private comeUp(): void {
    if (this.relistenTimer) clearTimeout(this.relistenTimer);
    this.relistenTimer = null;
    if (this.listening || this.closed || !this.port) return;
    this.server.listen(this.port, this.host, () => {
      this.listening = true;
    });
  }

  private redactedQuery(query: URLSearchParams): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of query) out[k] = this.redactQuery.has(k) ? REDACTED : v;
    return out;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = performance.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const path = url.pathname;
    const bytes = await readBody(req);
    const raw = bytes === null ? null : bytes.toString('utf8');
    const contentType = String(req.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim()
      .toLowerCase();
    const isControl = path === '/__sandbox' || path.startsWith('/__sandbox/');
    const parsed = raw === null ? { body: undefined, error: 'body too large' } : parseBody(contentType, raw);
    const origin = `http://${req.headers.host ?? `${this.host}:${this.port}`}`;
    let authSecret: string | null = null;

    const makeCtx = (params: Record<string, string>, route: string | null): RequestContext => ({
      method,
      path,
      params,
      query: url.searchParams,
      headers: req.headers,
      contentType,
      rawBody: raw ?? '',
      rawBytes: bytes ?? Buffer.alloc(0),
      body: parsed.body,
      bodyError: parsed.error,
      origin,
      remoteAddress: req.socket.remoteAddress ?? '',
      route,
      setAuth: (secret: string) => {
        authSecret = secret;
      },
      countWrite: (key: string) => this.log.countWrite(key),
    });

    if (isControl) {
      const m = matchRoute(this.controls, method, path);
      let reply: Reply;
      if (m.kind === 'found') {
        try {
          reply = await m.route.handler(makeCtx(m.params, m.route.pattern));
        } catch (e) {
          reply = json(e instanceof FaultSpecError ? 400 : 500, { error: e instanceof Error ? e.message : String(e) });
        }
      } else if (m.kind === 'method') {
        reply = { status: 405, headers: { allow: m.allowed.join(', ') }, body: { error: 'method not allowed' } };
      } else {
        reply = json(404, { error: `no control endpoint ${method} ${path}` });
      }
      this.write(res, reply, null);
      return;
    }

    const seq = this.log.nextSeq();
    const m = matchRoute(this.routes, method, path);
    const routeName = m.kind === 'found' ? `${m.route.method} ${m.route.pattern}` : m.kind === 'method' ? `${method} ${m.pattern}` : null;
    const ctx = makeCtx(m.kind === 'found' ? m.params : {}, routeName);
    const entry: LoggedRequest = {
      seq,
      at: new Date(this.now()).toISOString(),
      method,
      path: this.profile.redactPath ? this.profile.redactPath(path) : path,
      query: this.redactedQuery(url.searchParams),
      route: routeName,
      status: 0,
      body: parsed.body === undefined ? (raw ? '[unparsed]' : undefined) : redactBody(parsed.body, this.redactKeys),
      durationMs: 0,
    };
    const finish = (status: number, fault?: LoggedRequest['fault']): void => {
      entry.status = status;
      if (fault) entry.fault = fault;
      if (authSecret) entry.auth = fingerprint(authSecret);
      entry.durationMs = Math.round((performance.now() - started) * 1000) / 1000;
      this.log.record(entry);
    };

    const decision = this.faults.decide({ method, path, route: routeName });
    if (decision.latencyMs > 0) await sleep(decision.latencyMs);
    const pre = decision.pre;
    if (pre?.kind === 'down' || pre?.kind === 'reset') {
      finish(0, pre.kind);
      this.notify({
        method,
        path,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body: parsed.body,
        route: routeName,
        fault: pre.kind,
        status: 0,
        responseHeaders: {},
        responseBody: undefined,
      });
      resetSocket(req.socket);
      return;
    }

    let reply: Reply;
    let fault: LoggedRequest['fault'];
    if (pre?.kind === 'rateLimit') {
      reply = this.profile.errorReply(429, 'Too many requests', ctx);
      reply.headers = { ...reply.headers, 'retry-after': retryAfterValue(pre.retryAfterSeconds, pre.retryAfterForm, this.now()) };
      fault = 'rateLimit';
    } else if (pre?.kind === 'error') {
      reply = this.profile.errorReply(pre.status, pre.message, ctx);
      fault = 'error';
    } else if (m.kind === 'none') {
      reply = this.profile.errorReply(404, `No such resource: ${method} ${path}`, ctx);
    } else if (m.kind === 'method') {
      reply = this.profile.errorReply(405, `Method ${method} is not allowed here`, ctx);
      reply.headers = { ...reply.headers, allow: m.allowed.join(', ') };
    } else {
      const key = this.profile.rateLimitKey?.(ctx) ?? null;
      const rate = key === null ? ({ ok: true } as const) : this.limiter.take(key);
      if (!rate.ok) {
        reply = this.profile.errorReply(429, 'Too many requests', ctx);
        reply.headers = { ...reply.headers, 'retry-after': String(rate.retryAfterSeconds) };
        fault = 'limiter';
      } else {
        try {
          reply = await m.route.handler(ctx);
        } catch (e) {
          reply = this.profile.errorReply(500, 'Internal error', ctx);
        }
      }
    }
    reply.headers = { ...(this.profile.extraHeaders?.(ctx, seq) ?? {}), ...reply.headers };
    const post = decision.post;
    this.write(res, reply, post);
    finish(reply.status === 204 && post ? 200 : reply.status, post ?? fault);
    const tapped = post ?? fault;
    this.notify({
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: parsed.body,
      route: routeName,
      ...(tapped ? { fault: tapped } : {}),
      status: reply.status,
      responseHeaders: reply.headers ?? {},
      responseBody: reply.body,
    });
  }

  private notify(exchange: Exchange): void {
    for (const listener of this.taps) listener(exchange);
  }

  private write(res: http.ServerResponse, reply: Reply, post: 'malformed' | 'truncated' | null): void {
    const { status, headers, payload } = encode(reply);
    if (post === 'malformed') {
      const body = Buffer.from(MALFORMED_BODY, 'utf8');
      res.writeHead(status === 204 ? 200 : status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
      res.end(body);
      return;
    }
    if (post === 'truncated') {
      const full = payload && payload.length >= 2 ? payload : Buffer.from(JSON.stringify({ truncated: 'x'.repeat(64) }), 'utf8');
      res.writeHead(status === 204 ? 200 : status, {
        'content-type': 'application/json; charset=utf-8',
        ...headers,
        'content-length': full.length,
      });
      res.flushHeaders();
      res.write(full.subarray(0, Math.floor(full.length / 2)), () => resetSocket(res.socket));
      return;
    }
    if (payload) headers['content-length'] = payload.length;
    res.writeHead(status, headers);
    res.end(status === 204 ? undefined : (payload ?? undefined));
  }

  private commonControls(): RouteDef[] {
    const intParam = (q: URLSearchParams, name: string): number | undefined => {
      const v = q.get(name);
      return v === null ? undefined : Number.parseInt(v, 10);
    };
    return [
      {
        method: 'GET',
        path: '/__sandbox/requests',
        handler: (ctx) => json(200, this.requests({ since: intParam(ctx.query, 'since'), limit: intParam(ctx.query, 'limit') })),
      },
      {
        method: 'DELETE',
        path: '/__sandbox/requests',
        handler: () => {
          this.log.clear();
          return { status: 204 };
        },
      },
      {
        method: 'POST',
        path: '/__sandbox/reset',
        handler: (ctx) => {
          const body = controlBody(ctx);
          this.reset({ state: body['state'] === true });
          return json(200, { reset: true, state: body['state'] === true });
        },
      },
      { method: 'GET', path: '/__sandbox/faults', handler: () => json(200, this.faults.pending()) },
      {
        method: 'POST',
        path: '/__sandbox/faults',
        handler: (ctx) => json(200, this.faults.inject(controlBody(ctx) as FaultSpec)),
      },
      {
        method: 'DELETE',
        path: '/__sandbox/faults',
        handler: () => {
          this.faults.clear();
          return json(200, this.faults.pending() satisfies PendingFaults);
        },
      },
      { method: 'GET', path: '/__sandbox/rate-limit', handler: () => json(200, { rateLimit: this.limiter.config, refused: this.limiter.refused }) },
      {
        method: 'PUT',
        path: '/__sandbox/rate-limit',
        handler: (ctx) => {
          const body = controlBody(ctx);
          const rl = body['rateLimit'];
          try {
            this.limiter.configure(rl === null || rl === undefined ? null : (rl as RateLimitOptions));
          } catch (e) {
            throw new FaultSpecError(e instanceof Error ? e.message : String(e));
          }
          return json(200, { rateLimit: this.limiter.config });
        },
      },
      { method: 'GET', path: '/__sandbox/state', handler: () => json(200, this.options.snapshotState()) },
    ];
  }
}

/** Control-route helper: the JSON object body or a 400. */
export function controlBody(ctx: RequestContext): Record<string, unknown> {
  if (ctx.bodyError) throw new FaultSpecError(`invalid JSON: ${ctx.bodyError}`);
  if (ctx.body === undefined) return {};
  if (ctx.body === null || typeof ctx.body !== 'object' || Array.isArray(ctx.body)) throw new FaultSpecError('body must be a JSON object');
  return ctx.body as Record<string, unknown>;
}

export { FaultSpecError as ControlError };
