import type { Migration } from './types';

/**
 * Policy roll-outs (issue 10): one row per roll-out, one row per person it targets (created while the vendor's
 * directory is streamed), and the shared request schedule per vendor connection that paces every replica.
 */
export const migration: Migration = {
  id: '0005_rollouts',
  sql: `
CREATE TABLE policy_rollouts (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  connection_id text NOT NULL REFERENCES vendor_connections (id) ON DELETE CASCADE,
  name text NOT NULL,
  rules jsonb NOT NULL,
  scope jsonb NOT NULL,
  status text NOT NULL,
  rate_per_second double precision NOT NULL,
  listed boolean NOT NULL DEFAULT false,
  list_owner text,
  list_lease_until timestamptz(3),
  total integer NOT NULL DEFAULT 0,
  last_error jsonb,
  created_by text,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  resumed_at timestamptz(3) NOT NULL DEFAULT now(),
  finished_at timestamptz(3)
);
CREATE INDEX policy_rollouts_tenant_idx ON policy_rollouts (tenant_id, created_at, id);

CREATE TABLE policy_rollout_items (
  rollout_id text NOT NULL REFERENCES policy_rollouts (id) ON DELETE CASCADE,
  person_id text NOT NULL,
  seq integer NOT NULL,
  status text NOT NULL DEFAULT 'PENDING',
  attempts integer NOT NULL DEFAULT 0,
  requests integer NOT NULL DEFAULT 0,
  lease_owner text,
  lease_until timestamptz(3),
  error jsonb,
  changes jsonb,
  finished_at timestamptz(3),
  PRIMARY KEY (rollout_id, person_id)
);
CREATE INDEX policy_rollout_items_claim_idx ON policy_rollout_items (rollout_id, status, seq);
CREATE INDEX policy_rollout_items_finished_idx ON policy_rollout_items (rollout_id, finished_at);

CREATE TABLE vendor_request_schedule (
  connection_id text PRIMARY KEY,
  next_at timestamptz NOT NULL
);
`,
};
