import type { FieldProblem } from '../../domain/errors';
import { safeVendorMessage, type VendorFailure, type VendorResponse } from '../http';

/** Documented errcodes (README 001, developer guide "Error Code and Error Message"). */
export const YEASTAR_TOKEN_EXPIRED = 10004;
export const YEASTAR_ACCESS_DENIED = 10005;
const PARAMETER_ERRORS = new Set([40001, 40002, 40003]);
const INTERNAL_SERVER_ERROR = -2;

/**
 * Yeastar answers HTTP 200 with `errcode` != 0 for failures: those are failures too. Parameter errors name the field
 * in `invalid_param_list`; we pass the vendor's field names on (paths under "vendor") and its message.
 */
export function yeastarFailure(res: VendorResponse): VendorFailure | null {
  const body = (res.json && typeof res.json === 'object' ? res.json : undefined) as Record<string, unknown> | undefined;
  const errcode =
    body && typeof body.errcode === 'number' ? body.errcode : body && typeof body.errcode === 'string' ? Number(body.errcode) : undefined;
  if (res.status >= 400 && (errcode === undefined || errcode === 0)) {
    if (res.status === 401 || res.status === 403) return { code: 'VENDOR_AUTH_FAILED', vendorCode: res.status };
    if (res.status >= 500) return { code: 'VENDOR_UNAVAILABLE', vendorCode: res.status };
    return { code: 'VENDOR_REJECTED', vendorCode: res.status };
  }
  if (errcode === undefined) {
    // A 2xx without errcode is not a Yeastar answer (truncated or malformed body).
    return res.status < 400 ? { code: 'VENDOR_UNAVAILABLE', vendorMessage: 'malformed or truncated answer' } : null;
  }
  if (errcode === 0) return null;
  const fields = invalidParams(body!);
  const listed = Array.isArray(body!.invalid_param_list)
    ? (body!.invalid_param_list as unknown[])
        .map((p) => (p && typeof p === 'object' ? String((p as Record<string, unknown>).field ?? '') : ''))
        .filter(Boolean)
        .join(', ')
    : '';
  const errmsg = safeVendorMessage(body!.errmsg) ?? 'FAILURE';
  const vendorMessage = listed ? `${errmsg}: ${listed}` : errmsg;
  if (errcode === YEASTAR_TOKEN_EXPIRED || errcode === YEASTAR_ACCESS_DENIED)
    return { code: 'VENDOR_AUTH_FAILED', vendorCode: errcode, vendorMessage };
  if (errcode === INTERNAL_SERVER_ERROR) return { code: 'VENDOR_UNAVAILABLE', vendorCode: errcode, vendorMessage };
  return { code: 'VENDOR_REJECTED', vendorCode: errcode, vendorMessage, ...(fields.length ? { fields } : {}) };
}

/** get_token / refresh_token: any failure there is the credentials' (e.g. -1 with "username or password"). */
export function yeastarTokenFailure(res: VendorResponse): VendorFailure | null {
  const f = yeastarFailure(res);
  if (!f || f.code === 'VENDOR_UNAVAILABLE') return f;
  return { ...f, code: 'VENDOR_AUTH_FAILED', fields: undefined, ...loginHint(res, f) };
}

/**
 * What a person must do about a refused login (DECISIONS.md, logins): a wrong client id or secret, or an address the
 * PBX has blocked after repeated failures, which no retry fixes (another failed login only extends the trouble).
 */
function loginHint(res: VendorResponse, f: VendorFailure): { vendorMessage?: string } {
  const body = (res.json && typeof res.json === 'object' ? res.json : {}) as Record<string, unknown>;
  const submsg = safeVendorMessage(body.submsg);
  if (f.vendorCode === YEASTAR_ACCESS_DENIED && submsg && /IP BLOCKED/i.test(submsg)) {
    return {
      vendorMessage: `the PBX has blocked this server's IP address after repeated failed logins: delete it from the PBX's blocked IP list, or wait, then check the API client id and secret (${submsg})`,
    };
  }
  if (f.vendorCode === -1 && /username or password/i.test(f.vendorMessage ?? '')) {
    return { vendorMessage: `the PBX refused the API client id or secret (${f.vendorMessage})` };
  }
  return {};
}

/** Where a Yeastar field lives in our rules, so a refusal names the policy field (paths under "rules"). */
const RULE_PATH: Record<string, (string | number)[]> = {
  enb_internal: ['rules', 'calls', 'internal'],
  enb_paging: ['rules', 'calls', 'paging'],
  enb_channel_separate: ['rules', 'stereo'],
  record_file_format: ['rules', 'fileFormat'],
  internal_prompt: ['rules', 'announcement', 'prompts', 'internal'],
  inbound_prompt: ['rules', 'announcement', 'prompts', 'inbound'],
  outbound_prompt: ['rules', 'announcement', 'prompts', 'outbound'],
  record_trunk_list: ['rules', 'targets', 'trunks'],
  record_ext_list: ['rules', 'targets', 'extensions'],
  record_queue_list: ['rules', 'targets', 'queues'],
  record_ivr_list: ['rules', 'targets', 'ivrs'],
  record_conference_list: ['rules', 'targets', 'conferences'],
};

const ITEM_PATH: Record<string, (string | number)[]> = {
  id: ['id'],
  type: ['kind'],
  enb_config: ['periodicBeep', 'enabled'],
  number_value: ['periodicBeep', 'intervalSeconds'],
};

/** `record_trunk_list[0].number_value` -> rules.targets.trunks.0.periodicBeep.intervalSeconds. */
function pathOf(field: string): (string | number)[] {
  const m = /^([a-z_]+)(?:\[(\d+)\])?(?:\.([a-z_]+))?$/.exec(field);
  if (!m) return ['vendor', field];
  const base = RULE_PATH[m[1]!];
  if (!base) return ['vendor', field];
  const out = [...base];
  if (m[2] !== undefined) out.push(Number(m[2]));
  if (m[3] !== undefined) out.push(...(ITEM_PATH[m[3]] ?? [m[3]]));
  return out;
}

function invalidParams(body: Record<string, unknown>): FieldProblem[] {
  const list = body.invalid_param_list;
  if (!Array.isArray(list)) return [];
  return list
    .filter((p): p is Record<string, unknown> => !!p && typeof p === 'object' && typeof (p as Record<string, unknown>).field === 'string')
    .map((p) => ({
      path: pathOf(String(p.field)),
      message: `Yeastar ${String(p.field)}: ${typeof p.validation_type === 'string' ? `failed ${p.validation_type} validation` : 'invalid'}`,
    }));
}
