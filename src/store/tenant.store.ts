import { and, eq, sql } from 'drizzle-orm';
import type { AppDb } from './db';
import { tenants, type TenantRow } from './schema';
import { afterCursor, pageOrder, tenantCondition, toPage, type Page, type PageArgs, type TenantScope } from './pagination';
import { anyOf, inScope, ScopedPrepared } from './prepared';

/** Tenants. Every method takes the caller's tenant scope: a row outside it does not exist for the caller. */
export class TenantStore {
  /** The loaders' reads and the first page of the listing, prepared (src/store/prepared.ts). */
  private readonly prepared;

  constructor(private readonly db: AppDb) {
    this.prepared = {
      byIds: new ScopedPrepared((scoped) =>
        db
          .select()
          .from(tenants)
          .where(and(anyOf(tenants.id, 'ids'), inScope(tenants.id, scoped)))
          .prepare(`tenants_by_ids${scoped ? '_scoped' : ''}`),
      ),
      firstPage: new ScopedPrepared((scoped) =>
        db
          .select()
          .from(tenants)
          .where(inScope(tenants.id, scoped))
          .orderBy(...pageOrder(tenants.createdAt, tenants.id))
          .limit(sql.placeholder('limit'))
          .prepare(`tenants_first_page${scoped ? '_scoped' : ''}`),
      ),
    };
  }

  async insert(tx: AppDb, row: { id: string; name: string }): Promise<TenantRow> {
    const [created] = await tx.insert(tenants).values(row).returning();
    return created!;
  }

  /** Inserts the tenant unless it exists (a fixed id, such as the sandbox's demo tenant). */
  async ensure(tx: AppDb, row: { id: string; name: string }): Promise<void> {
    await tx.insert(tenants).values(row).onConflictDoNothing();
  }

  async byIds(scope: TenantScope, ids: readonly string[]): Promise<TenantRow[]> {
    if (ids.length === 0) return [];
    const { query, params } = this.prepared.byIds.for(scope, { ids: [...ids] });
    return query.execute(params);
  }

  async page(scope: TenantScope, args: PageArgs): Promise<Page<TenantRow>> {
    const count = () => this.db.$count(tenants, tenantCondition(tenants.id, scope));
    // The first page is what dashboards poll; later pages (a cursor) are built per call.
    if (!args.after) {
      const { query, params } = this.prepared.firstPage.for(scope, { limit: args.first + 1 });
      return toPage(await query.execute(params), args.first, count);
    }
    const rows = await this.db
      .select()
      .from(tenants)
      .where(and(tenantCondition(tenants.id, scope), afterCursor(tenants.createdAt, tenants.id, args.after)))
      .orderBy(...pageOrder(tenants.createdAt, tenants.id))
      .limit(args.first + 1);
    return toPage(rows, args.first, count);
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
    const rows = await tx
      .delete(tenants)
      .where(and(eq(tenants.id, id), tenantCondition(tenants.id, scope)))
      .returning({ id: tenants.id });
    return rows.length > 0;
  }
}
