import type { Migration } from './types';

/**
 * Intent before effect (issue 14 point 4). A live recording's row is written (status STARTING, with the token we
 * chose for that start) and committed before the vendor is asked to start it; a pause, resume or stop writes its
 * intent (`pending_action`) in the statement that takes the row's lease. An attachment is written ATTACHING, with
 * what is needed to send it again, before Bitrix24 is called. A crash between the two leaves a row that the
 * recovery pass (src/services/live-recording.service.ts, attachment.service.ts) settles with the vendor.
 */
export const migration: Migration = {
  id: '0008_live_intents',
  sql: `
ALTER TABLE live_recordings ADD COLUMN start_token text;
ALTER TABLE live_recordings ADD COLUMN pending_action jsonb;
ALTER TABLE live_recordings ADD COLUMN failure_reason text;
CREATE INDEX live_recordings_unsettled_idx ON live_recordings (lock_until) WHERE status = 'STARTING' OR pending_action IS NOT NULL;
CREATE UNIQUE INDEX live_recordings_vendor_recording_idx ON live_recordings (connection_id, call_id, vendor_recording_id) WHERE vendor_recording_id IS NOT NULL;

ALTER TABLE attachments ADD COLUMN status text NOT NULL DEFAULT 'ATTACHED';
ALTER TABLE attachments ADD COLUMN pending jsonb;
ALTER TABLE attachments ADD COLUMN lock_until timestamptz(3);
ALTER TABLE attachments ADD COLUMN last_error jsonb;
CREATE INDEX attachments_unsettled_idx ON attachments (lock_until) WHERE status = 'ATTACHING';
`,
};
