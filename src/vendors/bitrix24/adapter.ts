import { AppError } from '../../domain/errors';
import { VendorHttp, type AdapterHttpOptions } from '../http';
import type { AttachOutcome, AttachRequest, ConnectionContext, RecordingVendor, VendorCapabilities } from '../port';
import { Bitrix24Client } from './client';
import { checkAttach, toAttachParams } from './mapping';

const DISPLAY_NAME = 'Bitrix24';

/** Bitrix24 holds finished recordings on CRM calls (seed 004); it has no recording settings and no live control. */
export const BITRIX24_CAPABILITIES: VendorCapabilities = {
  policies: false,
  policyScopes: [],
  ruleFields: [],
  fieldNotes: {},
  liveRecording: null,
  attachments: { inlineContent: true, recordUrl: true, uploadUrl: true },
  credentialFields: [
    { name: 'userId', description: 'Incoming webhook: id of the user the webhook was created for (with webhookSecret)', secret: false, required: false },
    { name: 'webhookSecret', description: 'Incoming webhook: the secret path segment after the user id (with userId)', secret: true, required: false },
    { name: 'accessToken', description: "Installed application: OAuth access token (instead of a webhook)", secret: true, required: false },
  ],
  settingFields: [],
};

const fileIdOf = (v: unknown): number | null => (v === null || v === undefined || v === '' ? null : Number(v));

export class Bitrix24Adapter implements RecordingVendor {
  readonly kind = 'BITRIX24' as const;
  readonly displayName = DISPLAY_NAME;
  readonly capabilities = BITRIX24_CAPABILITIES;

  constructor(readonly http: VendorHttp) {}

  /** `profile`, through whichever auth form the connection holds. */
  async testConnection(conn: ConnectionContext): Promise<void> {
    await new Bitrix24Client(this.http, conn).profile();
  }

  /**
   * telephony.externalCall.attachRecord by one of its three ways. Bitrix24 keeps one record per call and an attach
   * replaces it without saying so: the call's statistics row (RECORD_FILE_ID) read first tells whether one was there.
   */
  async attachRecording(conn: ConnectionContext, req: AttachRequest): Promise<AttachOutcome> {
    const mode = checkAttach(req);
    const client = new Bitrix24Client(this.http, conn);
    const previous = await this.recordFileId(client, req.crmCallId);
    const result = await client.telephonyExternalCallAttachRecord(toAttachParams(req, mode));
    if (mode !== 'uploadUrl') {
      return { replacedPrevious: previous !== null, vendorFileId: fileIdOf(result.FILE_ID) === null ? null : String(result.FILE_ID), raw: result };
    }
    if (!result.uploadUrl) {
      throw new AppError('VENDOR_UNAVAILABLE', 'Bitrix24 did not answer an uploadUrl for attachRecord', { vendor: DISPLAY_NAME, operation: 'telephony.externalCall.attachRecord' });
    }
    try {
      const uploaded = await client.upload(result.uploadUrl, result.fieldName || 'file', req.fileName, req.content!);
      return { replacedPrevious: previous !== null, vendorFileId: fileIdOf(uploaded.FILE_ID) === null ? null : String(uploaded.FILE_ID), raw: uploaded };
    } catch (e) {
      // The upload may have landed although its answer did not: a new RECORD_FILE_ID on the call says so.
      if (!(e instanceof AppError && e.code === 'VENDOR_UNAVAILABLE')) throw e;
      const now = await this.recordFileId(client, req.crmCallId).catch(() => null);
      if (now !== null && now !== previous) return { replacedPrevious: previous !== null, vendorFileId: String(now), raw: null };
      throw e;
    }
  }

  /** The call's current record file id from voximplant.statistic.get; null when none (or not readable: no permission). */
  private async recordFileId(client: Bitrix24Client, callId: string): Promise<number | null> {
    try {
      const rows = await client.voximplantStatisticGet(callId);
      return fileIdOf(rows.find((r) => r.CALL_ID === callId)?.RECORD_FILE_ID);
    } catch (e) {
      if (e instanceof AppError && e.code === 'VENDOR_REJECTED' && e.details.vendorCode === 'ACCESS_DENIED') return null;
      throw e;
    }
  }
}

export function createBitrix24Adapter(options: AdapterHttpOptions = {}): Bitrix24Adapter {
  return new Bitrix24Adapter(new VendorHttp({ ...options, vendor: 'BITRIX24', displayName: DISPLAY_NAME }));
}
