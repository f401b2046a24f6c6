import { randomUUID } from 'node:crypto';
import type { Principal } from '../domain/principal';
import { AppError, badInput, notFound, type FieldProblem } from '../domain/errors';
import { diffRules, normalizeRules, type FieldDiff, type PolicyScope, type RecordingRules } from '../domain/policy';
import { lintPolicy, type LintWarning } from '../domain/lint';
import type { RecordingPolicyRow, StoredVendorError } from '../store/schema';
import type { Page, PageArgs } from '../store/pagination';
import type { PolicyFilter } from '../store/policy.store';
import type { ConnectionContext, RecordingVendor, VendorRequestPreview } from '../vendors/port';
import { getVendor } from '../vendors/registry';
import { assertSupported, policyProblems } from '../vendors/capabilities';
import type { ConnectionService } from './connection.service';
import type { ServiceDeps } from './deps';
import type { PolicySyncService } from './policy-sync.service';
import { databaseErrorMatches, type AppDb } from '../store/db';
import type { EventBus } from '../store/event-bus';

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

/** What the audit trail keeps of a policy: the desired state and its identity, not sync bookkeeping. */
export function auditView(row: RecordingPolicyRow) {
  return {
    id: row.id,
    name: row.name,
    connectionId: row.connectionId,
    scope: { kind: row.scopeKind, id: row.scopeId },
    rules: row.rules,
    version: row.version,
  };
}

/** Refusals before any vendor call: scope kind, unsupported fields, vendor value limits; paths under `prefix`. */
export function checkAgainstVendor(vendor: RecordingVendor, scope: PolicyScope, rules: RecordingRules, prefix: (string | number)[]): void {
  const withPrefix = (fields: FieldProblem[]) => fields.map((p) => ({ path: [...prefix, ...p.path], message: p.message }));
  try {
    assertSupported(vendor.kind, scope, rules);
  } catch (e) {
    if (e instanceof AppError)
      throw new AppError(e.code, e.message, { ...e.details, vendor: vendor.kind, fields: withPrefix(e.details.fields ?? []) });
    throw e;
  }
  const problems = policyProblems(vendor.kind, scope, rules);
  if (problems.length) {
    throw new AppError(
      'VENDOR_UNSUPPORTED_FIELD',
      `${vendor.displayName} cannot accept: ${problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('; ')}`,
      {
        vendor: vendor.kind,
        field: problems[0]!.path.join('.'),
        fields: withPrefix(problems),
      },
    );
  }
}

export class PolicyService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly connections: ConnectionService,
    private readonly sync: PolicySyncService,
    private readonly events: EventBus,
    /** How long a mutation waits for the vendor's first answer before it returns PENDING (the job keeps going). */
    private readonly applyWaitMs: number,
  ) {}

  private async connectionOf(actor: Principal, connectionId: string) {
    const [record] = await this.deps.stores.connections.byIds(actor.tenantFilter(), [connectionId]);
    if (!record) throw notFound('VendorConnection', connectionId);
    return { record, vendor: getVendor(record.vendor) };
  }

  async create(actor: Principal, input: CreatePolicyInput, requestId?: string): Promise<PolicyResult> {
    actor.require('recording:write');
    const { stores } = this.deps;
    const { record, vendor } = await this.connectionOf(actor, input.connectionId);
    const rules = normalizeRules(input.rules);
    checkAgainstVendor(vendor, input.scope, rules, ['input']);
    const id = randomUUID();
    const apply = input.apply !== false;
    try {
      return (await this.saveAndSync(id, 1, apply, requestId, async (tx) => {
        const row = await stores.policies.insert(tx, {
          id,
          tenantId: record.tenantId,
          connectionId: record.id,
          name: input.name.trim(),
          scopeKind: input.scope.kind,
          scopeId: input.scope.id,
          rules: rules as Record<string, unknown>,
          syncDeadline: apply ? this.sync.deadline() : null,
        });
        await stores.audit.record(tx, {
          tenantId: row.tenantId,
          actor: actor.subject,
          action: 'policy.create',
          targetType: 'RecordingPolicy',
          targetId: id,
          after: auditView(row),
          requestId,
        });
        return true;
      }))!;
    } catch (e) {
      if (databaseErrorMatches(e, /recording_policies_scope_uq|duplicate key/)) {
        throw new AppError('CONFLICT', `A policy for ${input.scope.kind} "${input.scope.id}" already exists on this connection: update it instead`, {
          fields: [{ path: ['input', 'scope'], message: 'already has a policy' }],
        });
      }
      throw e;
    }
  }

  /**
   * The desired state and its sync job in one transaction, then (when applying) a short wait for the vendor's
   * first answer. A vendor that is away leaves the policy PENDING; the job keeps retrying it.
   */
  private async saveAndSync(
    id: string,
    version: number,
    apply: boolean,
    requestId: string | undefined,
    write: (tx: AppDb) => Promise<boolean>,
  ): Promise<PolicyResult | undefined> {
    const { stores } = this.deps;
    const waiter = apply ? await this.sync.waitForOutcome(id, version, this.applyWaitMs) : undefined;
    try {
      const written = await stores.db.transaction(async (tx) => {
        if (!(await write(tx))) return false;
        if (apply) await this.sync.enqueue(tx, id, requestId);
        return true;
      });
      if (!written) return undefined;
      if (waiter) {
        this.sync.wake();
        await waiter.wait();
      }
    } finally {
      waiter?.cancel();
    }
    const [row] = await stores.policies.byIds(null, [id]);
    return this.result(row!, version, apply);
  }

  private result(row: RecordingPolicyRow, version: number, applied: boolean): PolicyResult {
    const current = row.version === version;
    const status: SyncOutcome['status'] =
      current && row.syncStatus === 'IN_SYNC' && row.syncedVersion === version
        ? 'IN_SYNC'
        : current && row.syncStatus === 'FAILED'
          ? 'FAILED'
          : 'PENDING';
    return {
      policy: row,
      sync: {
        status,
        error: applied && current && status !== 'IN_SYNC' ? row.lastSyncError : null,
        requests: status === 'IN_SYNC' ? ((row.lastRequests as VendorRequestPreview[] | null) ?? []) : [],
      },
      warnings: lintPolicy(row.rules as RecordingRules),
    };
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
    const apply = input.apply !== false;
    const result = await this.saveAndSync(input.id, input.expectedVersion + 1, apply, requestId, async (tx) => {
      const updated = await stores.policies.updateDesired(tx, scope, input.id, input.expectedVersion, {
        ...(input.name != null ? { name: input.name.trim() } : {}),
        ...(input.rules != null ? { rules: rules as Record<string, unknown> } : {}),
        ...(apply ? { syncDeadline: this.sync.deadline() } : {}),
      });
      if (updated) {
        await stores.audit.record(tx, {
          tenantId: updated.tenantId,
          actor: actor.subject,
          action: 'policy.update',
          targetType: 'RecordingPolicy',
          targetId: updated.id,
          before: auditView(current),
          after: auditView(updated),
          requestId,
        });
      }
      return !!updated;
    });
    if (!result) {
      const [now] = await stores.policies.byIds(scope, [input.id]);
      if (!now) throw notFound('RecordingPolicy', input.id);
      throw new AppError(
        'CONFLICT',
        `The policy was changed by someone else: you sent version ${input.expectedVersion}, the current version is ${now.version}. Reload it and apply your change again.`,
        {
          currentVersion: now.version,
          fields: [{ path: ['input', 'expectedVersion'], message: `stale: current version is ${now.version}` }],
        },
      );
    }
    return result;
  }

  /** Pushes the current desired version again (after FAILED, or to overwrite drift), with a fresh deadline. */
  async retrySync(actor: Principal, id: string, requestId?: string): Promise<PolicyResult> {
    actor.require('recording:write');
    const { stores } = this.deps;
    const [row] = await stores.policies.byIds(actor.tenantFilter(), [id]);
    if (!row) throw notFound('RecordingPolicy', id);
    const result = await this.saveAndSync(id, row.version, true, requestId, async (tx) => {
      const updated = await stores.policies.recordSync(tx, id, row.version, { syncStatus: 'PENDING', syncDeadline: this.sync.deadline() });
      if (updated) {
        await stores.audit.record(tx, {
          tenantId: row.tenantId,
          actor: actor.subject,
          action: 'policy.retry_sync',
          targetType: 'RecordingPolicy',
          targetId: id,
          before: { syncStatus: row.syncStatus },
          after: { syncStatus: 'PENDING', version: row.version },
          requestId,
        });
      }
      return !!updated;
    });
    if (!result) throw new AppError('CONFLICT', 'The policy changed while it was being retried; reload it');
    return result;
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
    return this.reconcileRow(actor.tenantFilter(), row, requestId, actor.subject);
  }

  async reconcileRow(
    scope: readonly string[] | null,
    row: RecordingPolicyRow,
    requestId?: string,
    actor?: string,
    /** Bulk callers (the scheduled reconcile) pace the read through the connection's shared request schedule. */
    paced?: (ctx: ConnectionContext, vendor: RecordingVendor) => ConnectionContext,
  ): Promise<{ policy: RecordingPolicyRow; drift: FieldDiff[] }> {
    const { stores } = this.deps;
    const { record, ctx: own } = await this.connections.vendorContextForScope(scope, row.connectionId, requestId);
    const vendor = getVendor(record.vendor);
    const ctx = paced ? paced(own, vendor) : own;
    const actual = await vendor.readPolicy!(ctx, { kind: row.scopeKind as PolicyScope['kind'], id: row.scopeId });
    const drift = diffRules(row.rules as RecordingRules, actual);
    const status = drift.length ? 'DRIFTED' : row.syncStatus === 'PENDING' ? 'PENDING' : 'IN_SYNC';
    const updated = await stores.db.transaction(async (tx) => {
      const r = await stores.policies.recordSync(tx, row.id, row.version, {
        syncStatus: status,
        drift: drift.length ? drift : null,
        lastReconciledAt: new Date(),
        ...(status === 'IN_SYNC' ? { syncedVersion: row.version, lastSyncError: null } : {}),
      });
      if (r && (drift.length || row.syncStatus === 'DRIFTED')) {
        await this.events.publish(tx, {
          tenantId: r.tenantId,
          type: 'RECORDING_POLICY',
          kind: drift.length ? 'DRIFTED' : 'RECONCILED',
          id: r.id,
          version: r.version,
        });
      }
      if (r && r.syncStatus !== row.syncStatus) {
        await stores.audit.record(tx, {
          tenantId: r.tenantId,
          actor: actor ?? 'system:reconcile',
          action: 'policy.reconcile',
          targetType: 'RecordingPolicy',
          targetId: r.id,
          before: { syncStatus: row.syncStatus },
          after: { syncStatus: r.syncStatus },
          outcome: { drift },
          requestId,
        });
      }
      return r;
    });
    const [now] = updated ? [updated] : await stores.policies.byIds(scope, [row.id]);
    return { policy: now ?? row, drift };
  }

  async delete(actor: Principal, id: string, requestId?: string): Promise<void> {
    actor.require('recording:write');
    const { stores } = this.deps;
    const scope = actor.tenantFilter();
    const [before] = await stores.policies.byIds(scope, [id]);
    if (!before) throw notFound('RecordingPolicy', id);
    await stores.db.transaction(async (tx) => {
      if (!(await stores.policies.delete(tx, scope, id))) throw notFound('RecordingPolicy', id);
      await stores.audit.record(tx, {
        tenantId: before.tenantId,
        actor: actor.subject,
        action: 'policy.delete',
        targetType: 'RecordingPolicy',
        targetId: id,
        before: auditView(before),
        requestId,
      });
    });
  }

  /** The stored policy as it is now (a subscription's event names it): a fresh read, no loader cache. */
  async current(actor: Principal, id: string): Promise<RecordingPolicyRow | undefined> {
    const [row] = await this.deps.stores.policies.byIds(actor.tenantFilter(), [id]);
    return row;
  }

  async page(actor: Principal, tenantId: string, filter: PolicyFilter, args: PageArgs): Promise<Page<RecordingPolicyRow>> {
    actor.require('recording:read');
    return this.deps.stores.policies.page(actor.tenantFilter(), tenantId, filter, args);
  }
}
