/**
 * The closed lists of the audit trail: what can be done, and to what. The store takes only these (adding an action
 * without listing it fails to compile), and the API offers them as the AuditAction and AuditTargetType enums.
 */
export const AUDIT_ACTIONS = [
  'tenant.create',
  'tenant.rename',
  'tenant.delete',
  'connection.create',
  'connection.update',
  'connection.delete',
  'connection.test',
  'connection.auth_expired',
  'connection.rotate_credentials_key',
  'policy.create',
  'policy.update',
  'policy.delete',
  'policy.sync',
  'policy.retry_sync',
  'policy.reconcile',
  'live_recording.start',
  'live_recording.pause',
  'live_recording.resume',
  'live_recording.stop',
  'live_recording.start.recovered',
  'live_recording.pause.recovered',
  'live_recording.resume.recovered',
  'live_recording.stop.recovered',
  'attachment.create',
  'attachment.create.recovered',
  'rollout.retryFailed',
  'rollout.complete',
  'standard.create',
  'standard.update',
  'standard.apply',
  'standard.blocked',
  'standard.compile',
  'standard.govern',
  'standard.enforce',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_TARGET_TYPES = [
  'Tenant',
  'VendorConnection',
  'RecordingPolicy',
  'LiveRecording',
  'Attachment',
  'PolicyRollout',
  'RecordingStandard',
] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];
