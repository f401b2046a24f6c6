import { bigint, boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { AttemptEntry, RolloutScope } from '../domain/rollout';
import type { VendorKind } from '../domain/vendor-kind';

/**
 * Drizzle's view of the tables that migrations/ creates. Table names carry no schema, so a test can run in a
 * PostgreSQL schema of its own through search_path.
 */
const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date', precision: 3 }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date', precision: 3 }).notNull().defaultNow();
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });

export const tenants = pgTable(
  'tenants',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('tenants_page_idx').on(t.createdAt, t.id)],
);

export const vendorConnections = pgTable(
  'vendor_connections',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    vendor: text('vendor').$type<VendorKind>().notNull(),
    name: text('name').notNull(),
    baseUrl: text('base_url').notNull(),
    /** Non-secret vendor settings (account sid, org id, api path ...). */
    settings: jsonb('settings').$type<Record<string, string>>().notNull().default({}),
    /** AES-256-GCM sealed JSON of the credentials; never selected outside the credentials path. */
    credentialsSealed: text('credentials_sealed').notNull(),
    credentialsKeyId: text('credentials_key_id').notNull(),
    status: text('status').notNull().default('UNTESTED'),
    lastCheckedAt: ts('last_checked_at'),
    lastError: jsonb('last_error').$type<StoredVendorError | null>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('vendor_connections_tenant_idx').on(t.tenantId, t.createdAt, t.id)],
);

export interface StoredVendorError {
  code: string;
  message: string;
  vendorCode?: string | number | null;
  vendorMessage?: string | null;
  at: string;
}

export const recordingPolicies = pgTable(
  'recording_policies',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    connectionId: text('connection_id')
      .notNull()
      .references(() => vendorConnections.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    scopeKind: text('scope_kind').notNull(),
    scopeId: text('scope_id').notNull(),
    rules: jsonb('rules').$type<Record<string, unknown>>().notNull(),
    version: integer('version').notNull().default(1),
    syncStatus: text('sync_status').notNull().default('PENDING'),
    syncedVersion: integer('synced_version'),
    lastSyncError: jsonb('last_sync_error').$type<StoredVendorError | null>(),
    lastVendorPayload: jsonb('last_vendor_payload').$type<unknown>(),
    lastSyncedAt: ts('last_synced_at'),
    drift: jsonb('drift').$type<unknown>(),
    lastReconciledAt: ts('last_reconciled_at'),
    /** Until when the sync job keeps retrying the current version before it is marked FAILED. */
    syncDeadline: timestamp('sync_deadline', { withTimezone: true, mode: 'date', precision: 3 }),
    /** The vendor requests of the last successful push (credentials redacted). */
    lastRequests: jsonb('last_requests').$type<unknown[] | null>(),
    /** Vendor attempts for the current version. */
    syncAttempts: integer('sync_attempts').notNull().default(0),
    /** The recording standard that made this policy (migration 0011); null for a policy someone wrote. */
    standardId: text('standard_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('recording_policies_scope_uq').on(t.connectionId, t.scopeKind, t.scopeId),
    index('recording_policies_tenant_idx').on(t.tenantId, t.createdAt, t.id),
    index('recording_policies_page_idx').on(t.createdAt, t.id),
  ],
);

export type TenantRow = typeof tenants.$inferSelect;
export type VendorConnectionRow = typeof vendorConnections.$inferSelect;
export type RecordingPolicyRow = typeof recordingPolicies.$inferSelect;

export const liveRecordings = pgTable('live_recordings', {
  id: text('id').primaryKey(),
  tenantId: text('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  connectionId: text('connection_id')
    .notNull()
    .references(() => vendorConnections.id, { onDelete: 'cascade' }),
  vendor: text('vendor').$type<VendorKind>().notNull(),
  callId: text('call_id').notNull(),
  vendorRecordingId: text('vendor_recording_id'),
  status: text('status').notNull(),
  pauseBehavior: text('pause_behavior'),
  channels: integer('channels'),
  durationSeconds: integer('duration_seconds'),
  startedAt: timestamp('started_at', { withTimezone: true, mode: 'date', precision: 3 }),
  endedAt: timestamp('ended_at', { withTimezone: true, mode: 'date', precision: 3 }),
  mediaUrl: text('media_url'),
  version: integer('version').notNull().default(1),
  /** A short lease serialising actions on one recording across replicas (no transaction held over a vendor call). */
  lockToken: text('lock_token'),
  lockUntil: timestamp('lock_until', { withTimezone: true, mode: 'date', precision: 3 }),
  lastError: jsonb('last_error').$type<StoredVendorError | null>(),
  /** Chosen by us before the start is sent (migration 0008): the row exists before the vendor's recording does. */
  startToken: text('start_token'),
  /** A pause, resume or stop sent (or about to be) whose answer is not stored yet. */
  pendingAction: jsonb('pending_action').$type<{ kind: 'pause' | 'resume' | 'stop'; behavior?: string; token: string } | null>(),
  /** Why a STARTING row ended FAILED_TO_START. */
  failureReason: text('failure_reason'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const attachments = pgTable('attachments', {
  id: text('id').primaryKey(),
  tenantId: text('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  connectionId: text('connection_id')
    .notNull()
    .references(() => vendorConnections.id, { onDelete: 'cascade' }),
  crmCallId: text('crm_call_id').notNull(),
  fileName: text('file_name').notNull(),
  source: text('source').notNull(),
  liveRecordingId: text('live_recording_id'),
  recordUrl: text('record_url'),
  sizeBytes: integer('size_bytes'),
  replacedPrevious: boolean('replaced_previous').notNull().default(false),
  vendorFileId: text('vendor_file_id'),
  /** ATTACHING (written before the vendor call, migration 0008), ATTACHED or FAILED. */
  status: text('status').notNull().default('ATTACHED'),
  /** While ATTACHING: what is needed to send the attachment again (Bitrix24 replaces a call's one recording). */
  pending: jsonb('pending').$type<{ fileName: string; contentBase64?: string; recordUrl?: string; liveRecordingId?: string } | null>(),
  lockUntil: timestamp('lock_until', { withTimezone: true, mode: 'date', precision: 3 }),
  lastError: jsonb('last_error').$type<StoredVendorError | null>(),
  createdAt: createdAt(),
});

export type LiveRecordingRow = typeof liveRecordings.$inferSelect;
export type AttachmentRow = typeof attachments.$inferSelect;

export const auditLog = pgTable('audit_log', {
  id: text('id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  at: timestamp('at', { withTimezone: true, mode: 'date', precision: 3 }).notNull().defaultNow(),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  targetType: text('target_type').notNull(),
  targetId: text('target_id').notNull(),
  before: jsonb('before').$type<unknown>(),
  after: jsonb('after').$type<unknown>(),
  outcome: jsonb('outcome').$type<unknown>(),
  requestId: text('request_id'),
});

export const idempotencyKeys = pgTable('idempotency_keys', {
  tenantId: text('tenant_id').notNull(),
  key: text('key').notNull(),
  operation: text('operation').notNull(),
  requestHash: text('request_hash').notNull(),
  state: text('state').notNull(),
  response: jsonb('response').$type<unknown>(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date', precision: 3 }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date', precision: 3 }).notNull(),
});
export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;

/** One row: moved forward by every committed change to tenants, connections or policies (migration 0006). */
export const readVersion = pgTable('read_version', {
  id: boolean('id').primaryKey().default(true),
  version: bigint('version', { mode: 'number' }).notNull(),
});

/** Who is pushing a policy to its vendor right now (migration 0015, src/services/policy-sync.service.ts). */
export const policySyncLeases = pgTable('policy_sync_leases', {
  policyId: text('policy_id')
    .primaryKey()
    .references(() => recordingPolicies.id, { onDelete: 'cascade' }),
  owner: text('owner').notNull(),
  leaseUntil: ts('lease_until').notNull(),
});

/** Per-tenant read versions (migration 0012): moved by every committed change to the tenant's rows. */
export const readVersionTenant = pgTable('read_version_tenant', {
  tenantId: text('tenant_id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
});

/** One row: moved by every committed insert or delete of a tenant, or change of its id or created_at (migration 0014). */
export const readVersionTenantSet = pgTable('read_version_tenant_set', {
  id: boolean('id').primaryKey().default(true),
  version: bigint('version', { mode: 'number' }).notNull(),
});

export type AuditRow = typeof auditLog.$inferSelect;

/** A tenant's recording standard (migration 0011, issue 17). */
export const recordingStandards = pgTable('recording_standards', {
  id: text('id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  name: text('name').notNull(),
  mode: text('mode').notNull().default('REPORT'),
  rules: jsonb('rules').$type<Record<string, unknown>>().notNull(),
  requiredFields: jsonb('required_fields').$type<string[]>().notNull().default([]),
  exceptions: jsonb('exceptions').$type<unknown[]>().notNull().default([]),
  overrides: jsonb('overrides').$type<unknown[]>().notNull().default([]),
  version: integer('version').notNull().default(1),
  /** Compiled to the platforms at least once: from then on every change and every reconcile keeps it true. */
  applied: boolean('applied').notNull().default(false),
  /** The last compliance summary announced (a change is published). */
  compliance: jsonb('compliance').$type<unknown>(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** What the standard's last compile did on one connection. */
export const recordingStandardTargets = pgTable('recording_standard_targets', {
  standardId: text('standard_id').notNull(),
  connectionId: text('connection_id').notNull(),
  tenantId: text('tenant_id').notNull(),
  compiledVersion: integer('compiled_version'),
  blocked: jsonb('blocked').$type<{ code: string; message: string; fields: string[] } | null>(),
  rolloutIds: jsonb('rollout_ids').$type<string[]>().notNull().default([]),
  unresolved: jsonb('unresolved').$type<{ name: string; reason: string }[]>().notNull().default([]),
  ungoverned: jsonb('ungoverned').$type<{ kind: string; id: string }[]>().notNull().default([]),
  scopes: integer('scopes').notNull().default(0),
  walkedAt: timestamp('walked_at', { withTimezone: true, mode: 'date', precision: 3 }),
  updatedAt: updatedAt(),
});

export type RecordingStandardRow = typeof recordingStandards.$inferSelect;
export type StandardTargetRow = typeof recordingStandardTargets.$inferSelect;

/** Policy roll-outs (migrations 0005 and 0007, issue 10): one row per roll-out (store/rollout.store.ts). */
export const policyRollouts = pgTable(
  'policy_rollouts',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    connectionId: text('connection_id').notNull(),
    name: text('name').notNull(),
    rules: jsonb('rules').$type<Record<string, unknown>>().notNull(),
    scope: jsonb('scope').$type<RolloutScope>().notNull(),
    status: text('status').notNull(),
    ratePerSecond: doublePrecision('rate_per_second').notNull(),
    listed: boolean('listed').notNull().default(false),
    listOwner: text('list_owner'),
    listLeaseUntil: ts('list_lease_until'),
    total: integer('total').notNull().default(0),
    lastError: jsonb('last_error').$type<StoredVendorError | null>(),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    resumedAt: ts('resumed_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
    waitingCode: text('waiting_code'),
    waitingMessage: text('waiting_message'),
    waitingSince: ts('waiting_since'),
    waitingUntil: ts('waiting_until'),
    retryRound: integer('retry_round').notNull().default(0),
  },
  (t) => [index('policy_rollouts_tenant_idx').on(t.tenantId, t.createdAt, t.id)],
);

/** One row per person a roll-out reaches, inserted while the vendor's directory is streamed. */
export const policyRolloutItems = pgTable(
  'policy_rollout_items',
  {
    rolloutId: text('rollout_id').notNull(),
    personId: text('person_id').notNull(),
    seq: integer('seq').notNull(),
    status: text('status').notNull().default('PENDING'),
    attempts: integer('attempts').notNull().default(0),
    requests: integer('requests').notNull().default(0),
    leaseOwner: text('lease_owner'),
    leaseUntil: ts('lease_until'),
    error: jsonb('error').$type<StoredVendorError | null>(),
    changes: jsonb('changes').$type<unknown>(),
    finishedAt: ts('finished_at'),
    history: jsonb('history').$type<AttemptEntry[]>().notNull().default([]),
  },
  (t) => [primaryKey({ columns: [t.rolloutId, t.personId] })],
);

export type RolloutRow = typeof policyRollouts.$inferSelect;
export type RolloutItemRow = typeof policyRolloutItems.$inferSelect;

/**
 * The request schedule each vendor connection shares over every replica (migration 0005): the next free instant
 * of a GCRA (store/request-schedule.store.ts).
 */
export const vendorRequestSchedule = pgTable('vendor_request_schedule', {
  connectionId: text('connection_id').primaryKey(),
  nextAt: timestamp('next_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** A connection's obtained vendor token, sealed, shared by every replica (migration 0009, store/credential-token.store.ts). */
export const vendorCredentialTokens = pgTable('vendor_credential_tokens', {
  connectionId: text('connection_id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  tokenSealed: text('token_sealed'),
  tokenKeyId: text('token_key_id'),
  accessExpiresAt: ts('access_expires_at'),
  refreshExpiresAt: ts('refresh_expires_at'),
  generation: integer('generation').notNull().default(0),
  refreshingBy: text('refreshing_by'),
  refreshingUntil: ts('refreshing_until'),
  refreshes: integer('refreshes').notNull().default(0),
  updatedAt: updatedAt(),
});

export type CredentialTokenRow = typeof vendorCredentialTokens.$inferSelect;
