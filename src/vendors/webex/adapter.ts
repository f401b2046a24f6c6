import type { FieldProblem } from '../../domain/errors';
import type { PolicyScope, RecordingRules } from '../../domain/policy';
import { AppError } from '../../domain/errors';
import { ProcessTokens, withAccessToken } from '../credentials';
import { VendorHttp, type AdapterHttpOptions } from '../http';
import { PlannedPolicies, type PolicyEndpoints, type PolicyPlanner } from '../http';
import { WEBEX_HTTP } from './http';
import { capabilitiesOf } from '../port';
import type {
  AccessTokens,
  ConnectionContext,
  ConnectionProblem,
  CredentialLifecycle,
  DeclaredCapabilities,
  LiveRecordingPort,
  RecordingVendor,
  ScopeFilter,
  VendorCapabilities,
} from '../port';
import { webexCredentialLifecycle } from './credentials';
import { WebexClient } from './client';
import { listPersonScopes } from './directory';
import { webexLiveRecording } from './live';
import { checkWebexPolicy, fromWebex, needsCurrent, toWebexPut } from './mapping';
import type { WebexCallRecordingInfo } from './wire';

const DISPLAY_NAME = 'Webex Calling';

export const WEBEX_CAPABILITIES: DeclaredCapabilities = {
  policies: true,
  policyScopes: ['PERSON', 'WORKSPACE', 'VIRTUAL_LINE'],
  directoryScopes: ['PERSON', 'WORKSPACE'],
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
  approximations: {
    'calls.internal': 'Webex cannot record internal calls only; records all calls',
    'calls.external': 'Webex cannot record external calls only; records all calls',
    'calls.inbound': 'Webex cannot record inbound calls only; records all calls',
    'calls.outbound': 'Webex cannot record outbound calls only; records all calls',
    'announcement.enabled': 'Webex announces with its start/stop announcement (startStopAnnouncement), not a recorded message',
  },
  credentialFields: [
    {
      name: 'accessToken',
      description:
        'Admin access token with spark-admin:people_read/people_write, telephony_config_read/_write and workspaces_read scopes; alone it is used as given, with an integration it is the first token',
      secret: true,
      required: false,
    },
    { name: 'clientId', description: 'Admin integration: its Client ID (with clientSecret and refreshToken)', secret: true, required: false },
    { name: 'clientSecret', description: 'Admin integration: its Client Secret', secret: true, required: false },
    {
      name: 'refreshToken',
      description: 'Admin integration: the refresh token the authorization answered (renews the 14-day access token)',
      secret: true,
      required: false,
    },
  ],
  settingFields: [
    { name: 'orgId', description: 'Organization id, for partner administrators managing another organization', secret: false, required: false },
  ],
};

/**
 * Call recording settings per person, workspace or virtual line. PUTs are partial (mapping.ts); the current settings
 * are read first only when the PUT would otherwise reset a key (needsCurrent).
 */
function webexPolicyPlan(client: WebexClient): PolicyPlanner<WebexCallRecordingInfo> {
  return {
    read: (scope) => client.getCall(scope),
    stateOf: (_scope, answer) => answer.json as WebexCallRecordingInfo,
    writes: async (scope, rules, current) => [client.putCall(scope, toWebexPut(scope, rules, needsCurrent(rules) ? await current() : undefined))],
    rulesOf: (scope, info) => fromWebex(scope, info),
  };
}

export class WebexAdapter extends PlannedPolicies<WebexCallRecordingInfo> implements RecordingVendor {
  readonly kind = 'WEBEX' as const;
  readonly displayName = DISPLAY_NAME;
  readonly capabilities: VendorCapabilities;
  /** Call control (live.ts): the call id names the recording. */
  readonly live: LiveRecordingPort;

  readonly credentialLifecycle: CredentialLifecycle;
  /** Tokens of integrations when this adapter is used without the service's shared store. */
  readonly processTokens = new ProcessTokens();

  constructor(readonly http: VendorHttp) {
    super();
    this.credentialLifecycle = webexCredentialLifecycle(http);
    this.live = webexLiveRecording(http, (conn, run) => this.authed(conn, run));
    this.capabilities = capabilitiesOf(WEBEX_CAPABILITIES, this);
  }

  private tokensFor(conn: ConnectionContext): AccessTokens | null {
    if (this.credentialLifecycle.kindOf(conn.credentials) === 'STATIC') return null;
    return conn.tokens ?? this.processTokens.for(conn, this.credentialLifecycle);
  }

  /**
   * Runs with the connection's live access token in `credentials.accessToken` (what the clients read); a 401 means the
   * token expired or was revoked: renewed once, sent once more. 403 is a scope or licence, not the token.
   */
  private authed<T>(conn: ConnectionContext, run: (conn: ConnectionContext) => Promise<T>): Promise<T> {
    const tokens = this.tokensFor(conn);
    if (!tokens) return run(conn);
    return withAccessToken(tokens, (t) => run({ ...conn, credentials: { ...conn.credentials, accessToken: t } }), isExpiredToken);
  }

  /** Seed 002's status table and developer.webex.com: 403 is a missing scope, or a licence the person lacks. */
  diagnose(e: {
    code: string;
    vendorCode?: string | number | null;
    vendorMessage?: string | null;
    httpStatus?: number | null;
  }): ConnectionProblem | null {
    const message = (e.vendorMessage ?? '').toLowerCase();
    if (/licen[cs]e/.test(message)) return 'LICENSE_MISSING';
    if (e.httpStatus === 403 || e.vendorCode === 403 || /scope/.test(message)) return 'SCOPE_MISSING';
    return null;
  }

  checkPolicy(scope: PolicyScope, rules: RecordingRules): FieldProblem[] {
    return checkWebexPolicy(scope, rules);
  }

  /** One partial PUT, after a GET only where leaving a key out would change it (webexPolicyPlan). */
  protected policies(conn: ConnectionContext): PolicyEndpoints<WebexCallRecordingInfo> {
    const client = new WebexClient(this.http, conn);
    return { planner: webexPolicyPlan(client), wire: client };
  }

  /** A 401 anywhere in a plan renews the token once and runs the whole plan again. */
  protected override run<T>(conn: ConnectionContext, plan: (conn: ConnectionContext) => Promise<T>): Promise<T> {
    return this.authed(conn, plan);
  }

  /** The people directory or the Webex Calling workspaces, streamed page by page (directory.ts). */
  listPolicyScopes(conn: ConnectionContext, filter: ScopeFilter, opts?: { pageSize?: number }): AsyncGenerator<PolicyScope[]> {
    const tokens = this.tokensFor(conn);
    // Each page is sent with the live token and renewed once on a 401, so a long walk outlives its token.
    const send = tokens
      ? (call: Parameters<VendorHttp['send']>[1], hook: Parameters<VendorHttp['send']>[2]) =>
          withAccessToken(
            tokens,
            (t) => this.http.send(conn, { ...call, headers: { ...(call.headers ?? {}), Authorization: `Bearer ${t}` } }, hook),
            isExpiredToken,
          )
      : undefined;
    return listPersonScopes(this.http, conn, filter, opts, send);
  }

  requestPace(conn: ConnectionContext): { ratePerSecond: number; burst: number } {
    return { ...this.http.settingsFor(conn).limiter };
  }

  async testConnection(conn: ConnectionContext): Promise<void> {
    await this.authed(conn, (c) => new WebexClient(this.http, c).listPeople());
  }
}

const isExpiredToken = (e: unknown): boolean => e instanceof AppError && e.code === 'VENDOR_AUTH_FAILED' && e.details.httpStatus === 401;

export function createWebexAdapter(options: AdapterHttpOptions = {}): WebexAdapter {
  return new WebexAdapter(new VendorHttp({ ...options, vendor: 'WEBEX', displayName: DISPLAY_NAME, defaults: WEBEX_HTTP }));
}
