import { randomBytes } from 'node:crypto';
import { controlBody, type RouteDef } from './server';

/**
 * An OAuth 2 authorization server's token state for an emulator (Webex integrations, Bitrix24 applications): clients
 * with their secret, refresh tokens, access tokens that expire on the emulator's clock. The clock can be moved
 * forward (`advance`, `POST /__sandbox/clock`) so a test lives through days of token lifetimes in a second.
 */
export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

export interface OAuthTokenOptions {
  clients: OAuthClient[];
  /** Refresh tokens issued at set-up (what the vendor's onboarding handed out), per client id. */
  refreshTokens?: Record<string, string[]>;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  /** Does a refresh hand out a new refresh token and revoke the one used (Bitrix24), or keep it (Webex)? */
  rotateRefreshToken: boolean;
  now?: () => number;
}

export interface OAuthStats {
  refreshCalls: number;
  refreshRefused: number;
  issued: number;
  accessTokensLive: number;
}

interface Grant {
  clientId: string;
  expiresAt: number;
}

export type RefreshOutcome =
  | { ok: true; accessToken: string; refreshToken: string; expiresIn: number; refreshExpiresIn: number; clientId: string }
  | { ok: false; reason: 'invalid_client' | 'invalid_grant' | 'invalid_request' };

export class OAuthTokens {
  private offsetMs = 0;
  private access = new Map<string, Grant>();
  private refresh = new Map<string, Grant>();
  readonly stats: OAuthStats = { refreshCalls: 0, refreshRefused: 0, issued: 0, accessTokensLive: 0 };

  constructor(private readonly options: OAuthTokenOptions) {
    this.seed();
  }

  private seed(): void {
    const t = this.now();
    for (const [clientId, tokens] of Object.entries(this.options.refreshTokens ?? {})) {
      for (const token of tokens) this.refresh.set(token, { clientId, expiresAt: t + this.options.refreshTtlSeconds * 1000 });
    }
  }

  now(): number {
    return (this.options.now ?? Date.now)() + this.offsetMs;
  }

  /** Moves the emulator's token clock forward (tokens expire; nothing else changes). */
  advance(seconds: number): number {
    this.offsetMs += seconds * 1000;
    return this.offsetMs / 1000;
  }

  reset(): void {
    this.offsetMs = 0;
    this.access.clear();
    this.refresh.clear();
    Object.assign(this.stats, { refreshCalls: 0, refreshRefused: 0, issued: 0, accessTokensLive: 0 });
    this.seed();
  }

  /** A live access token's client id, or null (unknown or expired). */
  accessClient(token: string): string | null {
    const g = this.access.get(token);
    if (!g) return null;
    if (g.expiresAt <= this.now()) return null;
    return g.clientId;
  }

  isExpired(token: string): boolean {
    const g = this.access.get(token);
    return !!g && g.expiresAt <= this.now();
  }

  /** Hands out an access token directly (an authorization the test set up), with the usual lifetime. */
  issueAccess(clientId: string): string {
    const token = randomBytes(24).toString('hex');
    this.access.set(token, { clientId, expiresAt: this.now() + this.options.accessTtlSeconds * 1000 });
    this.stats.issued++;
    return token;
  }

  addRefreshToken(clientId: string, token = randomBytes(24).toString('hex')): string {
    this.refresh.set(token, { clientId, expiresAt: this.now() + this.options.refreshTtlSeconds * 1000 });
    return token;
  }

  /** Revokes a refresh token, as an administrator removing the integration's authorization would. */
  revokeRefreshToken(token: string): boolean {
    return this.refresh.delete(token);
  }

  revokeAll(): void {
    this.refresh.clear();
  }

  expireAccessTokens(): void {
    const t = this.now() - 1;
    for (const g of this.access.values()) g.expiresAt = t;
  }

  liveAccessTokens(): number {
    const t = this.now();
    let n = 0;
    for (const g of this.access.values()) if (g.expiresAt > t) n++;
    return n;
  }

  /** grant_type=refresh_token with the client's id and secret. */
  refreshGrant(params: { grantType: unknown; clientId: unknown; clientSecret: unknown; refreshToken: unknown }): RefreshOutcome {
    this.stats.refreshCalls++;
    const refused = (reason: 'invalid_client' | 'invalid_grant' | 'invalid_request'): RefreshOutcome => {
      this.stats.refreshRefused++;
      return { ok: false, reason };
    };
    if (params.grantType !== 'refresh_token' || typeof params.refreshToken !== 'string' || !params.refreshToken) return refused('invalid_request');
    const client = this.options.clients.find((c) => c.clientId === params.clientId);
    if (!client || client.clientSecret !== params.clientSecret) return refused('invalid_client');
    const grant = this.refresh.get(params.refreshToken);
    if (!grant || grant.clientId !== client.clientId || grant.expiresAt <= this.now()) return refused('invalid_grant');
    let refreshToken = params.refreshToken;
    if (this.options.rotateRefreshToken) {
      this.refresh.delete(params.refreshToken);
      refreshToken = this.addRefreshToken(client.clientId);
    }
    const accessToken = this.issueAccess(client.clientId);
    this.stats.accessTokensLive = this.liveAccessTokens();
    return {
      ok: true,
      accessToken,
      refreshToken,
      expiresIn: this.options.accessTtlSeconds,
      refreshExpiresIn: Math.max(0, Math.round(((this.refresh.get(refreshToken)?.expiresAt ?? this.now()) - this.now()) / 1000)),
      clientId: client.clientId,
    };
  }
}

/** The sandbox's controls of an OAuth server (Webex, Bitrix24): `POST /__sandbox/clock {advanceSeconds}`, `POST /__sandbox/oauth/expire`, `POST /__sandbox/oauth/revoke`, `GET /__sandbox/oauth`. */
export function oauthControlRoutes(oauth: OAuthTokens): RouteDef[] {
  const stats = () => ({ ...oauth.stats, accessTokensLive: oauth.liveAccessTokens() });
  return [
    {
      method: 'POST',
      path: '/__sandbox/clock',
      handler: (ctx) => ({ status: 200, body: { offsetSeconds: oauth.advance(Number(controlBody(ctx)['advanceSeconds'] ?? 0) || 0) } }),
    },
    { method: 'POST', path: '/__sandbox/oauth/expire', handler: () => (oauth.expireAccessTokens(), { status: 200, body: stats() }) },
    {
      method: 'POST',
      path: '/__sandbox/oauth/revoke',
      handler: (ctx) => {
        const token = controlBody(ctx)['refreshToken'];
        if (typeof token === 'string') oauth.revokeRefreshToken(token);
        else oauth.revokeAll();
        return { status: 200, body: stats() };
      },
    },
    { method: 'GET', path: '/__sandbox/oauth', handler: () => ({ status: 200, body: stats() }) },
  ];
}
