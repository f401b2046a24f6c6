import { RULE_FIELDS } from '../../domain/policy';
import type { VendorDescription } from '../../domain/vendor';
import type { VendorCapabilities, VendorInfo } from './vendor.type';

const cache = new WeakMap<VendorDescription, VendorInfo>();

export function toVendorInfo(vendor: VendorDescription): VendorInfo {
  let info = cache.get(vendor);
  if (!info) {
    const c = vendor.capabilities;
    const capabilities: VendorCapabilities = {
      policies: c.policies,
      policyScopes: c.policyScopes,
      ruleFields: [...c.ruleFields],
      unsupportedRuleFields: RULE_FIELDS.filter((f) => !c.ruleFields.includes(f)),
      fieldNotes: Object.entries(c.fieldNotes).map(([field, note]) => ({ field, note: note as string })),
      liveRecording: c.liveRecording,
      attachments: c.attachments,
      credentialFields: c.credentialFields,
      settingFields: c.settingFields,
    };
    info = { kind: vendor.kind, displayName: vendor.displayName, capabilities };
    cache.set(vendor, info);
  }
  return info;
}
