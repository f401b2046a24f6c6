import { and, eq, ne } from 'drizzle-orm';
import type { AppDb } from './db';
import { vendorConnections, type StoredVendorError, type VendorConnectionRow } from './schema';
import { afterCursor, pageOrder, tenantCondition, toPage, type Page, type PageArgs, type TenantScope } from './pagination';
import { anyOf, inScope, ScopedPrepared } from './prepared';

/** The columns every read returns: the sealed credentials stay out of ordinary reads. */
export const publicColumns = {
  id: vendorConnections.id,
  tenantId: vendorConnections.tenantId,
  vendor: vendorConnections.vendor,
  name: vendorConnections.name,
  baseUrl: vendorConnections.baseUrl,
  settings: vendorConnections.settings,
  credentialsKeyId: vendorConnections.credentialsKeyId,
  status: vendorConnections.status,
  lastCheckedAt: vendorConnections.lastCheckedAt,
  lastError: vendorConnections.lastError,
  createdAt: vendorConnections.createdAt,
  updatedAt: vendorConnections.updatedAt,
};

export type ConnectionRecord = Omit<VendorConnectionRow, 'credentialsSealed'>;

export class ConnectionStore {
  /** The loaders' reads, prepared (src/store/prepared.ts). */
  private readonly prepared;

  constructor(private readonly db: AppDb) {
    this.prepared = {
      byIds: new ScopedPrepared((scoped) =>
        db
          .select(publicColumns)
          .from(vendorConnections)
          .where(and(anyOf(vendorConnections.id, 'ids'), inScope(vendorConnections.tenantId, scoped)))
          .prepare(`connections_by_ids${scoped ? '_scoped' : ''}`),
      ),
      byTenantIds: new ScopedPrepared((scoped) =>
        db
          .select(publicColumns)
          .from(vendorConnections)
          .where(and(anyOf(vendorConnections.tenantId, 'ids'), inScope(vendorConnections.tenantId, scoped)))
          .orderBy(...pageOrder(vendorConnections.createdAt, vendorConnections.id))
          .prepare(`connections_by_tenant_ids${scoped ? '_scoped' : ''}`),
      ),
    };
  }

  async insert(tx: AppDb, row: typeof vendorConnections.$inferInsert): Promise<ConnectionRecord> {
    const [created] = await tx.insert(vendorConnections).values(row).returning(publicColumns);
    return created!;
  }

  async byIds(scope: TenantScope, ids: readonly string[]): Promise<ConnectionRecord[]> {
    if (ids.length === 0) return [];
    const { query, params } = this.prepared.byIds.for(scope, { ids: [...ids] });
    return query.execute(params);
  }

  async byTenantIds(scope: TenantScope, tenantIds: readonly string[]): Promise<ConnectionRecord[]> {
    if (tenantIds.length === 0) return [];
    const { query, params } = this.prepared.byTenantIds.for(scope, { ids: [...tenantIds] });
    return query.execute(params);
  }

  async page(scope: TenantScope, tenantId: string, args: PageArgs): Promise<Page<ConnectionRecord>> {
    const matching = and(eq(vendorConnections.tenantId, tenantId), tenantCondition(vendorConnections.tenantId, scope));
    const rows = await this.db
      .select(publicColumns)
      .from(vendorConnections)
      .where(and(matching, afterCursor(vendorConnections.createdAt, vendorConnections.id, args.after)))
      .orderBy(...pageOrder(vendorConnections.createdAt, vendorConnections.id))
      .limit(args.first + 1);
    return toPage(rows, args.first, () => this.db.$count(vendorConnections, matching));
  }

  /** The only read of sealed credentials: for a vendor call or a key rotation. */
  async sealedCredentials(scope: TenantScope, id: string): Promise<{ credentialsSealed: string; credentialsKeyId: string } | undefined> {
    const [row] = await this.db
      .select({ credentialsSealed: vendorConnections.credentialsSealed, credentialsKeyId: vendorConnections.credentialsKeyId })
      .from(vendorConnections)
      .where(and(eq(vendorConnections.id, id), tenantCondition(vendorConnections.tenantId, scope)));
    return row;
  }

  async update(
    tx: AppDb,
    scope: TenantScope,
    id: string,
    patch: Partial<
      Pick<VendorConnectionRow, 'name' | 'baseUrl' | 'settings' | 'credentialsSealed' | 'credentialsKeyId' | 'status' | 'lastCheckedAt'>
    > & {
      lastError?: StoredVendorError | null;
    },
  ): Promise<ConnectionRecord | undefined> {
    const [row] = await tx
      .update(vendorConnections)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(vendorConnections.id, id), tenantCondition(vendorConnections.tenantId, scope)))
      .returning(publicColumns);
    return row;
  }

  /**
   * The built-in sandbox moved (development: its emulators listen on new free ports at each start): connections of
   * this vendor that pointed at its previous address, other than `except` (the demo connection itself), follow it.
   */
  async followMovedAddress(tx: AppDb, vendor: VendorConnectionRow['vendor'], from: string, to: string, except: string): Promise<number> {
    if (from === to) return 0;
    const rows = await tx
      .update(vendorConnections)
      .set({ baseUrl: to, updatedAt: new Date() })
      .where(and(eq(vendorConnections.vendor, vendor), eq(vendorConnections.baseUrl, from), ne(vendorConnections.id, except)))
      .returning({ id: vendorConnections.id });
    return rows.length;
  }

  async delete(tx: AppDb, scope: TenantScope, id: string): Promise<boolean> {
    const rows = await tx
      .delete(vendorConnections)
      .where(and(eq(vendorConnections.id, id), tenantCondition(vendorConnections.tenantId, scope)))
      .returning({ id: vendorConnections.id });
    return rows.length > 0;
  }
}
