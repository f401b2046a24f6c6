import type { Migration } from './types';

/**
 * A tenant's recording standard (issue 17): one row per tenant (versioned, optimistic concurrency like policies),
 * one row per connection it governs (what the last compile did there: blocked, the roll-outs it started, the people
 * it could not resolve, the last compliance it found), and the owner column on policies: a policy the standard made
 * carries its id, so the standard finds, updates and reports exactly its own policies.
 */
export const migration: Migration = {
  id: '0011_recording_standards',
  sql: `
CREATE TABLE recording_standards (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name text NOT NULL,
  mode text NOT NULL DEFAULT 'REPORT',
  rules jsonb NOT NULL,
  required_fields jsonb NOT NULL DEFAULT '[]',
  exceptions jsonb NOT NULL DEFAULT '[]',
  overrides jsonb NOT NULL DEFAULT '[]',
  version integer NOT NULL DEFAULT 1,
  applied boolean NOT NULL DEFAULT false,
  compliance jsonb,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX recording_standards_tenant_uq ON recording_standards (tenant_id);

CREATE TABLE recording_standard_targets (
  standard_id text NOT NULL REFERENCES recording_standards (id) ON DELETE CASCADE,
  connection_id text NOT NULL REFERENCES vendor_connections (id) ON DELETE CASCADE,
  tenant_id text NOT NULL,
  compiled_version integer,
  blocked jsonb,
  rollout_ids jsonb NOT NULL DEFAULT '[]',
  unresolved jsonb NOT NULL DEFAULT '[]',
  ungoverned jsonb NOT NULL DEFAULT '[]',
  scopes integer NOT NULL DEFAULT 0,
  walked_at timestamptz(3),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (standard_id, connection_id)
);

ALTER TABLE recording_policies ADD COLUMN standard_id text REFERENCES recording_standards (id) ON DELETE SET NULL;
CREATE INDEX recording_policies_standard_idx ON recording_policies (standard_id, connection_id);
`,
};
