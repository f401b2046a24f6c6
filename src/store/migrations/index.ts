/**
 * The one ordered set of migrations, applied at start on PGlite and on a PostgreSQL server alike. Never edit a
 * migration that has shipped: add the next one.
 */
export interface Migration {
  id: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
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
  },
  {
    id: '0002_live_recordings_attachments',
    sql: `
CREATE TABLE live_recordings (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  connection_id text NOT NULL REFERENCES vendor_connections (id) ON DELETE CASCADE,
  vendor text NOT NULL,
  call_id text NOT NULL,
  vendor_recording_id text,
  status text NOT NULL,
  pause_behavior text,
  channels integer,
  duration_seconds integer,
  started_at timestamptz(3),
  ended_at timestamptz(3),
  media_url text,
  version integer NOT NULL DEFAULT 1,
  lock_token text,
  lock_until timestamptz(3),
  last_error jsonb,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX live_recordings_tenant_idx ON live_recordings (tenant_id, created_at, id);
CREATE INDEX live_recordings_call_idx ON live_recordings (connection_id, call_id);

CREATE TABLE attachments (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  connection_id text NOT NULL REFERENCES vendor_connections (id) ON DELETE CASCADE,
  crm_call_id text NOT NULL,
  file_name text NOT NULL,
  source text NOT NULL,
  live_recording_id text REFERENCES live_recordings (id) ON DELETE SET NULL,
  record_url text,
  size_bytes integer,
  replaced_previous boolean NOT NULL DEFAULT false,
  vendor_file_id text,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX attachments_tenant_idx ON attachments (tenant_id, created_at, id);
`,
  },
  {
    id: '0003_policy_sync_jobs',
    sql: `
ALTER TABLE recording_policies ADD COLUMN sync_deadline timestamptz(3);
ALTER TABLE recording_policies ADD COLUMN last_requests jsonb;
ALTER TABLE recording_policies ADD COLUMN sync_attempts integer NOT NULL DEFAULT 0;
`,
  },
];

