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
  Pick<LiveRecordingRow, 'vendorRecordingId' | 'status' | 'pauseBehavior' | 'channels' | 'durationSeconds' | 'startedAt' | 'endedAt' | 'mediaUrl' | 'lastError'>
>;

export class LiveRecordingStore {
  constructor(private readonly db: AppDb) {}

  async insert(tx: AppDb, row: typeof liveRecordings.$inferInsert): Promise<LiveRecordingRow> {
    const [created] = await tx.insert(liveRecordings).values(row).returning();
    return created!;
  }

  async byIds(scope: TenantScope, ids: readonly string[]): Promise<LiveRecordingRow[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(liveRecordings).where(and(inArray(liveRecordings.id, [...ids]), tenantCondition(liveRecordings.tenantId, scope)));
  }

  async page(scope: TenantScope, tenantId: string, filter: LiveRecordingFilter, args: PageArgs): Promise<Page<LiveRecordingRow>> {
    const rows = await this.db
      .select()
      .from(liveRecordings)
      .where(
        and(
          eq(liveRecordings.tenantId, tenantId),
          tenantCondition(liveRecordings.tenantId, scope),
          filter.connectionId ? eq(liveRecordings.connectionId, filter.connectionId) : undefined,
          filter.callId ? eq(liveRecordings.callId, filter.callId) : undefined,
          filter.status ? eq(liveRecordings.status, filter.status) : undefined,
          afterCursor(liveRecordings.createdAt, liveRecordings.id, args.after),
        ),
      )
      .orderBy(...pageOrder(liveRecordings.createdAt, liveRecordings.id))
      .limit(args.first + 1);
    return toPage(rows, args.first);
  }

  /** Takes the recording's lease if it is free (or expired); returns the fresh row, or undefined when held. */
  async acquire(tx: AppDb, id: string, token: string, leaseMs: number): Promise<LiveRecordingRow | undefined> {
    const [row] = await tx
      .update(liveRecordings)
      .set({ lockToken: token, lockUntil: sql`now() + ${`${leaseMs} milliseconds`}::interval` })
      .where(and(eq(liveRecordings.id, id), or(isNull(liveRecordings.lockToken), lt(liveRecordings.lockUntil, sql`now()`))))
      .returning();
    return row;
  }

  /** Writes the vendor's answer and releases the lease in one statement; a new version for every change. */
  async releaseWith(tx: AppDb, id: string, token: string, patch: LiveRecordingPatch): Promise<LiveRecordingRow | undefined> {
    const [row] = await tx
      .update(liveRecordings)
      .set({ ...patch, lockToken: null, lockUntil: null, version: sql`${liveRecordings.version} + 1`, updatedAt: new Date() })
      .where(and(eq(liveRecordings.id, id), eq(liveRecordings.lockToken, token)))
      .returning();
    return row;
  }

  async release(tx: AppDb, id: string, token: string): Promise<void> {
    await tx.update(liveRecordings).set({ lockToken: null, lockUntil: null }).where(and(eq(liveRecordings.id, id), eq(liveRecordings.lockToken, token)));
  }
}

export class AttachmentStore {
  constructor(private readonly db: AppDb) {}

  async insert(tx: AppDb, row: typeof attachments.$inferInsert): Promise<AttachmentRow> {
    const [created] = await tx.insert(attachments).values(row).returning();
    return created!;
  }

  async page(scope: TenantScope, tenantId: string, crmCallId: string | null | undefined, args: PageArgs): Promise<Page<AttachmentRow>> {
    const rows = await this.db
      .select()
      .from(attachments)
      .where(
        and(
          eq(attachments.tenantId, tenantId),
          tenantCondition(attachments.tenantId, scope),
          crmCallId ? eq(attachments.crmCallId, crmCallId) : undefined,
          afterCursor(attachments.createdAt, attachments.id, args.after),
        ),
      )
      .orderBy(...pageOrder(attachments.createdAt, attachments.id))
      .limit(args.first + 1);
    return toPage(rows, args.first);
  }
}
