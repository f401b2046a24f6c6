import { createHash } from 'node:crypto';
import { AppError } from '../domain/errors';
import type { AccessTokens, ConnectionContext, CredentialLifecycle, IssuedToken } from './port';

/**
 * Tokens kept in this process, for an adapter used without the service (contract tests, a script). The service
 * hands adapters `conn.tokens`, shared by every replica through PostgreSQL; this keeps the same rules in one process:
 * one renewal at a time per connection, reuse until near expiry, no renewal retried after a refusal.
 */
export class ProcessTokens {
  private readonly entries = new Map<string, { fingerprint: string; token: IssuedToken }>();
  private readonly pending = new Map<string, Promise<IssuedToken>>();
  /** Renewals made (obtain calls), for tests. */
  renewals = 0;

  constructor(readonly now: () => number = Date.now) {}

  forget(connectionId: string): void {
    this.entries.delete(connectionId);
  }

  peek(conn: ConnectionContext): IssuedToken | undefined {
    const e = this.entries.get(conn.connectionId);
    return e && e.fingerprint === fingerprintOf(conn) ? e.token : undefined;
  }

  for(conn: ConnectionContext, lifecycle: CredentialLifecycle, seed?: IssuedToken): AccessTokens {
    const fingerprint = fingerprintOf(conn);
    if (seed && !this.peek(conn)) this.entries.set(conn.connectionId, { fingerprint, token: seed });
    const usable = (t: IssuedToken | undefined, refused?: string): t is IssuedToken =>
      !!t && t.accessToken !== refused && (t.accessExpiresAt === null || t.accessExpiresAt - lifecycle.renewBeforeMs > this.now());
    const renew = (refused?: string): Promise<IssuedToken> => {
      const running = this.pending.get(conn.connectionId);
      if (running) return running;
      const p = (async () => {
        const again = this.peek(conn);
        if (usable(again, refused)) return again;
        this.renewals++;
        const token = await lifecycle.obtain(conn, again ?? null);
        this.entries.set(conn.connectionId, { fingerprint, token });
        return token;
      })().finally(() => this.pending.delete(conn.connectionId));
      this.pending.set(conn.connectionId, p);
      return p;
    };
    return {
      current: async () => {
        const t = this.peek(conn);
        return usable(t) ? t.accessToken : (await renew()).accessToken;
      },
      renewed: async (refused) => (await renew(refused)).accessToken,
    };
  }
}

/** Tokens are per credential set: replacing the credentials must not reuse a token the old ones obtained. */
function fingerprintOf(conn: ConnectionContext): string {
  return createHash('sha256')
    .update(`${conn.baseUrl}\n${JSON.stringify(Object.entries(conn.credentials).sort())}`)
    .digest('hex');
}

/**
 * Sends with the connection's current token; when the vendor refuses it as expired or revoked (`refused`), renews it
 * once (single flight) and sends again once. A second refusal is the vendor's answer.
 */
export async function withAccessToken<T>(tokens: AccessTokens, run: (token: string) => Promise<T>, refused: (e: unknown) => boolean): Promise<T> {
  const token = await tokens.current();
  try {
    return await run(token);
  } catch (e) {
    if (!refused(e)) throw e;
    return run(await tokens.renewed(token));
  }
}

export const isAuthFailure = (e: unknown): boolean => e instanceof AppError && e.code === 'VENDOR_AUTH_FAILED';

/** Epoch ms from a vendor's "expires in N seconds", or null when absent or unreadable. */
export function expiresIn(seconds: unknown, now: number): number | null {
  const n = Number(seconds);
  return Number.isFinite(n) && n > 0 ? now + n * 1000 : null;
}
