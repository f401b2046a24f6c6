import type { FieldProblem } from '../../domain/errors';
import { safeVendorMessage, type VendorFailure, type VendorResponse } from '../http';

/**
 * MegaFon's docs say nothing of error bodies or status codes (README 000). We read `{error: {code, message,
 * details: [{field, message}]}}` (the sandbox's choice) and the other common JSON shapes (`message`, `error` as a
 * string, `detail`, `errors`), and classify by status: 401/403 are the token or the IP allow-list, 5xx is
 * unavailability, any other 4xx a refusal of what we sent.
 */
export function megafonFailure(res: VendorResponse): VendorFailure | null {
  if (res.status < 400) return null;
  const root = (res.json && typeof res.json === 'object' ? res.json : {}) as Record<string, unknown>;
  const body = (root.error && typeof root.error === 'object' ? root.error : root) as Record<string, unknown>;
  const details = detailsOf(body);
  const head = typeof body.message === 'string' ? body.message : messageOf(root);
  const listed = details.map((d) => `${d.field}: ${d.message}`).join('; ');
  const message = safeVendorMessage([head, listed].filter((s) => typeof s === 'string' && s).join(': '), 500);
  const vendorCode = typeof body.code === 'string' || typeof body.code === 'number' ? body.code : res.status;
  const base = { vendorCode, ...(message ? { vendorMessage: message } : {}) };
  if (res.status === 403 && isIpDenial(body, head)) return ipDenied(vendorCode, message);
  if (res.status === 401 || res.status === 403) return { code: 'VENDOR_AUTH_FAILED', ...base };
  if (res.status >= 500) return { code: 'VENDOR_UNAVAILABLE', ...base };
  const fields: FieldProblem[] = details.map((d) => ({ path: pathOf(d.field), message: `MegaFon ${d.field}: ${d.message}` }));
  return { code: 'VENDOR_REJECTED', ...base, ...(fields.length ? { fields } : {}) };
}

/**
 * The cabinet denies every address until the customer allows it, so the first call from a new server meets this;
 * the message says what to do, since the token itself is fine (DECISIONS.md, IP allow-list).
 */
function isIpDenial(body: Record<string, unknown>, head: string | undefined): boolean {
  return body.code === 'ip_not_allowed' || /\bIP\b/i.test(head ?? '');
}

function ipDenied(vendorCode: string | number, vendorMessage: string | undefined): VendorFailure {
  const hint = "this server's IP address is not allowed: allow this server's IP address in the MegaFon cabinet";
  return { code: 'VENDOR_AUTH_FAILED', vendorCode, vendorMessage: vendorMessage ? `${hint} (${vendorMessage})` : hint };
}

/** Where a MegaFon field lives in our rules, so a refusal names the policy field. */
const RULE_PATH: Record<string, (string | number)[]> = {
  is_internal_calls_recording_enabled: ['rules', 'calls', 'internal'],
  is_external_calls_recording_enabled: ['rules', 'calls', 'external'],
  no_recording_employee_ids: ['rules', 'excludedUserIds'],
  is_talk_option_enabled: ['rules', 'mode'],
  talk_option_button: ['rules', 'onDemandKey'],
  is_recording_notification_enabled: ['rules', 'announcement', 'enabled'],
  recording_notification_audio_message_type: ['rules', 'announcement', 'media', 'source'],
  recording_notification_media_file_id: ['rules', 'announcement', 'media', 'mediaId'],
  id: ['scope', 'id'],
};

function pathOf(field: string): (string | number)[] {
  const m = /^([a-z_]+)(?:\[(\d+)\])?$/.exec(field);
  if (!m) return ['vendor', field];
  const base = RULE_PATH[m[1]!];
  if (!base) return ['vendor', field];
  return m[2] !== undefined ? [...base, Number(m[2])] : base;
}

function detailsOf(body: Record<string, unknown>): { field: string; message: string }[] {
  const list = Array.isArray(body.details) ? body.details : Array.isArray(body.errors) ? body.errors : [];
  return list
    .filter((d): d is Record<string, unknown> => !!d && typeof d === 'object' && typeof (d as Record<string, unknown>).field === 'string')
    .map((d) => ({ field: String(d.field), message: typeof d.message === 'string' ? d.message : 'invalid' }));
}

function messageOf(body: Record<string, unknown>): string | undefined {
  for (const k of ['message', 'error_description', 'error', 'detail']) {
    const v = body[k];
    if (typeof v === 'string' && v.trim()) return v;
  }
  return undefined;
}
