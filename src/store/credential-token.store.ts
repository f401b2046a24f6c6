import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { AppDb } from './db';
import { vendorCredentialTokens, type CredentialTokenRow } from './schema';

/** The AAD a token is sealed with: a sealed token moved to another row, or taken for credentials, does not open. */
export const tokenAad = (connectionId: string): string => `${connectionId}:token`;

export type { CredentialTokenRow };

export interface SealedToken {
  tokenSealed: string;
  tokenKeyId: string;
  accessExpiresAt: Date | null;
  refreshExpiresAt: Date | null;
}

/**
 * One connection's vendor token, shared by every replica. Renewal is single-flight across replicas: a replica takes
 * the row's lease under `SELECT ... FOR UPDATE` (a short transaction, never held across the vendor call), renews,
 * and writes the new token with the next generation only while it still holds the lease.
 */
export class CredentialTokenStore {
  constructor(private readonly db: AppDb) {}

  async read(connectionId: string): Promise<CredentialTokenRow | undefined> {
    const [row] = await this.db.select().from(vendorCredentialTokens).where(eq(vendorCredentialTokens.connectionId, connectionId));
    return row;
  }

  /**
   * Takes the renewal lease unless another replica holds an unexpired one. Answers the row as it is under the lock
   * (the caller compares its generation with the one it saw: another replica may have renewed meanwhile) and whether
   * the lease is now ours.
   */
  async claim(connectionId: string, tenantId: string, owner: string, leaseMs: number): Promise<{ row: CredentialTokenRow; claimed: boolean }> {
    return this.db.transaction(async (tx) => {
      await tx.insert(vendorCredentialTokens).values({ connectionId, tenantId }).onConflictDoNothing();
      const [locked] = await tx
        .select({
          ...getTableColumns(vendorCredentialTokens),
          leaseLive: sql<boolean>`coalesce(${vendorCredentialTokens.refreshingUntil} > now(), false)`,
        })
        .from(vendorCredentialTokens)
        .where(eq(vendorCredentialTokens.connectionId, connectionId))
        .for('update');
      const { leaseLive, ...row } = locked!;
      const held = row.refreshingBy !== null && row.refreshingBy !== owner && leaseLive;
      if (held) return { row, claimed: false };
      const [mine] = await tx
        .update(vendorCredentialTokens)
        .set({ refreshingBy: owner, refreshingUntil: sql`now() + ${`${Math.ceil(leaseMs)} milliseconds`}::interval` })
        .where(eq(vendorCredentialTokens.connectionId, connectionId))
        .returning();
      return { row: mine!, claimed: true };
    });
  }

  /** Stores a renewed token and gives the lease back; false when the lease was lost (then nothing is written). */
  async store(connectionId: string, owner: string, token: SealedToken, countRefresh: boolean): Promise<CredentialTokenRow | undefined> {
    const [row] = await this.db
      .update(vendorCredentialTokens)
      .set({
        ...token,
        generation: sql`${vendorCredentialTokens.generation} + 1`,
        refreshes: countRefresh ? sql`${vendorCredentialTokens.refreshes} + 1` : vendorCredentialTokens.refreshes,
        refreshingBy: null,
        refreshingUntil: null,
        updatedAt: new Date(),
      })
      .where(and(eq(vendorCredentialTokens.connectionId, connectionId), eq(vendorCredentialTokens.refreshingBy, owner)))
      .returning();
    return row;
  }

  async release(connectionId: string, owner: string): Promise<void> {
    await this.db
      .update(vendorCredentialTokens)
      .set({ refreshingBy: null, refreshingUntil: null })
      .where(and(eq(vendorCredentialTokens.connectionId, connectionId), eq(vendorCredentialTokens.refreshingBy, owner)));
  }

  /** Seeds a token handed over at onboarding (an access token given with the refresh token), in the caller's transaction. */
  async seed(tx: AppDb, connectionId: string, tenantId: string, token: SealedToken): Promise<void> {
    await tx
      .insert(vendorCredentialTokens)
      .values({ connectionId, tenantId, ...token, generation: 1 })
      .onConflictDoUpdate({
        target: vendorCredentialTokens.connectionId,
        set: { ...token, generation: sql`${vendorCredentialTokens.generation} + 1`, updatedAt: new Date() },
      });
  }

  /** Forgets the connection's token (credentials replaced); answers what was there so it can be released at the vendor. */
  async take(tx: AppDb, connectionId: string): Promise<CredentialTokenRow | undefined> {
    const [row] = await tx.delete(vendorCredentialTokens).where(eq(vendorCredentialTokens.connectionId, connectionId)).returning();
    return row;
  }
}

/**
 * Re-seals every stored token with `reseal` (credentials key rotation), in the caller's transaction; a token that
 * no configured key opens is dropped (the connection obtains a new one). Answers how many were re-sealed.
 */
export async function resealTokenRows(
  tx: AppDb,
  reseal: (sealed: string, connectionId: string) => { sealed: string; keyId: string } | null,
): Promise<number> {
  const rows = await tx
    .select({ id: vendorCredentialTokens.connectionId, sealed: vendorCredentialTokens.tokenSealed })
    .from(vendorCredentialTokens)
    .for('update');
  let n = 0;
  for (const row of rows) {
    if (!row.sealed) continue;
    const next = reseal(row.sealed, row.id);
    await tx
      .update(vendorCredentialTokens)
      .set(
        next
          ? { tokenSealed: next.sealed, tokenKeyId: next.keyId }
          : { tokenSealed: null, tokenKeyId: null, accessExpiresAt: null, refreshExpiresAt: null },
      )
      .where(eq(vendorCredentialTokens.connectionId, row.id));
    if (next) n++;
  }
  return n;
}
