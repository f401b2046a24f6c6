import { safeVendorMessage, type VendorFailure, type VendorResponse } from '../http';
import type { B24ErrorBody } from './wire';

/**
 * `{error, error_description}` with an HTTP error status (README 004; _includes/system-errors.md): 401 and the token
 * codes are credentials; WRONG_AUTH_TYPE (403) is the wrong credential kind for the method; QUERY_LIMIT_EXCEEDED (503)
 * is throttling, repeated by the HTTP layer when the call is safe to repeat; other 5xx unavailable; the rest (many
 * with an empty `error`, e.g. "Call is not found in the statistic table") refuse the request.
 */
const AUTH_ERRORS = new Set([
  'NO_AUTH_FOUND',
  'INVALID_CREDENTIALS',
  'expired_token',
  'invalid_token',
  'insufficient_scope',
  'WRONG_AUTH_TYPE',
  'user_access_error',
  'INVALID_TOKEN',
]);

export function bitrixFailure(res: VendorResponse): VendorFailure | null {
  const body = (res.json && typeof res.json === 'object' ? res.json : {}) as B24ErrorBody;
  if (res.status < 400 && !body.error) return null;
  const vendorCode = body.error ? body.error : res.status;
  const message = withHint(body.error, safeVendorMessage(body.error_description));
  const base = { vendorCode, ...(message ? { vendorMessage: message } : {}) };
  if (body.error === 'QUERY_LIMIT_EXCEEDED' || res.status >= 500) return { code: 'VENDOR_UNAVAILABLE', ...base };
  if (res.status === 401 || (body.error && AUTH_ERRORS.has(body.error))) return { code: 'VENDOR_AUTH_FAILED', ...base };
  return { code: 'VENDOR_REJECTED', ...base };
}

/** What a person can do about the refusals that their own setup causes (DECISIONS.md, system errors). */
function withHint(code: string | undefined, message: string | undefined): string | undefined {
  if (!message) return message;
  if (code === 'insufficient_scope') return `${message}: grant the webhook or application the "telephony" scope in Bitrix24`;
  if (code === 'ACCESS_DENIED') return `${message}: the portal's plan does not include the REST API`;
  if (/non-public address/.test(message))
    return `${message} Bitrix24 downloads RECORD_URL itself: give a public URL, or send the recording as content`;
  return message;
}
