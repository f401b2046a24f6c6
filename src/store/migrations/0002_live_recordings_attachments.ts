import type { Migration } from './types';

export const migration: Migration = {
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
};
