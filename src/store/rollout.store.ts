import { and, asc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import { AppError } from '../domain/errors';
import type { AttemptEntry, ItemStatus, RolloutStats, RolloutStatus } from '../domain/rollout';
import type { AppDb } from './db';
import { afterCursor, pageOf, pageOrder, tenantCondition, toPage, type Page, type PageArgs, type TenantScope } from './pagination';
import { policyRolloutItems, policyRollouts, type RolloutItemRow, type RolloutRow, type StoredVendorError } from './schema';

export const HISTORY_LIMIT = 20;

export type { RolloutItemRow, RolloutRow };
export { ITEM_STATUSES, ROLLOUT_STATUSES, type ItemStatus, type RolloutStats, type RolloutStatus } from '../domain/rollout';

export const RATE_WINDOW_SECONDS = 10;

function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** Keyset cursor over (seq, person_id): stable while items are added. */
function encodeItemCursor(seq: number, personId: string): string {
  return Buffer.from(`${seq}|${personId}`).toString('base64url');
}

function decodeItemCursor(cursor: string): { seq: number; personId: string } {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  const sep = raw.indexOf('|');
  const seq = Number(raw.slice(0, sep));
  if (sep < 0 || !Number.isInteger(seq) || !raw.slice(sep + 1)) {
    throw new AppError('BAD_USER_INPUT', 'The cursor is not one this API issued', { fields: [{ path: ['after'], message: 'invalid cursor' }] });
  }
  return { seq, personId: raw.slice(sep + 1) };
}

/** Appends one attempt to a person's history, dropping the oldest past HISTORY_LIMIT. */
function appendHistory(entry: AttemptEntry): SQL {
  const h = policyRolloutItems.history;
  return sql`(CASE WHEN jsonb_array_length(${h}) >= ${HISTORY_LIMIT} THEN ${h} - 0 ELSE ${h} END) || jsonb_build_array(${JSON.stringify(entry)}::jsonb)`;
}

export class RolloutStore {
  constructor(private readonly db: AppDb) {}

  async insert(tx: AppDb, row: typeof policyRollouts.$inferInsert): Promise<RolloutRow> {
    const [created] = await tx.insert(policyRollouts).values(row).returning();
    return created!;
  }

  async byIds(scope: TenantScope, ids: readonly string[]): Promise<RolloutRow[]> {
    if (ids.length === 0) return [];
    return this.db
      .select()
      .from(policyRollouts)
      .where(and(inArray(policyRollouts.id, [...ids]), tenantCondition(policyRollouts.tenantId, scope)));
  }

  async page(scope: TenantScope, tenantId: string, args: PageArgs): Promise<Page<RolloutRow>> {
    const matching = and(eq(policyRollouts.tenantId, tenantId), tenantCondition(policyRollouts.tenantId, scope));
    const rows = await this.db
      .select()
      .from(policyRollouts)
      .where(and(matching, afterCursor(policyRollouts.createdAt, policyRollouts.id, args.after)))
      .orderBy(...pageOrder(policyRollouts.createdAt, policyRollouts.id))
      .limit(args.first + 1);
    return toPage(rows, args.first, () => this.db.$count(policyRollouts, matching));
  }

  /** Moves a roll-out from one of `from` to `to`; undefined when it was in another state (or is not visible). */
  async transition(
    tx: AppDb,
    scope: TenantScope,
    id: string,
    from: readonly RolloutStatus[],
    to: RolloutStatus,
    lastError?: StoredVendorError | null,
    /** Only if still the run started (or resumed) at this instant: a worker of an older run changes nothing. */
    generation?: Date,
  ): Promise<RolloutRow | undefined> {
    const now = new Date();
    const [row] = await tx
      .update(policyRollouts)
      .set({
        status: to,
        updatedAt: now,
        ...(lastError !== undefined ? { lastError } : to === 'RUNNING' ? { lastError: null } : {}),
        ...(to === 'RUNNING' ? { resumedAt: now } : {}),
        // A pause, resume or cancel ends a wait: a resumed run finds out afresh whether the vendor is back.
        waitingCode: null,
        waitingMessage: null,
        waitingSince: null,
        waitingUntil: null,
        ...(to === 'CANCELLED' || to.startsWith('COMPLETED') ? { finishedAt: now } : {}),
      })
      .where(
        and(
          eq(policyRollouts.id, id),
          inArray(policyRollouts.status, [...from]),
          tenantCondition(policyRollouts.tenantId, scope),
          generation ? eq(policyRollouts.resumedAt, generation) : undefined,
        ),
      )
      .returning();
    return row;
  }

  /** Counts per status and the recent rate, for many roll-outs in one statement. */
  async stats(scope: TenantScope, rolloutIds: readonly string[]): Promise<Map<string, RolloutStats>> {
    const out = new Map<string, RolloutStats>();
    if (rolloutIds.length === 0) return out;
    const list = (values: readonly string[]) =>
      sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      );
    const tenantFilter = scope === null ? sql`` : sql` AND r.tenant_id IN (${list(scope.length ? scope : ['\u0000none'])})`;
    const result = await this.db.execute(sql`
      SELECT r.id AS id, i.status AS status, count(i.person_id)::int AS n,
        count(*) FILTER (WHERE i.finished_at > now() - make_interval(secs => ${RATE_WINDOW_SECONDS}) AND i.finished_at >= r.resumed_at)::int AS recent_items,
        coalesce(sum(i.requests) FILTER (WHERE i.finished_at > now() - make_interval(secs => ${RATE_WINDOW_SECONDS}) AND i.finished_at >= r.resumed_at), 0)::int AS recent_requests,
        least(${RATE_WINDOW_SECONDS}, greatest(0.5, extract(epoch FROM now() - r.resumed_at)))::float8 AS window_seconds
      FROM policy_rollouts r LEFT JOIN policy_rollout_items i ON i.rollout_id = r.id
      WHERE r.id IN (${list(rolloutIds)})${tenantFilter}
      GROUP BY r.id, i.status, r.resumed_at`);
    for (const row of rowsOf<{ id: string; status: string | null; n: number; recent_items: number; recent_requests: number; window_seconds: number }>(
      result,
    )) {
      let s = out.get(row.id);
      if (!s) {
        s = { pending: 0, written: 0, alreadyInSync: 0, failed: 0, recentItems: 0, recentRequests: 0, windowSeconds: Number(row.window_seconds) };
        out.set(row.id, s);
      }
      const n = Number(row.n);
      if (row.status === 'PENDING') s.pending += n;
      else if (row.status === 'WRITTEN') s.written += n;
      else if (row.status === 'ALREADY_IN_SYNC') s.alreadyInSync += n;
      else if (row.status === 'FAILED') s.failed += n;
      s.recentItems += Number(row.recent_items);
      s.recentRequests += Number(row.recent_requests);
    }
    return out;
  }

  async insertItems(tx: AppDb, rolloutId: string, items: { personId: string; seq: number }[]): Promise<void> {
    for (let i = 0; i < items.length; i += 1000) {
      const chunk = items.slice(i, i + 1000);
      await tx
        .insert(policyRolloutItems)
        .values(chunk.map((it) => ({ rolloutId, personId: it.personId, seq: it.seq })))
        .onConflictDoNothing();
    }
  }

  /** Takes (or renews) the right to walk the directory; undefined when another worker holds it or it is done. */
  async takeListing(id: string, owner: string, leaseMs: number): Promise<RolloutRow | undefined> {
    const [row] = await this.db
      .update(policyRollouts)
      .set({ listOwner: owner, listLeaseUntil: sql`now() + make_interval(secs => ${leaseMs / 1000})` })
      .where(
        and(
          eq(policyRollouts.id, id),
          eq(policyRollouts.listed, false),
          eq(policyRollouts.status, 'RUNNING'),
          or(sql`${policyRollouts.listLeaseUntil} IS NULL`, sql`${policyRollouts.listLeaseUntil} < now()`, eq(policyRollouts.listOwner, owner)),
        ),
      )
      .returning();
    return row;
  }

  async finishListing(id: string, owner: string): Promise<RolloutRow | undefined> {
    const [row] = await this.db
      .update(policyRollouts)
      .set({
        listed: true,
        listOwner: null,
        listLeaseUntil: null,
        total: sql`(SELECT count(*)::int FROM policy_rollout_items WHERE rollout_id = ${id})`,
        updatedAt: new Date(),
      })
      .where(and(eq(policyRollouts.id, id), eq(policyRollouts.listOwner, owner)))
      .returning();
    return row;
  }

  /** Gives the listing back at once (a replica stopping): another worker restarts it without waiting for the lease. */
  async releaseListing(id: string, owner: string): Promise<void> {
    await this.db
      .update(policyRollouts)
      .set({ listOwner: null, listLeaseUntil: null })
      .where(and(eq(policyRollouts.id, id), eq(policyRollouts.listOwner, owner)));
  }

  async listingFailed(id: string, owner: string, error: StoredVendorError): Promise<void> {
    await this.db
      .update(policyRollouts)
      .set({ lastError: error, listOwner: null, listLeaseUntil: null, updatedAt: new Date() })
      .where(and(eq(policyRollouts.id, id), eq(policyRollouts.listOwner, owner)));
  }

  /**
   * Claims up to `n` pending people nobody holds, in directory order. SKIP LOCKED lets workers of every replica
   * claim at once without waiting on each other or taking the same person; the lease hands a person to another
   * worker only if its holder dies.
   */
  async claim(rolloutId: string, owner: string, n: number, leaseMs: number): Promise<{ personId: string; seq: number; attempts: number }[]> {
    // The selection is MATERIALIZED: run once. As a subquery in FROM, a planner without statistics (a roll-out's
    // first claims, while its directory is listed) joined it as the inner side of a nested loop and ran it again
    // per outer row; SKIP LOCKED then skipped the rows this statement had just updated and locked the next ones, so
    // one claim of 8 took a whole page of 100 (test/rollout/claim.test.ts).
    const result = await this.db.execute(sql`
      WITH c AS MATERIALIZED (
        SELECT person_id FROM policy_rollout_items
        WHERE rollout_id = ${rolloutId} AND status = 'PENDING' AND (lease_until IS NULL OR lease_until < now())
          AND NOT EXISTS (SELECT 1 FROM policy_rollouts WHERE id = ${rolloutId} AND waiting_until > now())
        ORDER BY seq
        LIMIT ${n}
        FOR UPDATE SKIP LOCKED
      )
      UPDATE policy_rollout_items AS i
      SET lease_owner = ${owner}, lease_until = now() + make_interval(secs => ${leaseMs / 1000}), attempts = i.attempts + 1
      FROM c
      WHERE i.rollout_id = ${rolloutId} AND i.person_id = c.person_id
      RETURNING i.person_id AS "personId", i.seq AS seq, i.attempts AS attempts`);
    return rowsOf<{ personId: string; seq: number; attempts: number }>(result);
  }

  /** Records a person's outcome, only while the caller still holds it. */
  async finishItem(
    rolloutId: string,
    personId: string,
    owner: string,
    outcome: { status: Exclude<ItemStatus, 'PENDING'>; requests: number; error?: StoredVendorError | null; changes?: unknown },
    entry?: AttemptEntry,
  ): Promise<boolean> {
    const rows = await this.db
      .update(policyRolloutItems)
      .set({
        ...(entry ? { history: appendHistory(entry) } : {}),
        status: outcome.status,
        requests: sql`${policyRolloutItems.requests} + ${outcome.requests}`,
        error: outcome.error ?? null,
        changes: outcome.changes ?? null,
        finishedAt: new Date(),
        leaseOwner: null,
        leaseUntil: null,
      })
      .where(and(eq(policyRolloutItems.rolloutId, rolloutId), eq(policyRolloutItems.personId, personId), eq(policyRolloutItems.leaseOwner, owner)))
      .returning({ personId: policyRolloutItems.personId });
    return rows.length > 0;
  }

  /**
   * Gives a person back, still pending, after the vendor was unavailable for them (the roll-out waits: see
   * startWaiting). The attempt stays counted and in the history; nothing about the person is marked failed.
   */
  async holdItem(rolloutId: string, personId: string, owner: string, requests: number, error: StoredVendorError, entry: AttemptEntry): Promise<void> {
    await this.db
      .update(policyRolloutItems)
      .set({ leaseOwner: null, leaseUntil: null, error, requests: sql`${policyRolloutItems.requests} + ${requests}`, history: appendHistory(entry) })
      .where(and(eq(policyRolloutItems.rolloutId, rolloutId), eq(policyRolloutItems.personId, personId), eq(policyRolloutItems.leaseOwner, owner)));
  }

  /**
   * Extends the lease of every person (and the directory listing) the owner still holds: a worker alive renews every
   * few seconds, so a short lease suffices to hand a dead worker's people over quickly while a slow call (a long
   * Retry-After) keeps its person. Answers the people still held.
   */
  async renewLeases(rolloutId: string, owner: string, leaseMs: number): Promise<string[]> {
    const secs = leaseMs / 1000;
    await this.db.execute(sql`
      UPDATE policy_rollouts SET list_lease_until = now() + make_interval(secs => ${secs})
      WHERE id = ${rolloutId} AND list_owner = ${owner} AND listed = false`);
    const result = await this.db.execute(sql`
      UPDATE policy_rollout_items SET lease_until = now() + make_interval(secs => ${secs})
      WHERE rollout_id = ${rolloutId} AND lease_owner = ${owner} AND status = 'PENDING'
      RETURNING person_id AS "personId"`);
    return rowsOf<{ personId: string }>(result).map((r) => r.personId);
  }

  /**
   * The vendor is unavailable for this roll-out: every worker of every replica stops claiming until `waiting_until`
   * (claim() checks it). The next attempt moves further out the longer the wait lasts (twice the time waited so far,
   * between minMs and maxMs), and never before the vendor's own Retry-After. Answers whether this call began the wait.
   */
  async startWaiting(
    id: string,
    reason: { code: string; message: string },
    delay: { minMs: number; maxMs: number; retryAfterMs?: number },
  ): Promise<{ began: boolean; until: Date } | undefined> {
    const result = await this.db.execute(sql`
      UPDATE policy_rollouts r SET
        waiting_code = ${reason.code}, waiting_message = ${reason.message},
        waiting_since = coalesce(r.waiting_since, now()),
        waiting_until = greatest(coalesce(r.waiting_until, now()), now() + make_interval(secs => greatest(
          ${(delay.retryAfterMs ?? 0) / 1000}::float8,
          least(${delay.maxMs / 1000}::float8, greatest(${delay.minMs / 1000}::float8, 2 * extract(epoch FROM now() - coalesce(r.waiting_since, now()))::float8))))),
        updated_at = now()
      FROM (SELECT id, waiting_since FROM policy_rollouts WHERE id = ${id} FOR UPDATE) AS before
      WHERE r.id = before.id AND r.status = 'RUNNING'
      RETURNING before.waiting_since IS NULL AS began, r.waiting_until AS until`);
    const [row] = rowsOf<{ began: boolean; until: Date | string }>(result);
    return row ? { began: row.began === true, until: new Date(row.until) } : undefined;
  }

  /** Ends a wait whose next attempt time has come and succeeded (one caller wins): answers how long it lasted. */
  async endWaiting(id: string): Promise<{ since: Date; code: string | null } | undefined> {
    const result = await this.db.execute(sql`
      UPDATE policy_rollouts r SET waiting_code = NULL, waiting_message = NULL, waiting_since = NULL, waiting_until = NULL, updated_at = now()
      FROM (SELECT id, waiting_since, waiting_code FROM policy_rollouts WHERE id = ${id} FOR UPDATE) AS before
      WHERE r.id = before.id AND r.waiting_since IS NOT NULL AND r.waiting_until <= now()
      RETURNING before.waiting_since AS since, before.waiting_code AS code`);
    const [row] = rowsOf<{ since: Date | string; code: string | null }>(result);
    return row ? { since: new Date(row.since), code: row.code } : undefined;
  }

  /**
   * A finished roll-out runs again for its FAILED people only (a new round; their history stays). Answers the
   * roll-out and how many people it put back, or undefined when it is not COMPLETED_WITH_ERRORS (or not visible).
   */
  async retryFailed(tx: AppDb, scope: TenantScope, id: string): Promise<{ row: RolloutRow; people: number } | undefined> {
    const now = new Date();
    const [row] = await tx
      .update(policyRollouts)
      .set({
        status: 'RUNNING',
        resumedAt: now,
        updatedAt: now,
        finishedAt: null,
        lastError: null,
        retryRound: sql`${policyRollouts.retryRound} + 1`,
      })
      .where(and(eq(policyRollouts.id, id), eq(policyRollouts.status, 'COMPLETED_WITH_ERRORS'), tenantCondition(policyRollouts.tenantId, scope)))
      .returning();
    if (!row) return undefined;
    const people = await tx
      .update(policyRolloutItems)
      .set({ status: 'PENDING', leaseOwner: null, leaseUntil: null, finishedAt: null })
      .where(and(eq(policyRolloutItems.rolloutId, id), eq(policyRolloutItems.status, 'FAILED')))
      .returning({ personId: policyRolloutItems.personId });
    return { row, people: people.length };
  }

  /** Gives claimed people back at once (a paused roll-out, a replica shutting down): the claim did not count. */
  async release(rolloutId: string, personIds: string[], owner: string): Promise<void> {
    if (personIds.length === 0) return;
    await this.db
      .update(policyRolloutItems)
      .set({ leaseOwner: null, leaseUntil: null, attempts: sql`greatest(0, ${policyRolloutItems.attempts} - 1)` })
      .where(
        and(eq(policyRolloutItems.rolloutId, rolloutId), inArray(policyRolloutItems.personId, personIds), eq(policyRolloutItems.leaseOwner, owner)),
      );
  }

  /** Whether people remain pending, and whether any of them could be claimed now. */
  async pendingState(rolloutId: string): Promise<{ pending: number; claimable: number }> {
    const result = await this.db.execute(sql`
      SELECT count(*)::int AS pending, count(*) FILTER (WHERE lease_until IS NULL OR lease_until < now())::int AS claimable
      FROM policy_rollout_items WHERE rollout_id = ${rolloutId} AND status = 'PENDING'`);
    const [row] = rowsOf<{ pending: number; claimable: number }>(result);
    return { pending: Number(row?.pending ?? 0), claimable: Number(row?.claimable ?? 0) };
  }

  /** Ends a running roll-out whose directory is listed and whose people all have an outcome (one winner). */
  async complete(tx: AppDb, id: string): Promise<RolloutRow | undefined> {
    const now = new Date();
    const [row] = await tx
      .update(policyRollouts)
      .set({
        status: sql`CASE WHEN EXISTS (SELECT 1 FROM policy_rollout_items WHERE rollout_id = ${id} AND status = 'FAILED') THEN 'COMPLETED_WITH_ERRORS' ELSE 'COMPLETED' END`,
        waitingCode: null,
        waitingMessage: null,
        waitingSince: null,
        waitingUntil: null,
        finishedAt: now,
        updatedAt: now,
      })
      .where(
        and(
          eq(policyRollouts.id, id),
          eq(policyRollouts.status, 'RUNNING'),
          eq(policyRollouts.listed, true),
          sql`NOT EXISTS (SELECT 1 FROM policy_rollout_items WHERE rollout_id = ${id} AND status = 'PENDING')`,
        ),
      )
      .returning();
    return row;
  }

  async outcomes(scope: TenantScope, rolloutId: string, status: ItemStatus | null | undefined, args: PageArgs): Promise<Page<RolloutItemRow>> {
    const visible = await this.byIds(scope, [rolloutId]);
    if (!visible.length) return { items: [], cursors: [], hasNextPage: false, endCursor: null, count: async () => 0 };
    let after: SQL | undefined;
    if (args.after) {
      const c = decodeItemCursor(args.after);
      after = or(gt(policyRolloutItems.seq, c.seq), and(eq(policyRolloutItems.seq, c.seq), gt(policyRolloutItems.personId, c.personId)));
    }
    const matching = and(eq(policyRolloutItems.rolloutId, rolloutId), status ? eq(policyRolloutItems.status, status) : undefined);
    const rows = await this.db
      .select()
      .from(policyRolloutItems)
      .where(and(matching, after))
      .orderBy(asc(policyRolloutItems.seq), asc(policyRolloutItems.personId))
      .limit(args.first + 1);
    return pageOf(
      rows,
      args.first,
      (r) => encodeItemCursor(r.seq, r.personId),
      () => this.db.$count(policyRolloutItems, matching),
    );
  }

  /** Running roll-outs (every tenant): what a replica looks for at start. */
  async running(): Promise<RolloutRow[]> {
    return this.db.select().from(policyRollouts).where(eq(policyRollouts.status, 'RUNNING'));
  }
}
