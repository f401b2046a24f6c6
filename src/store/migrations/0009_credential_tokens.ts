import type { Migration } from './types';

/**
 * Tokens a connection obtained from its vendor (issue 16): an OAuth access/refresh pair (Webex integration, Bitrix24
 * application) or an exchanged session token (Yeastar get_token). One row per connection, shared by every replica
 * and surviving restarts, so a connection holds one live token whatever the number of processes. Kept apart from
 * vendor_connections: tokens change every few minutes to hours, and vendor_connections moves the read cache's
 * version on every write.
 *
 * `generation` moves on every new token, so a replica that waited for another's refresh can tell it happened;
 * `refreshing_by` / `refreshing_until` is the lease of the one replica renewing it (taken under a row lock), so a
 * replica that dies mid-refresh blocks the others for one lease at most.
 */
export const migration: Migration = {
  id: '0009_credential_tokens',
  sql: `
CREATE TABLE vendor_credential_tokens (
  connection_id text PRIMARY KEY REFERENCES vendor_connections (id) ON DELETE CASCADE,
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  token_sealed text,
  token_key_id text,
  access_expires_at timestamptz(3),
  refresh_expires_at timestamptz(3),
  generation integer NOT NULL DEFAULT 0,
  refreshing_by text,
  refreshing_until timestamptz(3),
  refreshes integer NOT NULL DEFAULT 0,
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX vendor_credential_tokens_tenant_idx ON vendor_credential_tokens (tenant_id);
`,
};
