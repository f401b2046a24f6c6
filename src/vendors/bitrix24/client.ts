import { AppError } from '../../domain/errors';
import type { VendorCall, VendorHttp } from '../http';
import type { ConnectionContext } from '../port';
import { bitrixFailure } from './errors';
import { multipartBody } from './mapping';
import type { B24AttachRecordParams, B24AttachRecordResult, B24Envelope, B24Profile, B24StatisticRecord } from './wire';

/**
 * One portal's REST API (`conn.baseUrl` = https://{portal}). Two auth forms (README 004): an incoming webhook
 * (`/rest/{user_id}/{secret}/{method}`, credentials userId + webhookSecret) or an installed application's OAuth token
 * (`/rest/{method}` with `auth`, credential accessToken). The methods used here accept both; register and finish
 * would need the application (b24restdocs), and are not called by this adapter. One method per REST method.
 */
export class Bitrix24Client {
  constructor(
    private readonly http: VendorHttp,
    private readonly conn: ConnectionContext,
  ) {}

  private get webhook(): { userId: string; secret: string } | null {
    const { userId, webhookSecret } = this.conn.credentials;
    return userId && webhookSecret ? { userId, secret: webhookSecret } : null;
  }

  /** The secret sits in the path or the body; the HTTP layer keeps URLs and bodies out of errors and logs. */
  private async call<T>(method: string, params: Record<string, unknown>, idempotent: boolean): Promise<B24Envelope<T>> {
    const hook = this.webhook;
    const token = this.conn.credentials['accessToken'];
    if (!hook && !token) {
      throw new AppError('VENDOR_AUTH_FAILED', 'Bitrix24 connection has neither an incoming webhook (userId + webhookSecret) nor an accessToken', {
        vendor: 'BITRIX24',
      });
    }
    const path = hook ? `/rest/${encodeURIComponent(hook.userId)}/${encodeURIComponent(hook.secret)}/${method}.json` : `/rest/${method}.json`;
    const body = hook ? params : { ...params, auth: token };
    const vendorCall: VendorCall = { operation: method, method: 'POST', path, body, idempotent, expectJson: true };
    return (await this.http.send(this.conn, vendorCall, bitrixFailure)).json as B24Envelope<T>;
  }

  async profile(): Promise<B24Profile> {
    return (await this.call<B24Profile>('profile', {}, true)).result;
  }

  /**
   * Repeating an attach leaves the same single record on the call (seed 004: the next call overwrites the previous
   * record), so a timeout or QUERY_LIMIT_EXCEEDED may be retried.
   */
  async telephonyExternalCallAttachRecord(params: B24AttachRecordParams): Promise<B24AttachRecordResult> {
    return (await this.call<B24AttachRecordResult>('telephony.externalCall.attachRecord', { ...params }, true)).result;
  }

  async voximplantStatisticGet(callId: string): Promise<B24StatisticRecord[]> {
    const res = await this.call<B24StatisticRecord[]>('voximplant.statistic.get', { FILTER: { CALL_ID: callId } }, true);
    return Array.isArray(res.result) ? res.result : [];
  }

  /**
   * POST multipart/form-data to the uploadUrl attachRecord handed out. Only on the connection's own host (the URL
   * comes from the vendor's answer); not repeated blindly, since the adapter can read the outcome back.
   */
  async upload(uploadUrl: string, fieldName: string, fileName: string, data: Buffer): Promise<B24AttachRecordResult> {
    const base = new URL(this.conn.baseUrl);
    let target: URL;
    try {
      target = new URL(uploadUrl);
    } catch {
      throw new AppError('VENDOR_UNAVAILABLE', 'Bitrix24 answered an unusable uploadUrl', { vendor: 'BITRIX24', operation: 'upload' });
    }
    const prefix = base.pathname.replace(/\/+$/, '');
    if (target.origin !== base.origin || !target.pathname.startsWith(`${prefix}/`)) {
      throw new AppError('VENDOR_REJECTED', 'Bitrix24 answered an uploadUrl on another host; nothing was uploaded', {
        vendor: 'BITRIX24',
        operation: 'upload',
      });
    }
    const query = Object.fromEntries(target.searchParams);
    const raw = multipartBody(fieldName, fileName, data);
    const res = await this.http.send(
      this.conn,
      {
        operation: 'upload',
        method: 'POST',
        path: target.pathname.slice(prefix.length),
        query,
        secretQuery: ['auth', 'token'],
        raw,
        idempotent: false,
        expectJson: true,
      },
      bitrixFailure,
    );
    return (res.json as B24Envelope<B24AttachRecordResult>).result;
  }
}
