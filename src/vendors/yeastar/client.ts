import { AppError } from '../../domain/errors';
import { ProcessTokens, withAccessToken } from '../credentials';
import { previewOf, type PlanWire, type VendorCall, type VendorHttp, type VendorResponse } from '../http';
import type { AccessTokens, ConnectionContext, VendorRequestPreview } from '../port';
import { YEASTAR_TOKEN_EXPIRED, yeastarFailure, yeastarTokenFailure } from './errors';
import type { YeastarAutoRecord, YeastarAutoRecordGetResponse, YeastarTokenResponse } from './wire';

export const DEFAULT_API_PATH = 'openapi/v1.0';
/** Any value works; the PBX refuses requests with none (developer guide, "Request Structure": "User-Agent: OpenAPI"). */
export const DEFAULT_USER_AGENT = 'OpenAPI';
/** Renew this long before the documented expiry (access 1800 s, refresh 86400 s) so a call never races it. */
export const EXPIRY_MARGIN_MS = 60_000;

/**
 * Tokens kept in this process when the adapter is used without the service (which shares one token per connection
 * across replicas and restarts through PostgreSQL). The PBX holds at most a few valid tokens per application (8 on
 * Cloud Edition) and blocks an IP after 5 failed logins, so tokens are reused until they expire, fetched by one
 * caller at a time, and a refused login is never retried.
 */
export class YeastarTokenStore extends ProcessTokens {
  /** get_token / refresh_token calls made, for tests. */
  readonly counters = { getToken: 0, refreshToken: 0 };
}

/**
 * Yeastar P-Series OpenAPI at `{base_url}/{api_path}` (README 001). One method per endpoint, named after it; the
 * access token travels as the `access_token` query parameter (added by `send`, redacted in previews). The policy
 * plan's calls (adapter.ts) go out through `send`.
 */
export class YeastarClient implements PlanWire {
  private readonly apiPath: string;
  private readonly userAgent: string;

  constructor(
    private readonly http: VendorHttp,
    private readonly conn: ConnectionContext,
    /** Where the session token comes from (shared across replicas, or this process's); absent for token calls only. */
    private readonly tokens?: AccessTokens,
    private readonly counters?: { getToken: number; refreshToken: number },
  ) {
    this.apiPath = (conn.settings.apiPath || DEFAULT_API_PATH).replace(/^\/+|\/+$/g, '');
    this.userAgent = conn.settings.userAgent || DEFAULT_USER_AGENT;
  }

  private path(endpoint: string): string {
    return `/${this.apiPath}/${endpoint}`;
  }

  /** Every request carries a User-Agent (developer guide: "You MUST include a User-Agent header"). */
  private call(endpoint: string, method: 'GET' | 'POST', body?: unknown, idempotent = true): VendorCall {
    return {
      operation: endpoint,
      method,
      path: this.path(endpoint),
      headers: { 'User-Agent': this.userAgent },
      ...(body !== undefined ? { body } : {}),
      idempotent,
      expectJson: true,
      secretQuery: ['access_token'],
    };
  }

  /** The session token as the `access_token` query parameter. */
  private withToken(call: VendorCall, token: string): VendorCall {
    return { ...call, query: { ...(call.query ?? {}), access_token: token } };
  }

  autorecordGetCall(): VendorCall {
    return this.call('autorecord/get', 'GET');
  }

  /** Setting the same values twice leaves the same state: safe to retry. */
  autorecordUpdateCall(body: YeastarAutoRecord): VendorCall {
    return this.call('autorecord/update', 'POST', body);
  }

  preview(call: VendorCall): VendorRequestPreview {
    return previewOf(this.withToken(call, '[redacted]'));
  }

  /** Sends with the connection's token; on 10004 TOKEN EXPIRED renews it (refresh, else a new login) and sends once more. */
  async send(call: VendorCall): Promise<VendorResponse> {
    const tokens = this.tokens;
    if (!tokens) throw new Error('YeastarClient needs a token source for API calls');
    return withAccessToken(tokens, (t) => this.http.send(this.conn, this.withToken(call, t), yeastarFailure), isTokenExpired);
  }

  /** `POST get_token` {username: client id, password: client secret}. */
  async getToken(): Promise<YeastarTokenResponse> {
    const { clientId, clientSecret } = this.conn.credentials;
    if (!clientId || !clientSecret) {
      throw new AppError('VENDOR_AUTH_FAILED', 'Yeastar P-Series connection has no client id or client secret', { vendor: 'YEASTAR' });
    }
    if (this.counters) this.counters.getToken++;
    const res = await this.http.send(this.conn, this.call('get_token', 'POST', { username: clientId, password: clientSecret }), yeastarTokenFailure);
    return res.json as YeastarTokenResponse;
  }

  /** `POST refresh_token` {refresh_token}: a new pair. */
  async refreshToken(refreshToken: string): Promise<YeastarTokenResponse> {
    if (this.counters) this.counters.refreshToken++;
    const res = await this.http.send(this.conn, this.call('refresh_token', 'POST', { refresh_token: refreshToken }), yeastarTokenFailure);
    return res.json as YeastarTokenResponse;
  }

  /** `GET autorecord/get`. */
  async autorecordGet(): Promise<YeastarAutoRecordGetResponse> {
    return (await this.send(this.autorecordGetCall())).json as YeastarAutoRecordGetResponse;
  }

  /** `GET del_token`: revokes the access token (and its refresh token), so it no longer counts against the cap. */
  async delToken(accessToken: string): Promise<void> {
    await this.http.send(this.conn, this.withToken(this.call('del_token', 'GET'), accessToken), yeastarFailure);
  }
}

const isTokenExpired = (e: unknown): boolean => e instanceof AppError && e.details.vendorCode === YEASTAR_TOKEN_EXPIRED;
