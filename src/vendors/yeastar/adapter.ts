import { AppError, type FieldProblem } from '../../domain/errors';
import type { PolicyScope, RecordingRules } from '../../domain/policy';
import { VendorHttp, type AdapterHttpOptions } from '../http';
import { PlannedPolicies, type PolicyEndpoints, type PolicyPlanner } from '../http';
import { YEASTAR_HTTP } from './http';
import { capabilitiesOf } from '../port';
import type { ConnectionContext, ConnectionProblem, CredentialLifecycle, DeclaredCapabilities, RecordingVendor } from '../port';
import { YeastarClient, YeastarTokenStore } from './client';
import { yeastarCredentialLifecycle } from './credentials';
import { YEASTAR_ACCESS_DENIED } from './errors';
import { checkYeastarPolicy, fromYeastar, toYeastarUpdate } from './mapping';
import type { YeastarAutoRecord, YeastarAutoRecordGetResponse } from './wire';

const DISPLAY_NAME = 'Yeastar P-Series';

export const YEASTAR_CAPABILITIES: DeclaredCapabilities = {
  policies: true,
  policyScopes: ['ORGANIZATION'],
  ruleFields: [
    'calls.internal',
    'calls.paging',
    'targets.trunks',
    'targets.trunks.periodicBeep',
    'targets.extensions',
    'targets.queues',
    'targets.ivrs',
    'targets.conferences',
    'announcement.prompts',
    'stereo',
    'fileFormat',
  ],
  fieldNotes: {
    'calls.internal': 'enb_internal. External calls are recorded through the trunk targets.',
    'targets.trunks.periodicBeep': 'Per trunk: enb_config and number_value (seconds).',
    'targets.extensions': 'Extensions, extension groups or the organization (record_ext_list type).',
    'announcement.prompts': 'Custom prompt file names per direction (Get Menu Options "custom_prompt").',
    fileFormat: 'WAV or MP3; applies to stereo recordings.',
  },
  credentialFields: [
    { name: 'clientId', description: 'API Client ID (PBX web portal: Integrations > API), sent as get_token username', secret: true, required: true },
    { name: 'clientSecret', description: 'API Client Secret, sent as get_token password', secret: true, required: true },
  ],
  settingFields: [
    { name: 'apiPath', description: `API path below the base URL (default "openapi/v1.0")`, secret: false, required: false },
    { name: 'userAgent', description: 'User-Agent header sent with every request (default "OpenAPI")', secret: false, required: false },
  ],
};

/**
 * The organization's auto-record settings are one record (autorecord/get, autorecord/update); an update sets every
 * field we govern, so a plan needs no read. Paths and the User-Agent come from the connection (the client).
 */
function yeastarPolicyPlan(client: YeastarClient): PolicyPlanner<YeastarAutoRecord> {
  return {
    read: () => client.autorecordGetCall(),
    stateOf(_scope, answer) {
      const res = answer.json as YeastarAutoRecordGetResponse | undefined;
      if (!res || typeof res.auto_record !== 'object' || res.auto_record === null) {
        throw new AppError('VENDOR_UNAVAILABLE', `${DISPLAY_NAME} answered autorecord/get without auto_record`, {
          vendor: 'YEASTAR',
          retryable: true,
        });
      }
      return res.auto_record;
    },
    writes: async (_scope, rules) => [client.autorecordUpdateCall(toYeastarUpdate(rules))],
    rulesOf: (_scope, autoRecord) => fromYeastar(autoRecord),
  };
}

export class YeastarAdapter extends PlannedPolicies<YeastarAutoRecord> implements RecordingVendor {
  readonly kind = 'YEASTAR' as const;
  readonly displayName = DISPLAY_NAME;
  /** No live recording, no attachments: no sub-ports. */
  readonly capabilities = capabilitiesOf(YEASTAR_CAPABILITIES, {});

  readonly credentialLifecycle: CredentialLifecycle;

  constructor(
    readonly http: VendorHttp,
    /** Tokens when the adapter is used without the service's shared store (which hands out conn.tokens). */
    readonly tokens: YeastarTokenStore = new YeastarTokenStore(),
  ) {
    super();
    this.credentialLifecycle = yeastarCredentialLifecycle(http, tokens.counters);
  }

  private client(conn: ConnectionContext) {
    return new YeastarClient(this.http, conn, conn.tokens ?? this.tokens.for(conn, this.credentialLifecycle), this.tokens.counters);
  }

  /**
   * get_token answers -1 FAILURE when the API client holds all the live tokens the PBX allows (8 on Cloud Edition);
   * 10005 ACCESS DENIED with a User-Agent sent is an IP the PBX does not allow (or blocked after failed logins).
   */
  diagnose(e: { code: string; vendorCode?: string | number | null; vendorMessage?: string | null }): ConnectionProblem | null {
    const message = (e.vendorMessage ?? '').toLowerCase();
    if (e.vendorCode === -1 && !/user|password/.test(message)) return 'TOKEN_CAP_REACHED';
    if (e.vendorCode === YEASTAR_ACCESS_DENIED && /\bip\b|block/.test(message)) return 'IP_NOT_ALLOWED';
    return null;
  }

  checkPolicy(scope: PolicyScope, rules: RecordingRules): FieldProblem[] {
    return checkYeastarPolicy(scope, rules);
  }

  /** One POST autorecord/update that sets everything we govern (yeastarPolicyPlan); PlannedPolicies sends it. */
  protected policies(conn: ConnectionContext): PolicyEndpoints<YeastarAutoRecord> {
    const client = this.client(conn);
    return { planner: yeastarPolicyPlan(client), wire: client };
  }

  /** A login and a harmless read: proves the client id/secret and the API path. */
  async testConnection(conn: ConnectionContext): Promise<void> {
    await this.client(conn).autorecordGet();
  }
}

export function createYeastarAdapter(options: AdapterHttpOptions & { tokens?: YeastarTokenStore } = {}): YeastarAdapter {
  const { tokens, ...http } = options;
  return new YeastarAdapter(new VendorHttp({ ...http, vendor: 'YEASTAR', displayName: DISPLAY_NAME, defaults: YEASTAR_HTTP }), tokens);
}
