import { AppError } from '../../domain/errors';
import { ProcessTokens, withAccessToken } from '../credentials';
import { VendorHttp, type AdapterHttpOptions } from '../http';
import { BITRIX24_HTTP } from './http';
import { capabilitiesOf } from '../port';
import type {
  AccessTokens,
  AttachmentCapabilities,
  AttachmentPort,
  AttachOutcome,
  AttachRequest,
  ConnectionContext,
  ConnectionProblem,
  CredentialLifecycle,
  DeclaredCapabilities,
  RecordingVendor,
  VendorCapabilities,
} from '../port';
import { bitrix24CredentialLifecycle } from './credentials';
import { Bitrix24Client } from './client';
import { checkAttach, toAttachParams } from './mapping';

const DISPLAY_NAME = 'Bitrix24';

/** Bitrix24 holds finished recordings on CRM calls (seed 004); it has no recording settings and no live control. */
export const BITRIX24_CAPABILITIES: DeclaredCapabilities = {
  policies: false,
  policyScopes: [],
  ruleFields: [],
  fieldNotes: {},
  credentialFields: [
    {
      name: 'userId',
      description: 'Incoming webhook: id of the user the webhook was created for (with webhookSecret)',
      secret: false,
      required: false,
    },
    {
      name: 'webhookSecret',
      description: 'Incoming webhook: the secret path segment after the user id (with userId)',
      secret: true,
      required: false,
    },
    {
      name: 'accessToken',
      description: 'Installed application: OAuth access token (alone: used as given; with refreshToken: the first token)',
      secret: true,
      required: false,
    },
    {
      name: 'clientId',
      description: 'Application: its client_id (application code), with clientSecret and refreshToken',
      secret: true,
      required: false,
    },
    { name: 'clientSecret', description: 'Application: its client_secret (application key)', secret: true, required: false },
    {
      name: 'refreshToken',
      description: 'Application: the refresh token of its installation (renews the one-hour access token)',
      secret: true,
      required: false,
    },
  ],
  settingFields: [
    {
      name: 'oauthServer',
      description: 'Bitrix24 OAuth server for application tokens (default "https://oauth.bitrix.info")',
      secret: false,
      required: false,
    },
  ],
};

/** telephony.externalCall.attachRecord's three ways: FILE_CONTENT, RECORD_URL, and the uploadUrl it answers. */
const BITRIX24_ATTACHMENTS: AttachmentCapabilities = { inlineContent: true, recordUrl: true, uploadUrl: true };

const fileIdOf = (v: unknown): number | null => (v === null || v === undefined || v === '' ? null : Number(v));

export class Bitrix24Adapter implements RecordingVendor {
  readonly kind = 'BITRIX24' as const;
  readonly displayName = DISPLAY_NAME;
  readonly capabilities: VendorCapabilities;
  readonly attachments: AttachmentPort;

  readonly credentialLifecycle: CredentialLifecycle;
  /** Application tokens when this adapter is used without the service's shared store. */
  readonly processTokens = new ProcessTokens();

  constructor(readonly http: VendorHttp) {
    this.credentialLifecycle = bitrix24CredentialLifecycle(http);
    this.attachments = {
      capabilities: BITRIX24_ATTACHMENTS,
      attachRecording: (conn, req) => this.authed(conn, (c) => this.attachWith(c, req)),
    };
    this.capabilities = capabilitiesOf(BITRIX24_CAPABILITIES, this);
  }

  private tokensFor(conn: ConnectionContext): AccessTokens | null {
    // The webhook wins when both forms are given (client.ts), and needs no token.
    if (this.credentialLifecycle.kindOf(conn.credentials) === 'STATIC' || (conn.credentials.userId && conn.credentials.webhookSecret)) return null;
    return conn.tokens ?? this.processTokens.for(conn, this.credentialLifecycle);
  }

  /** Runs with the application's live access token; `expired_token` / `invalid_token` renews it once and sends again. */
  private authed<T>(conn: ConnectionContext, run: (conn: ConnectionContext) => Promise<T>): Promise<T> {
    const tokens = this.tokensFor(conn);
    if (!tokens) return run(conn);
    return withAccessToken(tokens, (t) => run({ ...conn, credentials: { ...conn.credentials, accessToken: t } }), isExpiredToken);
  }

  /** system-errors.md: insufficient_scope is a permission the application or webhook lacks. */
  diagnose(e: { code: string; vendorCode?: string | number | null }): ConnectionProblem | null {
    if (e.vendorCode === 'insufficient_scope' || e.vendorCode === 'ACCESS_DENIED') return 'SCOPE_MISSING';
    if (e.vendorCode === 'expired_token') return 'AUTHORIZATION_EXPIRED';
    return null;
  }

  /** `profile`, through whichever auth form the connection holds. */
  async testConnection(conn: ConnectionContext): Promise<void> {
    await this.authed(conn, (c) => new Bitrix24Client(this.http, c).profile());
  }

  /**
   * The `attachments` sub-port: telephony.externalCall.attachRecord by one of its three ways. Bitrix24 keeps one
   * record per call and an attach replaces it without saying so: the call's statistics row (RECORD_FILE_ID) read
   * first tells whether one was there.
   */
  private async attachWith(conn: ConnectionContext, req: AttachRequest): Promise<AttachOutcome> {
    const mode = checkAttach(req);
    const client = new Bitrix24Client(this.http, conn);
    const previous = await this.recordFileId(client, req.crmCallId);
    const result = await client.telephonyExternalCallAttachRecord(toAttachParams(req, mode));
    if (mode !== 'uploadUrl') {
      return { replacedPrevious: previous !== null, vendorFileId: fileIdOf(result.FILE_ID) === null ? null : String(result.FILE_ID), raw: result };
    }
    if (!result.uploadUrl) {
      throw new AppError('VENDOR_UNAVAILABLE', 'Bitrix24 did not answer an uploadUrl for attachRecord', {
        vendor: 'BITRIX24',
        operation: 'telephony.externalCall.attachRecord',
      });
    }
    try {
      const uploaded = await client.upload(result.uploadUrl, result.fieldName || 'file', req.fileName, req.content!);
      return {
        replacedPrevious: previous !== null,
        vendorFileId: fileIdOf(uploaded.FILE_ID) === null ? null : String(uploaded.FILE_ID),
        raw: uploaded,
      };
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

const isExpiredToken = (e: unknown): boolean =>
  e instanceof AppError && e.code === 'VENDOR_AUTH_FAILED' && (e.details.vendorCode === 'expired_token' || e.details.vendorCode === 'invalid_token');

export function createBitrix24Adapter(options: AdapterHttpOptions = {}): Bitrix24Adapter {
  return new Bitrix24Adapter(new VendorHttp({ ...options, vendor: 'BITRIX24', displayName: DISPLAY_NAME, defaults: BITRIX24_HTTP }));
}
