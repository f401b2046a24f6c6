import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { AppDb } from './db';
import { attachments, liveRecordings, type AttachmentRow, type LiveRecordingRow } from './schema';
import { afterCursor, pageOrder, tenantCondition, toPage, type Page, type PageArgs, type TenantScope } from './pagination';

export interface LiveRecordingFilter {
  connectionId?: string | null;
  callId?: string | null;
  status?: string | null;
}

export type LiveRecordingPatch = Partial<
  Pick<
    LiveRecordingRow,
    | 'vendorRecordingId'
    | 'status'
    | 'pauseBehavior'
    | 'channels'
    | 'durationSeconds'
    | 'startedAt'
    | 'endedAt'
    | 'mediaUrl'
    | 'lastError'
    | 'failureReason'
  >
>;

export type PendingLiveAction = NonNullable<LiveRecordingRow['pendingAction']>;

export class LiveRecordingStore {
  constructor(private readonly db: AppDb) {}

  async insert(tx: AppDb, row: typeof liveRecordings.$inferInsert): Promise<LiveRecordingRow> {
    const [created] = await tx.insert(liveRecordings).values(row).returning();
    return created!;
  }

  async byIds(scope: TenantScope, ids: readonly string[]): Promise<LiveRecordingRow[]> {
    if (ids.length === 0) return [];
    return this.db
      .select()
      .from(liveRecordings)
      .where(and(inArray(liveRecordings.id, [...ids]), tenantCondition(liveRecordings.tenantId, scope)));
  }

  async page(scope: TenantScope, tenantId: string, filter: LiveRecordingFilter, args: PageArgs): Promise<Page<LiveRecordingRow>> {
    const matching = and(
      eq(liveRecordings.tenantId, tenantId),
      tenantCondition(liveRecordings.tenantId, scope),
      filter.connectionId ? eq(liveRecordings.connectionId, filter.connectionId) : undefined,
      filter.callId ? eq(liveRecordings.callId, filter.callId) : undefined,
      filter.status ? eq(liveRecordings.status, filter.status) : undefined,
    );
    const rows = await this.db
      .select()
      .from(liveRecordings)
      .where(and(matching, afterCursor(liveRecordings.createdAt, liveRecordings.id, args.after)))
      .orderBy(...pageOrder(liveRecordings.createdAt, liveRecordings.id))
      .limit(args.first + 1);
    return toPage(rows, args.first, () => this.db.$count(liveRecordings, matching));
  }

  /**
   * Takes the recording's lease if it is free (or expired); returns the fresh row, or undefined when held. With
   * `intent`, the action about to be sent is written in the same statement (intent before effect). A row with an
   * unsettled intent (a dead holder's) is left to the recovery pass, which reads the vendor first.
   */
  async acquire(tx: AppDb, id: string, token: string, leaseMs: number, intent?: PendingLiveAction): Promise<LiveRecordingRow | undefined> {
    const [row] = await tx
      .update(liveRecordings)
      .set({ lockToken: token, lockUntil: sql`now() + ${`${leaseMs} milliseconds`}::interval`, ...(intent ? { pendingAction: intent } : {}) })
      .where(
        and(
          eq(liveRecordings.id, id),
          or(isNull(liveRecordings.lockToken), lt(liveRecordings.lockUntil, sql`now()`)),
          isNull(liveRecordings.pendingAction),
          sql`${liveRecordings.status} <> 'STARTING'`,
        ),
      )
      .returning();
    return row;
  }

  /** Deletes a STARTING row we still hold (the vendor refused the start: there is nothing to remember). */
  async discardIntent(tx: AppDb, id: string, token: string): Promise<void> {
    await tx.delete(liveRecordings).where(and(eq(liveRecordings.id, id), eq(liveRecordings.lockToken, token), eq(liveRecordings.status, 'STARTING')));
  }

  /** Extends a held lease while its vendor call runs; false when the lease was lost. */
  async renew(tx: AppDb, id: string, token: string, leaseMs: number): Promise<boolean> {
    const rows = await tx
      .update(liveRecordings)
      .set({ lockUntil: sql`now() + ${`${leaseMs} milliseconds`}::interval` })
      .where(and(eq(liveRecordings.id, id), eq(liveRecordings.lockToken, token)))
      .returning({ id: liveRecordings.id });
    return rows.length === 1;
  }

  /** Writes the vendor's answer, settles any intent and releases the lease in one statement; a new version each time. */
  async releaseWith(tx: AppDb, id: string, token: string, patch: LiveRecordingPatch): Promise<LiveRecordingRow | undefined> {
    const [row] = await tx
      .update(liveRecordings)
      .set({ ...patch, pendingAction: null, lockToken: null, lockUntil: null, version: sql`${liveRecordings.version} + 1`, updatedAt: new Date() })
      .where(and(eq(liveRecordings.id, id), eq(liveRecordings.lockToken, token)))
      .returning();
    return row;
  }

  /** Releases the lease; the intent is cleared too unless `keepIntent` (its outcome is unknown: recovery settles it). */
  async release(tx: AppDb, id: string, token: string, keepIntent = false): Promise<void> {
    await tx
      .update(liveRecordings)
      .set({ lockToken: null, lockUntil: null, ...(keepIntent ? {} : { pendingAction: null }) })
      .where(and(eq(liveRecordings.id, id), eq(liveRecordings.lockToken, token)));
  }

  /**
   * Leases up to `limit` rows whose intent is unsettled (STARTING, or an action pending) and whose holder's lease has
   * run out, for one recovery pass on any replica; rows another replica is settling are skipped.
   */
  /** The selection runs once (MATERIALIZED), as in RolloutStore.claim: a re-run subquery would lock more than `limit`. */
  async claimUnsettled(token: string, leaseMs: number, limit: number): Promise<LiveRecordingRow[]> {
    const r = await this.db.execute(sql`
      WITH c AS MATERIALIZED (
        SELECT id FROM live_recordings
        WHERE (status = 'STARTING' OR pending_action IS NOT NULL) AND (lock_token IS NULL OR lock_until < now())
        ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED
      )
      UPDATE live_recordings AS l SET lock_token = ${token}, lock_until = now() + make_interval(secs => ${leaseMs / 1000})
      FROM c WHERE l.id = c.id
      RETURNING l.id`);
    const ids = (r as unknown as { rows: { id: string }[] }).rows.map((x) => x.id);
    if (ids.length === 0) return [];
    return this.db
      .select()
      .from(liveRecordings)
      .where(and(inArray(liveRecordings.id, ids), eq(liveRecordings.lockToken, token)));
  }

  /** Vendor recording ids our rows already hold on this call (recovery never adopts one twice). */
  async claimedOnCall(connectionId: string, callId: string): Promise<string[]> {
    const rows = await this.db
      .select({ id: liveRecordings.vendorRecordingId })
      .from(liveRecordings)
      .where(and(eq(liveRecordings.connectionId, connectionId), eq(liveRecordings.callId, callId)));
    return rows.map((r) => r.id).filter((x): x is string => !!x);
  }
}

export class AttachmentStore {
  constructor(private readonly db: AppDb) {}

  async insert(tx: AppDb, row: typeof attachments.$inferInsert): Promise<AttachmentRow> {
    const [created] = await tx.insert(attachments).values(row).returning();
    return created!;
  }

  /** Writes the vendor's outcome of an ATTACHING row (ATTACHED or FAILED) and drops what was kept to resend it. */
  async settle(
    tx: AppDb,
    id: string,
    patch: Partial<Pick<AttachmentRow, 'status' | 'replacedPrevious' | 'vendorFileId' | 'lastError'>>,
  ): Promise<AttachmentRow | undefined> {
    const [row] = await tx
      .update(attachments)
      .set({ ...patch, pending: null, lockUntil: null })
      .where(and(eq(attachments.id, id), eq(attachments.status, 'ATTACHING')))
      .returning();
    return row;
  }

  async discard(tx: AppDb, id: string): Promise<void> {
    await tx.delete(attachments).where(and(eq(attachments.id, id), eq(attachments.status, 'ATTACHING')));
  }

  /** Hands an ATTACHING row back to the recovery pass (its outcome is unknown). */
  async release(tx: AppDb, id: string): Promise<void> {
    await tx
      .update(attachments)
      .set({ lockUntil: null })
      .where(and(eq(attachments.id, id), eq(attachments.status, 'ATTACHING')));
  }

  /** Leases ATTACHING rows whose holder's lease ran out, for one recovery pass on any replica. */
  async claimUnsettled(leaseMs: number, limit: number): Promise<AttachmentRow[]> {
    const r = await this.db.execute(sql`
      WITH c AS MATERIALIZED (
        SELECT id FROM attachments WHERE status = 'ATTACHING' AND (lock_until IS NULL OR lock_until < now())
        ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED
      )
      UPDATE attachments AS a SET lock_until = now() + make_interval(secs => ${leaseMs / 1000})
      FROM c WHERE a.id = c.id
      RETURNING a.id`);
    const ids = (r as unknown as { rows: { id: string }[] }).rows.map((x) => x.id);
    if (ids.length === 0) return [];
    return this.db.select().from(attachments).where(inArray(attachments.id, ids));
  }

  async page(scope: TenantScope, tenantId: string, crmCallId: string | null | undefined, args: PageArgs): Promise<Page<AttachmentRow>> {
    const matching = and(
      eq(attachments.tenantId, tenantId),
      tenantCondition(attachments.tenantId, scope),
      crmCallId ? eq(attachments.crmCallId, crmCallId) : undefined,
    );
    const rows = await this.db
      .select()
      .from(attachments)
      .where(and(matching, afterCursor(attachments.createdAt, attachments.id, args.after)))
      .orderBy(...pageOrder(attachments.createdAt, attachments.id))
      .limit(args.first + 1);
    return toPage(rows, args.first, () => this.db.$count(attachments, matching));
  }
}
