import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { AppDb } from './db';
import { pageVersion } from './read-cache';
import { recordingPolicies, tenants, vendorConnections, type RecordingPolicyRow, type TenantRow } from './schema';
import { publicColumns, type ConnectionRecord } from './connection.store';
import { allColumns, jsonRows } from './json-rows';
import { afterCursor, pageOrder, tenantCondition, toPage, type Page, type PageArgs, type TenantScope } from './pagination';
import { anyOf, inScope, ScopedPrepared } from './prepared';

/** Which of a page's tenants' lists to read with it (what the query selects under the page's nodes). */
export interface TenantLists {
  connections: boolean;
  policies: boolean;
}

/** A page of tenants and, for the tenants on it, the lists asked for (each ordered like the loaders' lists). */
export interface TenantPageWithLists extends Page<TenantRow> {
  connections?: ConnectionRecord[];
  policies?: RecordingPolicyRow[];
  /**
   * For every tenant (scope null): the page's own read version, read in the page's snapshot (src/store/read-cache.ts):
   * the tenant-set counter (migration 0014) plus the counters of the tenants on the page (0012).
   */
  stamp?: { version: number; tenants: string[] };
}

/** The one row of the page-with-lists statement: three JSON arrays. */
interface ListsRow {
  tenants: unknown;
  connections: unknown;
  policies: unknown;
  version: string | null;
}

const tenantJson = allColumns<TenantRow>(tenants);
const connectionJson = jsonRows<ConnectionRecord>(publicColumns);
const policyJson = allColumns<RecordingPolicyRow>(recordingPolicies);

/** Tenants. Every method takes the caller's tenant scope: a row outside it does not exist for the caller. */
export class TenantStore {
  /** The loaders' reads and the first page of the listing, prepared (src/store/prepared.ts). */
  private readonly prepared;
  /** The first page with its lists, one prepared statement per scope kind and lists asked for. */
  private readonly withLists = new Map<string, ScopedPrepared<{ execute(params: Record<string, unknown>): Promise<ListsRow[]> }>>();

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

  /**
   * A page of tenants with their connections and/or policies in ONE statement (issue 18, the cold path): the page
   * in a CTE, each list aggregated as JSON in the page's order (src/store/json-rows.ts). The lists are those of the
   * page's tenants only (not of the row read to learn hasNextPage), so they are inside the caller's scope.
   */
  async pageWithLists(scope: TenantScope, args: PageArgs, lists: TenantLists): Promise<TenantPageWithLists> {
    const count = () => this.db.$count(tenants, tenantCondition(tenants.id, scope));
    let rows: ListsRow[];
    if (!args.after) {
      const name = `${lists.connections ? 'c' : ''}${lists.policies ? 'p' : ''}`;
      let prepared = this.withLists.get(name);
      if (!prepared) {
        prepared = new ScopedPrepared((scoped) =>
          this.pageWithListsQuery(inScope(tenants.id, scoped), lists, !scoped).prepare(`tenants_first_page_${name}${scoped ? '_scoped' : ''}`),
        );
        this.withLists.set(name, prepared);
      }
      const { query, params } = prepared.for(scope, { limit: args.first + 1, first: args.first });
      rows = await query.execute(params);
    } else {
      rows = await this.pageWithListsQuery(
        and(tenantCondition(tenants.id, scope), afterCursor(tenants.createdAt, tenants.id, args.after)),
        lists,
        scope === null,
      ).execute({
        limit: args.first + 1,
        first: args.first,
      });
    }
    const [row] = rows;
    const page: TenantPageWithLists = toPage(tenantJson.map(row?.tenants), args.first, count);
    if (lists.connections) page.connections = connectionJson.map(row?.connections);
    if (lists.policies) page.policies = policyJson.map(row?.policies);
    if (scope === null && row?.version != null) page.stamp = { version: Number(row.version), tenants: page.items.map((t) => t.id) };
    return page;
  }

  /**
   * `stamped`: the statement also returns the page's read version (see TenantPageWithLists.stamp), in the same
   * snapshot as the rows, so the version and the rows it stamps agree exactly.
   */
  private pageWithListsQuery(where: SQL | undefined, lists: TenantLists, stamped: boolean) {
    const onPage = sql`(SELECT id FROM page ORDER BY created_at, id LIMIT ${sql.placeholder('first')})`;
    const list = (table: SQL, json: SQL) =>
      sql`coalesce((SELECT json_agg(${json} ORDER BY x.created_at, x.id) FROM ${table} x WHERE x.tenant_id IN ${onPage}), '[]'::json)`;
    const none = sql`'[]'::json`;
    const source = sql`(WITH page AS (
      SELECT * FROM ${tenants} ${where ? sql`WHERE ${where}` : sql``}
      ORDER BY ${tenants.createdAt}, ${tenants.id} LIMIT ${sql.placeholder('limit')}
    ) SELECT
      coalesce((SELECT json_agg(${tenantJson.object('page')} ORDER BY page.created_at, page.id) FROM page), '[]'::json) AS tenants,
      ${lists.connections ? list(sql`${vendorConnections}`, connectionJson.object('x')) : none} AS connections,
      ${lists.policies ? list(sql`${recordingPolicies}`, policyJson.object('x')) : none} AS policies,
      ${stamped ? pageVersion(onPage) : sql`NULL::text`} AS version
    ) AS d`;
    return this.db
      .select({
        tenants: sql<unknown>`d.tenants`,
        connections: sql<unknown>`d.connections`,
        policies: sql<unknown>`d.policies`,
        version: sql<string | null>`d.version`,
      })
      .from(source);
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
