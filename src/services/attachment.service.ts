import { randomUUID } from 'node:crypto';
import type { Principal } from '../server/auth';
import { AppError, badInput, notFound, type FieldProblem } from '../domain/errors';
import type { VendorKind } from '../domain/vendor-kind';
import type { AttachmentRow } from '../store/schema';
import type { Page, PageArgs } from '../store/pagination';
import type { AttachRequest } from '../vendors/port';
import { getVendor } from '../vendors/registry';
import type { ConnectionService } from './connection.service';
import { isPrivateHost } from './connection.service';
import type { EventBus } from './event-bus';
import type { ServiceDeps } from './index';
import { DEFAULT_MEDIA_LIMITS, fetchVendorMedia, type MediaFetchLimits } from './media-fetch';

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
    const crm = getVendor(record.vendor as VendorKind);
    if (!crm.capabilities.attachments || !crm.attachRecording) {
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
      const origin = await this.connections.vendorContextForScope(scope, rec.connectionId, requestId);
      const recVendor = getVendor(rec.vendor as VendorKind);
      if (!recVendor.recordingMedia) throw new AppError('VENDOR_UNSUPPORTED_FIELD', `${recVendor.displayName} does not hand out recording media`, { vendor: recVendor.kind });
      const media = await recVendor.recordingMedia(origin.ctx, { callId: rec.callId, recordingId: rec.vendorRecordingId });
      const { bytes } = await fetchVendorMedia(media.url, media.headers, new URL(origin.record.baseUrl).origin, this.mediaLimits);
      req.content = bytes;
      sizeBytes = bytes.length;
    }
    const outcome = await crm.attachRecording(ctx, req);
    return stores.db.transaction(async (tx) => {
      const attachment = await stores.attachments.insert(tx, {
        id: randomUUID(),
        tenantId: record.tenantId,
        connectionId: record.id,
        crmCallId: input.crmCallId,
        fileName: input.fileName,
        source,
        liveRecordingId: input.liveRecordingId ?? null,
        recordUrl: input.recordUrl ?? null,
        sizeBytes,
        replacedPrevious: outcome.replacedPrevious,
        vendorFileId: outcome.vendorFileId ?? null,
      });
      await this.events.publish(tx, { tenantId: attachment.tenantId, type: 'ATTACHMENT', kind: 'ATTACHED', id: attachment.id });
      await stores.audit.record(tx, {
        tenantId: attachment.tenantId,
        actor: actor.subject,
        action: 'attachment.create',
        targetType: 'Attachment',
        targetId: attachment.id,
        after: { ...attachment, recordUrl: attachment.recordUrl ? new URL(attachment.recordUrl).origin + '/…' : null },
        outcome: { replacedPrevious: outcome.replacedPrevious, vendorFileId: outcome.vendorFileId ?? null },
        requestId,
      });
      return { attachment, replacedPrevious: outcome.replacedPrevious };
    });
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
    if (!this.deps.allowPrivateVendorHosts && isPrivateHost(u.hostname)) return [{ path, message: 'must not point at a private, link-local or local address' }];
    return [];
  }

  async page(actor: Principal, tenantId: string, crmCallId: string | null | undefined, args: PageArgs): Promise<Page<AttachmentRow>> {
    actor.require('recording:read');
    return this.deps.stores.attachments.page(actor.tenantFilter(), tenantId, crmCallId, args);
  }
}
