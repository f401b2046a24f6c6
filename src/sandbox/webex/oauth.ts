import { type Reply, type RequestContext, type RouteDef } from '../common';
import { OAuthTokens } from '../common/oauth';

/**
 * Webex's token endpoint for admin integrations (developer.webex.com "Integrations", "Access Token"):
 * `POST /v1/access_token`, form-encoded `grant_type=refresh_token&client_id&client_secret&refresh_token`, answers
 * `{access_token, expires_in, refresh_token, refresh_token_expires_in}`. Access tokens live 14 days, refresh tokens
 * 90 days; a refresh returns the same refresh token (Webex renews its lifetime) and leaves earlier access tokens
 * valid until they expire. An expired access token answers the API's ordinary 401.
 */
export const WEBEX_SANDBOX_CLIENT_ID = 'webex-sandbox-client-id';
export const WEBEX_SANDBOX_CLIENT_SECRET = 'webex-sandbox-client-secret';
export const WEBEX_SANDBOX_REFRESH_TOKEN = 'webex-sandbox-refresh-token';
export const WEBEX_ACCESS_TOKEN_TTL_SECONDS = 14 * 86400;
export const WEBEX_REFRESH_TOKEN_TTL_SECONDS = 90 * 86400;

export interface WebexIntegrationOptions {
  clientId?: string;
  clientSecret?: string;
  refreshTokens?: string[];
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
}

export function webexOAuth(options: WebexIntegrationOptions = {}, now?: () => number): OAuthTokens {
  const clientId = options.clientId ?? WEBEX_SANDBOX_CLIENT_ID;
  return new OAuthTokens({
    clients: [{ clientId, clientSecret: options.clientSecret ?? WEBEX_SANDBOX_CLIENT_SECRET }],
    refreshTokens: { [clientId]: options.refreshTokens ?? [WEBEX_SANDBOX_REFRESH_TOKEN] },
    accessTtlSeconds: options.accessTokenTtlSeconds ?? WEBEX_ACCESS_TOKEN_TTL_SECONDS,
    refreshTtlSeconds: options.refreshTokenTtlSeconds ?? WEBEX_REFRESH_TOKEN_TTL_SECONDS,
    rotateRefreshToken: false,
    now,
  });
}

const DESCRIPTIONS = {
  invalid_request: 'grant_type must be refresh_token, with client_id, client_secret and refresh_token.',
  invalid_client: 'Invalid client_id or client_secret.',
  invalid_grant: 'The refresh token provided is expired, revoked, malformed, or invalid.',
} as const;

export function webexOAuthRoutes(oauth: OAuthTokens, error: (ctx: RequestContext, status: number, message: string) => Reply): RouteDef[] {
  return [
    {
      method: 'POST',
      path: '/v1/access_token',
      handler: (ctx) => {
        if (ctx.contentType !== 'application/x-www-form-urlencoded')
          return error(ctx, 400, 'Content-Type must be application/x-www-form-urlencoded.');
        const form = (ctx.body ?? {}) as Record<string, unknown>;
        if (typeof form.client_id === 'string') ctx.setAuth(form.client_id);
        const out = oauth.refreshGrant({
          grantType: form.grant_type,
          clientId: form.client_id,
          clientSecret: form.client_secret,
          refreshToken: form.refresh_token,
        });
        if (!out.ok) return error(ctx, out.reason === 'invalid_client' ? 401 : 400, DESCRIPTIONS[out.reason]);
        return {
          status: 200,
          body: {
            access_token: out.accessToken,
            expires_in: out.expiresIn,
            refresh_token: out.refreshToken,
            refresh_token_expires_in: out.refreshExpiresIn,
          },
        };
      },
    },
  ];
}
