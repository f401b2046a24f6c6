import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AppDb } from './db';
import { tenantCondition, type TenantScope } from './pagination';
import {
  recordingPolicies,
  recordingStandards,
  recordingStandardTargets,
  type RecordingPolicyRow,
  type RecordingStandardRow,
  type StandardTargetRow,
} from './schema';

export type StandardPatch = Partial<Pick<RecordingStandardRow, 'name' | 'mode' | 'rules' | 'requiredFields' | 'exceptions' | 'overrides'>>;

/** One policy the standard wants at one scope (inserted, or taken over and updated). */
export interface OwnedPolicy {
  id: string;
  tenantId: string;
  connectionId: string;
  name: string;
  scopeKind: string;
  scopeId: string;
  rules: Record<string, unknown>;
  syncDeadline: Date | null;
}

/** IN_SYNC, PENDING, DRIFTED, or FAILED (refused by the vendor: FAILED, or DRIFTED at a version it never accepted). */
const complianceState = () =>
  sql<string>`CASE WHEN ${recordingPolicies.syncStatus} = 'DRIFTED' AND ${recordingPolicies.syncedVersion} IS DISTINCT FROM ${recordingPolicies.version} AND ${recordingPolicies.lastSyncError} IS NOT NULL THEN 'FAILED' ELSE ${recordingPolicies.syncStatus} END`;

function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** Recording standards (issue 17), the per-connection outcome of their compiles, and the policies they own. */
export class StandardStore {
  constructor(private readonly db: AppDb) {}

  async byIds(scope: TenantScope, ids: readonly string[]): Promise<RecordingStandardRow[]> {
    if (!ids.length) return [];
    return this.db
      .select()
      .from(recordingStandards)
      .where(and(inArray(recordingStandards.id, [...ids]), tenantCondition(recordingStandards.tenantId, scope)));
  }

  async byTenantIds(scope: TenantScope, tenantIds: readonly string[]): Promise<RecordingStandardRow[]> {
    if (!tenantIds.length) return [];
    return this.db
      .select()
      .from(recordingStandards)
      .where(and(inArray(recordingStandards.tenantId, [...tenantIds]), tenantCondition(recordingStandards.tenantId, scope)));
  }

  /** Every applied standard (the scheduled reconcile; a system task, so no tenant scope). */
  async applied(): Promise<RecordingStandardRow[]> {
    return this.db.select().from(recordingStandards).where(eq(recordingStandards.applied, true));
  }

  async insert(tx: AppDb, row: typeof recordingStandards.$inferInsert): Promise<RecordingStandardRow> {
    const [created] = await tx.insert(recordingStandards).values(row).returning();
    return created!;
  }

  /** A new version only if the stored one is still `expectedVersion` (optimistic concurrency). */
  async update(tx: AppDb, scope: TenantScope, id: string, expectedVersion: number, patch: StandardPatch): Promise<RecordingStandardRow | undefined> {
    const [row] = await tx
      .update(recordingStandards)
      .set({ ...patch, version: sql`${recordingStandards.version} + 1`, updatedAt: new Date() })
      .where(and(eq(recordingStandards.id, id), eq(recordingStandards.version, expectedVersion), tenantCondition(recordingStandards.tenantId, scope)))
      .returning();
    return row;
  }

  async markApplied(tx: AppDb, id: string): Promise<void> {
    await tx.update(recordingStandards).set({ applied: true }).where(eq(recordingStandards.id, id));
  }

  async setCompliance(id: string, compliance: unknown): Promise<void> {
    await this.db.update(recordingStandards).set({ compliance }).where(eq(recordingStandards.id, id));
  }

  async targets(standardIds: readonly string[]): Promise<StandardTargetRow[]> {
    if (!standardIds.length) return [];
    return this.db
      .select()
      .from(recordingStandardTargets)
      .where(inArray(recordingStandardTargets.standardId, [...standardIds]));
  }

  async saveTarget(
    tx: AppDb,
    row: Pick<StandardTargetRow, 'standardId' | 'connectionId' | 'tenantId'> &
      Partial<Omit<StandardTargetRow, 'standardId' | 'connectionId' | 'tenantId'>>,
  ): Promise<void> {
    const { standardId: _s, connectionId: _c, tenantId: _t, ...rest } = row;
    await tx
      .insert(recordingStandardTargets)
      .values({ ...row, updatedAt: new Date() })
      .onConflictDoUpdate({
        target: [recordingStandardTargets.standardId, recordingStandardTargets.connectionId],
        set: { ...rest, updatedAt: new Date() },
      });
  }

  /** Every policy at this connection (the standard's own and any other), to decide per scope what changes. */
  async policiesAt(connectionId: string): Promise<RecordingPolicyRow[]> {
    return this.db.select().from(recordingPolicies).where(eq(recordingPolicies.connectionId, connectionId));
  }

  async ownedPolicies(standardId: string, connectionId?: string): Promise<RecordingPolicyRow[]> {
    return this.db
      .select()
      .from(recordingPolicies)
      .where(and(eq(recordingPolicies.standardId, standardId), connectionId ? eq(recordingPolicies.connectionId, connectionId) : undefined));
  }

  /**
   * Writes the standard's desired state at many scopes in one statement per chunk: a new policy where there is none,
   * else the existing one (its own, or one someone wrote, which the standard takes over) gets the rules, a new
   * version and PENDING. Answers the policies as stored.
   */
  async upsertOwned(tx: AppDb, standardId: string, rows: OwnedPolicy[]): Promise<RecordingPolicyRow[]> {
    const out: RecordingPolicyRow[] = [];
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      out.push(
        ...(await tx
          .insert(recordingPolicies)
          .values(chunk.map((r) => ({ ...r, standardId })))
          .onConflictDoUpdate({
            target: [recordingPolicies.connectionId, recordingPolicies.scopeKind, recordingPolicies.scopeId],
            set: {
              rules: sql`excluded.rules`,
              name: sql`excluded.name`,
              standardId,
              syncDeadline: sql`excluded.sync_deadline`,
              version: sql`${recordingPolicies.version} + 1`,
              syncStatus: 'PENDING',
              syncAttempts: 0,
              drift: null,
              updatedAt: new Date(),
            },
          })
          .returning()),
      );
    }
    return out;
  }

  /**
   * Policies of Webex people written by the standard's roll-outs take the outcome of their person: WRITTEN or
   * ALREADY_IN_SYNC is IN_SYNC at the policy's version, FAILED is FAILED with the vendor's error. One statement.
   */
  async settleFromRollouts(standardId: string, connectionId: string, rolloutIds: readonly string[]): Promise<number> {
    if (!rolloutIds.length) return 0;
    const result = await this.db.execute(sql`
      UPDATE recording_policies p SET
        sync_status = CASE WHEN i.status = 'FAILED' THEN 'FAILED' ELSE 'IN_SYNC' END,
        synced_version = CASE WHEN i.status = 'FAILED' THEN p.synced_version ELSE p.version END,
        last_sync_error = CASE WHEN i.status = 'FAILED' THEN i.error ELSE NULL END,
        last_synced_at = CASE WHEN i.status = 'FAILED' THEN p.last_synced_at ELSE i.finished_at END,
        sync_deadline = NULL,
        updated_at = now()
      FROM policy_rollout_items i
      WHERE p.standard_id = ${standardId} AND p.connection_id = ${connectionId} AND p.sync_status = 'PENDING'
        AND p.scope_kind = 'PERSON' AND i.person_id = p.scope_id AND i.status <> 'PENDING'
        AND i.rollout_id IN (${sql.join(
          rolloutIds.map((r) => sql`${r}`),
          sql`, `,
        )})
        AND i.finished_at >= p.updated_at
      RETURNING p.id`);
    return rowsOf(result).length;
  }

  /**
   * Policies the standard owns, counted per connection and compliance state (one statement). A policy the vendor
   * refused is FAILED even once a reconcile has found the vendor different (DRIFTED): its version was never accepted.
   */
  async statusCounts(standardId: string): Promise<{ connectionId: string; scopeKind: string; syncStatus: string; n: number }[]> {
    const state = complianceState();
    const rows = await this.db
      .select({
        connectionId: recordingPolicies.connectionId,
        scopeKind: recordingPolicies.scopeKind,
        syncStatus: state,
        n: sql<number>`count(*)::int`,
      })
      .from(recordingPolicies)
      .where(eq(recordingPolicies.standardId, standardId))
      .groupBy(recordingPolicies.connectionId, recordingPolicies.scopeKind, state);
    return rows.map((r) => ({ ...r, n: Number(r.n) }));
  }

  /** The standard's policies of one status at one connection, in scope order, from `offset`. */
  async ownedWithStatus(standardId: string, connectionId: string, status: string, offset: number, limit: number): Promise<RecordingPolicyRow[]> {
    return this.db
      .select()
      .from(recordingPolicies)
      .where(
        and(eq(recordingPolicies.standardId, standardId), eq(recordingPolicies.connectionId, connectionId), sql`${complianceState()} = ${status}`),
      )
      .orderBy(recordingPolicies.scopeKind, recordingPolicies.scopeId)
      .offset(offset)
      .limit(limit);
  }
}
