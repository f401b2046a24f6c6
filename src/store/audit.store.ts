import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { AppDb } from './db';
import { auditLog, type AuditRow } from './schema';
import type { AuditAction, AuditTargetType } from '../domain/audit';
import { tenantCondition, toPageBy, decodeCursorAt, type Page, type PageArgs, type TenantScope } from './pagination';

export interface AuditEntry {
  tenantId: string;
  actor: string;
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: string;
  before?: unknown;
  after?: unknown;
  outcome?: unknown;
  requestId?: string | null;
}

export interface AuditFilter {
  targetType?: string | null;
  targetId?: string | null;
  action?: string | null;
}

/** The audit trail: written in the transaction of the change it records. */
export class AuditStore {
  constructor(private readonly db: AppDb) {}

  async record(tx: AppDb, e: AuditEntry): Promise<void> {
    await tx.insert(auditLog).values({
      id: randomUUID(),
      tenantId: e.tenantId,
      actor: e.actor,
      action: e.action,
      targetType: e.targetType,
      targetId: e.targetId,
      before: e.before ?? null,
      after: e.after ?? null,
      outcome: e.outcome ?? null,
      requestId: e.requestId ?? null,
    });
  }

  async page(scope: TenantScope, tenantId: string, filter: AuditFilter, args: PageArgs): Promise<Page<AuditRow>> {
    const matching = and(
      eq(auditLog.tenantId, tenantId),
      tenantCondition(auditLog.tenantId, scope),
      filter.targetType ? eq(auditLog.targetType, filter.targetType) : undefined,
      filter.targetId ? eq(auditLog.targetId, filter.targetId) : undefined,
      filter.action ? eq(auditLog.action, filter.action) : undefined,
    );
    const after = args.after ? decodeCursorAt(args.after) : undefined;
    // The keyset as one row comparison: with tenant_id = $1 it is a range of audit_log_tenant_idx (tenant_id, at,
    // id), so the 1,000th page reads first + 1 index entries like the first page does. The equivalent
    // `at > $2 OR (at = $2 AND id > $3)` is only a filter: the scan started at the tenant's oldest entry and
    // discarded every earlier page (test/audit/audit-keyset.test.ts reads the plan).
    const rows = await this.db
      .select()
      .from(auditLog)
      .where(and(matching, after ? sql`(${auditLog.at}, ${auditLog.id}) > (${after.createdAt.toISOString()}::timestamptz, ${after.id})` : undefined))
      .orderBy(asc(auditLog.at), asc(auditLog.id))
      .limit(args.first + 1);
    return toPageBy(
      rows,
      args.first,
      (r) => r.at,
      () => this.db.$count(auditLog, matching),
    );
  }
}
