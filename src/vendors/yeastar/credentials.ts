import { AppError } from '../../domain/errors';
import { expiresIn } from '../credentials';
import type { VendorHttp } from '../http';
import type { ConnectionContext, CredentialLifecycle, IssuedToken } from '../port';
import { EXPIRY_MARGIN_MS, YeastarClient } from './client';
import type { YeastarTokenResponse } from './wire';

/**
 * Yeastar P-Series: the API client id/secret are TOKEN_EXCHANGE credentials (developer guide "Get Access Token",
 * "Refresh Access Token", "Revoke Access Token"): get_token trades them for an access token (30 minutes) and a
 * refresh token (24 hours); refresh_token renews the pair (the old pair stops working); del_token revokes one.
 * The PBX allows few live tokens per API client, so one token serves a connection on every replica and across
 * restarts (services/credential-tokens.ts) and is revoked when the connection stops using it (credentials replaced,
 * connection removed), not when a process stops: the next process goes on with it.
 */
export function yeastarCredentialLifecycle(
  http: VendorHttp,
  counters?: { getToken: number; refreshToken: number },
  now: () => number = Date.now,
): CredentialLifecycle {
  return {
    kindOf: () => 'TOKEN_EXCHANGE',
    renewBeforeMs: EXPIRY_MARGIN_MS,
    reconnectHint: 'check the API client id and secret on the PBX (Integrations > API) and save them again',
    async obtain(conn: ConnectionContext, current: IssuedToken | null): Promise<IssuedToken> {
      const client = new YeastarClient(http, conn, undefined, counters);
      let res: YeastarTokenResponse | undefined;
      if (current?.refreshToken && (current.refreshExpiresAt ?? 0) - EXPIRY_MARGIN_MS > now()) {
        try {
          res = await client.refreshToken(current.refreshToken);
        } catch (e) {
          // A refused refresh token falls back to one fresh login; unavailability is not the credentials' fault.
          if (!(e instanceof AppError && e.code === 'VENDOR_AUTH_FAILED')) throw e;
        }
      }
      res ??= await client.getToken();
      if (!res || typeof res.access_token !== 'string' || !res.access_token) {
        throw new AppError('VENDOR_UNAVAILABLE', 'Yeastar P-Series answered the token request without a token', {
          vendor: 'YEASTAR',
          retryable: true,
        });
      }
      const at = now();
      return {
        accessToken: res.access_token,
        accessExpiresAt: expiresIn(res.access_token_expire_time, at) ?? at + 1800_000,
        refreshToken: res.refresh_token,
        refreshExpiresAt: expiresIn(res.refresh_token_expire_time, at) ?? at + 86400_000,
      };
    },
    async release(conn: ConnectionContext, token: IssuedToken): Promise<void> {
      if (token.accessExpiresAt !== null && token.accessExpiresAt <= now()) return;
      await new YeastarClient(http, conn).delToken(token.accessToken);
    },
  };
}
