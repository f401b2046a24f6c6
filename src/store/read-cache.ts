import { sql, type SQL } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import type { AppDb } from './db';
import type { TenantScope } from './pagination';
import { literalIds, type PgliteQuiet } from './pglite-quiet';
import { anyOf } from './prepared';
import { readVersion, readVersionTenant, readVersionTenantSet } from './schema';

/**
 * The read cache (issue 9): rows of tenants, vendor connections and recording policies that requests have read,
 * kept in this process and served again while the database says nothing has changed since.
 *
 * Dashboards poll the same pages and routers send the same `_entities` batches over and over. Instead of three
 * statements and their rows per dashboard, a request whose reads are all cached costs one tiny statement: it reads
 * the `read_version` counter, which every committed change to those three tables moves forward (triggers, migration
 * 0006, whoever writes: this replica, another one, a worker, psql). An entry stamped with the version that is
 * current is exactly what the tables hold, so nothing stale is ever served, across replicas included.
 *
 * Correctness rests on the order of two reads: the version is read before the rows it stamps. Rows read after the
 * version can only be newer than it, never older, so the worst case is an entry refreshed once too often.
 *
 * Entries are keyed by read and by tenant scope (a caller never gets rows cached for a wider or another scope: the
 * scope is part of the key and of the SQL that filled it), and shared between requests, so they are frozen.
 * The cache holds at most `maxRows` rows (READ_CACHE_ROWS); 0 turns it off.
 *
 * A caller whose token names tenants reads another version (issue 18, migration 0012): the sum of its tenants'
 * own counters, which commits in other tenants do not move. Its entries are keyed by its scope, so a version of
 * one kind is only ever compared with a version of the same kind and scope.
 */
export class ReadCache {
  private readonly entries: LRUCache<string, Entry>;
  private readonly versionQuery;
  private readonly scopedVersionQuery;
  private readonly pageVersionQuery;
  private readonly freeze: boolean;
  /** Whether identical reads of queries arriving together share a statement when the cache is off (coalesce). */
  readonly coalescing: boolean;
  /** Counters for /metrics and tests. */
  readonly stats = { hits: 0, misses: 0, versionChecks: 0, shared: 0, versionChecksSkipped: 0 };
  /** Embedded PGlite: versions known current since nothing but checks reached it (src/store/pglite-quiet.ts). */
  private readonly quiet?: PgliteQuiet;
  private readonly known = new Map<string, { version: number; stamp: number }>();

  constructor(
    db: AppDb,
    readonly maxRows: number,
    opts: { freeze?: boolean; coalesce?: boolean; quiet?: PgliteQuiet } = {},
  ) {
    this.coalescing = opts.coalesce ?? true;
    this.quiet = opts.quiet;
    this.entries = new LRUCache<string, Entry>({ maxSize: Math.max(1, maxRows), sizeCalculation: (e) => Math.max(1, e.rows) });
    this.versionQuery = db.select({ version: readVersion.version }).from(readVersion).prepare('read_version');
    this.scopedVersionQuery = db
      .select({ version: sql<string>`coalesce(sum(${readVersionTenant.version}), 0)::text` })
      .from(readVersionTenant)
      .where(anyOf(readVersionTenant.tenantId, 'scope'))
      .prepare('read_version_scoped');
    this.pageVersionQuery = db
      .select({ version: pageVersion(sql`${sql.placeholder('tenants')}`, true) })
      .from(readVersionTenantSet)
      .prepare('read_version_page');
    this.freeze = opts.freeze ?? false;
  }

  get enabled(): boolean {
    return this.maxRows > 0;
  }

  /**
   * A request's view: it reads the version once, on its first cached read, and uses it for all of them; so a
   * view belongs to one short read-only operation (a query), never to a mutation, which would read its own
   * writes through it, nor to a subscription, which lives for minutes.
   */
  view(scope: TenantScope = null): ReadView {
    return new ReadView(this, scope);
  }

  private readonly nextVersion = new Map<string, Promise<number>>();
  private readonly nextScoped = new Map<string, Promise<number>>();

  /**
   * The current version. Requests that ask during the same turn of the event loop share one statement, sent once
   * they have all asked (setImmediate): it reaches the database after each of them started, so each still sees
   * every change committed before it began. Under load this is one statement for several requests. On embedded
   * PGlite no statement is sent when nothing but version checks has reached the database since the last check of
   * the same scope (knownVersion): the tables are then as that check found them.
   * @internal
   */
  currentVersion(scope: TenantScope = null): Promise<number> {
    if (scope !== null) return this.currentScopedVersion(scope);
    return this.checkOnce(
      this.nextVersion,
      '*',
      [],
      () => 'SELECT version::text FROM read_version',
      async () => {
        const [row] = await this.versionQuery.execute();
        // No row (a database whose migration 0006 was undone): every read misses, nothing wrong is served.
        return row?.version ?? -1;
      },
    );
  }

  /** The sum of the scope's tenants' versions; shared like currentVersion by requests of the same scope. */
  private currentScopedVersion(scope: readonly string[]): Promise<number> {
    return this.checkOnce(
      this.nextScoped,
      scopeKey(scope),
      scope,
      (which) => `SELECT coalesce(sum(version), 0)::text FROM read_version_tenant WHERE ${which}`,
      async () => {
        const [row] = await this.scopedVersionQuery.execute({ scope: [...scope] });
        return Number(row?.version ?? 0);
      },
    );
  }

  private readonly nextPage = new Map<string, Promise<number>>();

  /**
   * The current version of a page of tenants read by an operator (a `*` token; see readStamped): the tenant-set
   * counter plus the counters of `tenants`. Shared like currentVersion by the requests of one event-loop turn that
   * ask about the same tenants.
   * @internal
   */
  currentPageVersion(tenants: readonly string[]): Promise<number> {
    return this.checkOnce(
      this.nextPage,
      `page:${JSON.stringify(tenants)}`,
      tenants,
      // The same sum as pageVersion(), written out so that PGlite's quiet checks recognise it by its text.
      (which) =>
        `SELECT ((SELECT version FROM read_version_tenant_set) + coalesce((SELECT sum(version) FROM read_version_tenant WHERE ${which}), 0))::text`,
      async () => {
        const [row] = await this.pageVersionQuery.execute({ tenants: [...tenants] });
        // No row (migration 0014 undone): every such read misses.
        return row ? Number(row.version) : -1;
      },
    );
  }

  /**
   * One version check of `key`, shared by the requests that ask during the same turn of the event loop and sent
   * once they have all asked (setImmediate). On PGlite, the check's text names the tenant ids as literals
   * (`quietSelect` gets the WHERE condition) so that PgliteQuiet recognises it, and none is sent while the last one
   * is still current (knownVersion); ids that cannot be literals, and the server, use the prepared statement `send`.
   */
  private checkOnce(
    pending: Map<string, Promise<number>>,
    key: string,
    tenants: readonly string[],
    quietSelect: (which: string) => string,
    send: () => Promise<number>,
  ): Promise<number> {
    const known = this.knownVersion(key);
    if (known !== undefined) return Promise.resolve(known);
    let next = pending.get(key);
    if (!next) {
      next = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
        pending.delete(key);
        this.stats.versionChecks++;
        const literals = this.quiet ? literalIds(tenants) : null;
        if (literals !== null) return this.quietCheck(key, quietSelect(tenants.length === 0 ? 'false' : `tenant_id IN (${literals})`));
        return send();
      });
      pending.set(key, next);
    }
    return next;
  }

  /**
   * A read that returns its own version (issue 18, the operator's dashboard): the statement reads, in the snapshot
   * of its rows, the version of the tenants it returned (`stampOf`: the tenant-set counter plus those tenants'
   * counters, src/store/tenant.store.ts). The entry keeps those tenants; a later request serves it while the same
   * version of the same tenants is current, read by a check sent after that request began (currentPageVersion).
   * So commits in tenants not on the page leave it current, and nothing stale is served: a commit in a tenant on
   * the page moves its counter, and a tenant that could join or leave the page (inserted, deleted, reordered) moves
   * the tenant-set counter. Concurrent misses each send their own statement (a statement already sent may predate a
   * later asker); the entry of any of them is safe, since an entry from an older snapshot carries its older version.
   * @internal
   */
  async readStamped<T>(
    key: string,
    load: () => Promise<T>,
    count: (value: T) => number,
    stampOf: (value: T) => PageStamp | undefined,
  ): Promise<{ value: T; stamp?: PageStamp }> {
    const hit = this.entries.get(key);
    if (hit?.tenants && hit.version >= 0) {
      if ((await this.currentPageVersion(hit.tenants)) === hit.version) {
        this.stats.hits++;
        return { value: (await hit.value) as T, stamp: { version: hit.version, tenants: hit.tenants } };
      }
    }
    this.stats.misses++;
    const value = await load().then((v) => (this.freeze ? deepFreeze(v) : v));
    const stamp = stampOf(value);
    if (stamp && stamp.version >= 0) {
      this.entries.set(key, { version: stamp.version, tenants: stamp.tenants, value: Promise.resolve(value), rows: Math.max(1, count(value)) });
    }
    return { value, stamp };
  }

  /**
   * On PGlite: the version of `key` read by the last check, if nothing but version checks has reached the database
   * since that check ran (PgliteQuiet): the tables are exactly as that check saw them, so it is the current version.
   */
  private knownVersion(key: string): number | undefined {
    if (!this.quiet) return undefined;
    const known = this.known.get(key);
    if (!known || !this.quiet.unchangedSince(known.stamp)) return undefined;
    this.stats.versionChecksSkipped++;
    return known.version;
  }

  private async quietCheck(key: string, select: string): Promise<number> {
    const { version, stamp } = await this.quiet!.check(select);
    // No row (read_version emptied): -1, which every read misses.
    const value = version === undefined ? -1 : Number(version);
    if (stamp !== undefined && value >= 0) {
      // One entry per scope asked about: bounded like the scopes of live tokens, and emptied when that grows large.
      if (this.known.size >= 10_000 && !this.known.has(key)) this.known.clear();
      this.known.set(key, { version: value, stamp });
    } else this.known.delete(key);
    return value;
  }

  private readonly sending = new Map<string, { next?: Promise<unknown>; inFlight?: Promise<unknown> }>();

  /**
   * With the cache off (READ_CACHE_ROWS=0): identical reads asked for by queries share one statement, sent after
   * all of them asked, so each still sees every change committed before it began (the version check's argument
   * above). The first asker's statement is sent at the next turn of the event loop (setImmediate); while a
   * statement for the same read is on its way, askers wait for it to return and then share the next one (never the
   * one already sent, which may predate them). Nothing is kept once a statement has returned. Issue 18's cold path:
   * dashboards arriving together cost one statement, one round trip and one set of rows instead of one each. The
   * rows are shared by those requests, so they are frozen like cached rows outside production.
   * @internal
   */
  coalesce<T>(key: string, load: () => Promise<T>): Promise<T> {
    let state = this.sending.get(key);
    if (!state) {
      state = {};
      this.sending.set(key, state);
    }
    if (state.next) {
      this.stats.shared++;
      return state.next as Promise<T>;
    }
    const s = state;
    const ignore = () => undefined;
    const after = s.inFlight ? s.inFlight.then(ignore, ignore) : new Promise<void>((resolve) => setImmediate(resolve));
    const next = after.then(() => {
      // From here on, askers form the group of the statement after this one.
      s.next = undefined;
      const sent = load().then((v) => (this.freeze ? deepFreeze(v) : v));
      s.inFlight = sent;
      sent.then(ignore, ignore).then(() => {
        if (s.inFlight !== sent) return;
        s.inFlight = undefined;
        if (!s.next && this.sending.get(key) === s) this.sending.delete(key);
      });
      return sent;
    });
    s.next = next;
    return next;
  }

  /** @internal */
  async read<T>(version: number, key: string, load: () => Promise<T>, count: (value: T) => number): Promise<T> {
    const hit = this.entries.get(key);
    // An entry stamped with a page's own version (readStamped) is never compared with another kind of version.
    if (hit && !hit.tenants && hit.version === version && version >= 0) {
      this.stats.hits++;
      return hit.value as Promise<T>;
    }
    this.stats.misses++;
    const value = load().then((v) => (this.freeze ? deepFreeze(v) : v));
    // The promise is cached at once, so concurrent requests for the same read share one statement.
    const entry: Entry = { version, value, rows: 1 };
    this.entries.set(key, entry);
    value.then(
      (v) => {
        // Re-set with its real size, unless a newer entry replaced it meanwhile.
        if (this.entries.peek(key) === entry) {
          entry.rows = count(v);
          this.entries.set(key, entry);
        }
      },
      () => {
        if (this.entries.peek(key) === entry) this.entries.delete(key);
      },
    );
    return value;
  }

  /** Entries held and rows they hold (for tests and /metrics). */
  size(): { entries: number; rows: number } {
    return { entries: this.entries.size, rows: this.entries.calculatedSize };
  }

  clear(): void {
    this.entries.clear();
  }
}

interface Entry {
  version: number;
  /** Set for an entry stamped with its own page version (readStamped): the tenants that version covers. */
  tenants?: readonly string[];
  value: Promise<unknown>;
  rows: number;
}

/** A read's own version: the version of `tenants` (the tenant-set counter plus their counters) in its snapshot. */
export interface PageStamp {
  version: number;
  tenants: readonly string[];
}

export class ReadView {
  private version?: Promise<number>;
  /**
   * The version every cached read of this view was served at, once one was (the response cache stamps an answer
   * with it); undefined when the view read nothing through the cache.
   */
  versionRead?: number;
  /**
   * With versionRead: the tenants whose page version it is (an operator's dashboard read by readStamped), or
   * undefined for the version of the view's scope. The response cache checks the same kind of version on a hit.
   */
  versionTenants?: readonly string[];
  private versionKey?: string;
  /**
   * A view of no cache reads straight through (mutations, subscriptions: see RequestContext.reads). `scope` is the
   * caller's tenant scope: every read through this view must be filtered by it (the loaders' are), since its
   * version covers only those tenants.
   */
  constructor(
    private readonly cache: ReadCache | null,
    readonly scope: TenantScope = null,
  ) {}

  /**
   * The cached value of the read named `key` (which must name the scope too) if the tables have not changed since
   * it was read, else `load()`'s, cached for the next request.
   */
  async read<T>(key: string, load: () => Promise<T>, count: (value: T) => number, stampOf?: (value: T) => PageStamp | undefined): Promise<T> {
    if (!this.cache) return load();
    // The key names the scope, so only requests of the same scope share a statement.
    if (!this.cache.enabled) return this.cache.coalescing ? this.cache.coalesce(key, load) : load();
    if (stampOf && this.scope === null) {
      // Every tenant's scope: a read that carries its own version (the operator's dashboard) instead of the global one.
      const { value, stamp } = await this.cache.readStamped(key, load, count, stampOf);
      this.note(stamp?.version ?? -1, stamp?.tenants);
      return value;
    }
    this.version ??= this.cache.currentVersion(this.scope);
    let version: number;
    try {
      version = await this.version;
      this.note(version);
    } catch (e) {
      // The version could not be read: the next read in this request tries again.
      this.version = undefined;
      throw e;
    }
    return this.cache.read(version, key, load, count);
  }

  /**
   * Records the version a read was served at. Two different versions in one view (two kinds, two pages, or the first
   * read failed and the next one read the version again): no single stamp fits, so -1 (the answer is not kept).
   */
  private note(version: number, tenants?: readonly string[]): void {
    const key = tenants ? JSON.stringify(tenants) : undefined;
    if (this.versionRead === undefined) {
      this.versionRead = version;
      this.versionTenants = tenants;
      this.versionKey = key;
    } else if (this.versionRead !== version || this.versionKey !== key) {
      this.versionRead = -1;
    }
  }
}

/** Rows are shared between requests: freezing them (outside production) turns an accidental write into an error. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value) && !(value instanceof Date)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

/** The part of a cache key that names the tenant scope (null: every tenant); JSON, so no two scopes share one. */
export function scopeKey(scope: readonly string[] | null): string {
  return scope === null ? '*' : JSON.stringify(scope);
}

/**
 * The read version of a set of tenants as an SQL text expression: the tenant-set counter (migration 0014) plus the
 * sum of those tenants' counters (0012; a tenant without a row yet counts 0). Every counter only grows, so the sum
 * moves whenever one of them does. `ids` is a subquery or an array parameter (`= any`).
 */
export function pageVersion(ids: SQL, array = false): SQL {
  const which = array ? sql`${readVersionTenant.tenantId} = any(${ids})` : sql`${readVersionTenant.tenantId} IN ${ids}`;
  return sql`((SELECT ${readVersionTenantSet.version} FROM ${readVersionTenantSet}) + coalesce((SELECT sum(${readVersionTenant.version}) FROM ${readVersionTenant} WHERE ${which}), 0))::text`;
}
