import { safeVendorMessage, VendorHttp, type AdapterHttpOptions, type VendorFailure, type VendorResponse } from '../http';
import type { ConnectionContext, RecordingVendor, VendorCapabilities } from '../port';

const DISPLAY_NAME = 'SignalWire';

/** Recording policies are not settings at SignalWire: recordings are controlled per live call (seed 003). */
export const SIGNALWIRE_CAPABILITIES: VendorCapabilities = {
  policies: false,
  policyScopes: [],
  ruleFields: [],
  fieldNotes: {},
  liveRecording: { start: true, pause: true, resume: true, stop: true, pauseBehaviors: ['SKIP', 'SILENCE'] },
  attachments: null,
  credentialFields: [
    { name: 'projectId', description: 'Project ID (the AccountSid and the HTTP Basic user)', secret: false, required: true },
    { name: 'apiToken', description: 'API token (the HTTP Basic password)', secret: true, required: true },
  ],
  settingFields: [],
};

/** Twilio-shaped errors {code, message, more_info, status} (README 003). */
function signalwireFailure(res: VendorResponse): VendorFailure | null {
  if (res.status < 400) return null;
  const body = (res.json && typeof res.json === 'object' ? res.json : {}) as { code?: number | string; message?: string };
  const message = safeVendorMessage(body.message);
  const base = { vendorCode: body.code ?? res.status, ...(message ? { vendorMessage: message } : {}) };
  if (res.status === 401 || res.status === 403) return { code: 'VENDOR_AUTH_FAILED', ...base };
  if (res.status >= 500) return { code: 'VENDOR_UNAVAILABLE', ...base };
  return { code: 'VENDOR_REJECTED', ...base };
}

export class SignalwireAdapter implements RecordingVendor {
  readonly kind = 'SIGNALWIRE' as const;
  readonly displayName = DISPLAY_NAME;
  readonly capabilities = SIGNALWIRE_CAPABILITIES;

  constructor(readonly http: VendorHttp) {}

  /** `GET /api/laml/2010-04-01/Accounts/{AccountSid}.json` with HTTP Basic (project id : API token). */
  async testConnection(conn: ConnectionContext): Promise<void> {
    const { projectId = '', apiToken = '' } = conn.credentials;
    const basic = Buffer.from(`${projectId}:${apiToken}`).toString('base64');
    await this.http.send(
      conn,
      {
        operation: 'GET /Accounts/{AccountSid}',
        method: 'GET',
        path: `/api/laml/2010-04-01/Accounts/${encodeURIComponent(projectId)}.json`,
        headers: { Authorization: `Basic ${basic}` },
        secretHeaders: ['Authorization'],
        idempotent: true,
        expectJson: true,
      },
      signalwireFailure,
    );
  }
}

export function createSignalwireAdapter(options: AdapterHttpOptions = {}): SignalwireAdapter {
  return new SignalwireAdapter(new VendorHttp({ ...options, vendor: 'SIGNALWIRE', displayName: DISPLAY_NAME }));
}
