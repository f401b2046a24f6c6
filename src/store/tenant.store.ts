import { and, eq, inArray } from 'drizzle-orm';
import type { AppDb } from './db';
import { tenants, type TenantRow } from './schema';
import { afterCursor, pageOrder, tenantCondition, toPage, type Page, type PageArgs, type TenantScope } from './pagination';

/** Tenants. Every method takes the caller's tenant scope: a row outside it does not exist for the caller. */
export class TenantStore {
  constructor(private readonly db: AppDb) {}

  async insert(tx: AppDb, row: { id: string; name: string }): Promise<TenantRow> {
    const [created] = await tx.insert(tenants).values(row).returning();
    return created!;
  }

  async byIds(scope: TenantScope, ids: readonly string[]): Promise<TenantRow[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(tenants).where(and(inArray(tenants.id, [...ids]), tenantCondition(tenants.id, scope)));
  }

  async page(scope: TenantScope, args: PageArgs): Promise<Page<TenantRow>> {
    const rows = await this.db
      .select()
      .from(tenants)
      .where(and(tenantCondition(tenants.id, scope), afterCursor(tenants.createdAt, tenants.id, args.after)))
      .orderBy(...pageOrder(tenants.createdAt, tenants.id))
      .limit(args.first + 1);
    return toPage(rows, args.first);
  }

  async rename(tx: AppDb, scope: TenantScope, id: string, name: string): Promise<TenantRow | undefined> {
    const [row] = await tx
      .update(tenants)
      .set({ name, updatedAt: new Date() })
      .where(and(eq(tenants.id, id), tenantCondition(tenants.id, scope)))
      .returning();
    return row;
  }

  /** Deletes the tenant and, by cascade, everything it owns. */
  async delete(tx: AppDb, scope: TenantScope, id: string): Promise<boolean> {
    const rows = await tx.delete(tenants).where(and(eq(tenants.id, id), tenantCondition(tenants.id, scope))).returning({ id: tenants.id });
    return rows.length > 0;
  }
}
