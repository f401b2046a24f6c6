import { AppError, type FieldProblem } from '../domain/errors';
import { fieldsSet, type PolicyScope, type RecordingRules } from '../domain/policy';
import type { VendorKind } from '../domain/vendor-kind';
import { getVendor } from './registry';

const pathOf = (field: string) => ['rules', ...field.split('.')];

/**
 * The policy fields a vendor cannot express, as field problems naming the field and the vendor. Pure: no vendor call.
 * The service throws VENDOR_UNSUPPORTED_FIELD with these before it calls the adapter.
 */
export function unsupportedFields(kind: VendorKind, rules: RecordingRules): FieldProblem[] {
  const vendor = getVendor(kind);
  const supported = new Set<string>(vendor.capabilities.ruleFields);
  return fieldsSet(rules)
    .filter((f) => !supported.has(f))
    .map((f) => ({ path: pathOf(f), message: `${vendor.displayName} cannot express ${f}` }));
}

/** Throws VENDOR_UNSUPPORTED_FIELD when the vendor cannot hold policies for this scope or cannot express a field. */
export function assertSupported(kind: VendorKind, scope: PolicyScope, rules: RecordingRules): void {
  const vendor = getVendor(kind);
  const problems: FieldProblem[] = [];
  if (!vendor.capabilities.policies) problems.push({ path: ['scope'], message: `${vendor.displayName} holds no recording policies` });
  else if (!vendor.capabilities.policyScopes.includes(scope.kind)) {
    problems.push({
      path: ['scope', 'kind'],
      message: `${vendor.displayName} has no ${scope.kind} policies (it has ${vendor.capabilities.policyScopes.join(', ')})`,
    });
  }
  problems.push(...unsupportedFields(kind, rules));
  if (problems.length) {
    throw new AppError('VENDOR_UNSUPPORTED_FIELD', `${vendor.displayName} cannot express: ${problems.map((p) => p.path.join('.')).join(', ')}`, {
      vendor: vendor.kind,
      fields: problems,
      field: problems[0]!.path.join('.'),
    });
  }
}

/** Value-level problems of a supported policy (the adapter's checkPolicy), e.g. a Webex beep interval out of 10..1800. */
export function policyProblems(kind: VendorKind, scope: PolicyScope, rules: RecordingRules): FieldProblem[] {
  return getVendor(kind).checkPolicy?.(scope, rules) ?? [];
}
