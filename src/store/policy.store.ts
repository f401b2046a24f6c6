import { and, eq, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { databaseErrorMatches, type AppDb } from './db';
import { recordingPolicies, type RecordingPolicyRow } from './schema';
import { afterCursor, pageOrder, tenantCondition, toPage, type Page, type PageArgs, type TenantScope } from './pagination';
import { anyOf, inScope, ScopedPrepared } from './prepared';

export interface PolicyFilter {
  connectionId?: string | null;
  syncStatus?: string | null;
}

export class PolicyStore {
  /** The loaders' reads, prepared (src/store/prepared.ts). */
  private readonly prepared;

  constructor(private readonly db: AppDb) {
    const select = (scoped: boolean, key: PgColumn, name: string, ordered: boolean) => {
      const q = db
        .select()
        .from(recordingPolicies)
        .where(and(anyOf(key, 'ids'), inScope(recordingPolicies.tenantId, scoped)));
      return (ordered ? q.orderBy(...pageOrder(recordingPolicies.createdAt, recordingPolicies.id)) : q).prepare(`${name}${scoped ? '_scoped' : ''}`);
    };
    this.prepared = {
      byIds: new ScopedPrepared((scoped) => select(scoped, recordingPolicies.id, 'policies_by_ids', false)),
      byTenantIds: new ScopedPrepared((scoped) => select(scoped, recordingPolicies.tenantId, 'policies_by_tenant_ids', true)),
      byConnectionIds: new ScopedPrepared((scoped) => select(scoped, recordingPolicies.connectionId, 'policies_by_connection_ids', true)),
    };
  }

  async insert(tx: AppDb, row: typeof recordingPolicies.$inferInsert): Promise<RecordingPolicyRow> {
    const [created] = await tx.insert(recordingPolicies).values(row).returning();
    return created!;
  }

  async byIds(scope: TenantScope, ids: readonly string[]): Promise<RecordingPolicyRow[]> {
    if (ids.length === 0) return [];
    const { query, params } = this.prepared.byIds.for(scope, { ids: [...ids] });
    return query.execute(params);
  }

  async byTenantIds(scope: TenantScope, tenantIds: readonly string[]): Promise<RecordingPolicyRow[]> {
    if (tenantIds.length === 0) return [];
    const { query, params } = this.prepared.byTenantIds.for(scope, { ids: [...tenantIds] });
    return query.execute(params);
  }

  async byConnectionIds(scope: TenantScope, connectionIds: readonly string[]): Promise<RecordingPolicyRow[]> {
    if (connectionIds.length === 0) return [];
    const { query, params } = this.prepared.byConnectionIds.for(scope, { ids: [...connectionIds] });
    return query.execute(params);
  }

  async page(scope: TenantScope, tenantId: string, filter: PolicyFilter, args: PageArgs): Promise<Page<RecordingPolicyRow>> {
    const matching = and(
      eq(recordingPolicies.tenantId, tenantId),
      tenantCondition(recordingPolicies.tenantId, scope),
      filter.connectionId ? eq(recordingPolicies.connectionId, filter.connectionId) : undefined,
      filter.syncStatus ? eq(recordingPolicies.syncStatus, filter.syncStatus) : undefined,
    );
    const rows = await this.db
      .select()
      .from(recordingPolicies)
      .where(and(matching, afterCursor(recordingPolicies.createdAt, recordingPolicies.id, args.after)))
      .orderBy(...pageOrder(recordingPolicies.createdAt, recordingPolicies.id))
      .limit(args.first + 1);
    return toPage(rows, args.first, () => this.db.$count(recordingPolicies, matching));
  }

  /** Every tenant's policies in pages (scheduled reconciliation; a system task, so no tenant scope). */
  async pageAll(args: PageArgs): Promise<Page<RecordingPolicyRow>> {
    const rows = await this.db
      .select()
      .from(recordingPolicies)
      .where(afterCursor(recordingPolicies.createdAt, recordingPolicies.id, args.after))
      .orderBy(...pageOrder(recordingPolicies.createdAt, recordingPolicies.id))
      .limit(args.first + 1);
    return toPage(rows, args.first);
  }

  /** Row lock for a read-modify-write inside a transaction. */
  async lock(tx: AppDb, scope: TenantScope, id: string): Promise<RecordingPolicyRow | undefined> {
    const [row] = await tx
      .select()
      .from(recordingPolicies)
      .where(and(eq(recordingPolicies.id, id), tenantCondition(recordingPolicies.tenantId, scope)))
      .for('update');
    return row;
  }

  /** Writes a new desired state only if the stored version is still `expectedVersion` (optimistic concurrency). */
  async updateDesired(
    tx: AppDb,
    scope: TenantScope,
    id: string,
    expectedVersion: number,
    patch: { name?: string; rules?: Record<string, unknown>; syncDeadline?: Date | null },
  ): Promise<RecordingPolicyRow | undefined> {
    const [row] = await tx
      .update(recordingPolicies)
      .set({
        ...patch,
        version: sql`${recordingPolicies.version} + 1`,
        syncStatus: 'PENDING',
        syncAttempts: 0,
        updatedAt: new Date(),
      })
      .where(and(eq(recordingPolicies.id, id), eq(recordingPolicies.version, expectedVersion), tenantCondition(recordingPolicies.tenantId, scope)))
      .returning();
    return row;
  }

  /** Records a sync outcome, but only for the version that was pushed: a newer desired state is never overwritten. */
  async recordSync(
    tx: AppDb,
    id: string,
    version: number,
    patch: Partial<
      Pick<
        RecordingPolicyRow,
        | 'syncStatus'
        | 'syncedVersion'
        | 'lastSyncError'
        | 'lastVendorPayload'
        | 'lastSyncedAt'
        | 'drift'
        | 'lastReconciledAt'
        | 'syncDeadline'
        | 'lastRequests'
      >
    > & { countAttempt?: boolean },
  ): Promise<RecordingPolicyRow | undefined> {
    const { countAttempt, ...fields } = patch;
    const [row] = await tx
      .update(recordingPolicies)
      .set({ ...fields, ...(countAttempt ? { syncAttempts: sql`${recordingPolicies.syncAttempts} + 1` } : {}), updatedAt: new Date() })
      .where(and(eq(recordingPolicies.id, id), eq(recordingPolicies.version, version)))
      .returning();
    return row;
  }

  async delete(tx: AppDb, scope: TenantScope, id: string): Promise<boolean> {
    const rows = await tx
      .delete(recordingPolicies)
      .where(and(eq(recordingPolicies.id, id), tenantCondition(recordingPolicies.tenantId, scope)))
      .returning({ id: recordingPolicies.id });
    return rows.length > 0;
  }

  /**
   * Takes the right to push this policy (migration 0015): answers false while another push holds an unexpired lease.
   * The policy's row is not written, so taking a lease moves no read version.
   */
  async takeSyncLease(policyId: string, owner: string, leaseMs: number): Promise<boolean> {
    const result = await this.db
      .execute(sql`
      INSERT INTO policy_sync_leases AS l (policy_id, owner, lease_until)
      VALUES (${policyId}, ${owner}, now() + make_interval(secs => ${leaseMs / 1000}))
      ON CONFLICT (policy_id) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
        WHERE l.lease_until < now() OR l.owner = excluded.owner
      RETURNING l.policy_id`)
      .catch((e: unknown) => {
        // The policy was deleted meanwhile (foreign key): nothing to push; the job finds no policy next time.
        if (databaseErrorMatches(e, /policy_sync_leases_policy_id_fkey|foreign key/)) return { rows: [] };
        throw e;
      });
    return ((result as { rows?: unknown[] }).rows ?? []).length > 0;
  }

  /** Ends a push's lease (only its own). */
  async releaseSyncLease(policyId: string, owner: string): Promise<void> {
    await this.db.execute(sql`DELETE FROM policy_sync_leases WHERE policy_id = ${policyId} AND owner = ${owner}`);
  }
}
