import type { FieldProblem } from '../../domain/errors';
import type { PolicyScope, RecordingRules } from '../../domain/policy';
import { VendorHttp, type AdapterHttpOptions } from '../http';
import type { ApplyOutcome, ConnectionContext, LiveAction, LiveRecordingRef, RecordingVendor, ScopeFilter, VendorCapabilities, VendorRecordingState, VendorRequestPreview } from '../port';
import { WebexClient } from './client';
import { listPersonScopes } from './directory';
import { WEBEX_LIVE_RECORDING, webexSettleAction, webexSettleStart, webexStartRecording, webexUpdateRecording } from './live';
import { checkWebexPolicy, fromWebex, needsCurrent, toWebexPut } from './mapping';

const DISPLAY_NAME = 'Webex Calling';

export const WEBEX_CAPABILITIES: VendorCapabilities = {
  policies: true,
  policyScopes: ['PERSON', 'WORKSPACE', 'VIRTUAL_LINE'],
  ruleFields: [
    'calls.voicemail',
    'mode',
    'onDemandKey',
    'startStopAnnouncement.enabled',
    'startStopAnnouncement.internalCalls',
    'startStopAnnouncement.externalCalls',
    'pauseResumeNotification',
    'periodicBeep',
  ],
  fieldNotes: {
    mode: 'Always, Never, Always with Pause/Resume, On Demand with User Initiated Start. NEVER also turns the feature off (enabled false).',
    onDemandKey: 'Always "*44".',
    'startStopAnnouncement.enabled': 'Persons only (startStopAnnouncementEnabled).',
    'startStopAnnouncement.externalCalls': 'PSTN calls (pstnCallsEnabled).',
    periodicBeep: 'Interval: whole seconds from 10 to 1800.',
  },
  liveRecording: WEBEX_LIVE_RECORDING,
  attachments: null,
  credentialFields: [
    { name: 'accessToken', description: 'Admin access token with spark-admin:people_read/people_write (and telephony_config) scopes', secret: true, required: true },
  ],
  settingFields: [{ name: 'orgId', description: 'Organization id, for partner administrators managing another organization', secret: false, required: false }],
};

export class WebexAdapter implements RecordingVendor {
  readonly kind = 'WEBEX' as const;
  readonly displayName = DISPLAY_NAME;
  readonly capabilities = WEBEX_CAPABILITIES;

  constructor(readonly http: VendorHttp) {}

  checkPolicy(scope: PolicyScope, rules: RecordingRules): FieldProblem[] {
    return checkWebexPolicy(scope, rules);
  }

  async previewPolicy(conn: ConnectionContext, scope: PolicyScope, rules: RecordingRules): Promise<VendorRequestPreview[]> {
    const client = new WebexClient(this.http, conn);
    const out: VendorRequestPreview[] = [];
    let current;
    if (needsCurrent(rules)) {
      current = await client.readCallRecordingSettings(scope);
      out.push(client.preview(client.getCall(scope)));
    }
    out.push(client.preview(client.putCall(scope, toWebexPut(scope, rules, current))));
    return out;
  }

  async applyPolicy(conn: ConnectionContext, scope: PolicyScope, rules: RecordingRules): Promise<ApplyOutcome> {
    const client = new WebexClient(this.http, conn);
    const requests: VendorRequestPreview[] = [];
    let current;
    if (needsCurrent(rules)) {
      current = await client.readCallRecordingSettings(scope);
      requests.push(client.preview(client.getCall(scope)));
    }
    const body = toWebexPut(scope, rules, current);
    await client.configureCallRecordingSettings(scope, body);
    requests.push(client.preview(client.putCall(scope, body)));
    return { requests };
  }

  async readPolicy(conn: ConnectionContext, scope: PolicyScope): Promise<RecordingRules> {
    return fromWebex(scope, await new WebexClient(this.http, conn).readCallRecordingSettings(scope));
  }

  /** The people directory, streamed page by page (directory.ts). */
  listPolicyScopes(conn: ConnectionContext, filter: ScopeFilter, opts?: { pageSize?: number }): AsyncGenerator<PolicyScope[]> {
    return listPersonScopes(this.http, conn, filter, opts);
  }

  requestPace(conn: ConnectionContext): { ratePerSecond: number; burst: number } {
    return { ...this.http.settingsFor(conn).limiter };
  }

  async testConnection(conn: ConnectionContext): Promise<void> {
    await new WebexClient(this.http, conn).listPeople();
  }

  /** Call control (live.ts): the call id names the recording. */
  startRecording(conn: ConnectionContext, call: { callId: string; channels?: number }): Promise<VendorRecordingState> {
    return webexStartRecording(this.http, conn, call);
  }

  updateRecording(conn: ConnectionContext, ref: LiveRecordingRef, action: LiveAction): Promise<VendorRecordingState> {
    return webexUpdateRecording(this.http, conn, ref, action);
  }

  settleStart(conn: ConnectionContext, call: { callId: string; channels?: number }): Promise<VendorRecordingState | null> {
    return webexSettleStart(this.http, conn, call);
  }

  settleAction(conn: ConnectionContext, ref: LiveRecordingRef, action: LiveAction): Promise<VendorRecordingState | null> {
    return webexSettleAction(this.http, conn, ref, action);
  }
}

export function createWebexAdapter(options: AdapterHttpOptions = {}): WebexAdapter {
  return new WebexAdapter(new VendorHttp({ ...options, vendor: 'WEBEX', displayName: DISPLAY_NAME }));
}
