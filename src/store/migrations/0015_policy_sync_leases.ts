import type { Migration } from './types';

/**
 * Who is pushing a policy to its vendor right now (src/services/policy-sync.service.ts). The sync queue no longer
 * keeps one policy's jobs apart (a `stately` queue did, and stalled every policy while one was pushed and changed
 * again); a push takes this row first, so one policy is never pushed twice at once, across replicas. The lease is
 * renewed while the push runs and ends with it; one left by a process that died expires within its lease time.
 * A table of its own: taking a lease writes no policy row, so it moves no read version (migration 0006).
 */
export const migration: Migration = {
  id: '0015_policy_sync_leases',
  sql: `
CREATE TABLE policy_sync_leases (
  policy_id text PRIMARY KEY REFERENCES recording_policies (id) ON DELETE CASCADE,
  owner text NOT NULL,
  lease_until timestamptz(3) NOT NULL
);
`,
};
