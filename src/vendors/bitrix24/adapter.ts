import { safeVendorMessage, VendorHttp, type AdapterHttpOptions, type VendorFailure, type VendorResponse } from '../http';
import type { ConnectionContext, RecordingVendor, VendorCapabilities } from '../port';

const DISPLAY_NAME = 'Bitrix24';

/** Bitrix24 holds finished recordings on CRM calls (seed 004); it has no recording settings and no live control. */
export const BITRIX24_CAPABILITIES: VendorCapabilities = {
  policies: false,
  policyScopes: [],
  ruleFields: [],
  fieldNotes: {},
  liveRecording: null,
  attachments: { inlineContent: true, recordUrl: true, uploadUrl: true },
  credentialFields: [
    { name: 'userId', description: 'Id of the user the incoming webhook was created for', secret: false, required: true },
    { name: 'webhookSecret', description: 'Incoming webhook secret (the path segment after the user id)', secret: true, required: true },
  ],
  settingFields: [],
};

/**
 * Failures are {"error": "CODE", "error_description": "text"} with an HTTP error status (README 004); expired or
 * wrong webhooks answer 401 (or error codes naming the token); QUERY_LIMIT_EXCEEDED (503) is throttling.
 */
const AUTH_ERRORS = new Set(['NO_AUTH_FOUND', 'INVALID_CREDENTIALS', 'expired_token', 'invalid_token', 'insufficient_scope', 'ACCESS_DENIED', 'WRONG_AUTH_TYPE']);

function bitrixFailure(res: VendorResponse): VendorFailure | null {
  const body = (res.json && typeof res.json === 'object' ? res.json : {}) as { error?: string; error_description?: string };
  if (res.status < 400 && !body.error) return null;
  const vendorCode = body.error ?? res.status;
  const message = safeVendorMessage(body.error_description);
  const base = { vendorCode, ...(message ? { vendorMessage: message } : {}) };
  if (body.error === 'QUERY_LIMIT_EXCEEDED' || res.status >= 500) return { code: 'VENDOR_UNAVAILABLE', ...base };
  if (res.status === 401 || res.status === 403 || (body.error && AUTH_ERRORS.has(body.error))) return { code: 'VENDOR_AUTH_FAILED', ...base };
  return { code: 'VENDOR_REJECTED', ...base };
}

export class Bitrix24Adapter implements RecordingVendor {
  readonly kind = 'BITRIX24' as const;
  readonly displayName = DISPLAY_NAME;
  readonly capabilities = BITRIX24_CAPABILITIES;

  constructor(readonly http: VendorHttp) {}

  /** Calls `profile` through the incoming webhook `{portal}/rest/{user_id}/{webhook_secret}/profile`. */
  async testConnection(conn: ConnectionContext): Promise<void> {
    const { userId = '', webhookSecret = '' } = conn.credentials;
    // The webhook secret is a path segment: the HTTP layer never puts URLs into errors, and this call is not previewed.
    await this.http.send(
      conn,
      {
        operation: 'profile',
        method: 'GET',
        path: `/rest/${encodeURIComponent(userId)}/${encodeURIComponent(webhookSecret)}/profile.json`,
        idempotent: true,
        expectJson: true,
      },
      bitrixFailure,
    );
  }
}

export function createBitrix24Adapter(options: AdapterHttpOptions = {}): Bitrix24Adapter {
  return new Bitrix24Adapter(new VendorHttp({ ...options, vendor: 'BITRIX24', displayName: DISPLAY_NAME }));
}
