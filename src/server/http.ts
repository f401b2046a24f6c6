import type { ApiErrorCode } from '../domain/errors';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { Logger } from 'pino';
import type { RequestContext } from './context';
import { ResponseCache, type ResponseEntry } from './response-cache';

export const MAX_BODY_BYTES = 1024 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface HttpHandlerOptions {
  apollo: ApolloServer<RequestContext>;
  graphqlPath: string;
  logger: Logger;
  createContext: (req: IncomingMessage, requestId: string) => Promise<RequestContext>;
  /** Extra routes tried before GraphQL (health, playground, metrics); return true when handled. */
  routes: ((req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>)[];
  routerSecrets: string[];
  /**
   * An operation still running after this many ms is answered 503 EXECUTION_TIMEOUT (a router gives up on a
   * subgraph after 30 s by default, so an answer after that reaches no one). 0: no limit.
   */
  executionTimeoutMs?: number;
  /** Told the code of every refusal answered here, before Apollo Server (metrics). */
  onRefused?: (code: string) => void;
  /** Answers kept and served again while the data is unchanged (src/server/response-cache.ts). */
  responseCache?: {
    cache: ResponseCache;
    /**
     * The verified caller as a key (subject, tenant scope, scopes) and its tenant scope (null: every tenant); null
     * when the request carries no valid token.
     */
    principal: (authorization: string | undefined) => Promise<{ key: string; scope: readonly string[] | null } | null>;
    /** The read cache's current version for a tenant scope (shared by the requests of one event-loop turn). */
    currentVersion: (scope: readonly string[] | null) => Promise<number>;
    /** The current version of an operator's page of tenants (ResponseEntry.tenants; shared the same way). */
    pageVersion: (tenants: readonly string[]) => Promise<number>;
    /** Told of every answer served from the cache, with the time it took (metrics). */
    onHit?: (operationName: string | undefined, seconds: number) => void;
  };
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new HttpError(413, 'PAYLOAD_TOO_LARGE', `Request body is larger than ${limit} bytes`));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new HttpError(413, 'PAYLOAD_TOO_LARGE', `Request body is larger than ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJsonError(
  res: ServerResponse,
  status: number,
  code: ApiErrorCode,
  message: string,
  requestId: string,
  onRefused?: (code: string) => void,
): void {
  onRefused?.(code);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code, requestId } }] }));
}

/**
 * Whether a router presented one of the configured secrets. Both sides are hashed to a fixed length first, so the
 * comparison takes the same time whatever the given value's length, and every configured secret is compared, so
 * timing does not tell which one (or whether any) matched.
 */
export function secretMatches(given: string | undefined, secrets: readonly string[]): boolean {
  if (!given) return false;
  const g = createHash('sha256').update(given).digest();
  let ok = false;
  for (const s of secrets) {
    const same = timingSafeEqual(createHash('sha256').update(s).digest(), g);
    ok = ok || same;
  }
  return ok;
}

/**
 * graphql-js cannot stop an execution midway: the caller gets a coded answer on time, and the operation's own
 * bounds (vendor timeouts and retries, statement timeouts) end the rest. Work already stored stays stored: the
 * message says to read the state before retrying.
 */
async function withTimeout<T>(work: Promise<T>, ms: number, logger: Logger, requestId: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      logger.warn({ requestId, timeoutMs: ms }, 'operation exceeded the execution timeout');
      reject(
        new HttpError(
          503,
          'EXECUTION_TIMEOUT',
          `The operation did not finish within ${ms} ms; it may still complete: read its state before retrying`,
        ),
      );
    }, ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** node:http integration of Apollo Server: body limit, request ids, router trust, extra routes. */
export function createHttpHandler(opts: HttpHandlerOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const incomingId = req.headers['x-request-id'];
    const requestId = typeof incomingId === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(incomingId) ? incomingId : randomUUID();
    res.setHeader('x-request-id', requestId);
    try {
      for (const route of opts.routes) if (await route(req, res)) return;
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== opts.graphqlPath) {
        sendJsonError(res, 404, 'NOT_FOUND', `No route for ${req.method} ${url.pathname}`, requestId, opts.onRefused);
        return;
      }
      if (opts.routerSecrets.length && !secretMatches(req.headers['x-router-secret'] as string | undefined, opts.routerSecrets)) {
        sendJsonError(res, 403, 'FORBIDDEN', 'This subgraph only answers its router', requestId, opts.onRefused);
        return;
      }
      const body = req.method === 'POST' ? await readBody(req, MAX_BODY_BYTES) : Buffer.alloc(0);
      let parsed: unknown;
      let cacheKey: string | undefined;
      const rc = opts.responseCache?.cache.enabled && req.method === 'POST' ? opts.responseCache : undefined;
      const contentType = String(req.headers['content-type'] ?? '');
      if (req.method === 'POST') {
        if (!contentType.includes('application/json') && !contentType.includes('application/graphql-response+json')) {
          // Apollo's CSRF prevention wants a non-simple content type; say so plainly.
          throw new HttpError(415, 'BAD_REQUEST', 'POST a JSON body with Content-Type: application/json');
        }
        let text: string;
        try {
          text = utf8.decode(body);
        } catch {
          throw new HttpError(400, 'BAD_REQUEST', 'The request body is not valid UTF-8');
        }
        // The response cache: the same caller, Accept header and body (an answered body was valid JSON, so it is
        // not parsed again) as an answer stored at the current version.
        if (rc) {
          const started = performance.now();
          const principal = await rc.principal(req.headers.authorization);
          if (principal !== null) {
            cacheKey = ResponseCache.key(principal.key, req.headers.accept, text);
            const hit = rc.cache.get(cacheKey);
            if (hit) {
              // The same kind of version the answer was stamped with: the key holds the scope, and an operator's
              // dashboard is stamped with its page's tenants (src/store/read-cache.ts readStamped).
              const current = hit.tenants ? await rc.pageVersion(hit.tenants) : await rc.currentVersion(principal.scope);
              if (current === hit.version) {
                rc.cache.stats.hits++;
                res.writeHead(hit.status, hit.headers);
                res.end(hit.body);
                rc.onHit?.(hit.operationName, (performance.now() - started) / 1000);
                return;
              }
              rc.cache.forget(cacheKey, hit);
            }
            rc.cache.stats.misses++;
          }
        }
        try {
          parsed = JSON.parse(text);
        } catch {
          throw new HttpError(400, 'BAD_REQUEST', 'The request body is not valid JSON');
        }
        if (Array.isArray(parsed)) throw new HttpError(400, 'BAD_REQUEST', 'Batched requests are not supported: send one operation per request');
      }
      let context: RequestContext | undefined;
      const headers = new HeaderMap();
      for (const [k, v] of Object.entries(req.headers)) {
        if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
      }
      const execution = opts.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body: parsed },
        context: async () => {
          context = await opts.createContext(req, requestId);
          return context;
        },
      });
      const result = opts.executionTimeoutMs ? await withTimeout(execution, opts.executionTimeoutMs, opts.logger, requestId) : await execution;
      const outHeaders: Record<string, string> = {};
      for (const [k, v] of result.headers) outHeaders[k] = v;
      res.writeHead(result.status ?? 200, outHeaders);
      if (result.body.kind === 'complete') {
        res.end(result.body.string);
        const version = context?.readVersion;
        if (rc && cacheKey && context?.outcome.responseCacheable && (result.status ?? 200) === 200 && version !== undefined && version >= 0) {
          const entry: ResponseEntry = {
            version,
            status: 200,
            headers: outHeaders,
            body: result.body.string,
            operationName: context?.outcome.operationName,
            ...(context?.outcome.view?.versionTenants ? { tenants: context.outcome.view.versionTenants } : {}),
          };
          rc.cache.set(cacheKey, entry);
        }
      } else {
        for await (const chunk of result.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } catch (e) {
      if (e instanceof HttpError) {
        if (!res.headersSent) sendJsonError(res, e.status, e.code, e.message, requestId, opts.onRefused);
        else res.end();
        return;
      }
      opts.logger.error({ err: e, requestId }, 'request failed');
      if (!res.headersSent) sendJsonError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error', requestId, opts.onRefused);
      else res.end();
    }
  };
}
