import type { Migration } from './types';

export const migration: Migration = {
  id: '0004_audit_idempotency',
  sql: `
-- No foreign key to tenants: the trail of a deleted tenant is kept (for its platform operators).
CREATE TABLE audit_log (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  at timestamptz(3) NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  target_type text NOT NULL,
  target_id text NOT NULL,
  before jsonb,
  after jsonb,
  outcome jsonb,
  request_id text
);
CREATE INDEX audit_log_tenant_idx ON audit_log (tenant_id, at, id);
CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id);

CREATE TABLE idempotency_keys (
  tenant_id text NOT NULL,
  key text NOT NULL,
  operation text NOT NULL,
  request_hash text NOT NULL,
  state text NOT NULL,
  response jsonb,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  expires_at timestamptz(3) NOT NULL,
  PRIMARY KEY (tenant_id, key)
);
CREATE INDEX idempotency_keys_expiry_idx ON idempotency_keys (expires_at);
`,
};
