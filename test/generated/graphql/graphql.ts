/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Telling the parties that the call is recorded. */
export type AnnouncementInput = {
  /** The announcement is played. */
  enabled?: boolean | null | undefined;
  /** One message for every call. */
  media?: MediaRefInput | null | undefined;
  /** Per direction, where the vendor distinguishes. */
  prompts?: DirectionPromptsInput | null | undefined;
};

/** The standard to compile to every platform. */
export type ApplyRecordingStandardInput = {
  /** The standard. */
  id: string | number;
};

/** Exactly one of contentBase64, recordUrl or liveRecordingId. */
export type AttachRecordingInput = {
  /** The CRM connection (Bitrix24). */
  connectionId: string | number;
  /** The recording, base64-encoded, up to about 700 KB of audio (requests are capped at 1 MB); larger files go through liveRecordingId or recordUrl. */
  contentBase64?: string | null | undefined;
  /** The CRM call id (Bitrix24 CALL_ID from telephony.externalcall.register). */
  crmCallId: string;
  /** Must end in .wav or .mp3. */
  fileName: string;
  /** One of our stopped LiveRecordings: its media is fetched from its vendor and uploaded. */
  liveRecordingId?: string | number | null | undefined;
  /** A URL the CRM downloads the recording from, once (the vendor advises against it). */
  recordUrl?: string | null | undefined;
};

/** Where an attached recording came from. */
export type AttachmentSource =
  /** Sent inline (contentBase64). */
  | 'CONTENT'
  /** One of our live recordings, fetched from its vendor and uploaded. */
  | 'LIVE_RECORDING'
  /** Downloaded by the CRM from recordUrl. */
  | 'URL';

/** What an audit entry records: the object type, then what was done to it (".recovered": settled by recovery after a restart). */
export type AuditAction =
  /** Stored as "attachment.create". */
  | 'ATTACHMENT_CREATE'
  /** Stored as "attachment.create.recovered". */
  | 'ATTACHMENT_CREATE_RECOVERED'
  /** Stored as "connection.auth_expired". */
  | 'CONNECTION_AUTH_EXPIRED'
  /** Stored as "connection.create". */
  | 'CONNECTION_CREATE'
  /** Stored as "connection.delete". */
  | 'CONNECTION_DELETE'
  /** Stored as "connection.rotate_credentials_key". */
  | 'CONNECTION_ROTATE_CREDENTIALS_KEY'
  /** Stored as "connection.test". */
  | 'CONNECTION_TEST'
  /** Stored as "connection.update". */
  | 'CONNECTION_UPDATE'
  /** Stored as "live_recording.pause". */
  | 'LIVE_RECORDING_PAUSE'
  /** Stored as "live_recording.pause.recovered". */
  | 'LIVE_RECORDING_PAUSE_RECOVERED'
  /** Stored as "live_recording.resume". */
  | 'LIVE_RECORDING_RESUME'
  /** Stored as "live_recording.resume.recovered". */
  | 'LIVE_RECORDING_RESUME_RECOVERED'
  /** Stored as "live_recording.start". */
  | 'LIVE_RECORDING_START'
  /** Stored as "live_recording.start.recovered". */
  | 'LIVE_RECORDING_START_RECOVERED'
  /** Stored as "live_recording.stop". */
  | 'LIVE_RECORDING_STOP'
  /** Stored as "live_recording.stop.recovered". */
  | 'LIVE_RECORDING_STOP_RECOVERED'
  /** Stored as "policy.create". */
  | 'POLICY_CREATE'
  /** Stored as "policy.delete". */
  | 'POLICY_DELETE'
  /** Stored as "policy.reconcile". */
  | 'POLICY_RECONCILE'
  /** Stored as "policy.retry_sync". */
  | 'POLICY_RETRY_SYNC'
  /** Stored as "policy.sync". */
  | 'POLICY_SYNC'
  /** Stored as "policy.update". */
  | 'POLICY_UPDATE'
  /** Stored as "rollout.complete". */
  | 'ROLLOUT_COMPLETE'
  /** Stored as "rollout.retryFailed". */
  | 'ROLLOUT_RETRY_FAILED'
  /** Stored as "standard.apply". */
  | 'STANDARD_APPLY'
  /** Stored as "standard.blocked". */
  | 'STANDARD_BLOCKED'
  /** Stored as "standard.compile". */
  | 'STANDARD_COMPILE'
  /** Stored as "standard.create". */
  | 'STANDARD_CREATE'
  /** Stored as "standard.enforce". */
  | 'STANDARD_ENFORCE'
  /** Stored as "standard.govern". */
  | 'STANDARD_GOVERN'
  /** Stored as "standard.update". */
  | 'STANDARD_UPDATE'
  /** Stored as "tenant.create". */
  | 'TENANT_CREATE'
  /** Stored as "tenant.delete". */
  | 'TENANT_DELETE'
  /** Stored as "tenant.rename". */
  | 'TENANT_RENAME';

/** The type of the object an audit entry is about (the GraphQL type name of the target). */
export type AuditTargetType =
  /** A recording attached to a CRM call. */
  | 'Attachment'
  /** A live recording. */
  | 'LiveRecording'
  /** A policy roll-out. */
  | 'PolicyRollout'
  /** A recording policy. */
  | 'RecordingPolicy'
  /** A tenant's company recording standard. */
  | 'RecordingStandard'
  /** A tenant. */
  | 'Tenant'
  /** A vendor connection. */
  | 'VendorConnection';

/** Which calls are recorded (null: leave ungoverned). */
export type CallSelectionInput = {
  /** Calls with outside (PSTN) parties. */
  external?: boolean | null | undefined;
  /** Incoming calls. */
  inbound?: boolean | null | undefined;
  /** Calls between extensions. */
  internal?: boolean | null | undefined;
  /** Outgoing calls. */
  outbound?: boolean | null | undefined;
  /** Paging and intercom calls. */
  paging?: boolean | null | undefined;
  /** Voicemail. */
  voicemail?: boolean | null | undefined;
};

/** The roll-out to cancel. */
export type CancelPolicyRolloutInput = {
  /** The roll-out. */
  id: string | number;
};

/** A vendor account to connect to a tenant. */
export type ConnectVendorInput = {
  /** The vendor API's base URL, e.g. https://simple-api.cp.megafon.ru */
  baseUrl: string;
  /** Credentials: stored encrypted, never readable back. */
  credentials: Array<NameValueInput>;
  /** Display name, 1..200 characters. */
  name: string;
  /** Non-secret settings; see Query.vendors for the names each vendor takes. */
  settings?: Array<NameValueInput> | null | undefined;
  /** The tenant. */
  tenantId: string | number;
  /** The vendor. */
  vendor: VendorKind;
};

/** Why a connection test failed, as a stable code; ConnectionProblem.hint says what to do. */
export type ConnectionProblemCode =
  /** The vendor refused the refresh token: reconnect the integration or application. */
  | 'AUTHORIZATION_EXPIRED'
  /** The vendor refused the credentials (wrong, regenerated or revoked). */
  | 'CREDENTIALS_REFUSED'
  /** The vendor refuses calls from this service's address (API IP allow-list). */
  | 'IP_NOT_ALLOWED'
  /** The user or account lacks the licence the feature needs. */
  | 'LICENSE_MISSING'
  /** The credentials work but lack a permission (OAuth scope, application right). */
  | 'SCOPE_MISSING'
  /** The API client holds as many live tokens as the vendor allows. */
  | 'TOKEN_CAP_REACHED'
  /** The vendor refused the test request itself (base URL, settings). */
  | 'VENDOR_REJECTED'
  /** The vendor did not answer or is throttling; nothing to fix, test again later. */
  | 'VENDOR_UNAVAILABLE';

/** Whether a connection works, as last checked. */
export type ConnectionStatus =
  /** The vendor refused the refresh token (a Webex integration or Bitrix24 application no longer authorized): work on this connection waits until it is reconnected with new credentials (updateVendorConnection). */
  | 'AUTH_EXPIRED'
  /** The last check failed; see lastError. */
  | 'FAILED'
  /** The last check against the vendor succeeded. */
  | 'OK'
  /** Credentials stored, not yet checked against the vendor. */
  | 'UNTESTED';

/** How a platform holds one rule of the standard, from its adapter's capabilities. */
export type CoverageStatus =
  /** The vendor comes close in a way its adapter declares (see note); the rule itself is not sent (and blocks the platform when required). */
  | 'APPROXIMATED'
  /** The vendor expresses the rule exactly; it is sent. */
  | 'HONOURED'
  /** The vendor cannot hold the rule at all; it is not sent (and blocks the platform when required). */
  | 'NOT_SUPPORTED';

/** A new policy for one scope of one connection. */
export type CreateRecordingPolicyInput = {
  /** Push to the vendor now (default). False stores it as PENDING. */
  apply?: boolean;
  /** The connection. */
  connectionId: string | number;
  /** Display name, 1..200 characters. */
  name: string;
  /** The desired recording rules. */
  rules: RecordingRulesInput;
  /** What it governs at the vendor. */
  scope: PolicyScopeInput;
};

/** A new tenant. */
export type CreateTenantInput = {
  /** Display name, 1..200 characters. */
  name: string;
};

/** One message per call direction. */
export type DirectionPromptsInput = {
  /** For inbound calls. */
  inbound?: MediaRefInput | null | undefined;
  /** For internal calls. */
  internal?: MediaRefInput | null | undefined;
  /** For outbound calls. */
  outbound?: MediaRefInput | null | undefined;
};

/** Every value an error can carry in extensions.code (refusals are GraphQL errors, never payloads). VendorError.code uses the same values. */
export type ErrorCode =
  /** The HTTP request is malformed (not JSON, wrong content type, a batch). */
  | 'BAD_REQUEST'
  /** The input is invalid; extensions.fields names each offending field path. Nothing was written. */
  | 'BAD_USER_INPUT'
  /** The object changed since you read it (a stale expectedVersion); extensions.currentVersion has the new one. */
  | 'CONFLICT'
  /** The operation did not finish in time; it may still complete: read the state before retrying. */
  | 'EXECUTION_TIMEOUT'
  /** The token lacks the scope or the tenant this needs. */
  | 'FORBIDDEN'
  /** The operation is not valid GraphQL syntax. */
  | 'GRAPHQL_PARSE_FAILED'
  /** The operation does not fit the schema. */
  | 'GRAPHQL_VALIDATION_FAILED'
  /** The Idempotency-Key was already used for a different operation or input. */
  | 'IDEMPOTENCY_KEY_REUSED'
  /** An unexpected error; the message says nothing more. Retryable. */
  | 'INTERNAL_SERVER_ERROR'
  /** The object is in a state that does not allow this (a stopped recording cannot be resumed). */
  | 'INVALID_TRANSITION'
  /** No such object, or it belongs to a tenant the token does not see. */
  | 'NOT_FOUND'
  /** The operation to run could not be chosen (operationName missing or unknown). */
  | 'OPERATION_RESOLUTION_FAILURE'
  /** The request body is over the size limit. */
  | 'PAYLOAD_TOO_LARGE'
  /** The persisted query hash is unknown: send the query text. */
  | 'PERSISTED_QUERY_NOT_FOUND'
  /** Persisted queries are not enabled. */
  | 'PERSISTED_QUERY_NOT_SUPPORTED'
  /** The operation is over a limit (depth, cost, aliases, directives or tokens); extensions.limit names it. */
  | 'QUERY_TOO_COMPLEX'
  /** No valid bearer token. */
  | 'UNAUTHENTICATED'
  /** The vendor refused the connection's refresh token: reconnect it (updateVendorConnection). */
  | 'VENDOR_AUTH_EXPIRED'
  /** The vendor refused the connection's credentials. */
  | 'VENDOR_AUTH_FAILED'
  /** The vendor refused the request; vendorCode and vendorMessage say why. */
  | 'VENDOR_REJECTED'
  /** The vendor did not answer, failed or is throttling: retryable (see retryAfterSeconds); nothing is lost. */
  | 'VENDOR_UNAVAILABLE'
  /** The vendor cannot express a rule field; extensions.field and extensions.vendor name it. No vendor call was made. */
  | 'VENDOR_UNSUPPORTED_FIELD';

/** An extension, extension group or the whole organisation whose calls are recorded. */
export type ExtensionTargetInput = {
  /** The vendor's id. */
  id: string;
  /** What the id names. */
  kind: ExtensionTargetKind;
  /** Its name. */
  name?: string | null | undefined;
  /** Its extension number. */
  number?: string | null | undefined;
};

/** What an extension target names. */
export type ExtensionTargetKind =
  /** One extension. */
  | 'EXTENSION'
  /** A group of extensions. */
  | 'EXTENSION_GROUP'
  /** Every extension of the organisation. */
  | 'ORGANIZATION';

/** The file format of recordings. */
export type FileFormat =
  /** MP3. */
  | 'MP3'
  /** WAV. */
  | 'WAV';

/** The HTTP method of a vendor request. */
export type HttpMethod =
  /** Removes. */
  | 'DELETE'
  /** Reads. */
  | 'GET'
  /** Changes some fields. */
  | 'PATCH'
  /** Creates, or calls an action. */
  | 'POST'
  /** Replaces. */
  | 'PUT';

/** What a lint warning is about; the policy is valid, but probably not what you meant. */
export type LintCode =
  /** The mode records nothing but calls are selected (or the reverse). */
  | 'CONTRADICTORY_MODE'
  /** Users are excluded from a policy that records nothing. */
  | 'EXCLUSIONS_UNUSED'
  /** External callers are recorded without an announcement. */
  | 'EXTERNAL_CALLS_UNANNOUNCED'
  /** Neither an announcement nor a periodic beep tells the parties that the call is recorded. */
  | 'NO_RECORDING_SIGNAL'
  /** A queue that looks like it takes payments is recorded in a mode that cannot pause. */
  | 'PAYMENT_QUEUE_CANNOT_PAUSE';

/** What happened to a live recording. */
export type LiveRecordingEventKind =
  /** It was paused. */
  | 'PAUSED'
  /** It was resumed. */
  | 'RESUMED'
  /** It started (or recovery found it started at the vendor). */
  | 'STARTED'
  /** It stopped; final. */
  | 'STOPPED'
  /** Its state was read from the vendor and changed (the call ended, a pause seen at the vendor, ...). */
  | 'UPDATED';

/** Where a live recording stands, as its vendor confirmed. */
export type LiveRecordingStatus =
  /** The vendor refused the start, or it never happened (see failureReason); final. */
  | 'FAILED_TO_START'
  /** Recording. */
  | 'IN_PROGRESS'
  /** Paused; see pauseBehavior for what the paused part becomes. */
  | 'PAUSED'
  /** Stored before the start was sent; the vendor has not confirmed it yet (recovery settles it). */
  | 'STARTING'
  /** Finished; final. */
  | 'STOPPED';

/** An audio message. */
export type MediaRefInput = {
  /** Required when source is CUSTOM. */
  mediaId?: string | null | undefined;
  /** System or custom media. */
  source: MediaSource;
};

/** The vendor's standard message, or one from the customer's own media library. */
export type MediaSource =
  /** A message from the customer's media library (mediaId). */
  | 'CUSTOM'
  /** The vendor's standard message. */
  | 'SYSTEM';

/** A named value: a credential (write-only) or a setting. */
export type NameValueInput = {
  /** The field name, as Query.vendors lists it. */
  name: string;
  /** Its value (1..4096 characters). */
  value: string;
};

/** A queue, IVR or conference room. */
export type NamedTargetInput = {
  /** The vendor's id. */
  id: string;
  /** Its name. */
  name?: string | null | undefined;
};

/** How the parties learn of a pause or resume. */
export type NotificationType =
  /** A spoken announcement. */
  | 'ANNOUNCEMENT'
  /** A beep. */
  | 'BEEP';

/** What happens to the paused part of a recording. */
export type PauseBehavior =
  /** The paused part is replaced by silence, so the timeline is kept. */
  | 'SILENCE'
  /** The paused part is left out of the recording. */
  | 'SKIP';

/** A recording to pause, and how. */
export type PauseLiveRecordingInput = {
  /** SKIP leaves the paused part out; SILENCE keeps the timeline. */
  behavior?: PauseBehavior;
  /** The live recording. */
  id: string | number;
};

/** The roll-out to pause. */
export type PausePolicyRolloutInput = {
  /** The roll-out. */
  id: string | number;
};

/** How the parties learn of a pause or resume. */
export type PauseResumeNotificationInput = {
  /** The parties are told. */
  enabled: boolean;
  /** Required when enabled. */
  type?: NotificationType | null | undefined;
};

/** A beep every so often while recording. */
export type PeriodicBeepInput = {
  /** The beep is on. */
  enabled: boolean;
  /** Seconds between beeps, 1..3600 (Webex takes 10..1800). */
  intervalSeconds?: number | null | undefined;
};

/** What one attempt at one person answered. */
export type PolicyRolloutAttemptOutcome =
  /** The settings were already as desired: nothing was written. */
  | 'ALREADY_IN_SYNC'
  /** The vendor refused these settings, or the person does not exist. */
  | 'FAILED'
  /** The vendor was unavailable; the person stayed pending. */
  | 'WAITING'
  /** The settings differed and were written. */
  | 'WRITTEN';

/** What happened for one person. */
export type PolicyRolloutOutcomeStatus =
  /** The settings were read and already as desired: nothing was written. */
  | 'ALREADY_IN_SYNC'
  /** The vendor answered about this person: it refused these settings, or the person does not exist; see error. An unavailable vendor never fails a person. retryFailedRolloutPeople tries FAILED people again. */
  | 'FAILED'
  /** Not reached yet, or waiting for the vendor to be available again (see history and the roll-out's waiting). */
  | 'PENDING'
  /** The settings differed and were written. */
  | 'WRITTEN';

/** Exactly one of: all, personIds, locationId. */
export type PolicyRolloutScopeInput = {
  /** Every person in the directory. */
  all?: boolean | null | undefined;
  /** Everyone in this vendor location. */
  locationId?: string | null | undefined;
  /** These people (vendor person ids), up to 10,000. */
  personIds?: Array<string> | null | undefined;
};

/** Where a roll-out stands. */
export type PolicyRolloutStatus =
  /** Stopped for good; people not reached stay PENDING. */
  | 'CANCELLED'
  /** Every person in scope has the policy (written, or already in sync). */
  | 'COMPLETED'
  /** Every person was tried; some FAILED (see outcomes(status: FAILED)). */
  | 'COMPLETED_WITH_ERRORS'
  /** Stopped after the people in flight; resume continues where it stopped. lastError says why when the service paused it. */
  | 'PAUSED'
  /** People are being read and written, at the rate the vendor allows. */
  | 'RUNNING';

/** What a policy governs at its vendor. */
export type PolicyScopeInput = {
  /** The vendor's id: settings record id, person id, workspace id; empty for ORGANIZATION. */
  id?: string;
  /** The kind of scope (one of the vendor policyScopes). */
  kind: PolicyScopeKind;
};

/** What a policy governs at its vendor. */
export type PolicyScopeKind =
  /** The whole PBX or organisation (Yeastar). */
  | 'ORGANIZATION'
  /** One person (Webex). */
  | 'PERSON'
  /** One recording-settings record (MegaFon). */
  | 'SETTINGS_RECORD'
  /** One virtual line (Webex). */
  | 'VIRTUAL_LINE'
  /** One workspace (Webex). */
  | 'WORKSPACE';

/** Either a stored policy (policyId), or connectionId + scope + rules for a policy not saved yet. */
export type PreviewRecordingPolicyInput = {
  /** The connection, for a policy not saved yet. */
  connectionId?: string | number | null | undefined;
  /** A stored policy. */
  policyId?: string | number | null | undefined;
  /** The rules, for a policy not saved yet (or to preview a change to policyId). */
  rules?: RecordingRulesInput | null | undefined;
  /** The scope, for a policy not saved yet. */
  scope?: PolicyScopeInput | null | undefined;
};

/** A standard not saved yet, to preview: what saving and applying it would do, per connection. */
export type PreviewRecordingStandardDraftInput = {
  /** Exceptions for named people. */
  exceptions?: Array<StandardExceptionInput> | null | undefined;
  /** REPORT (default) or ENFORCE. */
  mode?: StandardMode | null | undefined;
  /** Name (default "Draft standard"). */
  name?: string | null | undefined;
  /** Per-connection overrides. */
  overrides?: Array<StandardConnectionOverrideInput> | null | undefined;
  /** Rules every platform must honour exactly; a platform that only approximates one, or cannot hold it, is blocked. */
  requiredFields?: Array<RecordingRuleField> | null | undefined;
  /** The rules. */
  rules: RecordingRulesInput;
  /** The tenant. */
  tenantId: string | number;
};

/** The policy to read back from its vendor. */
export type ReconcileRecordingPolicyInput = {
  /** The policy. */
  id: string | number;
};

/** When calls are recorded. */
export type RecordingMode =
  /** Every call in scope is recorded, with no user control. */
  | 'ALWAYS'
  /** Always recorded; the user may pause and resume (not stop). */
  | 'ALWAYS_WITH_PAUSE_RESUME'
  /** No call in scope is recorded. */
  | 'NEVER'
  /** Recorded from the moment the user presses the on-demand key. */
  | 'ON_DEMAND';

/** One field of the recording rules (the dotted path is given beside it where it appears). */
export type RecordingRuleField =
  /** The rules field announcement.enabled. */
  | 'ANNOUNCEMENT_ENABLED'
  /** The rules field announcement.media. */
  | 'ANNOUNCEMENT_MEDIA'
  /** The rules field announcement.prompts. */
  | 'ANNOUNCEMENT_PROMPTS'
  /** The rules field calls.external. */
  | 'CALLS_EXTERNAL'
  /** The rules field calls.inbound. */
  | 'CALLS_INBOUND'
  /** The rules field calls.internal. */
  | 'CALLS_INTERNAL'
  /** The rules field calls.outbound. */
  | 'CALLS_OUTBOUND'
  /** The rules field calls.paging. */
  | 'CALLS_PAGING'
  /** The rules field calls.voicemail. */
  | 'CALLS_VOICEMAIL'
  /** The rules field excludedUserIds. */
  | 'EXCLUDED_USER_IDS'
  /** The rules field fileFormat. */
  | 'FILE_FORMAT'
  /** The rules field mode. */
  | 'MODE'
  /** The rules field onDemandKey. */
  | 'ON_DEMAND_KEY'
  /** The rules field pauseResumeNotification. */
  | 'PAUSE_RESUME_NOTIFICATION'
  /** The rules field periodicBeep. */
  | 'PERIODIC_BEEP'
  /** The rules field startStopAnnouncement.enabled. */
  | 'START_STOP_ANNOUNCEMENT_ENABLED'
  /** The rules field startStopAnnouncement.externalCalls. */
  | 'START_STOP_ANNOUNCEMENT_EXTERNAL_CALLS'
  /** The rules field startStopAnnouncement.internalCalls. */
  | 'START_STOP_ANNOUNCEMENT_INTERNAL_CALLS'
  /** The rules field stereo. */
  | 'STEREO'
  /** The rules field targets.conferences. */
  | 'TARGETS_CONFERENCES'
  /** The rules field targets.extensions. */
  | 'TARGETS_EXTENSIONS'
  /** The rules field targets.ivrs. */
  | 'TARGETS_IVRS'
  /** The rules field targets.queues. */
  | 'TARGETS_QUEUES'
  /** The rules field targets.trunks. */
  | 'TARGETS_TRUNKS'
  /** The rules field targets.trunks.periodicBeep. */
  | 'TARGETS_TRUNKS_PERIODIC_BEEP';

/** The vendor-neutral rules. Leave a field null to leave it ungoverned (the vendor keeps its value). */
export type RecordingRulesInput = {
  /** Telling the parties that the call is recorded. */
  announcement?: AnnouncementInput | null | undefined;
  /** Which calls are recorded. */
  calls?: CallSelectionInput | null | undefined;
  /** Vendor user ids whose calls are not recorded. */
  excludedUserIds?: Array<string> | null | undefined;
  /** The file format of recordings. */
  fileFormat?: FileFormat | null | undefined;
  /** When calls are recorded. */
  mode?: RecordingMode | null | undefined;
  /** The key that starts an on-demand recording (MegaFon "2", Webex "*44"). */
  onDemandKey?: string | null | undefined;
  /** How the parties learn of a pause or resume. */
  pauseResumeNotification?: PauseResumeNotificationInput | null | undefined;
  /** A beep every so often while recording. */
  periodicBeep?: PeriodicBeepInput | null | undefined;
  /** An announcement when recording starts and stops. */
  startStopAnnouncement?: StartStopAnnouncementInput | null | undefined;
  /** Caller and callee on separate channels. */
  stereo?: boolean | null | undefined;
  /** Trunks, extensions, queues, IVRs and conferences that are recorded. */
  targets?: RecordingTargetsInput | null | undefined;
};

/** What is recorded, by PBX object (Yeastar). */
export type RecordingTargetsInput = {
  /** Conference rooms whose calls are recorded. */
  conferences?: Array<NamedTargetInput> | null | undefined;
  /** Extensions and extension groups whose calls are recorded. */
  extensions?: Array<ExtensionTargetInput> | null | undefined;
  /** IVRs whose calls are recorded. */
  ivrs?: Array<NamedTargetInput> | null | undefined;
  /** Queues whose calls are recorded. */
  queues?: Array<NamedTargetInput> | null | undefined;
  /** Trunks whose calls are recorded. */
  trunks?: Array<TrunkTargetInput> | null | undefined;
};

/** The recording to resume. */
export type ResumeLiveRecordingInput = {
  /** The live recording. */
  id: string | number;
};

/** The roll-out to resume. */
export type ResumePolicyRolloutInput = {
  /** The roll-out. */
  id: string | number;
};

/** A roll-out whose failed people to try again. */
export type RetryFailedRolloutPeopleInput = {
  /** The roll-out (COMPLETED_WITH_ERRORS). */
  rolloutId: string | number;
};

/** The policy to push again. */
export type RetrySyncInput = {
  /** The policy. */
  id: string | number;
};

/** Creates the tenant's standard (no expectedVersion) or writes its next version. */
export type SaveRecordingStandardInput = {
  /** Exceptions for named people. */
  exceptions?: Array<StandardExceptionInput> | null | undefined;
  /** The version you read; leave out to create the standard. */
  expectedVersion?: number | null | undefined;
  /** REPORT or ENFORCE. */
  mode: StandardMode;
  /** Name. */
  name: string;
  /** Per-connection overrides. */
  overrides?: Array<StandardConnectionOverrideInput> | null | undefined;
  /** Rules every platform must honour exactly; a platform that only approximates one, or cannot hold it, is blocked. */
  requiredFields?: Array<RecordingRuleField> | null | undefined;
  /** The rules. */
  rules: RecordingRulesInput;
  /** The tenant. */
  tenantId: string | number;
};

/** What compiling the standard did on one connection. */
export type StandardCompileStatus =
  /** A required rule cannot be honoured exactly there (approximated or not supported): nothing was written (error code VENDOR_UNSUPPORTED_FIELD). */
  | 'BLOCKED'
  /** Its policies are written and being pushed (sync jobs, or roll-outs for people). */
  | 'COMPILED'
  /** The vendor was unavailable; the next reconcile run compiles it again. */
  | 'HELD';

/** Different rules on one connection. */
export type StandardConnectionOverrideInput = {
  /** The connection. */
  connectionId: string | number;
  /** Merged over the standard there. */
  rules: RecordingRulesInput;
};

/** People with other rules. */
export type StandardExceptionInput = {
  /** What the exception is. */
  name: string;
  /** The people (at most 1000). */
  people: Array<StandardPersonInput>;
  /** Merged over the standard's rules for them; default mode NEVER. */
  rules?: RecordingRulesInput | null | undefined;
};

/** What the service does when a platform no longer matches the standard. */
export type StandardMode =
  /** Drift is corrected at the vendor within one reconcile interval (each correction audited), and new people are brought under the standard. */
  | 'ENFORCE'
  /** Drift is reported in compliance; nothing is changed at the vendor. */
  | 'REPORT';

/** A person, by exactly one of e-mail or User id. */
export type StandardPersonInput = {
  /** E-mail address. */
  email?: string | null | undefined;
  /** Id of the federated User entity, resolved to its e-mail by the directory subgraph (USER_DIRECTORY_URL), then found at each platform by it. */
  userId?: string | number | null | undefined;
};

/** A call in progress to record. */
export type StartLiveRecordingInput = {
  /** The vendor's id of the call in progress. */
  callId: string;
  /** 1 (mono) or 2 (one channel per party), where the vendor lets you choose. */
  channels?: number | null | undefined;
  /** The connection whose vendor carries the call. */
  connectionId: string | number;
};

/** A policy to roll out to the people in a scope of a connection. */
export type StartPolicyRolloutInput = {
  /** The connection (Webex). */
  connectionId: string | number;
  /** Count the people and show the exact requests for a few; write nothing. */
  dryRun?: boolean;
  /** Display name, 1..200 characters. */
  name: string;
  /** The policy every person in scope gets; validated against the vendor like a policy. */
  rules: RecordingRulesInput;
  /** Who gets it. */
  scope: PolicyRolloutScopeInput;
};

/** An announcement when recording starts and when it stops. */
export type StartStopAnnouncementInput = {
  /** The announcement is played. */
  enabled?: boolean | null | undefined;
  /** External (PSTN) calls. */
  externalCalls?: boolean | null | undefined;
  /** Internal calls. */
  internalCalls?: boolean | null | undefined;
};

/** The recording to stop. */
export type StopLiveRecordingInput = {
  /** The live recording. */
  id: string | number;
};

/** Whether the vendor holds the desired state. */
export type SyncStatus =
  /** The vendor's state was changed outside this service; see drift. */
  | 'DRIFTED'
  /** The vendor did not accept it; see lastSyncError. */
  | 'FAILED'
  /** The vendor accepted the current desired version. */
  | 'IN_SYNC'
  /** The desired state is stored and not yet confirmed by the vendor. */
  | 'PENDING';

/** The connection to test. */
export type TestVendorConnectionInput = {
  /** The connection. */
  id: string | number;
};

/** A trunk whose calls are recorded. */
export type TrunkTargetInput = {
  /** The vendor's trunk id. */
  id: string;
  /** Its name. */
  name?: string | null | undefined;
  /** A beep on this trunk, overriding the policy one. */
  periodicBeep?: PeriodicBeepInput | null | undefined;
};

/** A policy, the version you read, and what changes. */
export type UpdateRecordingPolicyInput = {
  /** Push to the vendor now (default). False stores it as PENDING. */
  apply?: boolean;
  /** The version you read; a stale one fails with CONFLICT. */
  expectedVersion: number;
  /** The policy. */
  id: string | number;
  /** A new display name. */
  name?: string | null | undefined;
  /** Replaces the whole rule set. */
  rules?: RecordingRulesInput | null | undefined;
};

/** A telephony or CRM vendor this service speaks to. */
export type VendorKind =
  /** Bitrix24 CRM telephony. */
  | 'BITRIX24'
  /** MegaFon Virtual PBX (simple API). */
  | 'MEGAFON'
  /** SignalWire (LaML calls). */
  | 'SIGNALWIRE'
  /** Webex Calling. */
  | 'WEBEX'
  /** Yeastar P-Series PBX. */
  | 'YEASTAR';

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { subject: string, allTenants: boolean, tenantIds: Array<string>, scopes: Array<string> } };

export type DashboardQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type DashboardQuery = { tenants: { edges: Array<{ cursor: string, node: { id: string, name: string, connections: Array<{ id: string, vendor: VendorKind, name: string, status: ConnectionStatus }>, recordingPolicies: Array<{ id: string, name: string, version: number, syncStatus: SyncStatus, scope: { kind: PolicyScopeKind, id: string }, rules: { mode: RecordingMode | null, calls: { internal: boolean | null, external: boolean | null } | null }, lastSyncError: { code: ErrorCode, message: string } | null }> } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } };

export type VendorsQueryVariables = Exact<{ [key: string]: never; }>;


export type VendorsQuery = { vendors: Array<{ kind: VendorKind, displayName: string, capabilities: { policies: boolean, policyScopes: Array<PolicyScopeKind>, ruleFields: Array<string>, unsupportedRuleFields: Array<string>, liveRecording: { start: boolean, pause: boolean, resume: boolean, stop: boolean, pauseBehaviors: Array<PauseBehavior> } | null, credentialFields: Array<{ name: string, required: boolean, description: string }>, settingFields: Array<{ name: string, required: boolean, description: string }> } }> };

export type CreateTenantMutationVariables = Exact<{
  input: CreateTenantInput;
}>;


export type CreateTenantMutation = { createTenant: { tenant: { id: string, name: string, createdAt: string } } };

export type TenantQueryVariables = Exact<{
  id: string | number;
}>;


export type TenantQuery = { tenant: { id: string, name: string, connections: Array<{ id: string, vendor: VendorKind, name: string, baseUrl: string, status: ConnectionStatus, capabilities: { ruleFields: Array<string> } }> } | null };

export type ConnectVendorMutationVariables = Exact<{
  input: ConnectVendorInput;
}>;


export type ConnectVendorMutation = { connectVendor: { connection: { id: string, vendor: VendorKind, name: string, baseUrl: string, status: ConnectionStatus, settings: Array<{ name: string, value: string }> } } };

export type TestVendorConnectionMutationVariables = Exact<{
  input: TestVendorConnectionInput;
}>;


export type TestVendorConnectionMutation = { testVendorConnection: { ok: boolean, error: { code: ErrorCode, message: string, vendorCode: string | null, vendorMessage: string | null } | null, problem: { code: ConnectionProblemCode, hint: string } | null, connection: { id: string, status: ConnectionStatus, lastCheckedAt: string | null } } };

export type PolicyFieldsFragment = { id: string, name: string, version: number, syncStatus: SyncStatus, syncedVersion: number | null, lastVendorPayload: unknown, scope: { kind: PolicyScopeKind, id: string }, rules: { mode: RecordingMode | null, onDemandKey: string | null, excludedUserIds: Array<string> | null, stereo: boolean | null, fileFormat: FileFormat | null, calls: { internal: boolean | null, external: boolean | null, inbound: boolean | null, outbound: boolean | null, paging: boolean | null, voicemail: boolean | null } | null, targets: { trunks: Array<{ id: string, name: string | null, periodicBeep: { enabled: boolean, intervalSeconds: number | null } | null }> | null, extensions: Array<{ id: string, kind: ExtensionTargetKind }> | null, queues: Array<{ id: string, name: string | null }> | null, ivrs: Array<{ id: string }> | null, conferences: Array<{ id: string }> | null } | null, announcement: { enabled: boolean | null, media: { source: MediaSource, mediaId: string | null } | null, prompts: { internal: { source: MediaSource, mediaId: string | null } | null, inbound: { source: MediaSource, mediaId: string | null } | null, outbound: { source: MediaSource, mediaId: string | null } | null } | null } | null, startStopAnnouncement: { enabled: boolean | null, internalCalls: boolean | null, externalCalls: boolean | null } | null, pauseResumeNotification: { enabled: boolean, type: NotificationType | null } | null, periodicBeep: { enabled: boolean, intervalSeconds: number | null } | null }, lastSyncError: { code: ErrorCode, message: string, vendorCode: string | null, vendorMessage: string | null } | null, drift: Array<{ field: string, desired: unknown, actual: unknown }> };

export type RecordingPolicyQueryVariables = Exact<{
  id: string | number;
}>;


export type RecordingPolicyQuery = { recordingPolicy: { id: string, name: string, version: number, syncStatus: SyncStatus, syncedVersion: number | null, lastVendorPayload: unknown, connection: { id: string, vendor: VendorKind, name: string }, scope: { kind: PolicyScopeKind, id: string }, rules: { mode: RecordingMode | null, onDemandKey: string | null, excludedUserIds: Array<string> | null, stereo: boolean | null, fileFormat: FileFormat | null, calls: { internal: boolean | null, external: boolean | null, inbound: boolean | null, outbound: boolean | null, paging: boolean | null, voicemail: boolean | null } | null, targets: { trunks: Array<{ id: string, name: string | null, periodicBeep: { enabled: boolean, intervalSeconds: number | null } | null }> | null, extensions: Array<{ id: string, kind: ExtensionTargetKind }> | null, queues: Array<{ id: string, name: string | null }> | null, ivrs: Array<{ id: string }> | null, conferences: Array<{ id: string }> | null } | null, announcement: { enabled: boolean | null, media: { source: MediaSource, mediaId: string | null } | null, prompts: { internal: { source: MediaSource, mediaId: string | null } | null, inbound: { source: MediaSource, mediaId: string | null } | null, outbound: { source: MediaSource, mediaId: string | null } | null } | null } | null, startStopAnnouncement: { enabled: boolean | null, internalCalls: boolean | null, externalCalls: boolean | null } | null, pauseResumeNotification: { enabled: boolean, type: NotificationType | null } | null, periodicBeep: { enabled: boolean, intervalSeconds: number | null } | null }, lastSyncError: { code: ErrorCode, message: string, vendorCode: string | null, vendorMessage: string | null } | null, drift: Array<{ field: string, desired: unknown, actual: unknown }> } | null };

export type PreviewRecordingPolicyMutationVariables = Exact<{
  input: PreviewRecordingPolicyInput;
}>;


export type PreviewRecordingPolicyMutation = { previewRecordingPolicy: { requests: Array<{ method: HttpMethod, path: string, query: unknown, headers: unknown, body: unknown }>, warnings: Array<{ code: LintCode, field: string, message: string }> } };

export type CreateRecordingPolicyMutationVariables = Exact<{
  input: CreateRecordingPolicyInput;
}>;


export type CreateRecordingPolicyMutation = { createRecordingPolicy: { policy: { id: string, name: string, version: number, syncStatus: SyncStatus, syncedVersion: number | null, lastVendorPayload: unknown, scope: { kind: PolicyScopeKind, id: string }, rules: { mode: RecordingMode | null, onDemandKey: string | null, excludedUserIds: Array<string> | null, stereo: boolean | null, fileFormat: FileFormat | null, calls: { internal: boolean | null, external: boolean | null, inbound: boolean | null, outbound: boolean | null, paging: boolean | null, voicemail: boolean | null } | null, targets: { trunks: Array<{ id: string, name: string | null, periodicBeep: { enabled: boolean, intervalSeconds: number | null } | null }> | null, extensions: Array<{ id: string, kind: ExtensionTargetKind }> | null, queues: Array<{ id: string, name: string | null }> | null, ivrs: Array<{ id: string }> | null, conferences: Array<{ id: string }> | null } | null, announcement: { enabled: boolean | null, media: { source: MediaSource, mediaId: string | null } | null, prompts: { internal: { source: MediaSource, mediaId: string | null } | null, inbound: { source: MediaSource, mediaId: string | null } | null, outbound: { source: MediaSource, mediaId: string | null } | null } | null } | null, startStopAnnouncement: { enabled: boolean | null, internalCalls: boolean | null, externalCalls: boolean | null } | null, pauseResumeNotification: { enabled: boolean, type: NotificationType | null } | null, periodicBeep: { enabled: boolean, intervalSeconds: number | null } | null }, lastSyncError: { code: ErrorCode, message: string, vendorCode: string | null, vendorMessage: string | null } | null, drift: Array<{ field: string, desired: unknown, actual: unknown }> }, sync: { status: SyncStatus, error: { code: ErrorCode, message: string, vendorCode: string | null, vendorMessage: string | null } | null, requests: Array<{ method: HttpMethod, path: string, query: unknown, body: unknown }> }, warnings: Array<{ code: LintCode, field: string, message: string }> } };

export type UpdateRecordingPolicyMutationVariables = Exact<{
  input: UpdateRecordingPolicyInput;
}>;


export type UpdateRecordingPolicyMutation = { updateRecordingPolicy: { policy: { id: string, name: string, version: number, syncStatus: SyncStatus, syncedVersion: number | null, lastVendorPayload: unknown, scope: { kind: PolicyScopeKind, id: string }, rules: { mode: RecordingMode | null, onDemandKey: string | null, excludedUserIds: Array<string> | null, stereo: boolean | null, fileFormat: FileFormat | null, calls: { internal: boolean | null, external: boolean | null, inbound: boolean | null, outbound: boolean | null, paging: boolean | null, voicemail: boolean | null } | null, targets: { trunks: Array<{ id: string, name: string | null, periodicBeep: { enabled: boolean, intervalSeconds: number | null } | null }> | null, extensions: Array<{ id: string, kind: ExtensionTargetKind }> | null, queues: Array<{ id: string, name: string | null }> | null, ivrs: Array<{ id: string }> | null, conferences: Array<{ id: string }> | null } | null, announcement: { enabled: boolean | null, media: { source: MediaSource, mediaId: string | null } | null, prompts: { internal: { source: MediaSource, mediaId: string | null } | null, inbound: { source: MediaSource, mediaId: string | null } | null, outbound: { source: MediaSource, mediaId: string | null } | null } | null } | null, startStopAnnouncement: { enabled: boolean | null, internalCalls: boolean | null, externalCalls: boolean | null } | null, pauseResumeNotification: { enabled: boolean, type: NotificationType | null } | null, periodicBeep: { enabled: boolean, intervalSeconds: number | null } | null }, lastSyncError: { code: ErrorCode, message: string, vendorCode: string | null, vendorMessage: string | null } | null, drift: Array<{ field: string, desired: unknown, actual: unknown }> }, sync: { status: SyncStatus, error: { code: ErrorCode, message: string, vendorCode: string | null, vendorMessage: string | null } | null, requests: Array<{ method: HttpMethod, path: string, body: unknown }> }, warnings: Array<{ code: LintCode, field: string, message: string }> } };

export type ReconcileRecordingPolicyMutationVariables = Exact<{
  input: ReconcileRecordingPolicyInput;
}>;


export type ReconcileRecordingPolicyMutation = { reconcileRecordingPolicy: { drift: Array<{ field: string, desired: unknown, actual: unknown }>, policy: { id: string, syncStatus: SyncStatus, lastReconciledAt: string | null } } };

export type RetrySyncMutationVariables = Exact<{
  input: RetrySyncInput;
}>;


export type RetrySyncMutation = { retrySync: { policy: { id: string, version: number, syncStatus: SyncStatus }, sync: { status: SyncStatus, error: { code: ErrorCode, message: string } | null } } };

export type StartLiveRecordingMutationVariables = Exact<{
  input: StartLiveRecordingInput;
}>;


export type StartLiveRecordingMutation = { startLiveRecording: { liveRecording: { id: string, status: LiveRecordingStatus, callId: string, vendorRecordingId: string | null, channels: number | null, version: number } } };

export type PauseLiveRecordingMutationVariables = Exact<{
  input: PauseLiveRecordingInput;
}>;


export type PauseLiveRecordingMutation = { pauseLiveRecording: { liveRecording: { id: string, status: LiveRecordingStatus, pauseBehavior: PauseBehavior | null, version: number } } };

export type ResumeLiveRecordingMutationVariables = Exact<{
  input: ResumeLiveRecordingInput;
}>;


export type ResumeLiveRecordingMutation = { resumeLiveRecording: { liveRecording: { id: string, status: LiveRecordingStatus, version: number } } };

export type StopLiveRecordingMutationVariables = Exact<{
  input: StopLiveRecordingInput;
}>;


export type StopLiveRecordingMutation = { stopLiveRecording: { liveRecording: { id: string, status: LiveRecordingStatus, durationSeconds: number | null, endedAt: string | null, version: number } } };

export type LiveRecordingsQueryVariables = Exact<{
  tenantId: string | number;
  status?: LiveRecordingStatus | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type LiveRecordingsQuery = { liveRecordings: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, vendor: VendorKind, callId: string, status: LiveRecordingStatus, pauseBehavior: PauseBehavior | null, durationSeconds: number | null, startedAt: string | null, lastError: { code: ErrorCode, message: string } | null } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } };

export type LiveRecordingChangedSubscriptionVariables = Exact<{
  tenantId: string | number;
}>;


export type LiveRecordingChangedSubscription = { liveRecordingChanged: { kind: LiveRecordingEventKind, recording: { id: string, status: LiveRecordingStatus, pauseBehavior: PauseBehavior | null, version: number } } };

export type AttachRecordingMutationVariables = Exact<{
  input: AttachRecordingInput;
}>;


export type AttachRecordingMutation = { attachRecording: { replacedPrevious: boolean, attachment: { id: string, crmCallId: string, fileName: string, source: AttachmentSource, sizeBytes: number | null, createdAt: string } } };

export type AuditLogQueryVariables = Exact<{
  tenantId: string | number;
  targetId?: string | number | null | undefined;
  targetType?: AuditTargetType | null | undefined;
  action?: AuditAction | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AuditLogQuery = { auditLog: { totalCount: number, edges: Array<{ cursor: string, node: { at: string, actor: string, action: AuditAction, targetType: AuditTargetType, targetId: string, before: unknown, after: unknown, outcome: unknown, requestId: string | null } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } };

export type RecordingPoliciesQueryVariables = Exact<{
  tenantId: string | number;
  syncStatus?: SyncStatus | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type RecordingPoliciesQuery = { recordingPolicies: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, name: string, version: number, syncStatus: SyncStatus, scope: { kind: PolicyScopeKind, id: string }, connection: { id: string, vendor: VendorKind } } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } };

export type StartPolicyRolloutMutationVariables = Exact<{
  input: StartPolicyRolloutInput;
}>;


export type StartPolicyRolloutMutation = { startPolicyRollout: { dryRun: { total: number, allowedRequestsPerSecond: number, estimatedSeconds: number, sample: Array<{ personId: string, requests: Array<{ method: HttpMethod, path: string, body: unknown }> }> } | null, rollout: { id: string, name: string, status: PolicyRolloutStatus, total: number, totalKnown: boolean, done: number, written: number, alreadyInSync: number, failed: number, pending: number, requestsPerSecond: number, allowedRequestsPerSecond: number, etaSeconds: number | null, estimatedCompletionAt: string | null, round: number, isWaiting: boolean, lastError: { code: ErrorCode, message: string } | null, waiting: { code: ErrorCode, reason: string, since: string, nextAttemptAt: string } | null } | null } };

export type PolicyRolloutProgressFragment = { id: string, name: string, status: PolicyRolloutStatus, total: number, totalKnown: boolean, done: number, written: number, alreadyInSync: number, failed: number, pending: number, requestsPerSecond: number, allowedRequestsPerSecond: number, etaSeconds: number | null, estimatedCompletionAt: string | null, round: number, isWaiting: boolean, lastError: { code: ErrorCode, message: string } | null, waiting: { code: ErrorCode, reason: string, since: string, nextAttemptAt: string } | null };

export type PolicyRolloutQueryVariables = Exact<{
  id: string | number;
  status?: PolicyRolloutOutcomeStatus | null | undefined;
  after?: string | null | undefined;
}>;


export type PolicyRolloutQuery = { policyRollout: { id: string, name: string, status: PolicyRolloutStatus, total: number, totalKnown: boolean, done: number, written: number, alreadyInSync: number, failed: number, pending: number, requestsPerSecond: number, allowedRequestsPerSecond: number, etaSeconds: number | null, estimatedCompletionAt: string | null, round: number, isWaiting: boolean, connection: { id: string, name: string }, outcomes: { totalCount: number, edges: Array<{ cursor: string, node: { personId: string, status: PolicyRolloutOutcomeStatus, requests: number, finishedAt: string | null, changes: Array<{ field: string, desired: unknown, actual: unknown }>, error: { code: ErrorCode, vendorCode: string | null, vendorMessage: string | null } | null, history: Array<{ round: number, attempt: number, at: string, outcome: PolicyRolloutAttemptOutcome, code: ErrorCode | null, message: string | null }> } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } }, lastError: { code: ErrorCode, message: string } | null, waiting: { code: ErrorCode, reason: string, since: string, nextAttemptAt: string } | null } | null };

export type PolicyRolloutProgressChangedSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type PolicyRolloutProgressChangedSubscription = { policyRolloutProgress: { id: string, name: string, status: PolicyRolloutStatus, total: number, totalKnown: boolean, done: number, written: number, alreadyInSync: number, failed: number, pending: number, requestsPerSecond: number, allowedRequestsPerSecond: number, etaSeconds: number | null, estimatedCompletionAt: string | null, round: number, isWaiting: boolean, lastError: { code: ErrorCode, message: string } | null, waiting: { code: ErrorCode, reason: string, since: string, nextAttemptAt: string } | null } };

export type PausePolicyRolloutMutationVariables = Exact<{
  input: PausePolicyRolloutInput;
}>;


export type PausePolicyRolloutMutation = { pausePolicyRollout: { rollout: { id: string, name: string, status: PolicyRolloutStatus, total: number, totalKnown: boolean, done: number, written: number, alreadyInSync: number, failed: number, pending: number, requestsPerSecond: number, allowedRequestsPerSecond: number, etaSeconds: number | null, estimatedCompletionAt: string | null, round: number, isWaiting: boolean, lastError: { code: ErrorCode, message: string } | null, waiting: { code: ErrorCode, reason: string, since: string, nextAttemptAt: string } | null } } };

export type ResumePolicyRolloutMutationVariables = Exact<{
  input: ResumePolicyRolloutInput;
}>;


export type ResumePolicyRolloutMutation = { resumePolicyRollout: { rollout: { id: string, name: string, status: PolicyRolloutStatus, total: number, totalKnown: boolean, done: number, written: number, alreadyInSync: number, failed: number, pending: number, requestsPerSecond: number, allowedRequestsPerSecond: number, etaSeconds: number | null, estimatedCompletionAt: string | null, round: number, isWaiting: boolean, lastError: { code: ErrorCode, message: string } | null, waiting: { code: ErrorCode, reason: string, since: string, nextAttemptAt: string } | null } } };

export type CancelPolicyRolloutMutationVariables = Exact<{
  input: CancelPolicyRolloutInput;
}>;


export type CancelPolicyRolloutMutation = { cancelPolicyRollout: { rollout: { id: string, name: string, status: PolicyRolloutStatus, total: number, totalKnown: boolean, done: number, written: number, alreadyInSync: number, failed: number, pending: number, requestsPerSecond: number, allowedRequestsPerSecond: number, etaSeconds: number | null, estimatedCompletionAt: string | null, round: number, isWaiting: boolean, lastError: { code: ErrorCode, message: string } | null, waiting: { code: ErrorCode, reason: string, since: string, nextAttemptAt: string } | null } } };

export type DriftReportQueryVariables = Exact<{
  tenantId: string | number;
}>;


export type DriftReportQuery = { driftReport: { generatedAt: string, totalCount: number, edges: Array<{ cursor: string, node: { id: string, name: string, lastReconciledAt: string | null, scope: { kind: PolicyScopeKind, id: string }, drift: Array<{ field: string, desired: unknown, actual: unknown }> } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } };

export type RecordingPolicyDriftedSubscriptionVariables = Exact<{
  tenantId: string | number;
}>;


export type RecordingPolicyDriftedSubscription = { recordingPolicyDrifted: { id: string, name: string, drift: Array<{ field: string, desired: unknown, actual: unknown }> } };

export type RetryFailedRolloutPeopleMutationVariables = Exact<{
  input: RetryFailedRolloutPeopleInput;
}>;


export type RetryFailedRolloutPeopleMutation = { retryFailedRolloutPeople: { retried: number, rollout: { id: string, name: string, status: PolicyRolloutStatus, total: number, totalKnown: boolean, done: number, written: number, alreadyInSync: number, failed: number, pending: number, requestsPerSecond: number, allowedRequestsPerSecond: number, etaSeconds: number | null, estimatedCompletionAt: string | null, round: number, isWaiting: boolean, lastError: { code: ErrorCode, message: string } | null, waiting: { code: ErrorCode, reason: string, since: string, nextAttemptAt: string } | null } } };

export type RecordingStandardQueryVariables = Exact<{
  tenantId: string | number;
}>;


export type RecordingStandardQuery = { recordingStandard: { id: string, name: string, mode: StandardMode, version: number, applied: boolean, requiredFields: Array<RecordingRuleField>, rules: { mode: RecordingMode | null, calls: { internal: boolean | null, external: boolean | null } | null, announcement: { enabled: boolean | null } | null, startStopAnnouncement: { enabled: boolean | null, externalCalls: boolean | null } | null }, exceptions: Array<{ name: string, people: Array<{ email: string | null, userId: string | null }> }>, coverage: Array<{ vendor: VendorKind, connection: { id: string, name: string }, fields: Array<{ field: RecordingRuleField, path: string, status: CoverageStatus, required: boolean, note: string | null }>, blocked: { code: string, message: string, fields: Array<RecordingRuleField> } | null, unresolvedPeople: Array<{ name: string, reason: string }> }> } | null };

export type PreviewRecordingStandardQueryVariables = Exact<{
  id: string | number;
}>;


export type PreviewRecordingStandardQuery = { recordingStandardPreview: Array<{ scopes: number, changing: number, coverage: { vendor: VendorKind, connection: { id: string, name: string }, blocked: { code: string, message: string } | null }, sample: Array<{ scope: { kind: PolicyScopeKind, id: string }, requests: Array<{ method: HttpMethod, path: string, body: unknown }> }>, warnings: Array<{ code: LintCode, field: string, message: string }> }> };

export type SaveRecordingStandardMutationVariables = Exact<{
  input: SaveRecordingStandardInput;
}>;


export type SaveRecordingStandardMutation = { saveRecordingStandard: { standard: { id: string, version: number, mode: StandardMode, requiredFields: Array<RecordingRuleField> }, compiled: Array<{ connectionId: string, status: StandardCompileStatus, scopes: number, changed: number, errorCode: string | null, errorMessage: string | null }> } };

export type ApplyRecordingStandardMutationVariables = Exact<{
  input: ApplyRecordingStandardInput;
}>;


export type ApplyRecordingStandardMutation = { applyRecordingStandard: { standard: { id: string, applied: boolean }, compiled: Array<{ connectionId: string, status: StandardCompileStatus, scopes: number, changed: number, rolloutIds: Array<string>, errorCode: string | null }> } };

export type RecordingStandardComplianceQueryVariables = Exact<{
  tenantId: string | number;
}>;


export type RecordingStandardComplianceQuery = { recordingStandard: { id: string, mode: StandardMode, compliance: { blockedConnections: number, totals: { conforming: number, drifted: number, failed: number, pending: number, ungoverned: number }, connections: Array<{ vendor: VendorKind, blocked: boolean, connection: { id: string, name: string }, counts: { conforming: number, drifted: number, failed: number, pending: number, ungoverned: number }, drifted: { totalCount: number, edges: Array<{ cursor: string, node: { scope: { kind: PolicyScopeKind, id: string }, drift: Array<{ field: string, desired: unknown, actual: unknown }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } }> } } | null };

export type RecordingStandardComplianceChangedSubscriptionVariables = Exact<{
  tenantId: string | number;
}>;


export type RecordingStandardComplianceChangedSubscription = { recordingStandardComplianceChanged: { blockedConnections: number, totals: { conforming: number, drifted: number, failed: number, pending: number, ungoverned: number }, connections: Array<{ vendor: VendorKind, blocked: boolean, connection: { name: string }, counts: { conforming: number, drifted: number, pending: number, ungoverned: number }, scopeKinds: Array<{ kind: PolicyScopeKind, counts: { conforming: number, ungoverned: number } }> }> } };

export type PreviewRecordingStandardDraftQueryVariables = Exact<{
  input: PreviewRecordingStandardDraftInput;
}>;


export type PreviewRecordingStandardDraftQuery = { recordingStandardDraftPreview: Array<{ scopes: number, changing: number, coverage: { vendor: VendorKind, connection: { name: string }, blocked: { code: string, message: string } | null, fields: Array<{ path: string, status: CoverageStatus, required: boolean, note: string | null }>, unresolvedPeople: Array<{ name: string, reason: string }> }, sample: Array<{ scope: { kind: PolicyScopeKind, id: string }, requests: Array<{ method: HttpMethod, path: string, body: unknown }> }>, warnings: Array<{ code: LintCode, field: string, message: string }> }> };

export const PolicyFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PolicyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RecordingPolicy"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"syncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"syncedVersion"}},{"kind":"Field","name":{"kind":"Name","value":"scope"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"onDemandKey"}},{"kind":"Field","name":{"kind":"Name","value":"calls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"internal"}},{"kind":"Field","name":{"kind":"Name","value":"external"}},{"kind":"Field","name":{"kind":"Name","value":"inbound"}},{"kind":"Field","name":{"kind":"Name","value":"outbound"}},{"kind":"Field","name":{"kind":"Name","value":"paging"}},{"kind":"Field","name":{"kind":"Name","value":"voicemail"}}]}},{"kind":"Field","name":{"kind":"Name","value":"excludedUserIds"}},{"kind":"Field","name":{"kind":"Name","value":"targets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trunks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"periodicBeep"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"intervalSeconds"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"extensions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"queues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ivrs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"conferences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"announcement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"media"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"mediaId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"prompts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"internal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"mediaId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"inbound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"mediaId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"outbound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"mediaId"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"startStopAnnouncement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"internalCalls"}},{"kind":"Field","name":{"kind":"Name","value":"externalCalls"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pauseResumeNotification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}},{"kind":"Field","name":{"kind":"Name","value":"periodicBeep"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"intervalSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stereo"}},{"kind":"Field","name":{"kind":"Name","value":"fileFormat"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}},{"kind":"Field","name":{"kind":"Name","value":"vendorMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastVendorPayload"}},{"kind":"Field","name":{"kind":"Name","value":"drift"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"desired"}},{"kind":"Field","name":{"kind":"Name","value":"actual"}}]}}]}}]} as unknown as DocumentNode<PolicyFieldsFragment, unknown>;
export const PolicyRolloutProgressFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PolicyRolloutProgress"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PolicyRollout"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"totalKnown"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"written"}},{"kind":"Field","name":{"kind":"Name","value":"alreadyInSync"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"requestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"allowedRequestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"etaSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedCompletionAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"round"}},{"kind":"Field","name":{"kind":"Name","value":"isWaiting"}},{"kind":"Field","name":{"kind":"Name","value":"waiting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"since"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}}]}}]}}]} as unknown as DocumentNode<PolicyRolloutProgressFragment, unknown>;
export const ViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"allTenants"}},{"kind":"Field","name":{"kind":"Name","value":"tenantIds"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}}]}}]}}]} as unknown as DocumentNode<ViewerQuery, ViewerQueryVariables>;
export const DashboardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Dashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenants"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"connections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"recordingPolicies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"syncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"scope"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"calls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"internal"}},{"kind":"Field","name":{"kind":"Name","value":"external"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<DashboardQuery, DashboardQueryVariables>;
export const VendorsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Vendors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vendors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"policies"}},{"kind":"Field","name":{"kind":"Name","value":"policyScopes"}},{"kind":"Field","name":{"kind":"Name","value":"ruleFields"}},{"kind":"Field","name":{"kind":"Name","value":"unsupportedRuleFields"}},{"kind":"Field","name":{"kind":"Name","value":"liveRecording"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"pause"}},{"kind":"Field","name":{"kind":"Name","value":"resume"}},{"kind":"Field","name":{"kind":"Name","value":"stop"}},{"kind":"Field","name":{"kind":"Name","value":"pauseBehaviors"}}]}},{"kind":"Field","name":{"kind":"Name","value":"credentialFields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"Field","name":{"kind":"Name","value":"settingFields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}}]}}]}}]} as unknown as DocumentNode<VendorsQuery, VendorsQueryVariables>;
export const CreateTenantDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateTenant"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateTenantInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createTenant"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]} as unknown as DocumentNode<CreateTenantMutation, CreateTenantMutationVariables>;
export const TenantDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Tenant"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenant"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"connections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"baseUrl"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ruleFields"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TenantQuery, TenantQueryVariables>;
export const ConnectVendorDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConnectVendor"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConnectVendorInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connectVendor"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"baseUrl"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConnectVendorMutation, ConnectVendorMutationVariables>;
export const TestVendorConnectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TestVendorConnection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TestVendorConnectionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"testVendorConnection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}},{"kind":"Field","name":{"kind":"Name","value":"vendorMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"problem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"hint"}}]}},{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastCheckedAt"}}]}}]}}]}}]} as unknown as DocumentNode<TestVendorConnectionMutation, TestVendorConnectionMutationVariables>;
export const RecordingPolicyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RecordingPolicy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordingPolicy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PolicyFields"}},{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PolicyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RecordingPolicy"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"syncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"syncedVersion"}},{"kind":"Field","name":{"kind":"Name","value":"scope"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"onDemandKey"}},{"kind":"Field","name":{"kind":"Name","value":"calls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"internal"}},{"kind":"Field","name":{"kind":"Name","value":"external"}},{"kind":"Field","name":{"kind":"Name","value":"inbound"}},{"kind":"Field","name":{"kind":"Name","value":"outbound"}},{"kind":"Field","name":{"kind":"Name","value":"paging"}},{"kind":"Field","name":{"kind":"Name","value":"voicemail"}}]}},{"kind":"Field","name":{"kind":"Name","value":"excludedUserIds"}},{"kind":"Field","name":{"kind":"Name","value":"targets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trunks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"periodicBeep"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"intervalSeconds"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"extensions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"queues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ivrs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"conferences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"announcement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"media"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"mediaId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"prompts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"internal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"mediaId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"inbound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"mediaId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"outbound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"mediaId"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"startStopAnnouncement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"internalCalls"}},{"kind":"Field","name":{"kind":"Name","value":"externalCalls"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pauseResumeNotification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}},{"kind":"Field","name":{"kind":"Name","value":"periodicBeep"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"intervalSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stereo"}},{"kind":"Field","name":{"kind":"Name","value":"fileFormat"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}},{"kind":"Field","name":{"kind":"Name","value":"vendorMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastVendorPayload"}},{"kind":"Field","name":{"kind":"Name","value":"drift"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"desired"}},{"kind":"Field","name":{"kind":"Name","value":"actual"}}]}}]}}]} as unknown as DocumentNode<RecordingPolicyQuery, RecordingPolicyQueryVariables>;
export const PreviewRecordingPolicyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PreviewRecordingPolicy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PreviewRecordingPolicyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"previewRecordingPolicy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requests"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"query"}},{"kind":"Field","name":{"kind":"Name","value":"headers"}},{"kind":"Field","name":{"kind":"Name","value":"body"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<PreviewRecordingPolicyMutation, PreviewRecordingPolicyMutationVariables>;
export const CreateRecordingPolicyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateRecordingPolicy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateRecordingPolicyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createRecordingPolicy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"policy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PolicyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sync"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}},{"kind":"Field","name":{"kind":"Name","value":"vendorMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"requests"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"query"}},{"kind":"Field","name":{"kind":"Name","value":"body"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PolicyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RecordingPolicy"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"syncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"syncedVersion"}},{"kind":"Field","name":{"kind":"Name","value":"scope"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"onDemandKey"}},{"kind":"Field","name":{"kind":"Name","value":"calls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"internal"}},{"kind":"Field","name":{"kind":"Name","value":"external"}},{"kind":"Field","name":{"kind":"Name","value":"inbound"}},{"kind":"Field","name":{"kind":"Name","value":"outbound"}},{"kind":"Field","name":{"kind":"Name","value":"paging"}},{"kind":"Field","name":{"kind":"Name","value":"voicemail"}}]}},{"kind":"Field","name":{"kind":"Name","value":"excludedUserIds"}},{"kind":"Field","name":{"kind":"Name","value":"targets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trunks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"periodicBeep"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"intervalSeconds"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"extensions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"queues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ivrs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"conferences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"announcement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"media"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"mediaId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"prompts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"internal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"mediaId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"inbound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"mediaId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"outbound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"mediaId"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"startStopAnnouncement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"internalCalls"}},{"kind":"Field","name":{"kind":"Name","value":"externalCalls"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pauseResumeNotification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}},{"kind":"Field","name":{"kind":"Name","value":"periodicBeep"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"intervalSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stereo"}},{"kind":"Field","name":{"kind":"Name","value":"fileFormat"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}},{"kind":"Field","name":{"kind":"Name","value":"vendorMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastVendorPayload"}},{"kind":"Field","name":{"kind":"Name","value":"drift"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"desired"}},{"kind":"Field","name":{"kind":"Name","value":"actual"}}]}}]}}]} as unknown as DocumentNode<CreateRecordingPolicyMutation, CreateRecordingPolicyMutationVariables>;
export const UpdateRecordingPolicyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateRecordingPolicy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateRecordingPolicyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateRecordingPolicy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"policy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PolicyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sync"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}},{"kind":"Field","name":{"kind":"Name","value":"vendorMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"requests"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"body"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PolicyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RecordingPolicy"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"syncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"syncedVersion"}},{"kind":"Field","name":{"kind":"Name","value":"scope"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"onDemandKey"}},{"kind":"Field","name":{"kind":"Name","value":"calls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"internal"}},{"kind":"Field","name":{"kind":"Name","value":"external"}},{"kind":"Field","name":{"kind":"Name","value":"inbound"}},{"kind":"Field","name":{"kind":"Name","value":"outbound"}},{"kind":"Field","name":{"kind":"Name","value":"paging"}},{"kind":"Field","name":{"kind":"Name","value":"voicemail"}}]}},{"kind":"Field","name":{"kind":"Name","value":"excludedUserIds"}},{"kind":"Field","name":{"kind":"Name","value":"targets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trunks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"periodicBeep"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"intervalSeconds"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"extensions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"queues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ivrs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"conferences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"announcement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"media"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"mediaId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"prompts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"internal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"mediaId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"inbound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"mediaId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"outbound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"mediaId"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"startStopAnnouncement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"internalCalls"}},{"kind":"Field","name":{"kind":"Name","value":"externalCalls"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pauseResumeNotification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}},{"kind":"Field","name":{"kind":"Name","value":"periodicBeep"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"intervalSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stereo"}},{"kind":"Field","name":{"kind":"Name","value":"fileFormat"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}},{"kind":"Field","name":{"kind":"Name","value":"vendorMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastVendorPayload"}},{"kind":"Field","name":{"kind":"Name","value":"drift"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"desired"}},{"kind":"Field","name":{"kind":"Name","value":"actual"}}]}}]}}]} as unknown as DocumentNode<UpdateRecordingPolicyMutation, UpdateRecordingPolicyMutationVariables>;
export const ReconcileRecordingPolicyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReconcileRecordingPolicy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReconcileRecordingPolicyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reconcileRecordingPolicy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"drift"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"desired"}},{"kind":"Field","name":{"kind":"Name","value":"actual"}}]}},{"kind":"Field","name":{"kind":"Name","value":"policy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"syncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"lastReconciledAt"}}]}}]}}]}}]} as unknown as DocumentNode<ReconcileRecordingPolicyMutation, ReconcileRecordingPolicyMutationVariables>;
export const RetrySyncDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RetrySync"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RetrySyncInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retrySync"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"policy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"syncStatus"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sync"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RetrySyncMutation, RetrySyncMutationVariables>;
export const StartLiveRecordingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartLiveRecording"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StartLiveRecordingInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startLiveRecording"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"liveRecording"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"callId"}},{"kind":"Field","name":{"kind":"Name","value":"vendorRecordingId"}},{"kind":"Field","name":{"kind":"Name","value":"channels"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]} as unknown as DocumentNode<StartLiveRecordingMutation, StartLiveRecordingMutationVariables>;
export const PauseLiveRecordingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PauseLiveRecording"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PauseLiveRecordingInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pauseLiveRecording"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"liveRecording"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"pauseBehavior"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]} as unknown as DocumentNode<PauseLiveRecordingMutation, PauseLiveRecordingMutationVariables>;
export const ResumeLiveRecordingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResumeLiveRecording"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ResumeLiveRecordingInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resumeLiveRecording"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"liveRecording"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]} as unknown as DocumentNode<ResumeLiveRecordingMutation, ResumeLiveRecordingMutationVariables>;
export const StopLiveRecordingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StopLiveRecording"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StopLiveRecordingInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stopLiveRecording"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"liveRecording"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]} as unknown as DocumentNode<StopLiveRecordingMutation, StopLiveRecordingMutationVariables>;
export const LiveRecordingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LiveRecordings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"LiveRecordingStatus"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"liveRecordings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"callId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"pauseBehavior"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]} as unknown as DocumentNode<LiveRecordingsQuery, LiveRecordingsQueryVariables>;
export const LiveRecordingChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"LiveRecordingChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"liveRecordingChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"recording"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"pauseBehavior"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]} as unknown as DocumentNode<LiveRecordingChangedSubscription, LiveRecordingChangedSubscriptionVariables>;
export const AttachRecordingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AttachRecording"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AttachRecordingInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attachRecording"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replacedPrevious"}},{"kind":"Field","name":{"kind":"Name","value":"attachment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"crmCallId"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"sizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]} as unknown as DocumentNode<AttachRecordingMutation, AttachRecordingMutationVariables>;
export const AuditLogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditLog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"targetId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"targetType"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AuditTargetType"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"action"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AuditAction"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"50"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditLog"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}},{"kind":"Argument","name":{"kind":"Name","value":"targetId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"targetId"}}},{"kind":"Argument","name":{"kind":"Name","value":"targetType"},"value":{"kind":"Variable","name":{"kind":"Name","value":"targetType"}}},{"kind":"Argument","name":{"kind":"Name","value":"action"},"value":{"kind":"Variable","name":{"kind":"Name","value":"action"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"targetType"}},{"kind":"Field","name":{"kind":"Name","value":"targetId"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]} as unknown as DocumentNode<AuditLogQuery, AuditLogQueryVariables>;
export const RecordingPoliciesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RecordingPolicies"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"syncStatus"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SyncStatus"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordingPolicies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}},{"kind":"Argument","name":{"kind":"Name","value":"syncStatus"},"value":{"kind":"Variable","name":{"kind":"Name","value":"syncStatus"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"syncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"scope"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]} as unknown as DocumentNode<RecordingPoliciesQuery, RecordingPoliciesQueryVariables>;
export const StartPolicyRolloutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartPolicyRollout"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StartPolicyRolloutInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startPolicyRollout"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dryRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"allowedRequestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"sample"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"personId"}},{"kind":"Field","name":{"kind":"Name","value":"requests"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"body"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"rollout"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PolicyRolloutProgress"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PolicyRolloutProgress"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PolicyRollout"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"totalKnown"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"written"}},{"kind":"Field","name":{"kind":"Name","value":"alreadyInSync"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"requestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"allowedRequestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"etaSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedCompletionAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"round"}},{"kind":"Field","name":{"kind":"Name","value":"isWaiting"}},{"kind":"Field","name":{"kind":"Name","value":"waiting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"since"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}}]}}]}}]} as unknown as DocumentNode<StartPolicyRolloutMutation, StartPolicyRolloutMutationVariables>;
export const PolicyRolloutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PolicyRollout"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PolicyRolloutOutcomeStatus"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"policyRollout"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PolicyRolloutProgress"}},{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"outcomes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"personId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"requests"}},{"kind":"Field","name":{"kind":"Name","value":"changes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"desired"}},{"kind":"Field","name":{"kind":"Name","value":"actual"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}},{"kind":"Field","name":{"kind":"Name","value":"vendorMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"round"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PolicyRolloutProgress"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PolicyRollout"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"totalKnown"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"written"}},{"kind":"Field","name":{"kind":"Name","value":"alreadyInSync"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"requestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"allowedRequestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"etaSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedCompletionAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"round"}},{"kind":"Field","name":{"kind":"Name","value":"isWaiting"}},{"kind":"Field","name":{"kind":"Name","value":"waiting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"since"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}}]}}]}}]} as unknown as DocumentNode<PolicyRolloutQuery, PolicyRolloutQueryVariables>;
export const PolicyRolloutProgressChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"PolicyRolloutProgressChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"policyRolloutProgress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PolicyRolloutProgress"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PolicyRolloutProgress"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PolicyRollout"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"totalKnown"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"written"}},{"kind":"Field","name":{"kind":"Name","value":"alreadyInSync"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"requestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"allowedRequestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"etaSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedCompletionAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"round"}},{"kind":"Field","name":{"kind":"Name","value":"isWaiting"}},{"kind":"Field","name":{"kind":"Name","value":"waiting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"since"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}}]}}]}}]} as unknown as DocumentNode<PolicyRolloutProgressChangedSubscription, PolicyRolloutProgressChangedSubscriptionVariables>;
export const PausePolicyRolloutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PausePolicyRollout"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PausePolicyRolloutInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pausePolicyRollout"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rollout"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PolicyRolloutProgress"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PolicyRolloutProgress"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PolicyRollout"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"totalKnown"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"written"}},{"kind":"Field","name":{"kind":"Name","value":"alreadyInSync"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"requestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"allowedRequestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"etaSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedCompletionAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"round"}},{"kind":"Field","name":{"kind":"Name","value":"isWaiting"}},{"kind":"Field","name":{"kind":"Name","value":"waiting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"since"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}}]}}]}}]} as unknown as DocumentNode<PausePolicyRolloutMutation, PausePolicyRolloutMutationVariables>;
export const ResumePolicyRolloutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResumePolicyRollout"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ResumePolicyRolloutInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resumePolicyRollout"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rollout"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PolicyRolloutProgress"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PolicyRolloutProgress"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PolicyRollout"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"totalKnown"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"written"}},{"kind":"Field","name":{"kind":"Name","value":"alreadyInSync"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"requestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"allowedRequestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"etaSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedCompletionAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"round"}},{"kind":"Field","name":{"kind":"Name","value":"isWaiting"}},{"kind":"Field","name":{"kind":"Name","value":"waiting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"since"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}}]}}]}}]} as unknown as DocumentNode<ResumePolicyRolloutMutation, ResumePolicyRolloutMutationVariables>;
export const CancelPolicyRolloutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelPolicyRollout"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CancelPolicyRolloutInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelPolicyRollout"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rollout"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PolicyRolloutProgress"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PolicyRolloutProgress"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PolicyRollout"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"totalKnown"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"written"}},{"kind":"Field","name":{"kind":"Name","value":"alreadyInSync"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"requestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"allowedRequestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"etaSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedCompletionAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"round"}},{"kind":"Field","name":{"kind":"Name","value":"isWaiting"}},{"kind":"Field","name":{"kind":"Name","value":"waiting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"since"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}}]}}]}}]} as unknown as DocumentNode<CancelPolicyRolloutMutation, CancelPolicyRolloutMutationVariables>;
export const DriftReportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DriftReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"driftReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"generatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"scope"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"drift"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"desired"}},{"kind":"Field","name":{"kind":"Name","value":"actual"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastReconciledAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]} as unknown as DocumentNode<DriftReportQuery, DriftReportQueryVariables>;
export const RecordingPolicyDriftedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"RecordingPolicyDrifted"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordingPolicyDrifted"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"drift"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"desired"}},{"kind":"Field","name":{"kind":"Name","value":"actual"}}]}}]}}]}}]} as unknown as DocumentNode<RecordingPolicyDriftedSubscription, RecordingPolicyDriftedSubscriptionVariables>;
export const RetryFailedRolloutPeopleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RetryFailedRolloutPeople"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RetryFailedRolloutPeopleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryFailedRolloutPeople"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retried"}},{"kind":"Field","name":{"kind":"Name","value":"rollout"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PolicyRolloutProgress"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PolicyRolloutProgress"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PolicyRollout"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"totalKnown"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"written"}},{"kind":"Field","name":{"kind":"Name","value":"alreadyInSync"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"requestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"allowedRequestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"etaSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedCompletionAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"round"}},{"kind":"Field","name":{"kind":"Name","value":"isWaiting"}},{"kind":"Field","name":{"kind":"Name","value":"waiting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"since"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}}]}}]}}]} as unknown as DocumentNode<RetryFailedRolloutPeopleMutation, RetryFailedRolloutPeopleMutationVariables>;
export const RecordingStandardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RecordingStandard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordingStandard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"applied"}},{"kind":"Field","name":{"kind":"Name","value":"requiredFields"}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"calls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"internal"}},{"kind":"Field","name":{"kind":"Name","value":"external"}}]}},{"kind":"Field","name":{"kind":"Name","value":"announcement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}}]}},{"kind":"Field","name":{"kind":"Name","value":"startStopAnnouncement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"externalCalls"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"exceptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"people"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"coverage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}},{"kind":"Field","name":{"kind":"Name","value":"blocked"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"unresolvedPeople"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RecordingStandardQuery, RecordingStandardQueryVariables>;
export const PreviewRecordingStandardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PreviewRecordingStandard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordingStandardPreview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"coverage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"blocked"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}},{"kind":"Field","name":{"kind":"Name","value":"changing"}},{"kind":"Field","name":{"kind":"Name","value":"sample"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scope"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"requests"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"body"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<PreviewRecordingStandardQuery, PreviewRecordingStandardQueryVariables>;
export const SaveRecordingStandardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SaveRecordingStandard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SaveRecordingStandardInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"saveRecordingStandard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"standard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"requiredFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"compiled"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}},{"kind":"Field","name":{"kind":"Name","value":"changed"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}}]}}]}}]}}]} as unknown as DocumentNode<SaveRecordingStandardMutation, SaveRecordingStandardMutationVariables>;
export const ApplyRecordingStandardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApplyRecordingStandard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ApplyRecordingStandardInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"applyRecordingStandard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"standard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"applied"}}]}},{"kind":"Field","name":{"kind":"Name","value":"compiled"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}},{"kind":"Field","name":{"kind":"Name","value":"changed"}},{"kind":"Field","name":{"kind":"Name","value":"rolloutIds"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}}]}}]}}]}}]} as unknown as DocumentNode<ApplyRecordingStandardMutation, ApplyRecordingStandardMutationVariables>;
export const RecordingStandardComplianceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RecordingStandardCompliance"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordingStandard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"compliance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conforming"}},{"kind":"Field","name":{"kind":"Name","value":"drifted"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"ungoverned"}}]}},{"kind":"Field","name":{"kind":"Name","value":"blockedConnections"}},{"kind":"Field","name":{"kind":"Name","value":"connections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"blocked"}},{"kind":"Field","name":{"kind":"Name","value":"counts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conforming"}},{"kind":"Field","name":{"kind":"Name","value":"drifted"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"ungoverned"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"drifted"},"name":{"kind":"Name","value":"policies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"DRIFTED"}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scope"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"drift"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"desired"}},{"kind":"Field","name":{"kind":"Name","value":"actual"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<RecordingStandardComplianceQuery, RecordingStandardComplianceQueryVariables>;
export const RecordingStandardComplianceChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"RecordingStandardComplianceChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordingStandardComplianceChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conforming"}},{"kind":"Field","name":{"kind":"Name","value":"drifted"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"ungoverned"}}]}},{"kind":"Field","name":{"kind":"Name","value":"blockedConnections"}},{"kind":"Field","name":{"kind":"Name","value":"connections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"blocked"}},{"kind":"Field","name":{"kind":"Name","value":"counts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conforming"}},{"kind":"Field","name":{"kind":"Name","value":"drifted"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"ungoverned"}}]}},{"kind":"Field","name":{"kind":"Name","value":"scopeKinds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"counts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conforming"}},{"kind":"Field","name":{"kind":"Name","value":"ungoverned"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<RecordingStandardComplianceChangedSubscription, RecordingStandardComplianceChangedSubscriptionVariables>;
export const PreviewRecordingStandardDraftDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PreviewRecordingStandardDraft"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PreviewRecordingStandardDraftInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordingStandardDraftPreview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"coverage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"blocked"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}},{"kind":"Field","name":{"kind":"Name","value":"unresolvedPeople"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}},{"kind":"Field","name":{"kind":"Name","value":"changing"}},{"kind":"Field","name":{"kind":"Name","value":"sample"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scope"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"requests"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"body"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<PreviewRecordingStandardDraftQuery, PreviewRecordingStandardDraftQueryVariables>;