import type { Migration } from './types';

/**
 * Roll-outs that wait instead of failing (issue 14): a roll-out whose vendor is unavailable (down, throttling, breaker
 * open, credentials refused) records why and when it tries again; each person keeps what every attempt answered; a
 * retry of a finished roll-out's failed people is a new round.
 */
export const migration: Migration = {
  id: '0007_rollout_holds',
  sql: `
ALTER TABLE policy_rollouts
  ADD COLUMN waiting_code text,
  ADD COLUMN waiting_message text,
  ADD COLUMN waiting_since timestamptz(3),
  ADD COLUMN waiting_until timestamptz(3),
  ADD COLUMN retry_round integer NOT NULL DEFAULT 0;
ALTER TABLE policy_rollout_items ADD COLUMN history jsonb NOT NULL DEFAULT '[]'::jsonb;
`,
};
