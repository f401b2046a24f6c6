import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Drizzle's view of the tables that migrations/ creates. Table names carry no schema, so a test can run in a
 * PostgreSQL schema of its own through search_path.
 */
const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date', precision: 3 }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date', precision: 3 }).notNull().defaultNow();

export const tenants = pgTable('tenants', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [index('tenants_page_idx').on(t.createdAt, t.id)]);

export const vendorConnections = pgTable('vendor_connections', {
  id: text('id').primaryKey(),
  tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
  vendor: text('vendor').notNull(),
  name: text('name').notNull(),
  baseUrl: text('base_url').notNull(),
  /** Non-secret vendor settings (account sid, org id, api path ...). */
  settings: jsonb('settings').$type<Record<string, string>>().notNull().default({}),
  /** AES-256-GCM sealed JSON of the credentials; never selected outside the credentials path. */
  credentialsSealed: text('credentials_sealed').notNull(),
  credentialsKeyId: text('credentials_key_id').notNull(),
  status: text('status').notNull().default('UNTESTED'),
  lastCheckedAt: timestamp('last_checked_at', { withTimezone: true, mode: 'date' }),
  lastError: jsonb('last_error').$type<StoredVendorError | null>(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [index('vendor_connections_tenant_idx').on(t.tenantId, t.createdAt, t.id)]);

export interface StoredVendorError {
  code: string;
  message: string;
  vendorCode?: string | number | null;
  vendorMessage?: string | null;
  at: string;
}

export const recordingPolicies = pgTable('recording_policies', {
  id: text('id').primaryKey(),
  tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
  connectionId: text('connection_id').notNull().references(() => vendorConnections.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  scopeKind: text('scope_kind').notNull(),
  scopeId: text('scope_id').notNull(),
  rules: jsonb('rules').$type<Record<string, unknown>>().notNull(),
  version: integer('version').notNull().default(1),
  syncStatus: text('sync_status').notNull().default('PENDING'),
  syncedVersion: integer('synced_version'),
  lastSyncError: jsonb('last_sync_error').$type<StoredVendorError | null>(),
  lastVendorPayload: jsonb('last_vendor_payload').$type<unknown>(),
  lastSyncedAt: timestamp('last_synced_at', { withTimezone: true, mode: 'date' }),
  drift: jsonb('drift').$type<unknown>(),
  lastReconciledAt: timestamp('last_reconciled_at', { withTimezone: true, mode: 'date' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('recording_policies_scope_uq').on(t.connectionId, t.scopeKind, t.scopeId),
  index('recording_policies_tenant_idx').on(t.tenantId, t.createdAt, t.id),
]);

export type TenantRow = typeof tenants.$inferSelect;
export type VendorConnectionRow = typeof vendorConnections.$inferSelect;
export type RecordingPolicyRow = typeof recordingPolicies.$inferSelect;
