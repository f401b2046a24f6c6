import { AppError } from '../../domain/errors';
import type { PolicyScope } from '../../domain/policy';
import type { ErrorHook, VendorCall, VendorHttp, VendorResponse } from '../http';
import type { ConnectionContext, ScopeFilter } from '../port';
import { WebexClient } from './client';
import { webexFailure } from './errors';

/** One item of `GET /people` ("List People"); only what a roll-out needs, names as the docs spell them. */
export interface WebexPersonSummary {
  id: string;
  displayName?: string;
  locationId?: string;
  emails?: string[];
}

export interface WebexPeoplePage {
  items: WebexPersonSummary[];
}

/** List People caps `max` at 1000 (developer.webex.com "List People"). */
export const WEBEX_PEOPLE_MAX = 1000;

/**
 * The RFC 5988 `Link` header's rel="next" target (developer.webex.com "Pagination"). Webex answers it absolute;
 * we follow it only below the connection's own base URL, so a bearer token is never sent to another host.
 */
export function nextLink(header: string | null, baseUrl: string): { path: string; query: Record<string, string> } | null {
  if (!header) return null;
  const m = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(header);
  if (!m) return null;
  let next: URL;
  let base: URL;
  try {
    next = new URL(m[1]!);
    base = new URL(baseUrl);
  } catch {
    throw new AppError('VENDOR_UNAVAILABLE', 'Webex Calling answered an unreadable pagination link', {
      vendor: 'WEBEX',
      operation: 'GET /people',
    });
  }
  const basePath = base.pathname.replace(/\/+$/, '');
  if (next.origin !== base.origin || !next.pathname.startsWith(`${basePath}/`)) {
    throw new AppError('VENDOR_UNAVAILABLE', 'Webex Calling answered a pagination link outside its API', {
      vendor: 'WEBEX',
      operation: 'GET /people',
    });
  }
  return { path: next.pathname.slice(basePath.length), query: Object.fromEntries(next.searchParams) };
}

/** Sends one page request; the adapter's sends each page with the live token of an integration. */
export type PageSender = (call: VendorCall, hook: ErrorHook) => Promise<VendorResponse>;

/**
 * Streams the people directory one page at a time, following `Link: <...>; rel="next"` until it is absent. A page
 * is yielded before the next is requested, so memory holds one page whatever the directory's size.
 */
export async function* listPeople(
  http: VendorHttp,
  conn: ConnectionContext,
  opts: { locationId?: string | null; max?: number } = {},
  send: PageSender = (call, hook) => http.send(conn, call, hook),
): AsyncGenerator<WebexPersonSummary[]> {
  const max = Math.min(WEBEX_PEOPLE_MAX, Math.max(1, Math.floor(opts.max ?? WEBEX_PEOPLE_MAX)));
  const first: Record<string, string> = { max: String(max) };
  if (conn.settings.orgId) first.orgId = conn.settings.orgId;
  if (opts.locationId) first.locationId = opts.locationId;
  const client = new WebexClient(http, conn);
  let page: { path: string; query: Record<string, string> } | null = { path: '/people', query: first };
  while (page) {
    const res = await send(client.peoplePageCall(page.path, page.query), webexFailure);
    const body = res.json as WebexPeoplePage;
    const items = Array.isArray(body?.items) ? body.items.filter((p) => p && typeof p.id === 'string') : [];
    page = nextLink(res.headers.get('link'), conn.baseUrl);
    if (items.length) yield items;
  }
}

/** The port's directory walk: Webex roll-outs target people. */
export async function* listPersonScopes(
  http: VendorHttp,
  conn: ConnectionContext,
  filter: ScopeFilter,
  opts: { pageSize?: number } = {},
  send?: PageSender,
): AsyncGenerator<PolicyScope[]> {
  if (filter.kind !== 'PERSON') {
    throw new AppError('VENDOR_UNSUPPORTED_FIELD', `Webex Calling roll-outs walk the people directory, not ${filter.kind}`, {
      vendor: 'WEBEX',
      fields: [{ path: ['scope', 'kind'], message: 'only PERSON' }],
    });
  }
  for await (const page of listPeople(http, conn, { locationId: filter.locationId, max: opts.pageSize }, send)) {
    yield page.map((p) => ({
      kind: 'PERSON' as const,
      id: p.id,
      ...(Array.isArray(p.emails) ? { emails: p.emails.filter((e) => typeof e === 'string') } : {}),
    }));
  }
}
