import { randomUUID } from 'node:crypto';
import type { Principal } from '../domain/principal';
import { AppError, badInput, notFound, type FieldProblem } from '../domain/errors';
import type { AttachmentRow, LiveRecordingRow } from '../store/schema';
import type { Page, PageArgs } from '../store/pagination';
import type { AttachOutcome, AttachRequest } from '../vendors/port';
import { getVendor } from '../vendors/registry';
import type { ConnectionService } from './connection.service';
import { isPrivateHost } from '../vendors/egress';
import type { EventBus } from '../store/event-bus';
import type { ServiceDeps } from './deps';
import { sniffAudioFormat } from '../domain/audio';
import { DEFAULT_MEDIA_LIMITS, fetchVendorMedia, type MediaFetchLimits } from '../vendors/media-fetch';
import { storedError } from './vendor-errors';

const LEASE_MS = 15_000;
const RECOVERY_INTERVAL_MS = 5_000;
const isUnknownOutcome = (e: unknown) => e instanceof AppError && e.code === 'VENDOR_UNAVAILABLE';

/**
 * The file name must say what the bytes are (issue 14 point 5): Bitrix24 files the recording under the name it is
 * given and plays it by that extension. We refuse a mismatch instead of renaming, so what the caller named is what
 * the CRM shows, and the error says which name would be right.
 */
function checkFormat(bytes: Buffer, fileName: string, path: (string | number)[]): void {
  const actual = sniffAudioFormat(bytes);
  const named = /\.(wav|mp3)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (!actual) throw badInput([{ path, message: 'the content is neither WAV nor MP3 audio' }]);
  if (named !== actual) {
    const fixed = fileName.replace(/\.(wav|mp3)$/i, `.${actual}`);
    throw badInput([
      { path: ['input', 'fileName'], message: `the recording is ${actual.toUpperCase()} audio but fileName ends in .${named}: name it ${fixed}` },
    ]);
  }
}

export interface AttachInput {
  connectionId: string;
  crmCallId: string;
  fileName: string;
  contentBase64?: string | null;
  recordUrl?: string | null;
  liveRecordingId?: string | null;
}

/**
 * Files a finished recording on a CRM call (Bitrix24 telephony.externalCall.attachRecord). One recording per call:
 * attaching again replaces the previous one, as the vendor does.
 */
export class AttachmentService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly connections: ConnectionService,
    private readonly events: EventBus,
    private readonly mediaLimits: MediaFetchLimits = DEFAULT_MEDIA_LIMITS,
  ) {}

  async attach(actor: Principal, input: AttachInput, requestId?: string): Promise<{ attachment: AttachmentRow; replacedPrevious: boolean }> {
    actor.require('recording:write');
    const sources = (['contentBase64', 'recordUrl', 'liveRecordingId'] as const).filter((k) => input[k] != null);
    if (sources.length !== 1) {
      throw badInput([{ path: ['input'], message: 'give exactly one of contentBase64, recordUrl or liveRecordingId' }]);
    }
    const { stores } = this.deps;
    const { record, ctx } = await this.connections.vendorContext(actor, input.connectionId, requestId);
    const crm = getVendor(record.vendor);
    const attachments = crm.attachments;
    if (!attachments) {
      throw new AppError('VENDOR_UNSUPPORTED_FIELD', `${crm.displayName} does not take call recordings as attachments`, {
        vendor: crm.kind,
        field: 'connectionId',
        fields: [{ path: ['input', 'connectionId'], message: `${crm.displayName} has no recording attachments` }],
      });
    }
    const req: AttachRequest = { crmCallId: input.crmCallId, fileName: input.fileName };
    let source: 'CONTENT' | 'URL' | 'LIVE_RECORDING';
    let sizeBytes: number | null = null;
    if (input.contentBase64 != null) {
      source = 'CONTENT';
      // The input class already checked it is base64; an empty file is still no recording.
      const bytes = Buffer.from(input.contentBase64, 'base64');
      if (bytes.length === 0) throw badInput([{ path: ['input', 'contentBase64'], message: 'must not be empty' }]);
      checkFormat(bytes, input.fileName, ['input', 'contentBase64']);
      req.contentBase64 = bytes.toString('base64');
      sizeBytes = bytes.length;
    } else if (input.recordUrl != null) {
      source = 'URL';
      const problems = this.checkRecordUrl(input.recordUrl);
      if (problems.length) throw badInput(problems);
      req.recordUrl = input.recordUrl;
    } else {
      source = 'LIVE_RECORDING';
      const scope = actor.tenantFilter();
      const [rec] = await stores.liveRecordings.byIds(scope, [input.liveRecordingId!]);
      if (!rec) throw notFound('LiveRecording', input.liveRecordingId!);
      if (rec.status !== 'STOPPED') {
        throw new AppError('INVALID_TRANSITION', `Recording ${rec.id} is ${rec.status}: stop it before attaching it`, {
          fields: [{ path: ['input', 'liveRecordingId'], message: 'the recording is still running' }],
        });
      }
      const bytes = await this.mediaOf(scope, rec, requestId);
      checkFormat(bytes, input.fileName, ['input', 'liveRecordingId']);
      req.content = bytes;
      sizeBytes = bytes.length;
    }
    // Intent before effect: the row (ATTACHING, with what is needed to send it again) is committed before Bitrix24
    // is called; a crash after this leaves a row the recovery pass sends again (Bitrix24 keeps one recording per call,
    // so a repeat replaces, never duplicates).
    const intent = await stores.attachments.insert(stores.db, {
      id: randomUUID(),
      tenantId: record.tenantId,
      connectionId: record.id,
      crmCallId: input.crmCallId,
      fileName: input.fileName,
      source,
      liveRecordingId: input.liveRecordingId ?? null,
      recordUrl: input.recordUrl ?? null,
      sizeBytes,
      status: 'ATTACHING',
      // A live recording's media is fetched again from its vendor on a resend rather than kept here (it may be large).
      pending: {
        fileName: input.fileName,
        ...(req.recordUrl
          ? { recordUrl: req.recordUrl }
          : req.contentBase64
            ? { contentBase64: req.contentBase64 }
            : { liveRecordingId: input.liveRecordingId! }),
      },
      lockUntil: new Date(Date.now() + LEASE_MS),
    });
    let outcome: AttachOutcome;
    try {
      outcome = await attachments.attachRecording(ctx, req);
    } catch (e) {
      if (isUnknownOutcome(e)) await stores.attachments.release(stores.db, intent.id);
      // Refused: nothing was filed, so nothing stays written (the caller gets the error).
      else await stores.attachments.discard(stores.db, intent.id);
      throw e;
    }
    return stores.db.transaction(async (tx) => {
      const attachment =
        (await stores.attachments.settle(tx, intent.id, {
          status: 'ATTACHED',
          replacedPrevious: outcome.replacedPrevious,
          vendorFileId: outcome.vendorFileId ?? null,
        })) ?? intent;
      await this.events.publish(tx, { tenantId: attachment.tenantId, type: 'ATTACHMENT', kind: 'ATTACHED', id: attachment.id });
      await stores.audit.record(tx, {
        tenantId: attachment.tenantId,
        actor: actor.subject,
        action: 'attachment.create',
        targetType: 'Attachment',
        targetId: attachment.id,
        after: { ...attachment, pending: null, recordUrl: attachment.recordUrl ? new URL(attachment.recordUrl).origin + '/…' : null },
        outcome: { replacedPrevious: outcome.replacedPrevious, vendorFileId: outcome.vendorFileId ?? null },
        requestId,
      });
      return { attachment, replacedPrevious: outcome.replacedPrevious };
    });
  }

  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<unknown> | null = null;

  async startRecovery(): Promise<void> {
    await this.recoverOnce().catch((err: unknown) => this.deps.logger.warn({ err }, 'attachment recovery pass failed'));
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.pass) return;
      this.pass = this.recoverOnce()
        .catch((err: unknown) => this.deps.logger.warn({ err }, 'attachment recovery pass failed'))
        .finally(() => (this.pass = null));
    }, RECOVERY_INTERVAL_MS);
    this.timer.unref();
  }

  async stopRecovery(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.pass;
  }

  /**
   * Sends every ATTACHING row whose holder died (or whose answer was unknown) again and stores the outcome; a vendor
   * still unavailable leaves it for the next pass.
   */
  async recoverOnce(): Promise<{ attached: number; failed: number; waiting: number }> {
    const { stores, logger } = this.deps;
    const tally = { attached: 0, failed: 0, waiting: 0 };
    for (const row of await stores.attachments.claimUnsettled(LEASE_MS, 20)) {
      const pending = row.pending;
      try {
        const { record, ctx } = await this.connections.vendorContextForScope(null, row.connectionId);
        const attachments = getVendor(record.vendor).attachments;
        if (!pending || !attachments) throw new AppError('VENDOR_UNSUPPORTED_FIELD', 'nothing to resend');
        const req: AttachRequest = { crmCallId: row.crmCallId, fileName: pending.fileName };
        if (pending.recordUrl) req.recordUrl = pending.recordUrl;
        else if (pending.contentBase64) req.contentBase64 = pending.contentBase64;
        else {
          const [rec] = await stores.liveRecordings.byIds([row.tenantId], [pending.liveRecordingId ?? '']);
          if (!rec) throw new AppError('NOT_FOUND', 'the live recording to attach is gone');
          req.content = await this.mediaOf([row.tenantId], rec);
        }
        const outcome = await attachments.attachRecording(ctx, req);
        await stores.db.transaction(async (tx) => {
          const a = await stores.attachments.settle(tx, row.id, {
            status: 'ATTACHED',
            replacedPrevious: outcome.replacedPrevious,
            vendorFileId: outcome.vendorFileId ?? null,
          });
          if (a) await this.events.publish(tx, { tenantId: a.tenantId, type: 'ATTACHMENT', kind: 'ATTACHED', id: a.id });
          await stores.audit.record(tx, {
            tenantId: row.tenantId,
            actor: 'system:recovery',
            action: 'attachment.create.recovered',
            targetType: 'Attachment',
            targetId: row.id,
            outcome: { ok: true },
          });
        });
        tally.attached += 1;
      } catch (e) {
        if (isUnknownOutcome(e)) {
          tally.waiting += 1;
          await stores.attachments.release(stores.db, row.id).catch(() => undefined);
        } else {
          tally.failed += 1;
          await stores.attachments.settle(stores.db, row.id, { status: 'FAILED', lastError: storedError(e) }).catch(() => undefined);
        }
        logger.warn({ err: e, attachmentId: row.id }, 'attachment intent not attached on recovery');
      }
    }
    return tally;
  }

  /** A stopped live recording's media, from its vendor's own host only. */
  private async mediaOf(scope: readonly string[] | null, rec: LiveRecordingRow, requestId?: string): Promise<Buffer> {
    const origin = await this.connections.vendorContextForScope(scope, rec.connectionId, requestId);
    const recVendor = getVendor(rec.vendor);
    const live = recVendor.live;
    if (!live?.recordingMedia)
      throw new AppError('VENDOR_UNSUPPORTED_FIELD', `${recVendor.displayName} does not hand out recording media`, { vendor: recVendor.kind });
    const media = await live.recordingMedia(origin.ctx, { callId: rec.callId, recordingId: rec.vendorRecordingId });
    const { bytes } = await fetchVendorMedia(media.url, media.headers, new URL(origin.record.baseUrl).origin, this.mediaLimits);
    return bytes;
  }

  private checkRecordUrl(url: string): FieldProblem[] {
    const path = ['input', 'recordUrl'];
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return [{ path, message: 'must be an absolute http(s) URL' }];
    }
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return [{ path, message: 'must use http or https' }];
    if (!this.deps.allowPrivateVendorHosts && isPrivateHost(u.hostname))
      return [{ path, message: 'must not point at a private, link-local or local address' }];
    return [];
  }

  async page(actor: Principal, tenantId: string, crmCallId: string | null | undefined, args: PageArgs): Promise<Page<AttachmentRow>> {
    actor.require('recording:read');
    return this.deps.stores.attachments.page(actor.tenantFilter(), tenantId, crmCallId, args);
  }
}
