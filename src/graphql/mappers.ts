import type { ConnectionRecord } from '../store/connection.store';
import type { AttachmentRow, LiveRecordingRow, RecordingPolicyRow, StoredVendorError, TenantRow } from '../store/schema';
import type { Attachment, LiveRecording } from './live-recording/live-recording.type';
import type { Page } from '../store/pagination';
import type { FieldDiff } from '../domain/policy';
import type { VendorRequestPreview } from '../domain/vendor';
import type { Tenant } from './tenant/tenant.type';
import type { VendorConnection, VendorError } from './connection/connection.type';
import type { RecordingPolicy, VendorRequest } from './policy/policy.type';
import type { RecordingRules } from './policy/rules.type';

/** Rows are not GraphQL types: these functions are the one place where one becomes the other. */

export const toTenant = (r: TenantRow): Tenant => ({ id: r.id, name: r.name, createdAt: r.createdAt, updatedAt: r.updatedAt });

export const toVendorError = (e: StoredVendorError | null | undefined): VendorError | null =>
  e
    ? {
        code: e.code,
        message: e.message,
        vendorCode: e.vendorCode == null ? null : String(e.vendorCode),
        vendorMessage: e.vendorMessage ?? null,
        at: new Date(e.at),
      }
    : null;

export const toConnection = (r: ConnectionRecord): VendorConnection => ({
  id: r.id,
  tenantId: r.tenantId,
  vendor: r.vendor,
  name: r.name,
  baseUrl: r.baseUrl,
  settings: Object.entries(r.settings ?? {}).map(([name, value]) => ({ name, value })),
  status: r.status,
  lastCheckedAt: r.lastCheckedAt,
  lastError: toVendorError(r.lastError),
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export const toPolicy = (r: RecordingPolicyRow): RecordingPolicy => ({
  id: r.id,
  tenantId: r.tenantId,
  connectionId: r.connectionId,
  name: r.name,
  scope: { kind: r.scopeKind, id: r.scopeId },
  rules: r.rules as RecordingRules,
  version: r.version,
  syncStatus: r.syncStatus,
  syncedVersion: r.syncedVersion,
  lastSyncError: toVendorError(r.lastSyncError),
  lastVendorPayload: r.lastVendorPayload ?? null,
  lastSyncedAt: r.lastSyncedAt,
  drift: (r.drift as FieldDiff[] | null) ?? [],
  lastReconciledAt: r.lastReconciledAt,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export const toVendorRequest = (r: VendorRequestPreview): VendorRequest => ({
  method: r.method,
  path: r.path,
  query: r.query ?? null,
  headers: r.headers ?? null,
  body: r.body ?? null,
});

export function toPage<R, T>(page: Page<R>, map: (r: R) => T): { nodes: T[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } {
  return { nodes: page.items.map(map), pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor } };
}

export const toLiveRecording = (r: LiveRecordingRow): LiveRecording => ({
  id: r.id,
  tenantId: r.tenantId,
  connectionId: r.connectionId,
  vendor: r.vendor,
  callId: r.callId,
  vendorRecordingId: r.vendorRecordingId,
  status: r.status,
  pauseBehavior: r.pauseBehavior,
  channels: r.channels,
  durationSeconds: r.durationSeconds,
  startedAt: r.startedAt,
  endedAt: r.endedAt,
  version: r.version,
  lastError: toVendorError(r.lastError),
  failureReason: r.failureReason,
  pendingAction: r.pendingAction ? r.pendingAction.kind.toUpperCase() : null,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export const toAttachment = (r: AttachmentRow): Attachment => ({
  id: r.id,
  connectionId: r.connectionId,
  crmCallId: r.crmCallId,
  fileName: r.fileName,
  source: r.source,
  status: r.status,
  liveRecordingId: r.liveRecordingId,
  sizeBytes: r.sizeBytes,
  replacedPrevious: r.replacedPrevious,
  createdAt: r.createdAt,
});
