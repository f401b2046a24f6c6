import { AppError, type FieldProblem } from '../../domain/errors';
import type { PolicyScope, RecordingRules } from '../../domain/policy';
import { VendorHttp, type AdapterHttpOptions } from '../http';
import { PlannedPolicies, type PolicyEndpoints, type PolicyPlanner } from '../http';
import { MEGAFON_HTTP } from './http';
import { capabilitiesOf } from '../port';
import type { ConnectionContext, DeclaredCapabilities, RecordingVendor, ScopeFilter } from '../port';
import { MegafonClient } from './client';
import { checkMegafonPolicy, fromMegafon, pickRecord, toMegafonPut } from './mapping';
import type { MegafonRecordingSetting } from './wire';

const DISPLAY_NAME = 'MegaFon Virtual PBX';

export const MEGAFON_CAPABILITIES: DeclaredCapabilities = {
  policies: true,
  policyScopes: ['SETTINGS_RECORD'],
  directoryScopes: ['SETTINGS_RECORD'],
  ruleFields: ['calls.internal', 'calls.external', 'mode', 'onDemandKey', 'excludedUserIds', 'announcement.enabled', 'announcement.media'],
  fieldNotes: {
    mode: 'ALWAYS, NEVER or ON_DEMAND (record on key press); no pause/resume. A mode sets the internal/external flags the policy leaves ungoverned (ALWAYS: on; NEVER, ON_DEMAND: off).',
    onDemandKey: 'Always "2".',
    excludedUserIds: 'MegaFon employee ids (GET /employee).',
    'announcement.media':
      'SYSTEM (the standard message, optionally a melody id from GET /melodies/system) or CUSTOM with a file id from the audio library ("Моя аудиотека", GET /melodies/client).',
  },
  credentialFields: [
    { name: 'token', description: 'API token generated in the Virtual PBX cabinet (sent in the Authorization header)', secret: true, required: true },
  ],
  settingFields: [],
};

/**
 * A settings record is replaced whole (PUT /settings/recording/{id}), so every plan starts from the record as it is:
 * the list (no read by id is documented), the record picked from it, then the PUT.
 */
export const MEGAFON_POLICY_PLAN: PolicyPlanner<MegafonRecordingSetting> = {
  read: () => MegafonClient.getSettingsRecordingCall(),
  stateOf(scope, answer) {
    if (!Array.isArray(answer.json)) {
      throw new AppError('VENDOR_UNAVAILABLE', `${DISPLAY_NAME} answered GET /settings/recording with something other than a list`, {
        vendor: 'MEGAFON',
        retryable: true,
      });
    }
    const record = pickRecord(answer.json, scope.id);
    if (!record) {
      throw new AppError('VENDOR_REJECTED', `${DISPLAY_NAME} has no recording-settings record ${scope.id}`, {
        vendor: 'MEGAFON',
        fields: [{ path: ['scope', 'id'], message: 'no such recording-settings record' }],
      });
    }
    return record;
  },
  async writes(_scope, rules, current) {
    const record = await current();
    return [MegafonClient.putSettingsRecordingCall(record.id, toMegafonPut(record, rules))];
  },
  rulesOf: (_scope, record) => fromMegafon(record),
};

export class MegafonAdapter extends PlannedPolicies<MegafonRecordingSetting> implements RecordingVendor {
  readonly kind = 'MEGAFON' as const;
  readonly displayName = DISPLAY_NAME;
  /** No live recording, no attachments: no sub-ports. */
  readonly capabilities = capabilitiesOf(MEGAFON_CAPABILITIES, {});

  constructor(readonly http: VendorHttp) {
    super();
  }

  checkPolicy(scope: PolicyScope, rules: RecordingRules): FieldProblem[] {
    return checkMegafonPolicy(scope, rules);
  }

  /** The read, then the full-replacement PUT built from it (MEGAFON_POLICY_PLAN); PlannedPolicies sends it. */
  protected policies(conn: ConnectionContext): PolicyEndpoints<MegafonRecordingSetting> {
    return { planner: MEGAFON_POLICY_PLAN, wire: new MegafonClient(this.http, conn) };
  }

  /** Every recording-settings record (GET /settings/recording answers them all in one list). */
  async *listPolicyScopes(conn: ConnectionContext, filter: ScopeFilter): AsyncGenerator<PolicyScope[]> {
    if (filter.kind !== 'SETTINGS_RECORD') {
      throw new AppError('VENDOR_UNSUPPORTED_FIELD', `${DISPLAY_NAME} lists recording-settings records, not ${filter.kind}`, {
        vendor: 'MEGAFON',
        fields: [{ path: ['scope', 'kind'], message: 'only SETTINGS_RECORD' }],
      });
    }
    const list = await new MegafonClient(this.http, conn).getSettingsRecording();
    const ids = Array.isArray(list)
      ? list.map((r) => (r && typeof r === 'object' ? (r as { id?: unknown }).id : undefined)).filter((id) => id != null)
      : [];
    if (ids.length) yield ids.map((id) => ({ kind: 'SETTINGS_RECORD' as const, id: String(id) }));
  }

  /** Employees by e-mail (GET /employee), as no_recording_employee_ids takes them. */
  async resolvePeople(conn: ConnectionContext, emails: readonly string[]): Promise<Record<string, string>> {
    const list = await new MegafonClient(this.http, conn).getEmployee();
    const wanted = new Set(emails.map((e) => e.trim().toLowerCase()));
    const out: Record<string, string> = {};
    for (const e of Array.isArray(list) ? list : []) {
      const email = e && typeof e === 'object' ? (e as { email?: unknown }).email : undefined;
      const id = e && typeof e === 'object' ? (e as { id?: unknown }).id : undefined;
      if (typeof email === 'string' && id != null && wanted.has(email.toLowerCase())) out[email.toLowerCase()] = String(id);
    }
    return out;
  }

  async testConnection(conn: ConnectionContext): Promise<void> {
    await new MegafonClient(this.http, conn).getSettingsRecording();
  }
}

export function createMegafonAdapter(options: AdapterHttpOptions = {}): MegafonAdapter {
  return new MegafonAdapter(new VendorHttp({ ...options, vendor: 'MEGAFON', displayName: DISPLAY_NAME, defaults: MEGAFON_HTTP }));
}
