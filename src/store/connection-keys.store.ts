import { eq } from 'drizzle-orm';
import type { AppDb } from './db';
import { vendorConnections } from './schema';

/**
 * The sealed credentials of every connection, for re-sealing them with a new key (services/credentials-rotation.ts):
 * read with the rows locked, in the caller's transaction, so a replica writing meanwhile waits.
 */
export async function lockSealedCredentials(tx: AppDb): Promise<{ id: string; tenantId: string; sealed: string; keyId: string }[]> {
  return tx
    .select({
      id: vendorConnections.id,
      tenantId: vendorConnections.tenantId,
      sealed: vendorConnections.credentialsSealed,
      keyId: vendorConnections.credentialsKeyId,
    })
    .from(vendorConnections)
    .for('update');
}

export async function resealCredentials(tx: AppDb, connectionId: string, sealed: string, keyId: string): Promise<void> {
  await tx.update(vendorConnections).set({ credentialsSealed: sealed, credentialsKeyId: keyId }).where(eq(vendorConnections.id, connectionId));
}
