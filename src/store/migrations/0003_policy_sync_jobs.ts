import type { Migration } from './types';

export const migration: Migration = {
  id: '0003_policy_sync_jobs',
  sql: `
ALTER TABLE recording_policies ADD COLUMN sync_deadline timestamptz(3);
ALTER TABLE recording_policies ADD COLUMN last_requests jsonb;
ALTER TABLE recording_policies ADD COLUMN sync_attempts integer NOT NULL DEFAULT 0;
`,
};
