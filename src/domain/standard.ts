import type { FieldProblem } from './errors';
import { fieldsSet, normalizeRules, RULE_FIELDS, type PolicyScope, type PolicyScopeKind, type RecordingRules, type RuleField } from './policy';

/**
 * A tenant's recording standard (issue 17): one vendor-neutral rule set that the service compiles into the ordinary
 * policies each connection's vendor can hold. Pure: coverage and compilation take what the adapters declare
 * (capabilities, value checks) and return data; nothing here calls a vendor.
 */
export const STANDARD_MODES = ['REPORT', 'ENFORCE'] as const;
export type StandardMode = (typeof STANDARD_MODES)[number];

export const COVERAGE_STATUSES = ['HONOURED', 'APPROXIMATED', 'NOT_SUPPORTED'] as const;
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number];

/** A person named once: by e-mail, or by the `User` id a directory subgraph owns. */
export interface PersonRef {
  email?: string | null;
  userId?: string | null;
}

/** People the standard treats differently (the legal team: never recorded). */
export interface StandardException {
  name: string;
  people: PersonRef[];
  /** Merged over the standard's rules for these people (default: mode NEVER). */
  rules: RecordingRules;
}

/** A platform that needs a different value: merged over the standard's rules on that connection only. */
export interface ConnectionOverride {
  connectionId: string;
  rules: RecordingRules;
}

export interface StandardDefinition {
  name: string;
  mode: StandardMode;
  rules: RecordingRules;
  /** Fields a platform must honour exactly; one it cannot honour blocks enforcement on that platform. */
  requiredFields: RuleField[];
  exceptions: StandardException[];
  overrides: ConnectionOverride[];
}

/** What coverage needs to know of a vendor: its capabilities and its value checks, as the adapter declares them. */
export interface VendorView {
  kind: string;
  displayName: string;
  ruleFields: readonly RuleField[];
  fieldNotes: Partial<Record<RuleField, string>>;
  approximations: Partial<Record<RuleField, string>>;
  /** A representative scope of the kind the standard governs there, for value checks. */
  scope: PolicyScope;
  check(scope: PolicyScope, rules: RecordingRules): FieldProblem[];
}

export interface FieldCoverage {
  field: RuleField;
  status: CoverageStatus;
  required: boolean;
  /** How it is honoured or approximated, or why it cannot be (from the adapter). */
  note: string | null;
}

export interface Coverage {
  fields: FieldCoverage[];
  /**
   * Required fields this platform does not honour exactly (approximated or not supported): the platform is blocked
   * (VENDOR_UNSUPPORTED_FIELD). Required means honoured exactly; an approximation is a different rule.
   */
  blockedBy: RuleField[];
  /** The rules the vendor is actually sent: honoured fields only (at the first scope kind the standard governs). */
  compiled: RecordingRules;
  /** Per scope kind the standard governs there (Webex: people and workspaces), its own fields and compiled rules. */
  byKind: { kind: PolicyScopeKind; fields: FieldCoverage[]; compiled: RecordingRules }[];
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** `over` merged into `base`, objects key by key, lists and values replaced. */
export function mergeRules(base: RecordingRules, over: RecordingRules | null | undefined): RecordingRules {
  if (!over) return normalizeRules(base);
  const merge = (a: unknown, b: unknown): unknown => {
    if (!isPlainObject(a) || !isPlainObject(b)) return b === undefined ? a : b;
    const out: Record<string, unknown> = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = merge(a[k], v);
    return out;
  };
  return normalizeRules(merge(normalizeRules(base), normalizeRules(over)) as RecordingRules);
}

/** The rules without `drop`'s fields. */
export function withoutFields(rules: RecordingRules, drop: Iterable<RuleField>): RecordingRules {
  const out = JSON.parse(JSON.stringify(rules ?? {})) as Record<string, any>;
  for (const field of drop) {
    if (field === 'targets.trunks.periodicBeep') {
      for (const t of out.targets?.trunks ?? []) delete t.periodicBeep;
      continue;
    }
    const path = field.split('.');
    let at: Record<string, any> | undefined = out;
    for (const p of path.slice(0, -1)) at = isPlainObject(at?.[p]) ? at[p] : undefined;
    if (at) delete at[path.at(-1)!];
  }
  return normalizeRules(out as RecordingRules);
}

/** The rule field a value problem's path names (["rules", "calls"] names every calls.* field set). */
function fieldsOfProblem(path: (string | number)[], set: readonly RuleField[]): RuleField[] {
  if (path[0] !== 'rules') return [];
  const dotted = path
    .slice(1)
    .filter((p) => typeof p === 'string')
    .join('.');
  const exact = [...RULE_FIELDS].filter((f) => dotted === f || dotted.startsWith(`${f}.`)).sort((a, b) => b.length - a.length)[0];
  if (exact) return set.includes(exact) ? [exact] : [];
  return set.filter((f) => f.startsWith(`${dotted}.`));
}

/**
 * Field by field, what a vendor does with the rules: HONOURED (in its capabilities, and its value checks accept the
 * value), APPROXIMATED (the adapter declares how it comes close) or NOT_SUPPORTED. Only honoured fields are sent.
 */
export function coverageOf(vendor: VendorView, rules: RecordingRules, required: readonly RuleField[]): Coverage {
  const set = fieldsSet(rules);
  const supported = new Set(vendor.ruleFields);
  const notes = new Map<RuleField, { status: CoverageStatus; note: string | null }>();
  for (const f of set) {
    if (supported.has(f)) continue;
    const how = vendor.approximations[f];
    notes.set(f, how ? { status: 'APPROXIMATED', note: how } : { status: 'NOT_SUPPORTED', note: `${vendor.displayName} cannot express ${f}` });
  }
  // Value checks on what is left: a value the vendor refuses (MegaFon's on-demand key is always "2") is not honoured.
  for (let round = 0; round < 4; round++) {
    const candidate = withoutFields(rules, notes.keys());
    const problems = vendor.check(vendor.scope, candidate);
    let added = 0;
    for (const p of problems) {
      for (const f of fieldsOfProblem(p.path, set)) {
        if (notes.has(f)) continue;
        const how = vendor.approximations[f];
        notes.set(f, how ? { status: 'APPROXIMATED', note: how } : { status: 'NOT_SUPPORTED', note: `${vendor.displayName}: ${p.message}` });
        added++;
      }
    }
    if (!added) break;
  }
  const requiredSet = new Set(required);
  const fields: FieldCoverage[] = set.map((f) => {
    const n = notes.get(f);
    return { field: f, status: n?.status ?? 'HONOURED', required: requiredSet.has(f), note: n ? n.note : (vendor.fieldNotes[f] ?? null) };
  });
  const compiled = withoutFields(rules, notes.keys());
  return {
    fields,
    blockedBy: fields.filter((f) => f.required && f.status !== 'HONOURED').map((f) => f.field),
    compiled,
    byKind: [{ kind: vendor.scope.kind, fields, compiled }],
  };
}

const RANK: Record<CoverageStatus, number> = { HONOURED: 0, APPROXIMATED: 1, NOT_SUPPORTED: 2 };
const KIND_LABEL: Partial<Record<PolicyScopeKind, string>> = { PERSON: 'people', WORKSPACE: 'workspaces', VIRTUAL_LINE: 'virtual lines' };

/**
 * Coverage on a platform whose standard governs several scope kinds (Webex people and workspaces): each field takes
 * its least honoured status across the kinds, and when the kinds differ the note says where ("on workspaces: ...").
 * A required field not honoured exactly at any kind blocks the platform: the standard would not hold everywhere.
 */
export function coverageAcross(views: VendorView[], rules: RecordingRules, required: readonly RuleField[]): Coverage {
  const each = views.map((v) => coverageOf(v, rules, required));
  if (each.length === 1) return each[0]!;
  const fields: FieldCoverage[] = each[0]!.fields.map((first, i) => {
    const all = each.map((c, k) => ({ kind: views[k]!.scope.kind, f: c.fields[i]! }));
    const worst = all.reduce((a, b) => (RANK[b.f.status] > RANK[a.f.status] ? b : a));
    if (all.every((x) => x.f.status === first.status)) return first;
    const label = KIND_LABEL[worst.kind] ?? worst.kind;
    return { ...worst.f, note: `on ${label}: ${worst.f.note ?? worst.f.status}` };
  });
  return {
    fields,
    blockedBy: fields.filter((f) => f.required && f.status !== 'HONOURED').map((f) => f.field),
    compiled: each[0]!.compiled,
    byKind: each.map((c, k) => ({ kind: views[k]!.scope.kind, fields: c.fields, compiled: c.compiled })),
  };
}

export const normalEmail = (e: string) => e.trim().toLowerCase();

/** Display name of a person reference, as coverage lists it. */
export const personName = (p: PersonRef) => (p.email ? normalEmail(p.email) : `User:${p.userId ?? ''}`);

/** Same rules, in the canonical form. */
export const sameRules = (a: RecordingRules, b: RecordingRules) =>
  JSON.stringify(sortKeys(normalizeRules(a))) === JSON.stringify(sortKeys(normalizeRules(b)));

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (isPlainObject(v))
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys(v[k])]),
    );
  return v;
}
