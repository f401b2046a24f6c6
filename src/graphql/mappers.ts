import type { ConnectionRecord } from '../store/connection.store';
import type { AttachmentRow, LiveRecordingRow, RecordingPolicyRow, StoredVendorError, TenantRow } from '../store/schema';
import type { Attachment, LiveRecording } from './live-recording/live-recording.type';
import type { Page } from '../store/pagination';
import { API_ERROR_CODES, type ApiErrorCode } from '../domain/errors';
import type { ConnectionShape } from './common/pagination';
import type { FieldDiff } from '../domain/policy';
import type { VendorRequestPreview } from '../domain/vendor';
import type { Tenant } from './tenant/tenant.type';
import type { VendorConnection, VendorError } from './connection/connection.type';
import type { RecordingPolicy, VendorRequest } from './policy/policy.type';
import type { RecordingRules } from './policy/rules.type';

/** Rows are not GraphQL types: these functions are the one place where one becomes the other. */

export const toTenant = (r: TenantRow): Tenant => ({ id: r.id, name: r.name, createdAt: r.createdAt, updatedAt: r.updatedAt });

const KNOWN_CODES = new Set<string>(API_ERROR_CODES);
/** A stored code is always one of ours (services/vendor-errors.ts); a row from before the list grew reads as internal. */
export const toErrorCode = (code: string | null | undefined): ApiErrorCode | null =>
  code == null ? null : KNOWN_CODES.has(code) ? (code as ApiErrorCode) : 'INTERNAL_SERVER_ERROR';

export const toVendorError = (e: StoredVendorError | null | undefined): VendorError | null =>
  e
    ? {
        code: toErrorCode(e.code)!,
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

/**
 * A store page as a Relay connection. `after` is what the client sent: a page asked for after a cursor has items
 * before it. totalCount is a getter, so the count runs only when a client selects it.
 */
export function toPage<R, T>(
  page: Page<R>,
  map: (r: R) => T,
  args: { after?: string | null },
): ConnectionShape<T> & { readonly totalCount: Promise<number> } {
  const nodes = page.items.map(map);
  const count = page.count ?? (async () => nodes.length);
  return {
    nodes,
    edges: nodes.map((node, i) => ({ cursor: page.cursors[i]!, node })),
    pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: !!args.after, startCursor: page.cursors[0] ?? null, endCursor: page.endCursor },
    count,
    get totalCount() {
      return count();
    },
  };
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
