import { safeVendorMessage, type VendorFailure, type VendorResponse } from '../http';
import type { SwErrorBody } from './wire';

/**
 * `{code, message, more_info, status}` (specs/signalwire CompatibilityErrorResponse): 401/403 are the project id or
 * token; 400/404/422 refuse the request, a refused transition included (code 21220, Twilio's "Invalid call state");
 * 5xx is unavailable. 429 never reaches this hook as a final answer: the HTTP layer waits it out.
 */
export function signalwireFailure(res: VendorResponse): VendorFailure | null {
  if (res.status < 400) return null;
  const body = (res.json && typeof res.json === 'object' ? res.json : {}) as SwErrorBody;
  const message = safeVendorMessage(body.message);
  const base = { vendorCode: body.code ?? res.status, ...(message ? { vendorMessage: message } : {}) };
  if (res.status === 401 || res.status === 403) return { code: 'VENDOR_AUTH_FAILED', ...base };
  if (res.status >= 500) return { code: 'VENDOR_UNAVAILABLE', ...base };
  return { code: 'VENDOR_REJECTED', ...base };
}
