import type { Migration } from './types';

export const migration: Migration = {
  id: '0001_tenants_connections_policies',
  sql: `
CREATE TABLE tenants (
  id text PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX tenants_page_idx ON tenants (created_at, id);

CREATE TABLE vendor_connections (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  vendor text NOT NULL,
  name text NOT NULL,
  base_url text NOT NULL,
  settings jsonb NOT NULL DEFAULT '{}'::jsonb,
  credentials_sealed text NOT NULL,
  credentials_key_id text NOT NULL,
  status text NOT NULL DEFAULT 'UNTESTED',
  last_checked_at timestamptz(3),
  last_error jsonb,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX vendor_connections_tenant_idx ON vendor_connections (tenant_id, created_at, id);

CREATE TABLE recording_policies (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  connection_id text NOT NULL REFERENCES vendor_connections (id) ON DELETE CASCADE,
  name text NOT NULL,
  scope_kind text NOT NULL,
  scope_id text NOT NULL,
  rules jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1,
  sync_status text NOT NULL DEFAULT 'PENDING',
  synced_version integer,
  last_sync_error jsonb,
  last_vendor_payload jsonb,
  last_synced_at timestamptz(3),
  drift jsonb,
  last_reconciled_at timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX recording_policies_scope_uq ON recording_policies (connection_id, scope_kind, scope_id);
CREATE INDEX recording_policies_tenant_idx ON recording_policies (tenant_id, created_at, id);
CREATE INDEX recording_policies_connection_idx ON recording_policies (connection_id);
`,
};
