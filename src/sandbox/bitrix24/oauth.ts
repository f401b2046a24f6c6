import { type Reply, type RequestContext, type RouteDef } from '../common';
import { OAuthTokens } from '../common/oauth';

/**
 * Bitrix24's OAuth server for applications (b24restdocs "OAuth 2.0 protocol", "Refreshing tokens"): the real one is
 * `https://oauth.bitrix.info/oauth/token/`, emulated here beside the portal at `{origin}/oauth/token/`.
 * `GET ?grant_type=refresh_token&client_id&client_secret&refresh_token` answers `{access_token, expires, expires_in,
 * scope, domain, server_endpoint, status, client_endpoint, member_id, user_id, refresh_token}`. Access tokens live one
 * hour, refresh tokens 28 days; each refresh hands out a new refresh token and the used one stops working. A REST call
 * with an expired access token answers 401 `{"error":"expired_token"}`.
 */
export const BITRIX24_SANDBOX_CLIENT_ID = 'local.b24sandbox00000001.00000001';
export const BITRIX24_SANDBOX_CLIENT_SECRET = 'b24-sandbox-client-secret';
export const BITRIX24_SANDBOX_REFRESH_TOKEN = 'b24-sandbox-refresh-token';
export const BITRIX24_ACCESS_TOKEN_TTL_SECONDS = 3600;
export const BITRIX24_REFRESH_TOKEN_TTL_SECONDS = 28 * 86400;
export const BITRIX24_OAUTH_PATH = '/oauth/token/';

export interface Bitrix24ApplicationOptions {
  clientId?: string;
  clientSecret?: string;
  refreshTokens?: string[];
  /** Who the application acts as, and its id (as the app tokens of the emulator). */
  userId?: number;
  appId?: number;
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
}

export function bitrix24OAuth(options: Bitrix24ApplicationOptions = {}, now?: () => number): OAuthTokens {
  const clientId = options.clientId ?? BITRIX24_SANDBOX_CLIENT_ID;
  return new OAuthTokens({
    clients: [{ clientId, clientSecret: options.clientSecret ?? BITRIX24_SANDBOX_CLIENT_SECRET }],
    refreshTokens: { [clientId]: options.refreshTokens ?? [BITRIX24_SANDBOX_REFRESH_TOKEN] },
    accessTtlSeconds: options.accessTokenTtlSeconds ?? BITRIX24_ACCESS_TOKEN_TTL_SECONDS,
    refreshTtlSeconds: options.refreshTokenTtlSeconds ?? BITRIX24_REFRESH_TOKEN_TTL_SECONDS,
    rotateRefreshToken: true,
    now,
  });
}

const oauthError = (status: number, error: string, description: string): Reply => ({ status, body: { error, error_description: description } });

export function bitrix24OAuthRoutes(oauth: OAuthTokens, options: Bitrix24ApplicationOptions = {}): RouteDef[] {
  const handler = (ctx: RequestContext): Reply => {
    // The docs pass the parameters in the query string; a form body is accepted too.
    const body = (ctx.body && typeof ctx.body === 'object' ? ctx.body : {}) as Record<string, unknown>;
    const param = (k: string) => ctx.query.get(k) ?? (typeof body[k] === 'string' ? (body[k] as string) : undefined);
    const clientId = param('client_id');
    if (clientId) ctx.setAuth(clientId);
    const out = oauth.refreshGrant({
      grantType: param('grant_type'),
      clientId,
      clientSecret: param('client_secret'),
      refreshToken: param('refresh_token'),
    });
    if (!out.ok) {
      if (out.reason === 'invalid_client') return oauthError(401, 'invalid_client', 'Invalid client credentials');
      if (out.reason === 'invalid_request')
        return oauthError(400, 'invalid_request', 'grant_type, client_id, client_secret and refresh_token are required');
      return oauthError(400, 'invalid_grant', 'Invalid grant');
    }
    const portal = ctx.origin;
    return {
      status: 200,
      body: {
        access_token: out.accessToken,
        expires: Math.floor(oauth.now() / 1000) + out.expiresIn,
        expires_in: out.expiresIn,
        scope: 'app',
        domain: 'oauth.bitrix.info',
        server_endpoint: `${portal}/rest/`,
        status: 'L',
        client_endpoint: `${portal}/rest/`,
        member_id: 'b24sandbox0000000000000000000001',
        user_id: options.userId ?? 1,
        refresh_token: out.refreshToken,
      },
    };
  };
  return ['GET', 'POST'].flatMap((method) =>
    [BITRIX24_OAUTH_PATH, BITRIX24_OAUTH_PATH.replace(/\/$/, '')].map((path) => ({ method, path, handler })),
  );
}
