import { VendorHttp, type AdapterHttpOptions } from '../http';
import { SIGNALWIRE_HTTP } from './http';
import { capabilitiesOf } from '../port';
import type { ConnectionContext, DeclaredCapabilities, RecordingVendor, VendorCapabilities } from '../port';
import { SignalwireClient } from './client';
import { SignalwireLiveRecording, type SignalwireLiveOptions } from './live';

const DISPLAY_NAME = 'SignalWire';

/** Recording policies are not settings at SignalWire: recordings are controlled per live call (seed 003). */
export const SIGNALWIRE_CAPABILITIES: DeclaredCapabilities = {
  policies: false,
  policyScopes: [],
  ruleFields: [],
  fieldNotes: {},
  credentialFields: [
    { name: 'projectId', description: 'Project ID (the HTTP Basic user, and the AccountSid unless set below)', secret: false, required: true },
    { name: 'apiToken', description: 'API token with the Voice scope (the HTTP Basic password)', secret: true, required: true },
  ],
  settingFields: [
    { name: 'accountSid', description: 'AccountSid in API paths; defaults to the project id', secret: false, required: false },
    { name: 'mediaFormat', description: 'Media handed out for finished recordings: wav (default) or mp3', secret: false, required: false },
    {
      name: 'recordingStatusCallback',
      description: 'URL SignalWire calls when a recording is available (RecordingStatusCallback)',
      secret: false,
      required: false,
    },
  ],
};

export class SignalwireAdapter implements RecordingVendor {
  readonly kind = 'SIGNALWIRE' as const;
  readonly displayName = DISPLAY_NAME;
  /** Start, pause (either behaviour), resume, stop, read and media: live.ts. */
  readonly live: SignalwireLiveRecording;
  readonly capabilities: VendorCapabilities;

  constructor(
    readonly http: VendorHttp,
    live: SignalwireLiveOptions = {},
  ) {
    this.live = new SignalwireLiveRecording(http, live);
    this.capabilities = capabilitiesOf(SIGNALWIRE_CAPABILITIES, this);
  }

  /** `GET /api/laml/2010-04-01/Accounts/{AccountSid}.json` with HTTP Basic (project id : API token). */
  async testConnection(conn: ConnectionContext): Promise<void> {
    await new SignalwireClient(this.http, conn).fetchAccount();
  }
}

export function createSignalwireAdapter(options: AdapterHttpOptions = {}, live: SignalwireLiveOptions = {}): SignalwireAdapter {
  return new SignalwireAdapter(new VendorHttp({ ...options, vendor: 'SIGNALWIRE', displayName: DISPLAY_NAME, defaults: SIGNALWIRE_HTTP }), live);
}
