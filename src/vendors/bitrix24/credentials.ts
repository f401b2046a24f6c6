import { AppError } from '../../domain/errors';
import { expiresIn } from '../credentials';
import { safeVendorMessage, type VendorFailure, type VendorHttp, type VendorResponse } from '../http';
import type { ConnectionContext, CredentialLifecycle, IssuedToken } from '../port';

/**
 * Bitrix24 credential shapes (README 004, b24restdocs "OAuth 2.0 protocol"): an incoming webhook (userId +
 * webhookSecret) and a bare application accessToken stay STATIC; an application's client id/secret with its
 * refresh token is OAUTH_REFRESH: access tokens live one hour and are renewed at Bitrix24's OAuth server
 * (`https://oauth.bitrix.info/oauth/token/?grant_type=refresh_token&client_id&client_secret&refresh_token`), which
 * answers a new access token and a new refresh token (the used one stops working) with `expires_in`.
 */
export const BITRIX24_OAUTH_SERVER = 'https://oauth.bitrix.info';
const APPLICATION_FIELDS = ['clientId', 'clientSecret', 'refreshToken'] as const;

export interface B24TokenResponse {
  access_token: string;
  expires?: number;
  expires_in?: number;
  refresh_token?: string;
  client_endpoint?: string;
  member_id?: string;
}

/** The OAuth server answers `{error, error_description}`: invalid_grant (refresh token) and invalid_client refuse. */
export function bitrixTokenFailure(res: VendorResponse): VendorFailure | null {
  const body = (res.json && typeof res.json === 'object' ? res.json : {}) as Record<string, unknown>;
  if (res.status < 400 && !body.error) return null;
  const vendorCode = typeof body.error === 'string' && body.error ? body.error : res.status;
  const message = safeVendorMessage(body.error_description);
  const base = { vendorCode, ...(message ? { vendorMessage: message } : {}) };
  if (res.status >= 500) return { code: 'VENDOR_UNAVAILABLE', ...base };
  return { code: 'VENDOR_AUTH_FAILED', ...base };
}

export function bitrix24CredentialLifecycle(http: VendorHttp, now: () => number = Date.now): CredentialLifecycle {
  return {
    kindOf: (c) => (c.refreshToken ? 'OAUTH_REFRESH' : 'STATIC'),
    // Five minutes ahead of a one-hour token.
    renewBeforeMs: 5 * 60_000,
    reconnectHint: 'reconnect this Bitrix24 application (open it in the portal to authorize it again and save its new refresh token)',
    checkCredentials(c) {
      const problems: { name: string | null; message: string }[] = [];
      if (!!c.userId !== !!c.webhookSecret)
        problems.push({ name: c.userId ? 'userId' : 'webhookSecret', message: 'an incoming webhook needs both userId and webhookSecret' });
      const app = APPLICATION_FIELDS.filter((f) => c[f]);
      if (app.length) {
        for (const f of APPLICATION_FIELDS)
          if (!c[f]) problems.push({ name: null, message: `"${f}" is required with ${app.join(', ')} (a Bitrix24 application)` });
      }
      if (!c.userId && !c.webhookSecret && !c.accessToken && app.length === 0) {
        problems.push({
          name: null,
          message: 'give an incoming webhook (userId, webhookSecret) or an application (clientId, clientSecret, refreshToken)',
        });
      }
      return problems;
    },
    async obtain(conn: ConnectionContext, current: IssuedToken | null): Promise<IssuedToken> {
      const { clientId, clientSecret } = conn.credentials;
      const refreshToken = current?.refreshToken || conn.credentials.refreshToken;
      if (!clientId || !clientSecret || !refreshToken) {
        throw new AppError('VENDOR_AUTH_FAILED', 'Bitrix24 connection has no application credentials to renew its token with', {
          vendor: 'BITRIX24',
        });
      }
      // Never repeated: the server rotates the refresh token, so a repeat after a lost answer would be refused.
      const res = await http.send(
        { ...conn, baseUrl: conn.settings.oauthServer || BITRIX24_OAUTH_SERVER },
        {
          operation: 'oauth/token',
          method: 'GET',
          path: '/oauth/token/',
          query: { grant_type: 'refresh_token', client_id: clientId, client_secret: clientSecret, refresh_token: refreshToken },
          secretQuery: ['client_id', 'client_secret', 'refresh_token'],
          idempotent: false,
          expectJson: true,
        },
        bitrixTokenFailure,
      );
      const body = res.json as B24TokenResponse;
      if (!body || typeof body.access_token !== 'string' || !body.access_token) {
        throw new AppError('VENDOR_UNAVAILABLE', 'Bitrix24 answered the token request without an access token', {
          vendor: 'BITRIX24',
          retryable: true,
        });
      }
      const at = now();
      return {
        accessToken: body.access_token,
        accessExpiresAt: expiresIn(body.expires_in ?? 3600, at),
        refreshToken: body.refresh_token || refreshToken,
        // 28 days from the refresh (b24restdocs); not in the answer.
        refreshExpiresAt: at + 28 * 86400_000,
      };
    },
  };
}
