import { createHash } from 'node:crypto';
import { AppError } from '../../domain/errors';
import { previewOf, type VendorCall, type VendorHttp } from '../http';
import type { ConnectionContext, VendorRequestPreview } from '../port';
import { YEASTAR_TOKEN_EXPIRED, yeastarFailure, yeastarTokenFailure } from './errors';
import type { YeastarAutoRecord, YeastarAutoRecordGetResponse, YeastarResult, YeastarTokenResponse } from './wire';

export const DEFAULT_API_PATH = 'openapi/v1.0';
/** Any value works; the PBX refuses requests with none (developer guide, "Request Structure": "User-Agent: OpenAPI"). */
export const DEFAULT_USER_AGENT = 'OpenAPI';
/** Renew this long before the documented expiry (access 1800 s, refresh 86400 s) so a call never races it. */
const EXPIRY_MARGIN_MS = 60_000;

interface TokenEntry {
  fingerprint: string;
  access: string;
  accessExpiresAt: number;
  refresh: string;
  refreshExpiresAt: number;
}

/**
 * Tokens per connection. The PBX holds at most a few valid tokens per application (8 on Cloud Edition) and blocks an
 * IP after 5 failed logins, so tokens are reused until they expire, fetched by one caller at a time, and a refused
 * login is never retried.
 */
export class YeastarTokenStore {
  private readonly entries = new Map<string, TokenEntry>();
  private readonly pending = new Map<string, Promise<TokenEntry>>();
  /** get_token / refresh_token calls made, for tests and metrics. */
  readonly counters = { getToken: 0, refreshToken: 0 };

  constructor(readonly now: () => number = Date.now) {}

  get(connectionId: string, fingerprint: string): TokenEntry | undefined {
    const e = this.entries.get(connectionId);
    return e && e.fingerprint === fingerprint ? e : undefined;
  }

  set(connectionId: string, e: TokenEntry): void {
    this.entries.set(connectionId, e);
  }

  forget(connectionId: string): void {
    this.entries.delete(connectionId);
  }

  /** One renewal per connection at a time; concurrent callers share it. */
  singleFlight(connectionId: string, run: () => Promise<TokenEntry>): Promise<TokenEntry> {
    const existing = this.pending.get(connectionId);
    if (existing) return existing;
    const p = run().finally(() => this.pending.delete(connectionId));
    this.pending.set(connectionId, p);
    return p;
  }
}

/**
 * Yeastar P-Series OpenAPI at `{base_url}/{api_path}` (README 001). One method per endpoint, named after it; the
 * access token travels as the `access_token` query parameter and is redacted in previews.
 */
export class YeastarClient {
  private readonly apiPath: string;
  private readonly userAgent: string;
  private readonly fingerprint: string;

  constructor(
    private readonly http: VendorHttp,
    private readonly conn: ConnectionContext,
    private readonly tokens: YeastarTokenStore,
  ) {
    this.apiPath = (conn.settings.apiPath || DEFAULT_API_PATH).replace(/^\/+|\/+$/g, '');
    this.userAgent = conn.settings.userAgent || DEFAULT_USER_AGENT;
    this.fingerprint = createHash('sha256')
      .update(`${conn.baseUrl}\n${this.apiPath}\n${conn.credentials.clientId ?? ''}\n${conn.credentials.clientSecret ?? ''}`)
      .digest('hex');
  }

  private path(endpoint: string): string {
    return `/${this.apiPath}/${endpoint}`;
  }

  /** Every request carries a User-Agent (developer guide: "You MUST include a User-Agent header"). */
  private call(endpoint: string, method: 'GET' | 'POST', token: string | undefined, body?: unknown, idempotent = true): VendorCall {
    return {
      operation: endpoint,
      method,
      path: this.path(endpoint),
      ...(token !== undefined ? { query: { access_token: token } } : {}),
      headers: { 'User-Agent': this.userAgent },
      ...(body !== undefined ? { body } : {}),
      idempotent,
      expectJson: true,
      secretQuery: ['access_token'],
    };
  }

  autorecordGetCall(token = '[redacted]'): VendorCall {
    return this.call('autorecord/get', 'GET', token);
  }

  /** Setting the same values twice leaves the same state: safe to retry. */
  autorecordUpdateCall(body: YeastarAutoRecord, token = '[redacted]'): VendorCall {
    return this.call('autorecord/update', 'POST', token, body);
  }

  preview(call: VendorCall): VendorRequestPreview {
    return previewOf(call);
  }

  /** `POST get_token` {username: client id, password: client secret}. */
  async getToken(): Promise<YeastarTokenResponse> {
    const { clientId, clientSecret } = this.conn.credentials;
    if (!clientId || !clientSecret) {
      throw new AppError('VENDOR_AUTH_FAILED', 'Yeastar P-Series connection has no client id or client secret', { vendor: 'Yeastar P-Series' });
    }
    this.tokens.counters.getToken++;
    const res = await this.http.send(this.conn, this.call('get_token', 'POST', undefined, { username: clientId, password: clientSecret }), yeastarTokenFailure);
    return res.json as YeastarTokenResponse;
  }

  /** `POST refresh_token` {refresh_token}: a new pair. */
  async refreshToken(refreshToken: string): Promise<YeastarTokenResponse> {
    this.tokens.counters.refreshToken++;
    const res = await this.http.send(this.conn, this.call('refresh_token', 'POST', undefined, { refresh_token: refreshToken }), yeastarTokenFailure);
    return res.json as YeastarTokenResponse;
  }

  /** `GET autorecord/get`. */
  async autorecordGet(): Promise<YeastarAutoRecordGetResponse> {
    return this.withToken((t) => this.autorecordGetCall(t)) as Promise<YeastarAutoRecordGetResponse>;
  }

  /** `POST autorecord/update`. */
  async autorecordUpdate(body: YeastarAutoRecord): Promise<YeastarResult> {
    return this.withToken((t) => this.autorecordUpdateCall(body, t)) as Promise<YeastarResult>;
  }

  /** Sends with the cached token; on 10004 TOKEN EXPIRED renews it (refresh, else a new login) and retries once. */
  private async withToken(build: (token: string) => VendorCall): Promise<unknown> {
    const entry = await this.token();
    try {
      return (await this.http.send(this.conn, build(entry.access), yeastarFailure)).json;
    } catch (e) {
      if (!(e instanceof AppError && e.details.vendorCode === YEASTAR_TOKEN_EXPIRED)) throw e;
      const renewed = await this.token(entry.access);
      return (await this.http.send(this.conn, build(renewed.access), yeastarFailure)).json;
    }
  }

  /** The cached token, or a renewed one when it is (about to be) expired or is `expired` (refused by the PBX). */
  private async token(expired?: string): Promise<TokenEntry> {
    const id = this.conn.connectionId;
    const now = this.tokens.now();
    const cached = this.tokens.get(id, this.fingerprint);
    if (cached && cached.access !== expired && cached.accessExpiresAt - EXPIRY_MARGIN_MS > now) return cached;
    return this.tokens.singleFlight(id, async () => {
      const again = this.tokens.get(id, this.fingerprint);
      if (again && again.access !== expired && again.accessExpiresAt - EXPIRY_MARGIN_MS > this.tokens.now()) return again;
      let res: YeastarTokenResponse | undefined;
      if (again && again.refreshExpiresAt - EXPIRY_MARGIN_MS > this.tokens.now()) {
        try {
          res = await this.refreshToken(again.refresh);
        } catch (e) {
          // A refused refresh token falls back to a fresh login; unavailability is not the credentials' fault.
          if (!(e instanceof AppError && e.code === 'VENDOR_AUTH_FAILED')) throw e;
        }
      }
      res ??= await this.getToken();
      if (!res || typeof res.access_token !== 'string' || !res.access_token) {
        throw new AppError('VENDOR_UNAVAILABLE', 'Yeastar P-Series answered the token request without a token', { vendor: 'Yeastar P-Series', retryable: true });
      }
      const at = this.tokens.now();
      const entry: TokenEntry = {
        fingerprint: this.fingerprint,
        access: res.access_token,
        accessExpiresAt: at + (Number(res.access_token_expire_time) || 1800) * 1000,
        refresh: res.refresh_token,
        refreshExpiresAt: at + (Number(res.refresh_token_expire_time) || 86400) * 1000,
      };
      this.tokens.set(id, entry);
      return entry;
    });
  }
}
