import { AppError } from '../../domain/errors';
import { expiresIn } from '../credentials';
import { safeVendorMessage, type VendorHttp, type VendorResponse, type VendorFailure } from '../http';
import type { ConnectionContext, CredentialLifecycle, IssuedToken } from '../port';

/**
 * Webex credentials (developer.webex.com "Integrations"): an admin integration hands out a client id and secret and,
 * after the administrator authorizes it, an access token (14 days) and a refresh token (90 days). The access token is
 * renewed with `POST /v1/access_token` (form-encoded `grant_type=refresh_token`, `client_id`, `client_secret`,
 * `refresh_token`), which answers `{access_token, expires_in, refresh_token, refresh_token_expires_in}`. A personal
 * or service-app token given alone stays STATIC, as before.
 */
export const WEBEX_INTEGRATION_FIELDS = ['clientId', 'clientSecret', 'refreshToken'] as const;

/** The token endpoint's answer, names as the docs spell them. */
export interface WebexAccessTokenResponse {
  access_token: string;
  expires_in: number;
  refresh_token?: string;
  refresh_token_expires_in?: number;
}

/** 400 (invalid_grant, a revoked or expired refresh token) and 401 (a wrong client) refuse the credentials. */
export function webexTokenFailure(res: VendorResponse): VendorFailure | null {
  if (res.status < 400) return null;
  const body = (res.json && typeof res.json === 'object' ? res.json : {}) as Record<string, unknown>;
  const message = safeVendorMessage(body.error_description ?? body.message);
  const vendorCode = typeof body.error === 'string' ? body.error : res.status;
  if (res.status >= 500) return { code: 'VENDOR_UNAVAILABLE', vendorCode, ...(message ? { vendorMessage: message } : {}) };
  return { code: 'VENDOR_AUTH_FAILED', vendorCode, ...(message ? { vendorMessage: message } : {}) };
}

export function webexCredentialLifecycle(http: VendorHttp, now: () => number = Date.now): CredentialLifecycle {
  return {
    kindOf: (c) => (c.refreshToken ? 'OAUTH_REFRESH' : 'STATIC'),
    // A day ahead of a 14-day token: renewal happens on an ordinary call, never in a hurry.
    renewBeforeMs: 24 * 3600_000,
    reconnectHint: 'reconnect this Webex integration (authorize it again in Webex and save its new refresh token)',
    checkCredentials(c) {
      const given = WEBEX_INTEGRATION_FIELDS.filter((f) => c[f]);
      if (given.length === 0) {
        return c.accessToken ? [] : [{ name: null, message: 'give an accessToken, or an integration: clientId, clientSecret and refreshToken' }];
      }
      return WEBEX_INTEGRATION_FIELDS.filter((f) => !c[f]).map((f) => ({
        name: null,
        message: `"${f}" is required with ${given.join(', ')} (a Webex integration)`,
      }));
    },
    async obtain(conn: ConnectionContext, current: IssuedToken | null): Promise<IssuedToken> {
      const { clientId, clientSecret } = conn.credentials;
      const refreshToken = current?.refreshToken || conn.credentials.refreshToken;
      if (!clientId || !clientSecret || !refreshToken) {
        throw new AppError('VENDOR_AUTH_FAILED', 'Webex Calling connection has no integration credentials to renew its token with', {
          vendor: 'WEBEX',
        });
      }
      // Not repeated after a timeout: Webex may rotate the refresh token, and a lost answer would lose the new one.
      const res = await http.send(
        conn,
        {
          operation: 'POST /access_token',
          method: 'POST',
          path: '/access_token',
          form: { grant_type: 'refresh_token', client_id: clientId, client_secret: clientSecret, refresh_token: refreshToken },
          idempotent: false,
          expectJson: true,
        },
        webexTokenFailure,
      );
      const body = res.json as WebexAccessTokenResponse;
      if (!body || typeof body.access_token !== 'string' || !body.access_token) {
        throw new AppError('VENDOR_UNAVAILABLE', 'Webex Calling answered the token request without an access token', {
          vendor: 'WEBEX',
          retryable: true,
        });
      }
      const at = now();
      return {
        accessToken: body.access_token,
        accessExpiresAt: expiresIn(body.expires_in, at),
        refreshToken: body.refresh_token || refreshToken,
        refreshExpiresAt: expiresIn(body.refresh_token_expires_in, at) ?? current?.refreshExpiresAt ?? null,
      };
    },
  };
}
