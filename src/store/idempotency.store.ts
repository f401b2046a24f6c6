import { and, eq, lt, sql } from 'drizzle-orm';
import type { AppDb } from './db';
import { idempotencyKeys, type IdempotencyKeyRow } from './schema';

/** Idempotency keys (services/idempotency.service.ts): one row per tenant and key, claimed by an insert. */
export class IdempotencyStore {
  constructor(private readonly db: AppDb) {}

  private where(tenantId: string, key: string) {
    return and(eq(idempotencyKeys.tenantId, tenantId), eq(idempotencyKeys.key, key));
  }

  /** Drops the key when it outlived its time, then claims it; false when another request holds it. */
  async claim(tenantId: string, key: string, operation: string, requestHash: string, ttlHours: number): Promise<boolean> {
    await this.db.delete(idempotencyKeys).where(and(this.where(tenantId, key), lt(idempotencyKeys.expiresAt, sql`now()`)));
    const claimed = await this.db
      .insert(idempotencyKeys)
      .values({
        tenantId,
        key,
        operation,
        requestHash,
        state: 'IN_PROGRESS',
        expiresAt: sql`now() + interval '${sql.raw(String(ttlHours))} hours'` as never,
      })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    return claimed.length > 0;
  }

  async complete(tenantId: string, key: string, response: unknown): Promise<void> {
    await this.db.update(idempotencyKeys).set({ state: 'DONE', response }).where(this.where(tenantId, key));
  }

  async release(tenantId: string, key: string): Promise<void> {
    await this.db.delete(idempotencyKeys).where(this.where(tenantId, key));
  }

  async byKey(tenantId: string, key: string): Promise<IdempotencyKeyRow | undefined> {
    const [row] = await this.db.select().from(idempotencyKeys).where(this.where(tenantId, key));
    return row;
  }
}
