import { safeVendorMessage, type VendorFailure, type VendorResponse } from '../http';
import type { WebexErrorBody, WebexTermsOfServiceConflict } from './wire';

/**
 * Status codes per seed 002's table: 400/404/405/409/410/415/428 refuse what we sent; 401 bad or expired token, 403
 * a token without the admin scope; 5xx unavailable. 429/423 (Retry-After) are waited out by the HTTP layer.
 */
export function webexFailure(res: VendorResponse): VendorFailure | null {
  if (res.status < 400) return null;
  const body = (res.json && typeof res.json === 'object' ? res.json : {}) as WebexErrorBody & WebexTermsOfServiceConflict;
  const descriptions = (Array.isArray(body.errors) ? body.errors : [])
    .map((e) => (e && typeof e.description === 'string' ? e.description : ''))
    .filter(Boolean);
  let message = safeVendorMessage(descriptions.length ? descriptions.join('; ') : body.message);
  if (!message && res.status === 409 && body.vendorName) message = `terms of service of ${body.vendorName} not accepted`;
  const errorCode = Array.isArray(body.errors) ? body.errors.find((e) => e?.errorCode !== undefined)?.errorCode : undefined;
  const trackingId = typeof body.trackingId === 'string' ? ` (trackingId ${body.trackingId.slice(0, 80)})` : '';
  const base: Omit<VendorFailure, 'code'> = {
    vendorCode: errorCode ?? res.status,
    ...(message || trackingId ? { vendorMessage: `${message ?? `HTTP ${res.status}`}${trackingId}` } : {}),
  };
  const scope = res.status === 403 ? missingScope(message) : null;
  if (scope) {
    return {
      code: 'VENDOR_AUTH_FAILED',
      vendorCode: base.vendorCode,
      vendorMessage: `the token lacks the ${scope} scope: reconnect the integration with ${scope} granted${trackingId}`,
    };
  }
  if (res.status === 401 || res.status === 403) return { code: 'VENDOR_AUTH_FAILED', ...base };
  if (res.status >= 500) return { code: 'VENDOR_UNAVAILABLE', ...base };
  return { code: 'VENDOR_REJECTED', ...base };
}

/** Webex names what the token lacks: "...missing required scopes ... implied by these scopes: [spark-admin:people_write]." */
function missingScope(message: string | undefined): string | null {
  const m = /missing required scopes.*\[([a-z0-9_:,\s-]+)\]/i.exec(message ?? '');
  return m ? m[1]!.trim() : null;
}
