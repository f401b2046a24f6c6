import { randomUUID } from 'node:crypto';
import { AppError, badInput, notFound, type FieldProblem } from '../domain/errors';
import { lintPolicy, type LintWarning } from '../domain/lint';
import { diffRules, fieldsSet, normalizeRules, type FieldDiff, type PolicyScope, type RecordingRules, type RuleField } from '../domain/policy';
import {
  coverageAcross,
  coverageOf,
  mergeRules,
  normalEmail,
  personName,
  sameRules,
  type Coverage,
  type StandardDefinition,
  type StandardException,
  type ConnectionOverride,
  type StandardMode,
  type VendorView,
} from '../domain/standard';
import type { VendorKind } from '../domain/vendor-kind';
import { Principal } from '../domain/principal';
import type { ConnectionRecord } from '../store/connection.store';
import type { RecordingPolicyRow, RecordingStandardRow, StandardTargetRow } from '../store/schema';
import type { OwnedPolicy } from '../store/standard.store';
import type { ConnectionContext, RecordingVendor, VendorRequestPreview } from '../vendors/port';
import { getVendor } from '../vendors/registry';
import type { ConnectionService } from './connection.service';
import type { EventBus } from '../store/event-bus';
import type { ServiceDeps } from './deps';
import type { PolicySyncService } from './policy-sync.service';
import { holdsWork } from './rollout-holds';
import type { RolloutService } from './rollout.service';
import { storedError } from './vendor-errors';

/** The roll-out engine takes at most this many named people per roll-out. */
const ROLLOUT_CHUNK = 10_000;
const PREVIEW_SAMPLE = 3;
const DEFAULT_EXCEPTION_RULES: RecordingRules = { mode: 'NEVER' };

export interface SaveStandardInput {
  tenantId: string;
  /** null or absent: create the tenant's standard; else the version the caller read (optimistic concurrency). */
  expectedVersion?: number | null;
  name: string;
  mode: StandardMode;
  rules: RecordingRules;
  requiredFields?: RuleField[] | null;
  exceptions?: StandardException[] | null;
  overrides?: ConnectionOverride[] | null;
}

/** The standard on one connection as its vendor sees it. */
export interface ConnectionCoverage {
  connection: ConnectionRecord;
  vendor: VendorKind;
  coverage: Coverage;
  /** Set when a required field cannot be honoured: nothing is enforced on this platform. */
  blocked: { code: 'VENDOR_UNSUPPORTED_FIELD'; message: string; fields: RuleField[] } | null;
  /** People the standard names that this platform could not resolve (listed, never dropped). */
  unresolved: { name: string; reason: string }[];
}

/** A kind of scope the vendor refused to list (the connection's token lacks the scope): not governed, and said. */
export interface UnlistedKind {
  kind: PolicyScope['kind'];
  code: string;
  message: string;
}

/** The vendor refused an operation for a missing scope or role (403), not for the token itself (401). */
const refusedForScope = (e: unknown): boolean => e instanceof AppError && e.code === 'VENDOR_AUTH_FAILED' && e.details.httpStatus === 403;

export interface ConnectionPreview extends ConnectionCoverage {
  scopes: number;
  unlisted: UnlistedKind[];
  changing: number;
  sample: { scope: PolicyScope; requests: VendorRequestPreview[] }[];
  warnings: LintWarning[];
}

export interface CompileOutcome {
  connectionId: string;
  status: 'COMPILED' | 'BLOCKED' | 'HELD';
  scopes: number;
  changed: number;
  rolloutIds: string[];
  error: { code: string; message: string } | null;
  /** Kinds of scope the vendor refused to list: governed without them. */
  unlisted: UnlistedKind[];
}

export interface ConnectionCompliance {
  connection: ConnectionRecord;
  vendor: VendorKind;
  blocked: boolean;
  conforming: number;
  drifted: number;
  failed: number;
  pending: number;
  ungoverned: number;
  ungovernedScopes: { kind: string; id: string }[];
  /** The same counts per kind of scope governed here (Webex: PERSON, WORKSPACE). */
  byKind: { kind: string; conforming: number; drifted: number; failed: number; pending: number; ungoverned: number }[];
  lastCheckedAt: Date | null;
}

export interface ComplianceReport {
  standard: RecordingStandardRow;
  connections: ConnectionCompliance[];
  totals: { conforming: number; drifted: number; failed: number; pending: number; ungoverned: number; blockedConnections: number };
}

/**
 * A standard's people named by User id, resolved by the directory subgraph once per compile, preview or reconcile
 * run of the standard (one request for all its connections), then found at each platform by their e-mail.
 */
interface PeopleLookup {
  /** User id -> e-mail, for the ids the directory resolved as people of the standard's tenant. */
  emails: Map<string, string>;
  /** User id -> why it is not resolved (listed in every platform's coverage, never dropped). */
  reasons: Map<string, string>;
  /** The directory could not answer: platforms that name people are held, not compiled without them. */
  unavailable: AppError | null;
}

const NO_PEOPLE: PeopleLookup = { emails: new Map(), reasons: new Map(), unavailable: null };

/** Runs `load` at most once, on first use. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= load());
}

/** The e-mail a person is found by at a platform: given, or the directory's for their User id. */
function emailOf(p: { email?: string | null; userId?: string | null }, users: PeopleLookup): string | null {
  if (p.email) return normalEmail(p.email);
  return p.userId ? (users.emails.get(p.userId) ?? null) : null;
}

function whyUnresolved(p: { userId?: string | null }, users: PeopleLookup): string {
  return users.reasons.get(p.userId ?? '') ?? "no User with this id in this tenant's directory";
}

const definitionOf = (row: RecordingStandardRow): StandardDefinition => ({
  name: row.name,
  mode: row.mode as StandardMode,
  rules: row.rules as RecordingRules,
  requiredFields: row.requiredFields as RuleField[],
  exceptions: row.exceptions as StandardException[],
  overrides: row.overrides as ConnectionOverride[],
});

/**
 * A required rule is honoured exactly or the platform is blocked: each rule named with what the vendor does instead
 * (its approximation in the adapter's words, or why it cannot hold it).
 */
function blockedError(displayName: string, coverage: Coverage): NonNullable<ConnectionCoverage['blocked']> {
  const why = coverage.blockedBy.map((f) => {
    const c = coverage.fields.find((x) => x.field === f)!;
    return c.status === 'APPROXIMATED' ? `${f} (only approximated: ${c.note})` : `${f} (not supported${c.note ? `: ${c.note}` : ''})`;
  });
  const n = coverage.blockedBy.length;
  return {
    code: 'VENDOR_UNSUPPORTED_FIELD',
    message: `${displayName} cannot honour exactly the required rule${n > 1 ? 's' : ''} ${why.join('; ')}: the standard is not enforced on this connection`,
    fields: coverage.blockedBy,
  };
}

/** A few changes for the preview's sample: the first ones, and the first of every other kind of scope that changes. */
function sampleOf<T extends { scope: PolicyScope }>(changes: T[]): T[] {
  const out = changes.slice(0, PREVIEW_SAMPLE);
  for (const c of changes) if (!out.some((o) => o.scope.kind === c.scope.kind)) out.push(c);
  return out;
}

const auditView = (row: RecordingStandardRow) => ({ id: row.id, version: row.version, ...definitionOf(row) });

/** A representative scope id per kind, for value checks before any scope is known. */
const SAMPLE_SCOPE_ID: Record<string, string> = { SETTINGS_RECORD: '1', PERSON: 'each-person', WORKSPACE: 'each-workspace', ORGANIZATION: '' };

/**
 * The company recording standard (issue 17). It is built on what exists: coverage comes from each adapter's
 * capabilities and value checks; a compile writes ordinary policies owned by the standard (policies.standard_id) and
 * pushes them the usual ways, one sync job per policy for a PBX or a settings record, the roll-out engine at the
 * vendor's rate for people; compliance counts those policies' sync states, which the scheduled reconcile keeps
 * current (it reads every policy back and marks drift). After each reconcile run `tick` settles roll-outs, walks the
 * directories for people nobody governs, and in ENFORCE mode pushes drifted policies again, each one audited.
 */
export class StandardService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly connections: ConnectionService,
    private readonly sync: PolicySyncService,
    private readonly rollouts: RolloutService,
    private readonly events: EventBus,
  ) {}

  // ---------------------------------------------------------------------------------------------------------------
  // The standard itself

  async byIds(scope: readonly string[] | null, ids: readonly string[]): Promise<RecordingStandardRow[]> {
    return this.deps.stores.standards.byIds(scope, ids);
  }

  async ofTenants(scope: readonly string[] | null, tenantIds: readonly string[]): Promise<RecordingStandardRow[]> {
    return this.deps.stores.standards.byTenantIds(scope, tenantIds);
  }

  async ofTenant(actor: Principal, tenantId: string): Promise<RecordingStandardRow | null> {
    actor.require('recording:read');
    if (!actor.canAccessTenant(tenantId)) throw notFound('Tenant', tenantId);
    const [row] = await this.deps.stores.standards.byTenantIds(actor.tenantFilter(), [tenantId]);
    return row ?? null;
  }

  private async load(actor: Principal, id: string): Promise<RecordingStandardRow> {
    const [row] = await this.deps.stores.standards.byIds(actor.tenantFilter(), [id]);
    if (!row) throw notFound('RecordingStandard', id);
    return row;
  }

  private async validate(actor: Principal, input: SaveStandardInput): Promise<StandardDefinition> {
    const problems: FieldProblem[] = [];
    const rules = normalizeRules(input.rules ?? {});
    const set = new Set(fieldsSet(rules));
    if (!input.name?.trim()) problems.push({ path: ['input', 'name'], message: 'a name is required' });
    if (set.size === 0) problems.push({ path: ['input', 'rules'], message: 'a standard sets at least one rule' });
    const required = [...new Set(input.requiredFields ?? [])];
    required.forEach((f, i) => {
      if (!set.has(f)) problems.push({ path: ['input', 'requiredFields', i], message: `${f} is required but the rules do not set it` });
    });
    const exceptions = (input.exceptions ?? []).map((e) => ({
      name: e.name.trim(),
      people: e.people.map((p) => (p.email ? { email: normalEmail(p.email) } : { userId: p.userId ?? '' })),
      rules: normalizeRules(e.rules ?? DEFAULT_EXCEPTION_RULES),
    }));
    (input.exceptions ?? []).forEach((e, i) => {
      if (!e.name?.trim()) problems.push({ path: ['input', 'exceptions', i, 'name'], message: 'a name is required' });
      if (!e.people.length) problems.push({ path: ['input', 'exceptions', i, 'people'], message: 'name at least one person' });
      e.people.forEach((p, j) => {
        if (!!p.email === !!p.userId)
          problems.push({ path: ['input', 'exceptions', i, 'people', j], message: 'give exactly one of email or userId' });
      });
    });
    const own = new Set((await this.deps.stores.connections.byTenantIds(actor.tenantFilter(), [input.tenantId])).map((c) => c.id));
    const overrides = (input.overrides ?? []).map((o) => ({ connectionId: o.connectionId, rules: normalizeRules(o.rules ?? {}) }));
    overrides.forEach((o, i) => {
      if (!own.has(o.connectionId)) problems.push({ path: ['input', 'overrides', i, 'connectionId'], message: 'not a connection of this tenant' });
    });
    if (new Set(overrides.map((o) => o.connectionId)).size !== overrides.length)
      problems.push({ path: ['input', 'overrides'], message: 'one override per connection' });
    if (problems.length) throw badInput(problems);
    return { name: input.name.trim(), mode: input.mode, rules, requiredFields: required, exceptions, overrides };
  }

  /**
   * Creates the tenant's standard (expectedVersion absent) or writes a new version of it. An applied standard is
   * compiled again at once (and by every reconcile run until it is); answers the standard and that compile.
   */
  async save(
    actor: Principal,
    input: SaveStandardInput,
    requestId?: string,
  ): Promise<{ standard: RecordingStandardRow; compiled: CompileOutcome[] }> {
    actor.require('recording:write');
    const { stores } = this.deps;
    if (!actor.canAccessTenant(input.tenantId)) throw notFound('Tenant', input.tenantId);
    const [tenant] = await stores.tenants.byIds(actor.tenantFilter(), [input.tenantId]);
    if (!tenant) throw notFound('Tenant', input.tenantId);
    const def = await this.validate(actor, input);
    const [current] = await stores.standards.byTenantIds(actor.tenantFilter(), [input.tenantId]);
    const row = await stores.db.transaction(async (tx) => {
      if (input.expectedVersion == null) {
        if (current) return undefined;
        const created = await stores.standards.insert(tx, {
          id: randomUUID(),
          tenantId: input.tenantId,
          ...def,
          rules: def.rules as Record<string, unknown>,
        });
        await stores.audit.record(tx, {
          tenantId: input.tenantId,
          actor: actor.subject,
          action: 'standard.create',
          targetType: 'RecordingStandard',
          targetId: created.id,
          after: auditView(created),
          requestId,
        });
        return created;
      }
      if (!current) return undefined;
      const updated = await stores.standards.update(tx, actor.tenantFilter(), current.id, input.expectedVersion, {
        ...def,
        rules: def.rules as Record<string, unknown>,
      });
      if (updated) {
        await stores.audit.record(tx, {
          tenantId: input.tenantId,
          actor: actor.subject,
          action: 'standard.update',
          targetType: 'RecordingStandard',
          targetId: updated.id,
          before: auditView(current),
          after: auditView(updated),
          requestId,
        });
      }
      return updated;
    });
    if (!row) {
      if (input.expectedVersion == null) {
        throw new AppError('CONFLICT', 'This tenant already has a recording standard: update it (send expectedVersion)', {
          currentVersion: current!.version,
          fields: [{ path: ['input', 'expectedVersion'], message: `the standard exists at version ${current!.version}` }],
        });
      }
      if (!current) {
        throw notFound('RecordingStandard', `of tenant ${input.tenantId}`);
      }
      const [now] = await stores.standards.byIds(actor.tenantFilter(), [current.id]);
      throw new AppError(
        'CONFLICT',
        `The standard was changed by someone else: you sent version ${input.expectedVersion}, the current version is ${now?.version}. Reload it and apply your change again.`,
        { currentVersion: now?.version, fields: [{ path: ['input', 'expectedVersion'], message: `stale: current version is ${now?.version}` }] },
      );
    }
    const compiled = row.applied ? await this.compileAll(row, actor.subject, requestId) : [];
    return { standard: row, compiled };
  }

  /** Compiles the standard onto every platform it governs, and keeps it there from now on. */
  async apply(actor: Principal, id: string, requestId?: string): Promise<{ standard: RecordingStandardRow; compiled: CompileOutcome[] }> {
    actor.require('recording:write');
    const { stores } = this.deps;
    const row = await this.load(actor, id);
    await stores.db.transaction(async (tx) => {
      await stores.standards.markApplied(tx, id);
      await stores.audit.record(tx, {
        tenantId: row.tenantId,
        actor: actor.subject,
        action: 'standard.apply',
        targetType: 'RecordingStandard',
        targetId: id,
        after: { version: row.version, mode: row.mode },
        requestId,
      });
    });
    const compiled = await this.compileAll({ ...row, applied: true }, actor.subject, requestId);
    const [now] = await stores.standards.byIds(null, [id]);
    return { standard: now ?? row, compiled };
  }

  /** Seeds a tenant's standard when it has none (the sandbox's demo tenant); never overwrites one. */
  async seed(tenantId: string, def: StandardDefinition): Promise<void> {
    const { stores } = this.deps;
    if ((await stores.standards.byTenantIds(null, [tenantId])).length) return;
    await stores.db.transaction(async (tx) => {
      const created = await stores.standards.insert(tx, { id: randomUUID(), tenantId, ...def, rules: def.rules as Record<string, unknown> });
      await stores.audit.record(tx, {
        tenantId,
        actor: 'system:sandbox',
        action: 'standard.create',
        targetType: 'RecordingStandard',
        targetId: created.id,
        after: auditView(created),
      });
    });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Coverage

  /** The connections a standard governs: those whose vendor holds recording policies it can read back and write. */
  private async governed(tenantId: string): Promise<{ record: ConnectionRecord; vendor: RecordingVendor }[]> {
    const records = await this.deps.stores.connections.byTenantIds(null, [tenantId]);
    return records
      .map((record) => ({ record, vendor: getVendor(record.vendor) }))
      .filter(
        ({ vendor }) => vendor.capabilities.policies && !!vendor.readPolicy && !!vendor.applyPolicy && vendor.capabilities.policyScopes.length > 0,
      )
      .sort((a, b) => a.record.createdAt.getTime() - b.record.createdAt.getTime() || a.record.id.localeCompare(b.record.id));
  }

  /** The scope kinds the standard governs at a vendor: what its directory walk lists, else its first policy scope. */
  private scopeKindsOf(vendor: RecordingVendor): PolicyScope['kind'][] {
    const listed = vendor.listPolicyScopes ? vendor.capabilities.directoryScopes : undefined;
    return listed?.length ? listed : [vendor.capabilities.policyScopes[0]!];
  }

  private viewOf(vendor: RecordingVendor, kind: PolicyScope['kind']): VendorView {
    return {
      kind: vendor.kind,
      displayName: vendor.displayName,
      ruleFields: vendor.capabilities.ruleFields,
      fieldNotes: vendor.capabilities.fieldNotes,
      approximations: vendor.capabilities.approximations ?? {},
      scope: { kind, id: SAMPLE_SCOPE_ID[kind] ?? '' },
      check: (scope, rules) => vendor.checkPolicy?.(scope, rules) ?? [],
    };
  }

  private coverageFor(def: StandardDefinition, record: ConnectionRecord, vendor: RecordingVendor): Omit<ConnectionCoverage, 'unresolved'> {
    const override = def.overrides.find((o) => o.connectionId === record.id);
    const views = this.scopeKindsOf(vendor).map((k) => this.viewOf(vendor, k));
    const coverage = coverageAcross(views, mergeRules(def.rules, override?.rules), def.requiredFields);
    const blocked = coverage.blockedBy.length ? blockedError(vendor.displayName, coverage) : null;
    return { connection: record, vendor: vendor.kind, coverage, blocked };
  }

  /** Field by field per connection, from the adapters' capabilities; people not resolved by the last compile. */
  async coverage(actor: Principal, id: string): Promise<ConnectionCoverage[]> {
    actor.require('recording:read');
    const row = await this.load(actor, id);
    const def = definitionOf(row);
    const targets = new Map((await this.deps.stores.standards.targets([id])).map((t) => [t.connectionId, t]));
    return (await this.governed(row.tenantId)).map(({ record, vendor }) => {
      const target = targets.get(record.id);
      const unresolved =
        target?.compiledVersion === row.version
          ? target.unresolved
          : this.namedPeople(def).map((name) => ({ name, reason: 'not resolved yet: the standard is not applied at this version' }));
      return { ...this.coverageFor(def, record, vendor), unresolved };
    });
  }

  private namedPeople(def: StandardDefinition): string[] {
    return [...new Set(def.exceptions.flatMap((e) => e.people.map(personName)))];
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Compile

  /** Every scope the standard governs at this vendor: its directory when it has one, else the whole organisation. */
  private async scopesOf(vendor: RecordingVendor, ctx: ConnectionContext): Promise<{ scopes: PolicyScope[]; unlisted: UnlistedKind[] }> {
    const kinds = this.scopeKindsOf(vendor);
    if (!vendor.listPolicyScopes) return { scopes: [{ kind: kinds[0]!, id: '' }], unlisted: [] };
    const scopes: PolicyScope[] = [];
    const unlisted: UnlistedKind[] = [];
    for (const [i, kind] of kinds.entries()) {
      const found: PolicyScope[] = [];
      try {
        for await (const page of vendor.listPolicyScopes(ctx, { kind }, { pageSize: 1000 })) found.push(...page);
      } catch (e) {
        // A connection authorised before the standard listed this kind (a Webex token without workspaces_read): the
        // first kind is governed without it, and the refusal is said, not hidden. Anything else holds the compile.
        if (i === 0 || !refusedForScope(e)) throw e;
        unlisted.push({ kind, code: (e as AppError).code, message: (e as AppError).message });
        continue;
      }
      scopes.push(...found);
    }
    return { scopes, unlisted };
  }

  /** The rules each scope gets: the compiled standard, or an exception's for the people it names. */
  private plan(
    def: StandardDefinition,
    cov: Coverage,
    vendor: RecordingVendor,
    record: ConnectionRecord,
    scopes: PolicyScope[],
    /** E-mail -> the vendor's user id, from its directory (vendors that exclude people within a scope). */
    resolved: Record<string, string> | null,
    users: PeopleLookup,
  ): { desired: { scope: PolicyScope; rules: RecordingRules }[]; unresolved: { name: string; reason: string }[] } {
    if (resolved) return this.planByExclusion(def, cov, vendor, scopes, resolved, users);
    const override = def.overrides.find((o) => o.connectionId === record.id);
    const byEmail = new Map<string, number>();
    def.exceptions.forEach((e, i) => {
      for (const p of e.people) {
        const email = emailOf(p, users);
        if (email) byEmail.set(email, i);
      }
    });
    // Exceptions name people: they apply at the scopes a directory names by e-mail (Webex people), each kind's way.
    const exceptionRules = new Map<string, RecordingRules[]>();
    const exceptionsAt = (kind: PolicyScope['kind']): RecordingRules[] => {
      let rules = exceptionRules.get(kind);
      if (!rules) {
        const view = this.viewOf(vendor, kind);
        rules = def.exceptions.map((e) => coverageOf(view, mergeRules(mergeRules(def.rules, override?.rules), e.rules), []).compiled);
        exceptionRules.set(kind, rules);
      }
      return rules;
    };
    const compiledAt = new Map(cov.byKind.map((k) => [k.kind, k.compiled]));
    const found = new Set<string>();
    const hasEmails = scopes.some((s) => s.emails !== undefined);
    const desired = scopes.map((scope) => {
      for (const email of scope.emails ?? []) {
        const i = byEmail.get(normalEmail(email));
        if (i !== undefined) {
          found.add(normalEmail(email));
          return { scope: { kind: scope.kind, id: scope.id }, rules: exceptionsAt(scope.kind)[i]! };
        }
      }
      return { scope: { kind: scope.kind, id: scope.id }, rules: compiledAt.get(scope.kind) ?? cov.compiled };
    });
    const unresolved: { name: string; reason: string }[] = [];
    for (const e of def.exceptions) {
      for (const p of e.people) {
        const name = personName(p);
        const email = emailOf(p, users);
        if (!email) unresolved.push({ name, reason: whyUnresolved(p, users) });
        else if (!hasEmails)
          unresolved.push({ name, reason: `${vendor.displayName} does not name its ${this.scopeKindsOf(vendor).join('/')} scopes by e-mail` });
        else if (!found.has(email))
          unresolved.push({ name, reason: `${vendor.displayName} has no person with ${p.email ? 'this e-mail' : `this User's e-mail (${email})`}` });
      }
    }
    return { desired, unresolved };
  }

  /**
   * A vendor that excludes people within a scope (MegaFon's no_recording_employee_ids): the people of exceptions that
   * record nothing are excluded in every scope; an exception with any other rules cannot be held there.
   */
  private planByExclusion(
    def: StandardDefinition,
    cov: Coverage,
    vendor: RecordingVendor,
    scopes: PolicyScope[],
    resolved: Record<string, string>,
    users: PeopleLookup,
  ): { desired: { scope: PolicyScope; rules: RecordingRules }[]; unresolved: { name: string; reason: string }[] } {
    const ids: string[] = [];
    const unresolved: { name: string; reason: string }[] = [];
    for (const e of def.exceptions) {
      const never = e.rules.mode === 'NEVER';
      for (const p of e.people) {
        const name = personName(p);
        const email = emailOf(p, users);
        if (!email) unresolved.push({ name, reason: whyUnresolved(p, users) });
        else if (!never) unresolved.push({ name, reason: `${vendor.displayName} can only exclude people from recording (exception mode NEVER)` });
        else if (resolved[email] === undefined)
          unresolved.push({ name, reason: `${vendor.displayName} has no person with ${p.email ? 'this e-mail' : `this User's e-mail (${email})`}` });
        else ids.push(resolved[email]!);
      }
    }
    const own = cov.compiled.excludedUserIds ?? [];
    const rules = ids.length ? { ...cov.compiled, excludedUserIds: [...new Set([...own, ...ids])].sort() } : cov.compiled;
    return { desired: scopes.map((scope) => ({ scope: { kind: scope.kind, id: scope.id }, rules })), unresolved };
  }

  /** The e-mails of the standard's exceptions resolved at a vendor that excludes people by its own ids; else null. */
  private async resolvedAt(
    def: StandardDefinition,
    vendor: RecordingVendor,
    ctx: ConnectionContext,
    users: PeopleLookup,
  ): Promise<Record<string, string> | null> {
    if (!this.excludesPeople(vendor)) return null;
    const emails = [...new Set(def.exceptions.flatMap((e) => e.people.map((p) => emailOf(p, users)).filter((m): m is string => !!m)))];
    return emails.length ? vendor.resolvePeople!(ctx, emails) : {};
  }

  private excludesPeople(vendor: RecordingVendor): boolean {
    return !!vendor.resolvePeople && vendor.capabilities.ruleFields.includes('excludedUserIds');
  }

  /** A platform where the standard's people change what is written: people are scopes, or excluded by id. */
  private namesPeople(vendor: RecordingVendor): boolean {
    return this.excludesPeople(vendor) || this.scopeKindsOf(vendor).includes('PERSON');
  }

  /**
   * The standard's User ids as people of its tenant, from the directory subgraph (USER_DIRECTORY_URL): one request
   * for all of them. A User of another tenant is not one of this tenant's people (and the reason does not say whose
   * it is). The directory down is not a verdict on anyone: `unavailable` is set and those platforms wait.
   */
  private async lookUpUsers(def: StandardDefinition, tenantId: string): Promise<PeopleLookup> {
    const ids = [...new Set(def.exceptions.flatMap((e) => e.people.map((p) => (p.email ? null : p.userId)).filter((id): id is string => !!id)))];
    if (!ids.length) return NO_PEOPLE;
    const out: PeopleLookup = { emails: new Map(), reasons: new Map(), unavailable: null };
    const directory = this.deps.userDirectory;
    if (!directory) {
      for (const id of ids) out.reasons.set(id, 'no user directory is configured (USER_DIRECTORY_URL), so User ids cannot be resolved to people');
      return out;
    }
    let users: Awaited<ReturnType<typeof directory.users>>;
    try {
      users = await directory.users(ids);
    } catch (e) {
      const err = e instanceof AppError ? e : new AppError('VENDOR_UNAVAILABLE', `${directory.description} could not answer`, { retryable: true });
      this.deps.logger.warn({ code: err.code, tenantId }, 'user directory unavailable: platforms that name people wait');
      out.unavailable = err;
      for (const id of ids) out.reasons.set(id, `not resolved yet: ${err.message}`);
      return out;
    }
    for (const id of ids) {
      const u = users.get(id);
      if (!u || u.tenantId !== tenantId) out.reasons.set(id, "no User with this id in this tenant's directory");
      else if (!u.email) out.reasons.set(id, 'the directory has no e-mail for this User');
      else out.emails.set(id, normalEmail(u.email));
    }
    return out;
  }

  private changesOf(standardId: string | null, desired: { scope: PolicyScope; rules: RecordingRules }[], existing: RecordingPolicyRow[]) {
    const at = new Map(existing.map((p) => [`${p.scopeKind}:${p.scopeId}`, p]));
    return desired.filter((d) => {
      const p = at.get(`${d.scope.kind}:${d.scope.id}`);
      return (
        !p || p.standardId !== standardId || !sameRules(p.rules as RecordingRules, d.rules) || p.syncStatus === 'FAILED' || p.syncStatus === 'PENDING'
      );
    });
  }

  private system(tenantId: string): Principal {
    return new Principal('system:standard', new Set([tenantId]), new Set(['recording:read', 'recording:write']));
  }

  private async compileAll(row: RecordingStandardRow, actor: string, requestId?: string): Promise<CompileOutcome[]> {
    const out: CompileOutcome[] = [];
    const users = once(() => this.lookUpUsers(definitionOf(row), row.tenantId));
    for (const { record, vendor } of await this.governed(row.tenantId))
      out.push(await this.compileConnection(row, record, vendor, users, actor, requestId));
    return out;
  }

  /**
   * One connection: coverage first (a required rule it cannot honour blocks it, nothing written), then the desired
   * policies at every scope, written before any vendor call (intent before effect), then pushed. A connection
   * whose vendor is unavailable is HELD: the next reconcile run compiles it again, and compiling twice is harmless.
   */
  private async compileConnection(
    row: RecordingStandardRow,
    record: ConnectionRecord,
    vendor: RecordingVendor,
    lookUp: () => Promise<PeopleLookup>,
    actor: string,
    requestId?: string,
    only?: PolicyScope[],
  ): Promise<CompileOutcome> {
    const { stores } = this.deps;
    const def = definitionOf(row);
    const base = this.coverageFor(def, record, vendor);
    const outcome: CompileOutcome = { connectionId: record.id, status: 'COMPILED', scopes: 0, changed: 0, rolloutIds: [], error: null, unlisted: [] };
    const target = { standardId: row.id, connectionId: record.id, tenantId: row.tenantId };
    if (base.blocked) {
      await stores.db.transaction(async (tx) => {
        await stores.standards.saveTarget(tx, { ...target, compiledVersion: row.version, blocked: base.blocked, rolloutIds: [], scopes: 0 });
        await stores.audit.record(tx, {
          tenantId: row.tenantId,
          actor,
          action: 'standard.blocked',
          targetType: 'RecordingStandard',
          targetId: row.id,
          after: { connectionId: record.id, version: row.version },
          outcome: base.blocked,
          requestId,
        });
      });
      return { ...outcome, status: 'BLOCKED', error: { code: base.blocked.code, message: base.blocked.message } };
    }
    try {
      const users = await lookUp();
      // Without the people the directory names, a platform would record whom the standard excepts: it waits.
      if (users.unavailable && this.namesPeople(vendor)) throw users.unavailable;
      const { ctx } = await this.connections.vendorContextForScope(null, record.id, requestId);
      const listed = only ? { scopes: only, unlisted: [] } : await this.scopesOf(vendor, ctx);
      const scopes = listed.scopes;
      const resolved = await this.resolvedAt(def, vendor, ctx, users);
      const { desired, unresolved } = this.plan(def, base.coverage, vendor, record, scopes, resolved, users);
      const changes = this.changesOf(row.id, desired, await stores.standards.policiesAt(record.id));
      // People go through the roll-out engine; every other scope (a settings record, a PBX, a workspace) by its sync job.
      const bulk = (kind: string) => kind === 'PERSON';
      const owned = (d: { scope: PolicyScope; rules: RecordingRules }): OwnedPolicy => ({
        id: randomUUID(),
        tenantId: row.tenantId,
        connectionId: record.id,
        name: `${def.name} (standard v${row.version})`,
        scopeKind: d.scope.kind,
        scopeId: d.scope.id,
        rules: d.rules as Record<string, unknown>,
        syncDeadline: bulk(d.scope.kind) ? null : this.sync.deadline(),
      });
      await stores.db.transaction(async (tx) => {
        const written = await stores.standards.upsertOwned(tx, row.id, changes.map(owned));
        for (const p of written) if (!bulk(p.scopeKind)) await this.sync.enqueue(tx, p.id, requestId);
        await stores.audit.record(tx, {
          tenantId: row.tenantId,
          actor,
          action: only ? 'standard.govern' : 'standard.compile',
          targetType: 'RecordingStandard',
          targetId: row.id,
          after: { connectionId: record.id, version: row.version },
          outcome: { scopes: scopes.length, changed: written.length, unresolved, unlisted: listed.unlisted },
          requestId,
        });
      });
      if (changes.some((c) => !bulk(c.scope.kind))) this.sync.wake();
      const rolloutIds: string[] = [];
      const people = changes.filter((c) => bulk(c.scope.kind));
      if (people.length) {
        // People with the same rules go out together, through the roll-out engine at the vendor's rate.
        const groups = new Map<string, { rules: RecordingRules; ids: string[] }>();
        for (const c of people) {
          const key = JSON.stringify(c.rules);
          const g = groups.get(key) ?? { rules: c.rules, ids: [] };
          g.ids.push(c.scope.id);
          groups.set(key, g);
        }
        for (const g of groups.values()) {
          for (let i = 0; i < g.ids.length; i += ROLLOUT_CHUNK) {
            const started = await this.rollouts.startRollout(this.system(row.tenantId), {
              connectionId: record.id,
              name: `${def.name} (standard v${row.version})`,
              rules: g.rules,
              scope: { personIds: g.ids.slice(i, i + ROLLOUT_CHUNK) },
            });
            if (started.rollout) rolloutIds.push(started.rollout.id);
          }
        }
      }
      const [prev] = (await stores.standards.targets([row.id])).filter((t) => t.connectionId === record.id);
      // New roll-outs for people replace the old ones; a compile that changed no person keeps them (still settling).
      const keep = only || !rolloutIds.length ? (prev?.rolloutIds ?? []) : [];
      const governedIds = new Set(only?.map((s) => s.id) ?? []);
      await stores.standards.saveTarget(stores.db, {
        ...target,
        compiledVersion: row.version,
        blocked: null,
        rolloutIds: [...keep, ...rolloutIds],
        unresolved: only ? (prev?.unresolved ?? unresolved) : unresolved,
        ungoverned: only ? (prev?.ungoverned ?? []).filter((s) => !governedIds.has(s.id)) : [],
        scopes: only ? (prev?.scopes ?? 0) + only.length : scopes.length,
        walkedAt: new Date(),
      });
      return { ...outcome, scopes: scopes.length, changed: changes.length, rolloutIds, unlisted: listed.unlisted };
    } catch (e) {
      if (!holdsWork(e)) throw e;
      const err = storedError(e);
      this.deps.logger.info({ standardId: row.id, connectionId: record.id, code: err.code }, 'standard compile held: the vendor is unavailable');
      return { ...outcome, status: 'HELD', error: { code: err.code, message: err.message } };
    }
  }

  /** Before anything is written: per connection, coverage, how many scopes change, a sample of the exact requests. */
  async preview(actor: Principal, id: string, requestId?: string): Promise<ConnectionPreview[]> {
    actor.require('recording:read');
    const row = await this.load(actor, id);
    return this.previewOf(actor, row.tenantId, row.id, definitionOf(row), requestId);
  }

  /**
   * The same for a standard not saved yet (rules, exceptions and overrides given inline), checked as a save checks
   * it. Compared with the tenant's current standard when it has one (what saving the draft as its next version would
   * change), else with nothing (every scope changes). Reads the vendors' directories; writes nothing anywhere.
   */
  async previewDraft(actor: Principal, draft: Omit<SaveStandardInput, 'expectedVersion'>, requestId?: string): Promise<ConnectionPreview[]> {
    actor.require('recording:read');
    if (!actor.canAccessTenant(draft.tenantId)) throw notFound('Tenant', draft.tenantId);
    const [tenant] = await this.deps.stores.tenants.byIds(actor.tenantFilter(), [draft.tenantId]);
    if (!tenant) throw notFound('Tenant', draft.tenantId);
    const def = await this.validate(actor, { ...draft, name: draft.name?.trim() ? draft.name : 'Draft standard' });
    const [current] = await this.deps.stores.standards.byTenantIds(actor.tenantFilter(), [draft.tenantId]);
    return this.previewOf(actor, draft.tenantId, current?.id ?? null, def, requestId);
  }

  private async previewOf(
    actor: Principal,
    tenantId: string,
    standardId: string | null,
    def: StandardDefinition,
    requestId?: string,
  ): Promise<ConnectionPreview[]> {
    const out: ConnectionPreview[] = [];
    const lookUp = once(() => this.lookUpUsers(def, tenantId));
    for (const { record, vendor } of await this.governed(tenantId)) {
      const base = this.coverageFor(def, record, vendor);
      const warnings = [...new Map(base.coverage.byKind.flatMap((k) => lintPolicy(k.compiled)).map((w) => [JSON.stringify(w), w])).values()];
      if (base.blocked) {
        out.push({ ...base, unresolved: [], scopes: 0, changing: 0, sample: [], warnings, unlisted: [] });
        continue;
      }
      const { ctx } = await this.connections.vendorContextForScope(actor.tenantFilter(), record.id, requestId);
      const { scopes, unlisted } = await this.scopesOf(vendor, ctx);
      // The directory down: the preview still answers, with those people listed as not resolved yet.
      const users = await lookUp();
      const { desired, unresolved } = this.plan(def, base.coverage, vendor, record, scopes, await this.resolvedAt(def, vendor, ctx, users), users);
      const changes = this.changesOf(standardId, desired, await this.deps.stores.standards.policiesAt(record.id));
      const sample = [];
      for (const c of sampleOf(changes)) sample.push({ scope: c.scope, requests: (await vendor.previewPolicy?.(ctx, c.scope, c.rules)) ?? [] });
      out.push({ ...base, unresolved, scopes: scopes.length, changing: changes.length, sample, warnings, unlisted });
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Compliance

  async compliance(actor: Principal, id: string): Promise<ComplianceReport> {
    actor.require('recording:read');
    return this.report(await this.load(actor, id));
  }

  async complianceOfTenant(actor: Principal, tenantId: string): Promise<ComplianceReport | null> {
    const row = await this.ofTenant(actor, tenantId);
    return row ? this.report(row) : null;
  }

  private async report(row: RecordingStandardRow): Promise<ComplianceReport> {
    const { stores } = this.deps;
    const counts = await stores.standards.statusCounts(row.id);
    const targets = new Map((await stores.standards.targets([row.id])).map((t) => [t.connectionId, t]));
    const totals = { conforming: 0, drifted: 0, failed: 0, pending: 0, ungoverned: 0, blockedConnections: 0 };
    const connections: ConnectionCompliance[] = [];
    for (const { record, vendor } of await this.governed(row.tenantId)) {
      const n = (s: string, kind?: string) =>
        counts
          .filter((c) => c.connectionId === record.id && c.syncStatus === s && (kind === undefined || c.scopeKind === kind))
          .reduce((a, c) => a + c.n, 0);
      const target: StandardTargetRow | undefined = targets.get(record.id);
      const kinds = [...new Set([...this.scopeKindsOf(vendor), ...counts.filter((c) => c.connectionId === record.id).map((c) => c.scopeKind)])];
      const c: ConnectionCompliance = {
        connection: record,
        vendor: vendor.kind,
        blocked: !!target?.blocked,
        conforming: n('IN_SYNC'),
        drifted: n('DRIFTED'),
        failed: n('FAILED'),
        pending: n('PENDING'),
        ungoverned: target?.ungoverned.length ?? 0,
        ungovernedScopes: target?.ungoverned ?? [],
        byKind: kinds.map((kind) => ({
          kind,
          conforming: n('IN_SYNC', kind),
          drifted: n('DRIFTED', kind),
          failed: n('FAILED', kind),
          pending: n('PENDING', kind),
          ungoverned: (target?.ungoverned ?? []).filter((u) => u.kind === kind).length,
        })),
        lastCheckedAt: target?.walkedAt ?? null,
      };
      totals.conforming += c.conforming;
      totals.drifted += c.drifted;
      totals.failed += c.failed;
      totals.pending += c.pending;
      totals.ungoverned += c.ungoverned;
      if (c.blocked) totals.blockedConnections++;
      connections.push(c);
    }
    return { standard: row, connections, totals };
  }

  /** The standard's policies in one state at one connection, for the drift list (offset pages). */
  async policiesWithStatus(
    standard: RecordingStandardRow,
    connectionId: string,
    status: 'DRIFTED' | 'FAILED' | 'PENDING' | 'IN_SYNC',
    offset: number,
    first: number,
  ): Promise<{ rows: RecordingPolicyRow[]; drift: Map<string, FieldDiff[]> }> {
    const rows = await this.deps.stores.standards.ownedWithStatus(standard.id, connectionId, status, offset, first + 1);
    return { rows, drift: new Map(rows.map((r) => [r.id, (r.drift as FieldDiff[] | null) ?? diffRules(r.rules as RecordingRules, {})])) };
  }

  // ---------------------------------------------------------------------------------------------------------------
  // After every scheduled reconcile run

  readonly stats = { ticks: 0, governed: 0, enforced: 0, announced: 0 };

  /** Settles roll-outs, governs newcomers, enforces, and announces compliance changes, for every applied standard. */
  async tick(): Promise<void> {
    // One check at a time in this process (the reconcile's end and the standards' own schedule may meet).
    this.ticking ??= this.tickOnce().finally(() => {
      this.ticking = undefined;
    });
    return this.ticking;
  }

  private ticking?: Promise<void>;

  private async tickOnce(): Promise<void> {
    this.stats.ticks++;
    for (const row of await this.deps.stores.standards.applied()) {
      try {
        await this.tickStandard(row);
      } catch (e) {
        this.deps.logger.warn({ err: e, standardId: row.id }, 'recording standard check failed');
      }
    }
  }

  private async tickStandard(row: RecordingStandardRow): Promise<void> {
    const { stores } = this.deps;
    const targets = new Map((await stores.standards.targets([row.id])).map((t) => [t.connectionId, t]));
    const users = once(() => this.lookUpUsers(definitionOf(row), row.tenantId));
    for (const { record, vendor } of await this.governed(row.tenantId)) {
      const target = targets.get(record.id);
      if (!target || target.compiledVersion !== row.version) {
        await this.compileConnection(row, record, vendor, users, 'system:standard');
        continue;
      }
      if (target.blocked) continue;
      await stores.standards.settleFromRollouts(row.id, record.id, target.rolloutIds);
      await this.walk(row, record, vendor, target, users);
      if (row.mode === 'ENFORCE') await this.enforce(row, record);
    }
    await this.announce(row);
  }

  /**
   * A roll-out finished: if a standard owns it, its people's policies settle now (conforming or failed), not at the
   * next scheduled reconcile, which may be off (RECONCILE_INTERVAL_SECONDS=0).
   */
  async rolloutFinished(rolloutId: string): Promise<void> {
    const { stores } = this.deps;
    for (const row of await stores.standards.applied()) {
      const owning = (await stores.standards.targets([row.id])).filter((t) => t.rolloutIds.includes(rolloutId));
      if (!owning.length) continue;
      for (const t of owning) await stores.standards.settleFromRollouts(row.id, t.connectionId, t.rolloutIds);
      await this.announce(row);
    }
  }

  /** The compliance summary stored and announced when it changed. */
  private async announce(row: RecordingStandardRow): Promise<void> {
    const { stores } = this.deps;
    const report = await this.report(row);
    const summary = {
      totals: report.totals,
      connections: report.connections.map((c) => [c.connection.id, c.conforming, c.drifted, c.failed, c.pending, c.ungoverned, c.blocked]),
    };
    if (JSON.stringify(summary) !== JSON.stringify(row.compliance)) {
      await stores.standards.setCompliance(row.id, summary);
      await this.events.publish(stores.db, {
        tenantId: row.tenantId,
        type: 'RECORDING_STANDARD',
        kind: 'COMPLIANCE_CHANGED',
        id: row.id,
        version: row.version,
      });
      this.stats.announced++;
    }
  }

  /** The directory again: scopes the standard does not govern yet are listed, and in ENFORCE mode brought under it. */
  private async walk(
    row: RecordingStandardRow,
    record: ConnectionRecord,
    vendor: RecordingVendor,
    target: StandardTargetRow,
    users: () => Promise<PeopleLookup>,
  ): Promise<void> {
    if (!vendor.listPolicyScopes) return;
    const { stores } = this.deps;
    let scopes: PolicyScope[];
    try {
      const { ctx } = await this.connections.vendorContextForScope(null, record.id);
      scopes = (await this.scopesOf(vendor, ctx)).scopes;
    } catch (e) {
      if (holdsWork(e)) return;
      throw e;
    }
    const owned = new Set((await stores.standards.ownedPolicies(row.id, record.id)).map((p) => `${p.scopeKind}:${p.scopeId}`));
    const fresh = scopes.filter((s) => !owned.has(`${s.kind}:${s.id}`));
    if (row.mode === 'ENFORCE' && fresh.length) {
      const r = await this.compileConnection(row, record, vendor, users, 'system:standard', undefined, fresh);
      if (r.status === 'COMPILED') this.stats.governed += fresh.length;
      return;
    }
    await stores.standards.saveTarget(stores.db, {
      standardId: row.id,
      connectionId: record.id,
      tenantId: row.tenantId,
      ungoverned: fresh.map((s) => ({ kind: s.kind, id: s.id })),
      walkedAt: new Date(),
      scopes: target.scopes,
    });
  }

  /** ENFORCE: each drifted policy of the standard is pushed again (its sync job), each correction audited. */
  private async enforce(row: RecordingStandardRow, record: ConnectionRecord): Promise<void> {
    const { stores } = this.deps;
    const drifted = await stores.standards.ownedWithStatus(row.id, record.id, 'DRIFTED', 0, 1000);
    if (!drifted.length) return;
    await stores.db.transaction(async (tx) => {
      for (const p of drifted) {
        const moved = await stores.policies.recordSync(tx, p.id, p.version, { syncStatus: 'PENDING', syncDeadline: this.sync.deadline() });
        if (!moved) continue;
        await this.sync.enqueue(tx, p.id);
        await stores.audit.record(tx, {
          tenantId: row.tenantId,
          actor: 'system:standard',
          action: 'standard.enforce',
          targetType: 'RecordingPolicy',
          targetId: p.id,
          before: { syncStatus: 'DRIFTED', drift: p.drift },
          after: { syncStatus: 'PENDING', version: p.version },
          outcome: { standardId: row.id, connectionId: record.id, scope: { kind: p.scopeKind, id: p.scopeId } },
        });
        this.stats.enforced++;
      }
    });
    this.sync.wake();
  }
}
