import { randomUUID } from 'node:crypto';
import type { Principal } from '../server/auth';
import { AppError, badInput, notFound, type FieldProblem } from '../domain/errors';
import { diffRules, normalizeRules, type FieldDiff, type PolicyScope, type RecordingRules } from '../domain/policy';
import { lintPolicy, type LintWarning } from '../domain/lint';
import type { VendorKind } from '../domain/vendor-kind';
import type { RecordingPolicyRow, StoredVendorError } from '../store/schema';
import type { Page, PageArgs } from '../store/pagination';
import type { PolicyFilter } from '../store/policy.store';
import type { RecordingVendor, VendorRequestPreview } from '../vendors/port';
import { getVendor } from '../vendors/registry';
import { assertSupported, policyProblems } from '../vendors/capabilities';
import type { ConnectionService } from './connection.service';
import type { ServiceDeps } from './index';
import { storedError } from './vendor-errors';

export interface SyncOutcome {
  status: 'PENDING' | 'IN_SYNC' | 'FAILED';
  error: StoredVendorError | null;
  requests: VendorRequestPreview[];
}

export interface PolicyResult {
  policy: RecordingPolicyRow;
  sync: SyncOutcome;
  warnings: LintWarning[];
}

export interface CreatePolicyInput {
  connectionId: string;
  name: string;
  scope: PolicyScope;
  rules: RecordingRules;
  apply?: boolean | null;
}

export interface UpdatePolicyInput {
  id: string;
  expectedVersion: number;
  name?: string | null;
  rules?: RecordingRules | null;
  apply?: boolean | null;
}

/** Refusals before any vendor call: scope kind, unsupported fields, vendor value limits; paths under `prefix`. */
export function checkAgainstVendor(vendor: RecordingVendor, scope: PolicyScope, rules: RecordingRules, prefix: (string | number)[]): void {
  const withPrefix = (fields: FieldProblem[]) => fields.map((p) => ({ path: [...prefix, ...p.path], message: p.message }));
  try {
    assertSupported(vendor.kind, scope, rules);
  } catch (e) {
    if (e instanceof AppError) throw new AppError(e.code, e.message, { ...e.details, vendor: vendor.kind, fields: withPrefix(e.details.fields ?? []) });
    throw e;
  }
  const problems = policyProblems(vendor.kind, scope, rules);
  if (problems.length) {
    throw new AppError('VENDOR_UNSUPPORTED_FIELD', `${vendor.displayName} cannot accept: ${problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('; ')}`, {
      vendor: vendor.kind,
      field: problems[0]!.path.join('.'),
      fields: withPrefix(problems),
    });
  }
}

export class PolicyService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly connections: ConnectionService,
  ) {}

  private async connectionOf(actor: Principal, connectionId: string) {
    const [record] = await this.deps.stores.connections.byIds(actor.tenantFilter(), [connectionId]);
    if (!record) throw notFound('VendorConnection', connectionId);
    return { record, vendor: getVendor(record.vendor as VendorKind) };
  }

  async create(actor: Principal, input: CreatePolicyInput, requestId?: string): Promise<PolicyResult> {
    actor.require('recording:write');
    const { stores } = this.deps;
    const { record, vendor } = await this.connectionOf(actor, input.connectionId);
    const rules = normalizeRules(input.rules);
    checkAgainstVendor(vendor, input.scope, rules, ['input']);
    let row: RecordingPolicyRow;
    try {
      row = await stores.policies.insert(stores.db, {
        id: randomUUID(),
        tenantId: record.tenantId,
        connectionId: record.id,
        name: input.name.trim(),
        scopeKind: input.scope.kind,
        scopeId: input.scope.id,
        rules: rules as Record<string, unknown>,
      });
    } catch (e) {
      if (/recording_policies_scope_uq|duplicate key/.test(String((e as Error).message) + String((e as { cause?: Error }).cause?.message))) {
        throw new AppError('CONFLICT', `A policy for ${input.scope.kind} "${input.scope.id}" already exists on this connection: update it instead`, {
          fields: [{ path: ['input', 'scope'], message: 'already has a policy' }],
        });
      }
      throw e;
    }
    return this.finish(actor, row, input.apply !== false, requestId);
  }

  async update(actor: Principal, input: UpdatePolicyInput, requestId?: string): Promise<PolicyResult> {
    actor.require('recording:write');
    const { stores } = this.deps;
    const scope = actor.tenantFilter();
    const [current] = await stores.policies.byIds(scope, [input.id]);
    if (!current) throw notFound('RecordingPolicy', input.id);
    const rules = input.rules != null ? normalizeRules(input.rules) : (current.rules as RecordingRules);
    if (input.rules != null) {
      const { vendor } = await this.connectionOf(actor, current.connectionId);
      checkAgainstVendor(vendor, { kind: current.scopeKind as PolicyScope['kind'], id: current.scopeId }, rules, ['input']);
    }
    const row = await stores.policies.updateDesired(stores.db, scope, input.id, input.expectedVersion, {
      ...(input.name != null ? { name: input.name.trim() } : {}),
      ...(input.rules != null ? { rules: rules as Record<string, unknown> } : {}),
    });
    if (!row) {
      const [now] = await stores.policies.byIds(scope, [input.id]);
      if (!now) throw notFound('RecordingPolicy', input.id);
      throw new AppError('CONFLICT', `The policy was changed by someone else: you sent version ${input.expectedVersion}, the current version is ${now.version}. Reload it and apply your change again.`, {
        currentVersion: now.version,
        fields: [{ path: ['input', 'expectedVersion'], message: `stale: current version is ${now.version}` }],
      });
    }
    return this.finish(actor, row, input.apply !== false, requestId);
  }

  /** Pushes the current desired version again (after a FAILED sync, or to overwrite drift). */
  async retrySync(actor: Principal, id: string, requestId?: string): Promise<PolicyResult> {
    actor.require('recording:write');
    const [row] = await this.deps.stores.policies.byIds(actor.tenantFilter(), [id]);
    if (!row) throw notFound('RecordingPolicy', id);
    return this.finish(actor, row, true, requestId);
  }

  private async finish(actor: Principal, row: RecordingPolicyRow, apply: boolean, requestId?: string): Promise<PolicyResult> {
    const warnings = lintPolicy(row.rules as RecordingRules);
    if (!apply) return { policy: row, sync: { status: 'PENDING', error: null, requests: [] }, warnings };
    const { policy, sync } = await this.push(actor.tenantFilter(), row, requestId);
    return { policy, sync, warnings };
  }

  /**
   * Sends one desired version to the vendor and records the outcome against that version only: if a newer version
   * was saved meanwhile, its state is left alone (it has its own push).
   */
  async push(scope: readonly string[] | null, row: RecordingPolicyRow, requestId?: string): Promise<{ policy: RecordingPolicyRow; sync: SyncOutcome }> {
    const { stores, logger } = this.deps;
    const { record, ctx } = await this.connections.vendorContextForScope(scope, row.connectionId, requestId);
    const vendor = getVendor(record.vendor as VendorKind);
    const policyScope: PolicyScope = { kind: row.scopeKind as PolicyScope['kind'], id: row.scopeId };
    try {
      const outcome = await vendor.applyPolicy!(ctx, policyScope, row.rules as RecordingRules);
      const updated = await stores.policies.recordSync(stores.db, row.id, row.version, {
        syncStatus: 'IN_SYNC',
        syncedVersion: row.version,
        lastSyncError: null,
        lastVendorPayload: outcome.requests.length === 1 ? outcome.requests[0]!.body ?? null : outcome.requests.map((r) => r.body),
        lastSyncedAt: new Date(),
        drift: null,
      });
      return { policy: updated ?? (await this.reload(scope, row)), sync: { status: 'IN_SYNC', error: null, requests: outcome.requests } };
    } catch (e) {
      const error = storedError(e);
      if (!(e instanceof AppError)) logger.error({ err: e, policyId: row.id, requestId }, 'policy push failed unexpectedly');
      const updated = await stores.policies.recordSync(stores.db, row.id, row.version, { syncStatus: 'FAILED', lastSyncError: error });
      return { policy: updated ?? (await this.reload(scope, row)), sync: { status: 'FAILED', error, requests: [] } };
    }
  }

  private async reload(scope: readonly string[] | null, row: RecordingPolicyRow): Promise<RecordingPolicyRow> {
    const [now] = await this.deps.stores.policies.byIds(scope, [row.id]);
    return now ?? row;
  }

  async preview(
    actor: Principal,
    input: { policyId?: string | null; connectionId?: string | null; scope?: PolicyScope | null; rules?: RecordingRules | null },
    requestId?: string,
  ): Promise<{ requests: VendorRequestPreview[]; warnings: LintWarning[] }> {
    actor.require('recording:read');
    let connectionId = input.connectionId ?? null;
    let scope = input.scope ?? null;
    let rules = input.rules ?? null;
    if (input.policyId) {
      const [row] = await this.deps.stores.policies.byIds(actor.tenantFilter(), [input.policyId]);
      if (!row) throw notFound('RecordingPolicy', input.policyId);
      connectionId = row.connectionId;
      scope ??= { kind: row.scopeKind as PolicyScope['kind'], id: row.scopeId };
      rules ??= row.rules as RecordingRules;
    }
    const missing: FieldProblem[] = [];
    if (!connectionId) missing.push({ path: ['input', 'connectionId'], message: 'connectionId or policyId is required' });
    if (!scope) missing.push({ path: ['input', 'scope'], message: 'scope is required without a policyId' });
    if (!rules) missing.push({ path: ['input', 'rules'], message: 'rules are required without a policyId' });
    if (missing.length) throw badInput(missing);
    const { vendor } = await this.connectionOf(actor, connectionId!);
    rules = normalizeRules(rules!);
    checkAgainstVendor(vendor, scope!, rules, ['input']);
    const { ctx } = await this.connections.vendorContext(actor, connectionId!, requestId);
    const requests = await vendor.previewPolicy!(ctx, scope!, rules);
    return { requests, warnings: lintPolicy(rules) };
  }

  /** Reads the vendor's state back; marks DRIFTED with a field-level diff when it differs from the desired state. */
  async reconcile(actor: Principal, id: string, requestId?: string): Promise<{ policy: RecordingPolicyRow; drift: FieldDiff[] }> {
    actor.require('recording:read');
    const [row] = await this.deps.stores.policies.byIds(actor.tenantFilter(), [id]);
    if (!row) throw notFound('RecordingPolicy', id);
    return this.reconcileRow(actor.tenantFilter(), row, requestId);
  }

  async reconcileRow(scope: readonly string[] | null, row: RecordingPolicyRow, requestId?: string): Promise<{ policy: RecordingPolicyRow; drift: FieldDiff[] }> {
    const { stores } = this.deps;
    const { record, ctx } = await this.connections.vendorContextForScope(scope, row.connectionId, requestId);
    const vendor = getVendor(record.vendor as VendorKind);
    const actual = await vendor.readPolicy!(ctx, { kind: row.scopeKind as PolicyScope['kind'], id: row.scopeId });
    const drift = diffRules(row.rules as RecordingRules, actual);
    const status = drift.length ? 'DRIFTED' : row.syncStatus === 'PENDING' ? 'PENDING' : 'IN_SYNC';
    const updated = await stores.policies.recordSync(stores.db, row.id, row.version, {
      syncStatus: status,
      drift: drift.length ? drift : null,
      lastReconciledAt: new Date(),
      ...(status === 'IN_SYNC' ? { syncedVersion: row.version, lastSyncError: null } : {}),
    });
    return { policy: updated ?? (await this.reload(scope, row)), drift };
  }

  async delete(actor: Principal, id: string): Promise<void> {
    actor.require('recording:write');
    const { stores } = this.deps;
    if (!(await stores.policies.delete(stores.db, actor.tenantFilter(), id))) throw notFound('RecordingPolicy', id);
  }

  async page(actor: Principal, tenantId: string, filter: PolicyFilter, args: PageArgs): Promise<Page<RecordingPolicyRow>> {
    actor.require('recording:read');
    return this.deps.stores.policies.page(actor.tenantFilter(), tenantId, filter, args);
  }
}
