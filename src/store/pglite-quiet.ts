import type { PGlite } from '@electric-sql/pglite';

/**
 * Embedded PGlite only (issue 18, allocation on the PGlite default): knows whether anything but the read cache's
 * version checks has reached the database since a given check, so that a repeated check can be answered without
 * sending it again.
 *
 * Why that can never serve a stale version:
 * - PGlite is PostgreSQL in this process, in single-user mode: one session, and no other writer. Every message any
 *   code sends it (Drizzle, raw SQL, pg-boss, transactions, LISTEN, tests through `database.pglite`) is executed by
 *   `execProtocolRawSync`, which this class wraps on the instance: each message moves `moved`, except the version
 *   checks this class sent itself (recognised by their exact text, which holds a sequence number) and the Sync that
 *   PGlite sends right after one (a Sync after a simple query has nothing to finish).
 * - A check's result is paired with the value of `moved` at the moment PostgreSQL executed it. While `moved` is still
 *   that value, no statement has run since, so the tables, and the version, are what the check read.
 * - A check that ran inside a transaction block that had already written (possible only if some code sent BEGIN
 *   outside PGlite's own transaction(), whose lock a check waits for) is never paired: the check reads
 *   `pg_current_xact_id_if_assigned() IS NULL` in the same statement.
 * - Nothing changes the tables without a statement: single-user mode runs no autovacuum, no background workers, no
 *   other sessions. Another process opening the same data directory is not refused by PGlite, but is not a supported
 *   shape either way: each process keeps its own buffer cache, so even a sent check would not see the other's writes.
 */
export class PgliteQuiet {
  /** Messages executed by PostgreSQL that were not version checks. */
  private moved = 0;
  private seq = 0;
  /** Checks on their way: exact text -> `moved` when PostgreSQL executed it (undefined until then). */
  private readonly pending = new Map<string, number | undefined>();
  private afterCheck = false;
  private readonly decoder = new TextDecoder();

  constructor(
    private readonly client: PGlite,
    /** The ORM's statement counter (db.ts), told of every check sent, so tests count them like any statement. */
    private readonly statements: { logQuery(query: string): void },
  ) {
    const raw = client.execProtocolRawSync.bind(client);
    client.execProtocolRawSync = (message: Uint8Array) => {
      this.observe(message);
      return raw(message);
    };
  }

  private observe(message: Uint8Array): void {
    const afterCheck = this.afterCheck;
    this.afterCheck = false;
    // 'S' (Sync), five bytes: the one PGlite's exec() sends after the check's simple query.
    if (afterCheck && message.length === 5 && message[0] === 0x53) return;
    // 'Q' (a simple query): one of ours?
    if (message[0] === 0x51 && this.pending.size > 0) {
      const text = this.decoder.decode(message.subarray(5, message.length - 1));
      if (this.pending.has(text) && this.pending.get(text) === undefined) {
        this.pending.set(text, this.moved);
        this.afterCheck = true;
        return;
      }
    }
    this.moved++;
  }

  /**
   * Sends a version check: `select` is a read-only statement whose first column is the version as text. Resolves to
   * the version and, when it can be reused, the stamp to pass to `unchangedSince`.
   */
  async check(select: string): Promise<{ version: string | undefined; stamp?: number }> {
    const text = `/* read version ${++this.seq} */ SELECT (${select}) AS version, pg_current_xact_id_if_assigned() IS NULL AS clean`;
    this.pending.set(text, undefined);
    this.statements.logQuery(text);
    try {
      const results = await this.client.exec(text);
      const row = results[0]?.rows[0] as { version: string | null; clean: boolean } | undefined;
      const stamp = this.pending.get(text);
      return { version: row?.version ?? undefined, stamp: row?.clean === true ? stamp : undefined };
    } finally {
      this.pending.delete(text);
    }
  }

  /** Whether nothing but version checks has been executed since the check that returned `stamp`. */
  unchangedSince(stamp: number): boolean {
    return this.moved === stamp;
  }
}

/** Tenant ids that may be written into a check's text as literals; anything else is checked with a parameter. */
export function literalIds(ids: readonly string[]): string | null {
  for (const id of ids) if (!/^[A-Za-z0-9_.:@-]{1,200}$/.test(id)) return null;
  return ids.map((id) => `'${id}'`).join(', ');
}
