import { randomUUID } from 'node:crypto';
import { AppError } from '../domain/errors';
import type { VendorKind } from '../domain/vendor-kind';
import { CredentialTokenStore, tokenAad, type CredentialTokenRow } from '../store/credential-token.store';
import type { ConnectionRecord } from '../store/connection.store';
import type { AccessTokens, ConnectionContext, CredentialLifecycle, IssuedToken } from '../vendors/port';
import type { CredentialEvent, ServiceDeps } from './deps';

export type { CredentialEvent } from './deps';

export const AUTH_EXPIRED = 'AUTH_EXPIRED';

export interface CredentialTokenSettings {
  /** How long a replica may hold the renewal lease (a dead replica blocks the others this long at most). */
  leaseMs: number;
  /** How long a caller waits for another replica's renewal before answering VENDOR_UNAVAILABLE (retryable). */
  waitMs: number;
  pollMs: number;
}

const DEFAULTS: CredentialTokenSettings = { leaseMs: 30_000, waitMs: 35_000, pollMs: 100 };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Vendor-issued tokens shared by every replica (issue 16). Each connection's token lives sealed in
 * vendor_credential_tokens; a process keeps the last one it read and goes back to the database only when that one
 * is near expiry or the vendor refused it. Renewal is single-flight twice over: one per connection in this process,
 * and one across replicas through the row's lease taken under a row lock; whoever waited re-reads the row and uses
 * the token the other replica stored. A refresh token the vendor refuses is never tried again: the connection turns
 * AUTH_EXPIRED (audit entry, metric) and every call on it fails at once with VENDOR_AUTH_EXPIRED, which work
 * queues hold on, until someone reconnects it (new credentials).
 */
export class CredentialTokens {
  readonly store: CredentialTokenStore;
  private readonly owner = randomUUID();
  /** Per connection, with the sealed credentials the token belongs to: a reconnect on another replica misses it. */
  private readonly cache = new Map<string, { generation: number; credentials: string; token: IssuedToken }>();
  private readonly pending = new Map<string, Promise<IssuedToken>>();
  private readonly settings: CredentialTokenSettings;

  constructor(
    private readonly deps: ServiceDeps,
    settings: Partial<CredentialTokenSettings> = {},
  ) {
    this.store = new CredentialTokenStore(deps.stores.db);
    this.settings = { ...DEFAULTS, ...settings };
  }

  private aad(connectionId: string): string {
    return tokenAad(connectionId);
  }

  seal(connectionId: string, token: IssuedToken) {
    return {
      tokenSealed: this.deps.secrets.seal(JSON.stringify(token), this.aad(connectionId)),
      tokenKeyId: this.deps.secrets.currentKeyId,
      accessExpiresAt: token.accessExpiresAt === null ? null : new Date(token.accessExpiresAt),
      refreshExpiresAt: token.refreshExpiresAt ? new Date(token.refreshExpiresAt) : null,
    };
  }

  /** The stored token, or null (none yet, or sealed with a key no longer configured: then a new one is obtained). */
  open(row: CredentialTokenRow | undefined): IssuedToken | null {
    if (!row?.tokenSealed) return null;
    try {
      return JSON.parse(this.deps.secrets.open(row.tokenSealed, this.aad(row.connectionId))) as IssuedToken;
    } catch {
      return null;
    }
  }

  forget(connectionId: string): void {
    this.cache.delete(connectionId);
  }

  private event(vendor: VendorKind, outcome: CredentialEvent['outcome']) {
    this.deps.onCredentialEvent?.({ vendor, outcome });
  }

  /**
   * The token source handed to the adapter for one call (or to a long-running worker for many). `credentialsSealed`
   * names the credentials `conn` was read with: once the connection is reconnected (new credentials), this source
   * never offers the vendor the old refresh token again (it was refused or withdrawn: offering it would turn the
   * reconnected connection AUTH_EXPIRED) nor uses a token of the old credentials; it answers a retryable error, and
   * work holds and reads the connection again.
   */
  forConnection(
    record: ConnectionRecord,
    conn: ConnectionContext,
    lifecycle: CredentialLifecycle,
    displayName: string,
    credentialsSealed: string,
  ): AccessTokens {
    const usable = (t: IssuedToken | null | undefined, refused?: string): t is IssuedToken =>
      !!t && t.accessToken !== refused && (t.accessExpiresAt === null || t.accessExpiresAt - lifecycle.renewBeforeMs > Date.now());
    const expired = () =>
      new AppError('VENDOR_AUTH_EXPIRED', `${displayName} no longer accepts this connection's authorization: ${lifecycle.reconnectHint}`, {
        vendor: record.vendor,
        connectionId: record.id,
      });
    const id = record.id;
    const mine = { record, conn, lifecycle, credentials: credentialsSealed, usable, expired };

    // Single flight per connection and credentials: a worker still on the old credentials never joins a renewal
    // made with the new ones (nor the reverse).
    const key = `${id}:${credentialsSealed}`;
    const renew = (refused?: string): Promise<IssuedToken> => {
      const running = this.pending.get(key);
      if (running) return running;
      const p = this.renewAcrossReplicas(mine, refused).finally(() => this.pending.delete(key));
      this.pending.set(key, p);
      return p;
    };

    return {
      current: async () => {
        if (record.status === AUTH_EXPIRED) throw expired();
        const cached = this.cache.get(id);
        if (cached?.credentials === credentialsSealed && usable(cached.token)) return cached.token.accessToken;
        const row = await this.store.read(id);
        const stored = this.open(row);
        if (row && usable(stored)) {
          await this.checkCurrent(mine);
          this.cache.set(id, { generation: row.generation, credentials: credentialsSealed, token: stored });
          return stored.accessToken;
        }
        return (await renew()).accessToken;
      },
      renewed: async (refused) => {
        if (record.status === AUTH_EXPIRED) throw expired();
        return (await renew(refused)).accessToken;
      },
    };
  }

  /** Throws a retryable error when the connection's credentials are no longer the ones this source was made with. */
  private async checkCurrent(src: TokenSource): Promise<void> {
    const now = await this.deps.stores.connections.sealedCredentials([src.record.tenantId], src.record.id);
    if (now?.credentialsSealed === src.credentials) return;
    this.deps.logger.info({ connectionId: src.record.id }, 'connection reconnected meanwhile: the caller reads it again');
    throw new AppError('VENDOR_UNAVAILABLE', `This ${src.record.vendor} connection was reconnected while the call was prepared; try again`, {
      vendor: src.record.vendor,
      retryable: true,
    });
  }

  private async renewAcrossReplicas(src: TokenSource, refused: string | undefined): Promise<IssuedToken> {
    const { record, conn, lifecycle, usable, expired } = src;
    const { leaseMs, waitMs, pollMs } = this.settings;
    const deadline = Date.now() + waitMs;
    for (;;) {
      const { row, claimed } = await this.store.claim(record.id, record.tenantId, this.owner, leaseMs);
      const stored = this.open(row);
      // Another replica renewed while we waited for the lock: its token is ours too.
      if (usable(stored, refused)) {
        if (claimed) await this.store.release(record.id, this.owner);
        await this.checkCurrent(src);
        this.cache.set(record.id, { generation: row.generation, credentials: src.credentials, token: stored });
        return stored;
      }
      if (!claimed) {
        if (Date.now() > deadline) {
          throw new AppError('VENDOR_UNAVAILABLE', `Another replica is renewing this connection's ${record.vendor} token; try again shortly`, {
            vendor: record.vendor,
            retryable: true,
          });
        }
        await sleep(pollMs);
        continue;
      }
      // Another replica may have had the refresh token refused while we waited: never offer it to the vendor again.
      const [fresh] = await this.deps.stores.connections.byIds([record.tenantId], [record.id]);
      if (!fresh || fresh.status === AUTH_EXPIRED) {
        await this.store.release(record.id, this.owner);
        throw expired();
      }
      // Reconnected since this source was made: its refresh token is the replaced one.
      try {
        await this.checkCurrent(src);
      } catch (e) {
        await this.store.release(record.id, this.owner);
        throw e;
      }
      let issued: IssuedToken;
      try {
        issued = await lifecycle.obtain(conn, stored);
      } catch (e) {
        await this.store.release(record.id, this.owner).catch(() => undefined);
        if (e instanceof AppError && e.code === 'VENDOR_AUTH_FAILED' && lifecycle.kindOf(conn.credentials) === 'OAUTH_REFRESH') {
          this.event(record.vendor, 'refused');
          // Reconnected during the call: the refusal is about the replaced credentials, not the connection's.
          await this.checkCurrent(src);
          await this.markExpired(record, e, lifecycle);
          throw expired();
        }
        this.event(record.vendor, 'failed');
        throw e;
      }
      const written = await this.store.store(record.id, this.owner, this.seal(record.id, issued), stored !== null);
      this.event(record.vendor, stored ? 'refreshed' : 'obtained');
      this.cache.set(record.id, { generation: written?.generation ?? row.generation + 1, credentials: src.credentials, token: issued });
      return issued;
    }
  }

  /** The connection's clear state once its refresh token is refused: status, last error and an audit entry, once. */
  private async markExpired(record: ConnectionRecord, cause: AppError, lifecycle: CredentialLifecycle): Promise<void> {
    const { stores } = this.deps;
    // Read before the transaction: on PGlite a statement outside the open transaction would wait for it forever.
    const [current] = await stores.connections.byIds([record.tenantId], [record.id]);
    if (!current || current.status === AUTH_EXPIRED) return;
    await stores.db.transaction(async (tx) => {
      const lastError = {
        code: 'VENDOR_AUTH_EXPIRED',
        message: `The vendor refused the refresh token: ${lifecycle.reconnectHint}`,
        vendorCode: (cause.details.vendorCode as string | number | undefined) ?? null,
        vendorMessage: (cause.details.vendorMessage as string | undefined) ?? null,
        at: new Date().toISOString(),
      };
      const updated = await stores.connections.update(tx, [record.tenantId], record.id, {
        status: AUTH_EXPIRED,
        lastError,
        lastCheckedAt: new Date(),
      });
      await stores.audit.record(tx, {
        tenantId: record.tenantId,
        actor: 'system',
        action: 'connection.auth_expired',
        targetType: 'VendorConnection',
        targetId: record.id,
        before: { status: current.status },
        after: { status: updated?.status ?? AUTH_EXPIRED },
        outcome: { ok: false, error: lastError },
      });
    });
    this.deps.logger.warn({ connectionId: record.id, vendor: record.vendor }, 'vendor refused the refresh token: connection is AUTH_EXPIRED');
  }

  /**
   * The connection stops using its token (credentials replaced, connection removed): the row goes in the caller's
   * transaction; `release` afterwards gives the token back at the vendor (best effort: it expires anyway).
   */
  async take(tx: Parameters<CredentialTokenStore['take']>[0], connectionId: string): Promise<IssuedToken | null> {
    this.cache.delete(connectionId);
    return this.open(await this.store.take(tx, connectionId));
  }

  async release(vendor: VendorKind, conn: ConnectionContext, lifecycle: CredentialLifecycle, token: IssuedToken | null): Promise<void> {
    if (!token || !lifecycle.release) return;
    try {
      await lifecycle.release(conn, token);
      this.event(vendor, 'released');
    } catch (e) {
      this.deps.logger.warn({ err: e, connectionId: conn.connectionId }, 'could not release the vendor token; it expires on its own');
    }
  }
}

interface TokenSource {
  record: ConnectionRecord;
  conn: ConnectionContext;
  lifecycle: CredentialLifecycle;
  /** The sealed credentials `conn` was read with. */
  credentials: string;
  usable: (t: IssuedToken | null | undefined, refused?: string) => t is IssuedToken;
  expired: () => AppError;
}
