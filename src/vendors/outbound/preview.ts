import type { VendorRequestPreview } from '../port';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One call to one vendor endpoint, as a client method describes it. */
export interface VendorCall {
  /** The endpoint as the vendor names it (metrics label, error messages): 'autorecord/update'. */
  operation: string;
  method: HttpMethod;
  /** Path below the connection's base URL, already encoded. */
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** JSON-serialised unless `form` is set. */
  body?: unknown;
  form?: Record<string, string>;
  /** A body sent as these bytes (multipart uploads); previews show only its type and size. */
  raw?: { contentType: string; data: Uint8Array };
  /** Safe to repeat after a timeout or 5xx (reads, full-replacement PUTs). 429 is always retried: not processed. */
  idempotent: boolean;
  /** A 2xx answer must carry a JSON body; a missing, truncated or malformed one is VENDOR_UNAVAILABLE. */
  expectJson?: boolean;
  /** Query parameters and headers holding credentials: shown as "[redacted]" in previews and never logged. */
  secretQuery?: string[];
  secretHeaders?: string[];
}

export function joinUrl(baseUrl: string, path: string, query?: Record<string, string>): string {
  const base = baseUrl.replace(/\/+$/, '');
  const p = path.startsWith('/') ? path : `/${path}`;
  const qs = query && Object.keys(query).length ? `?${new URLSearchParams(query).toString()}` : '';
  return `${base}${p}${qs}`;
}

/** The call as preview shows it: path below the base URL, credentials redacted. */
export function previewOf(call: VendorCall): VendorRequestPreview {
  const redact = (rec: Record<string, string> | undefined, secret: string[] | undefined) => {
    if (!rec) return undefined;
    const lower = new Set((secret ?? []).map((s) => s.toLowerCase()));
    return Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, lower.has(k.toLowerCase()) ? '[redacted]' : v]));
  };
  const out: VendorRequestPreview = { method: call.method, path: call.path };
  const query = redact(call.query, call.secretQuery);
  if (query && Object.keys(query).length) out.query = query;
  const headers = redact(call.headers, [...(call.secretHeaders ?? []), 'authorization']);
  if (headers && Object.keys(headers).length) out.headers = headers;
  if (call.form !== undefined) out.body = call.form;
  else if (call.raw !== undefined) out.body = `[${call.raw.data.byteLength} bytes of ${call.raw.contentType.split(';')[0]}]`;
  else if (call.body !== undefined) out.body = call.body;
  return out;
}
