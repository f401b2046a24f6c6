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
export function nextLink(header: string | null, baseUrl: string, operation = 'GET /people'): { path: string; query: Record<string, string> } | null {
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
      operation,
    });
  }
  const basePath = base.pathname.replace(/\/+$/, '');
  if (next.origin !== base.origin || !next.pathname.startsWith(`${basePath}/`)) {
    throw new AppError('VENDOR_UNAVAILABLE', 'Webex Calling answered a pagination link outside its API', {
      vendor: 'WEBEX',
      operation,
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

/** One item of `GET /workspaces` ("List Workspaces"); only what the standard needs. */
interface WebexWorkspaceSummary {
  id: string;
  calling?: { type?: string };
}

/** Our page size for List Workspaces (the API documents no bound; the sandbox caps `max` at 1000 like List People). */
const WEBEX_WORKSPACES_MAX = 1000;

/**
 * Streams the Webex Calling workspaces (`GET /workspaces?calling=webexCalling`, offset pages by `Link` rel="next"):
 * only those have call recording settings (`/telephony/config/workspaces/{id}/features/callRecordings`).
 */
async function* listCallingWorkspaces(
  http: VendorHttp,
  conn: ConnectionContext,
  opts: { locationId?: string | null; max?: number } = {},
  send: PageSender = (call, hook) => http.send(conn, call, hook),
): AsyncGenerator<WebexWorkspaceSummary[]> {
  const max = Math.min(WEBEX_WORKSPACES_MAX, Math.max(1, Math.floor(opts.max ?? WEBEX_WORKSPACES_MAX)));
  const first: Record<string, string> = { calling: 'webexCalling', max: String(max) };
  if (conn.settings.orgId) first.orgId = conn.settings.orgId;
  if (opts.locationId) first.locationId = opts.locationId;
  const client = new WebexClient(http, conn);
  let page: { path: string; query: Record<string, string> } | null = { path: '/workspaces', query: first };
  while (page) {
    const res = await send(client.workspacesPageCall(page.path, page.query), webexFailure);
    const body = res.json as { items?: WebexWorkspaceSummary[] };
    const items = Array.isArray(body?.items)
      ? body.items.filter((w) => w && typeof w.id === 'string' && (w.calling?.type ?? 'webexCalling') === 'webexCalling')
      : [];
    page = nextLink(res.headers.get('link'), conn.baseUrl, 'GET /workspaces');
    if (items.length) yield items;
  }
}

/** The port's directory walk: people (roll-outs, the standard) or Webex Calling workspaces (the standard). */
export async function* listPersonScopes(
  http: VendorHttp,
  conn: ConnectionContext,
  filter: ScopeFilter,
  opts: { pageSize?: number } = {},
  send?: PageSender,
): AsyncGenerator<PolicyScope[]> {
  if (filter.kind === 'WORKSPACE') {
    for await (const page of listCallingWorkspaces(http, conn, { locationId: filter.locationId, max: opts.pageSize }, send)) {
      yield page.map((w) => ({ kind: 'WORKSPACE' as const, id: w.id }));
    }
    return;
  }
  if (filter.kind !== 'PERSON') {
    throw new AppError('VENDOR_UNSUPPORTED_FIELD', `Webex Calling lists people and workspaces, not ${filter.kind}`, {
      vendor: 'WEBEX',
      fields: [{ path: ['scope', 'kind'], message: 'only PERSON or WORKSPACE' }],
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
