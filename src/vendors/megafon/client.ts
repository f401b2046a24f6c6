import type { ConnectionContext, VendorRequestPreview } from '../port';
import { previewOf, type PlanWire, type VendorCall, type VendorHttp, type VendorResponse } from '../http';
import { megafonFailure } from './errors';
import type { MegafonRecordingSetting, MegafonRecordingSettingPut } from './wire';

/**
 * MegaFon Virtual PBX Data API (base `https://simple-api.cp.megafon.ru`, no version segment; README 000).
 * One method per endpoint, named after it; the policy plan's calls (adapter.ts) go out through `send`.
 */
export class MegafonClient implements PlanWire {
  constructor(
    private readonly http: VendorHttp,
    private readonly conn: ConnectionContext,
  ) {}

  /** Auth hook: the cabinet token in `Authorization`, with no scheme word (README 000). */
  private authorize(call: VendorCall): VendorCall {
    return {
      ...call,
      headers: { ...(call.headers ?? {}), Authorization: this.conn.credentials.token ?? '' },
      secretHeaders: ['Authorization'],
    };
  }

  send(call: VendorCall): Promise<VendorResponse> {
    return this.http.send(this.conn, this.authorize(call), megafonFailure);
  }

  private async json<T>(call: VendorCall): Promise<T> {
    return (await this.send(call)).json as T;
  }

  static getSettingsRecordingCall(): VendorCall {
    return { operation: 'GET /settings/recording', method: 'GET', path: '/settings/recording', idempotent: true, expectJson: true };
  }

  static getEmployeeCall(): VendorCall {
    return { operation: 'GET /employee', method: 'GET', path: '/employee', idempotent: true, expectJson: true };
  }

  /** The PBX's employees (Data API "GET /employee"): ids, e-mails, logins. */
  getEmployee(): Promise<unknown> {
    return this.json(MegafonClient.getEmployeeCall());
  }

  /** `PUT /settings/recording/{id}`: answers the whole record. */
  static putSettingsRecordingCall(id: number | string, body: MegafonRecordingSettingPut): VendorCall {
    // A full replacement: repeating it leaves the same record, so it is safe to retry.
    return {
      operation: 'PUT /settings/recording/{id}',
      method: 'PUT',
      path: `/settings/recording/${encodeURIComponent(String(id))}`,
      body,
      idempotent: true,
      expectJson: true,
    };
  }

  preview(call: VendorCall): VendorRequestPreview {
    return previewOf(this.authorize(call));
  }

  /** `GET /settings/recording`: a bare array of records (no read by id is documented). */
  getSettingsRecording(): Promise<MegafonRecordingSetting[]> {
    return this.json<MegafonRecordingSetting[]>(MegafonClient.getSettingsRecordingCall());
  }
}
