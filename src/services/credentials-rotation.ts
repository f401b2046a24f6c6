import type { SecretBox } from '../crypto/secrets';
import { AuditStore } from '../store/audit.store';
import { lockSealedCredentials, resealCredentials } from '../store/connection-keys.store';
import type { Database } from '../store/db';
import { resealTokenRows, tokenAad } from '../store/credential-token.store';

export interface RotationReport {
  /** Connections looked at. */
  total: number;
  /** Re-sealed with the current key. */
  resealed: number;
  /** Already sealed with the current key (re-sealed anyway: a fresh nonce costs nothing). */
  alreadyCurrent: number;
  /** Per key id, how many values were sealed with it before the rotation. */
  byPreviousKey: Record<string, number>;
  /** Vendor-issued tokens (services/credential-tokens.ts) re-sealed in the same transaction. */
  tokensResealed?: number;
}

export class RotationError extends Error {
  constructor(readonly failures: { connectionId: string; keyId: string | undefined }[]) {
    super(
      `${failures.length} connection(s) could not be opened with CREDENTIALS_KEY or CREDENTIALS_KEY_PREVIOUS; nothing was changed:\n` +
        failures.map((f) => `  - ${f.connectionId} (sealed with key ${f.keyId ?? 'unknown'})`).join('\n'),
    );
    this.name = 'RotationError';
  }
}

/**
 * Re-seals every connection's credentials with the current key (after CREDENTIALS_KEY changed and the old key moved
 * to CREDENTIALS_KEY_PREVIOUS), in one transaction with the rows locked: either every value is re-sealed or none
 * is, and a replica writing meanwhile waits. Values are opened and re-sealed in memory only; nothing is logged.
 * Once it reports success the previous key can be dropped from CREDENTIALS_KEY_PREVIOUS.
 */
export async function rotateCredentials(database: Database, secrets: SecretBox): Promise<RotationReport> {
  const audit = new AuditStore(database.db);
  return database.db.transaction(async (tx) => {
    const rows = await lockSealedCredentials(tx);
    const report: RotationReport = { total: rows.length, resealed: 0, alreadyCurrent: 0, byPreviousKey: {} };
    const failures: RotationError['failures'] = [];
    const updates: { id: string; tenantId: string; fromKey: string; sealed: string }[] = [];
    for (const row of rows) {
      const keyId = secrets.keyIdOf(row.sealed);
      let plain: string;
      try {
        // The connection id is the AAD: a sealed value moved to another row does not open.
        plain = secrets.open(row.sealed, row.id);
      } catch {
        failures.push({ connectionId: row.id, keyId });
        continue;
      }
      if (keyId === secrets.currentKeyId) report.alreadyCurrent++;
      else report.byPreviousKey[keyId ?? 'unknown'] = (report.byPreviousKey[keyId ?? 'unknown'] ?? 0) + 1;
      updates.push({ id: row.id, tenantId: row.tenantId, fromKey: row.keyId, sealed: secrets.seal(plain, row.id) });
    }
    if (failures.length) throw new RotationError(failures);
    for (const u of updates) {
      await resealCredentials(tx, u.id, u.sealed, secrets.currentKeyId);
      // Key ids only: which key sealed the credentials before and after, never the credentials.
      await audit.record(tx, {
        tenantId: u.tenantId,
        actor: 'system:rotate-credentials',
        action: 'connection.rotate_credentials_key',
        targetType: 'VendorConnection',
        targetId: u.id,
        before: { credentialsKeyId: u.fromKey },
        after: { credentialsKeyId: secrets.currentKeyId },
      });
      report.resealed++;
    }
    report.tokensResealed = await resealTokenRows(tx, (sealed, connectionId) => {
      const aad = tokenAad(connectionId);
      try {
        return { sealed: secrets.seal(secrets.open(sealed, aad), aad), keyId: secrets.currentKeyId };
      } catch {
        return null;
      }
    });
    return report;
  });
}
