/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type AnnouncementInput = {
  enabled?: boolean | null | undefined;
  media?: MediaRefInput | null | undefined;
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

export type CallSelectionInput = {
  external?: boolean | null | undefined;
  inbound?: boolean | null | undefined;
  internal?: boolean | null | undefined;
  outbound?: boolean | null | undefined;
  paging?: boolean | null | undefined;
  voicemail?: boolean | null | undefined;
};

export type ConnectVendorInput = {
  /** The vendor API's base URL, e.g. https://simple-api.cp.megafon.ru */
  baseUrl: string;
  /** Credentials: stored encrypted, never readable back. */
  credentials: Array<NameValueInput>;
  name: string;
  /** Non-secret settings; see Query.vendors for the names each vendor takes. */
  settings?: Array<NameValueInput> | null | undefined;
  tenantId: string | number;
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
  /** The vendor comes close in a way its adapter declares (see note); the rule itself is not sent. */
  | 'APPROXIMATED'
  /** The vendor expresses the rule exactly; it is sent. */
  | 'HONOURED'
  /** The vendor cannot hold the rule at all; it is not sent (and blocks the platform when required). */
  | 'NOT_SUPPORTED';

export type CreateRecordingPolicyInput = {
  /** Push to the vendor now (default). False stores it as PENDING. */
  apply?: boolean;
  connectionId: string | number;
  name: string;
  rules: RecordingRulesInput;
  scope: PolicyScopeInput;
};

export type CreateTenantInput = {
  /** Display name, 1..200 characters. */
  name: string;
};

export type DirectionPromptsInput = {
  inbound?: MediaRefInput | null | undefined;
  internal?: MediaRefInput | null | undefined;
  outbound?: MediaRefInput | null | undefined;
};

export type ExtensionTargetInput = {
  id: string;
  kind: ExtensionTargetKind;
  name?: string | null | undefined;
  number?: string | null | undefined;
};

export type ExtensionTargetKind =
  | 'EXTENSION'
  | 'EXTENSION_GROUP'
  | 'ORGANIZATION';

export type FileFormat =
  | 'MP3'
  | 'WAV';

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

export type MediaRefInput = {
  /** Required when source is CUSTOM. */
  mediaId?: string | null | undefined;
  source: MediaSource;
};

/** The vendor's standard message, or one from the customer's own media library. */
export type MediaSource =
  | 'CUSTOM'
  | 'SYSTEM';

/** A named value: a credential (write-only) or a setting. */
export type NameValueInput = {
  name: string;
  value: string;
};

export type NamedTargetInput = {
  id: string;
  name?: string | null | undefined;
};

export type NotificationType =
  | 'ANNOUNCEMENT'
  | 'BEEP';

export type PauseBehavior =
  /** The paused part is replaced by silence, so the timeline is kept. */
  | 'SILENCE'
  /** The paused part is left out of the recording. */
  | 'SKIP';

export type PauseLiveRecordingInput = {
  /** SKIP leaves the paused part out; SILENCE keeps the timeline. */
  behavior?: PauseBehavior;
  id: string | number;
};

export type PauseResumeNotificationInput = {
  enabled: boolean;
  /** Required when enabled. */
  type?: NotificationType | null | undefined;
};

export type PeriodicBeepInput = {
  enabled: boolean;
  /** Seconds between beeps, 1..3600 (Webex takes 10..1800). */
  intervalSeconds?: number | null | undefined;
};

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

export type PolicyScopeInput = {
  /** The vendor's id: settings record id, person id, workspace id; empty for ORGANIZATION. */
  id?: string;
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
  connectionId?: string | number | null | undefined;
  policyId?: string | number | null | undefined;
  rules?: RecordingRulesInput | null | undefined;
  scope?: PolicyScopeInput | null | undefined;
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
  announcement?: AnnouncementInput | null | undefined;
  calls?: CallSelectionInput | null | undefined;
  /** Vendor user ids whose calls are not recorded. */
  excludedUserIds?: Array<string> | null | undefined;
  fileFormat?: FileFormat | null | undefined;
  mode?: RecordingMode | null | undefined;
  /** The key that starts an on-demand recording (MegaFon "2", Webex "*44"). */
  onDemandKey?: string | null | undefined;
  pauseResumeNotification?: PauseResumeNotificationInput | null | undefined;
  periodicBeep?: PeriodicBeepInput | null | undefined;
  startStopAnnouncement?: StartStopAnnouncementInput | null | undefined;
  stereo?: boolean | null | undefined;
  targets?: RecordingTargetsInput | null | undefined;
};

export type RecordingTargetsInput = {
  conferences?: Array<NamedTargetInput> | null | undefined;
  extensions?: Array<ExtensionTargetInput> | null | undefined;
  ivrs?: Array<NamedTargetInput> | null | undefined;
  queues?: Array<NamedTargetInput> | null | undefined;
  trunks?: Array<TrunkTargetInput> | null | undefined;
};

export type RetryFailedRolloutPeopleInput = {
  rolloutId: string | number;
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
  /** Rules every platform must honour exactly. */
  requiredFields?: Array<RecordingRuleField> | null | undefined;
  /** The rules. */
  rules: RecordingRulesInput;
  /** The tenant. */
  tenantId: string | number;
};

/** What compiling the standard did on one connection. */
export type StandardCompileStatus =
  /** A required rule cannot be honoured there: nothing was written (error code VENDOR_UNSUPPORTED_FIELD). */
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
  /** Id of the federated User entity. */
  userId?: string | number | null | undefined;
};

export type StartLiveRecordingInput = {
  /** The vendor's id of the call in progress. */
  callId: string;
  /** 1 (mono) or 2 (one channel per party), where the vendor lets you choose. */
  channels?: number | null | undefined;
  connectionId: string | number;
};

export type StartPolicyRolloutInput = {
  connectionId: string | number;
  /** Count the people and show the exact requests for a few; write nothing. */
  dryRun?: boolean;
  name: string;
  /** The policy every person in scope gets; validated against the vendor like a policy. */
  rules: RecordingRulesInput;
  scope: PolicyRolloutScopeInput;
};

export type StartStopAnnouncementInput = {
  enabled?: boolean | null | undefined;
  externalCalls?: boolean | null | undefined;
  internalCalls?: boolean | null | undefined;
};

export type SyncStatus =
  /** The vendor's state was changed outside this service; see drift. */
  | 'DRIFTED'
  /** The vendor did not accept it; see lastSyncError. */
  | 'FAILED'
  /** The vendor accepted the current desired version. */
  | 'IN_SYNC'
  /** The desired state is stored and not yet confirmed by the vendor. */
  | 'PENDING';

export type TrunkTargetInput = {
  id: string;
  name?: string | null | undefined;
  periodicBeep?: PeriodicBeepInput | null | undefined;
};

export type UpdateRecordingPolicyInput = {
  apply?: boolean;
  /** The version you read; a stale one fails with CONFLICT. */
  expectedVersion: number;
  id: string | number;
  name?: string | null | undefined;
  /** Replaces the whole rule set. */
  rules?: RecordingRulesInput | null | undefined;
};

/** A telephony or CRM vendor this service speaks to. */
export type VendorKind =
  | 'BITRIX24'
  | 'MEGAFON'
  | 'SIGNALWIRE'
  | 'WEBEX'
  | 'YEASTAR';

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { subject: string, allTenants: boolean, tenantIds: Array<string>, scopes: Array<string> } };

export type DashboardQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type DashboardQuery = { tenants: { nodes: Array<{ id: string, name: string, connections: Array<{ id: string, vendor: VendorKind, name: string, status: ConnectionStatus }>, recordingPolicies: Array<{ id: string, name: string, version: number, syncStatus: SyncStatus, scope: { kind: PolicyScopeKind, id: string }, rules: { mode: RecordingMode | null, calls: { internal: boolean | null, external: boolean | null } | null }, lastSyncError: { code: string, message: string } | null }> }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type VendorsQueryVariables = Exact<{ [key: string]: never; }>;


export type VendorsQuery = { vendors: Array<{ kind: VendorKind, displayName: string, capabilities: { policies: boolean, policyScopes: Array<PolicyScopeKind>, ruleFields: Array<string>, unsupportedRuleFields: Array<string>, liveRecording: { start: boolean, pause: boolean, resume: boolean, stop: boolean, pauseBehaviors: Array<PauseBehavior> } | null, credentialFields: Array<{ name: string, required: boolean, description: string }>, settingFields: Array<{ name: string, required: boolean, description: string }> } }> };

export type CreateTenantMutationVariables = Exact<{
  input: CreateTenantInput;
}>;


export type CreateTenantMutation = { createTenant: { id: string, name: string, createdAt: string } };

export type TenantQueryVariables = Exact<{
  id: string | number;
}>;


export type TenantQuery = { tenant: { id: string, name: string, connections: Array<{ id: string, vendor: VendorKind, name: string, baseUrl: string, status: ConnectionStatus, capabilities: { ruleFields: Array<string> } }> } | null };

export type ConnectVendorMutationVariables = Exact<{
  input: ConnectVendorInput;
}>;


export type ConnectVendorMutation = { connectVendor: { id: string, vendor: VendorKind, name: string, baseUrl: string, status: ConnectionStatus, settings: Array<{ name: string, value: string }> } };

export type TestVendorConnectionMutationVariables = Exact<{
  id: string | number;
}>;


export type TestVendorConnectionMutation = { testVendorConnection: { ok: boolean, error: { code: string, message: string, vendorCode: string | null, vendorMessage: string | null } | null, problem: { code: ConnectionProblemCode, hint: string } | null, connection: { id: string, status: ConnectionStatus, lastCheckedAt: string | null } } };

export type PolicyFieldsFragment = { id: string, name: string, version: number, syncStatus: SyncStatus, syncedVersion: number | null, lastVendorPayload: unknown, scope: { kind: PolicyScopeKind, id: string }, rules: { mode: RecordingMode | null, onDemandKey: string | null, excludedUserIds: Array<string> | null, stereo: boolean | null, fileFormat: FileFormat | null, calls: { internal: boolean | null, external: boolean | null, inbound: boolean | null, outbound: boolean | null, paging: boolean | null, voicemail: boolean | null } | null, targets: { trunks: Array<{ id: string, name: string | null, periodicBeep: { enabled: boolean, intervalSeconds: number | null } | null }> | null, extensions: Array<{ id: string, kind: ExtensionTargetKind }> | null, queues: Array<{ id: string, name: string | null }> | null, ivrs: Array<{ id: string }> | null, conferences: Array<{ id: string }> | null } | null, announcement: { enabled: boolean | null, media: { source: MediaSource, mediaId: string | null } | null, prompts: { internal: { source: MediaSource, mediaId: string | null } | null, inbound: { source: MediaSource, mediaId: string | null } | null, outbound: { source: MediaSource, mediaId: string | null } | null } | null } | null, startStopAnnouncement: { enabled: boolean | null, internalCalls: boolean | null, externalCalls: boolean | null } | null, pauseResumeNotification: { enabled: boolean, type: NotificationType | null } | null, periodicBeep: { enabled: boolean, intervalSeconds: number | null } | null }, lastSyncError: { code: string, message: string, vendorCode: string | null, vendorMessage: string | null } | null, drift: Array<{ field: string, desired: unknown, actual: unknown }> };

export type RecordingPolicyQueryVariables = Exact<{
  id: string | number;
}>;


export type RecordingPolicyQuery = { recordingPolicy: { id: string, name: string, version: number, syncStatus: SyncStatus, syncedVersion: number | null, lastVendorPayload: unknown, connection: { id: string, vendor: VendorKind, name: string }, scope: { kind: PolicyScopeKind, id: string }, rules: { mode: RecordingMode | null, onDemandKey: string | null, excludedUserIds: Array<string> | null, stereo: boolean | null, fileFormat: FileFormat | null, calls: { internal: boolean | null, external: boolean | null, inbound: boolean | null, outbound: boolean | null, paging: boolean | null, voicemail: boolean | null } | null, targets: { trunks: Array<{ id: string, name: string | null, periodicBeep: { enabled: boolean, intervalSeconds: number | null } | null }> | null, extensions: Array<{ id: string, kind: ExtensionTargetKind }> | null, queues: Array<{ id: string, name: string | null }> | null, ivrs: Array<{ id: string }> | null, conferences: Array<{ id: string }> | null } | null, announcement: { enabled: boolean | null, media: { source: MediaSource, mediaId: string | null } | null, prompts: { internal: { source: MediaSource, mediaId: string | null } | null, inbound: { source: MediaSource, mediaId: string | null } | null, outbound: { source: MediaSource, mediaId: string | null } | null } | null } | null, startStopAnnouncement: { enabled: boolean | null, internalCalls: boolean | null, externalCalls: boolean | null } | null, pauseResumeNotification: { enabled: boolean, type: NotificationType | null } | null, periodicBeep: { enabled: boolean, intervalSeconds: number | null } | null }, lastSyncError: { code: string, message: string, vendorCode: string | null, vendorMessage: string | null } | null, drift: Array<{ field: string, desired: unknown, actual: unknown }> } | null };

export type PreviewRecordingPolicyMutationVariables = Exact<{
  input: PreviewRecordingPolicyInput;
}>;


export type PreviewRecordingPolicyMutation = { previewRecordingPolicy: { requests: Array<{ method: string, path: string, query: unknown, headers: unknown, body: unknown }>, warnings: Array<{ code: string, field: string, message: string }> } };

export type CreateRecordingPolicyMutationVariables = Exact<{
  input: CreateRecordingPolicyInput;
}>;


export type CreateRecordingPolicyMutation = { createRecordingPolicy: { policy: { id: string, name: string, version: number, syncStatus: SyncStatus, syncedVersion: number | null, lastVendorPayload: unknown, scope: { kind: PolicyScopeKind, id: string }, rules: { mode: RecordingMode | null, onDemandKey: string | null, excludedUserIds: Array<string> | null, stereo: boolean | null, fileFormat: FileFormat | null, calls: { internal: boolean | null, external: boolean | null, inbound: boolean | null, outbound: boolean | null, paging: boolean | null, voicemail: boolean | null } | null, targets: { trunks: Array<{ id: string, name: string | null, periodicBeep: { enabled: boolean, intervalSeconds: number | null } | null }> | null, extensions: Array<{ id: string, kind: ExtensionTargetKind }> | null, queues: Array<{ id: string, name: string | null }> | null, ivrs: Array<{ id: string }> | null, conferences: Array<{ id: string }> | null } | null, announcement: { enabled: boolean | null, media: { source: MediaSource, mediaId: string | null } | null, prompts: { internal: { source: MediaSource, mediaId: string | null } | null, inbound: { source: MediaSource, mediaId: string | null } | null, outbound: { source: MediaSource, mediaId: string | null } | null } | null } | null, startStopAnnouncement: { enabled: boolean | null, internalCalls: boolean | null, externalCalls: boolean | null } | null, pauseResumeNotification: { enabled: boolean, type: NotificationType | null } | null, periodicBeep: { enabled: boolean, intervalSeconds: number | null } | null }, lastSyncError: { code: string, message: string, vendorCode: string | null, vendorMessage: string | null } | null, drift: Array<{ field: string, desired: unknown, actual: unknown }> }, sync: { status: SyncStatus, error: { code: string, message: string, vendorCode: string | null, vendorMessage: string | null } | null, requests: Array<{ method: string, path: string, query: unknown, body: unknown }> }, warnings: Array<{ code: string, field: string, message: string }> } };

export type UpdateRecordingPolicyMutationVariables = Exact<{
  input: UpdateRecordingPolicyInput;
}>;


export type UpdateRecordingPolicyMutation = { updateRecordingPolicy: { policy: { id: string, name: string, version: number, syncStatus: SyncStatus, syncedVersion: number | null, lastVendorPayload: unknown, scope: { kind: PolicyScopeKind, id: string }, rules: { mode: RecordingMode | null, onDemandKey: string | null, excludedUserIds: Array<string> | null, stereo: boolean | null, fileFormat: FileFormat | null, calls: { internal: boolean | null, external: boolean | null, inbound: boolean | null, outbound: boolean | null, paging: boolean | null, voicemail: boolean | null } | null, targets: { trunks: Array<{ id: string, name: string | null, periodicBeep: { enabled: boolean, intervalSeconds: number | null } | null }> | null, extensions: Array<{ id: string, kind: ExtensionTargetKind }> | null, queues: Array<{ id: string, name: string | null }> | null, ivrs: Array<{ id: string }> | null, conferences: Array<{ id: string }> | null } | null, announcement: { enabled: boolean | null, media: { source: MediaSource, mediaId: string | null } | null, prompts: { internal: { source: MediaSource, mediaId: string | null } | null, inbound: { source: MediaSource, mediaId: string | null } | null, outbound: { source: MediaSource, mediaId: string | null } | null } | null } | null, startStopAnnouncement: { enabled: boolean | null, internalCalls: boolean | null, externalCalls: boolean | null } | null, pauseResumeNotification: { enabled: boolean, type: NotificationType | null } | null, periodicBeep: { enabled: boolean, intervalSeconds: number | null } | null }, lastSyncError: { code: string, message: string, vendorCode: string | null, vendorMessage: string | null } | null, drift: Array<{ field: string, desired: unknown, actual: unknown }> }, sync: { status: SyncStatus, error: { code: string, message: string, vendorCode: string | null, vendorMessage: string | null } | null, requests: Array<{ method: string, path: string, body: unknown }> }, warnings: Array<{ code: string, field: string, message: string }> } };

export type ReconcileRecordingPolicyMutationVariables = Exact<{
  id: string | number;
}>;


export type ReconcileRecordingPolicyMutation = { reconcileRecordingPolicy: { drift: Array<{ field: string, desired: unknown, actual: unknown }>, policy: { id: string, syncStatus: SyncStatus, lastReconciledAt: string | null } } };

export type RetrySyncMutationVariables = Exact<{
  id: string | number;
}>;


export type RetrySyncMutation = { retrySync: { policy: { id: string, version: number, syncStatus: SyncStatus }, sync: { status: SyncStatus, error: { code: string, message: string } | null } } };

export type StartLiveRecordingMutationVariables = Exact<{
  input: StartLiveRecordingInput;
}>;


export type StartLiveRecordingMutation = { startLiveRecording: { id: string, status: LiveRecordingStatus, callId: string, vendorRecordingId: string | null, channels: number | null, version: number } };

export type PauseLiveRecordingMutationVariables = Exact<{
  input: PauseLiveRecordingInput;
}>;


export type PauseLiveRecordingMutation = { pauseLiveRecording: { id: string, status: LiveRecordingStatus, pauseBehavior: PauseBehavior | null, version: number } };

export type ResumeLiveRecordingMutationVariables = Exact<{
  id: string | number;
}>;


export type ResumeLiveRecordingMutation = { resumeLiveRecording: { id: string, status: LiveRecordingStatus, version: number } };

export type StopLiveRecordingMutationVariables = Exact<{
  id: string | number;
}>;


export type StopLiveRecordingMutation = { stopLiveRecording: { id: string, status: LiveRecordingStatus, durationSeconds: number | null, endedAt: string | null, version: number } };

export type LiveRecordingsQueryVariables = Exact<{
  tenantId: string | number;
  status?: LiveRecordingStatus | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type LiveRecordingsQuery = { liveRecordings: { nodes: Array<{ id: string, vendor: VendorKind, callId: string, status: LiveRecordingStatus, pauseBehavior: PauseBehavior | null, durationSeconds: number | null, startedAt: string | null, lastError: { code: string, message: string } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type LiveRecordingChangedSubscriptionVariables = Exact<{
  tenantId: string | number;
}>;


export type LiveRecordingChangedSubscription = { liveRecordingChanged: { kind: string, recording: { id: string, status: LiveRecordingStatus, pauseBehavior: PauseBehavior | null, version: number } } };

export type AttachRecordingMutationVariables = Exact<{
  input: AttachRecordingInput;
}>;


export type AttachRecordingMutation = { attachRecording: { replacedPrevious: boolean, attachment: { id: string, crmCallId: string, fileName: string, source: string, sizeBytes: number | null, createdAt: string } } };

export type AuditLogQueryVariables = Exact<{
  tenantId: string | number;
  targetId?: string | number | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AuditLogQuery = { auditLog: { nodes: Array<{ at: string, actor: string, action: string, targetType: string, targetId: string, before: unknown, after: unknown, outcome: unknown, requestId: string | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type StartPolicyRolloutMutationVariables = Exact<{
  input: StartPolicyRolloutInput;
}>;


export type StartPolicyRolloutMutation = { startPolicyRollout: { dryRun: { total: number, allowedRequestsPerSecond: number, estimatedSeconds: number, sample: Array<{ personId: string, requests: Array<{ method: string, path: string, body: unknown }> }> } | null, rollout: { id: string, name: string, status: PolicyRolloutStatus, total: number, totalKnown: boolean, done: number, written: number, alreadyInSync: number, failed: number, pending: number, requestsPerSecond: number, allowedRequestsPerSecond: number, etaSeconds: number | null, estimatedCompletionAt: string | null, round: number, isWaiting: boolean, lastError: { code: string, message: string } | null, waiting: { code: string, reason: string, since: string, nextAttemptAt: string } | null } | null } };

export type PolicyRolloutProgressFragment = { id: string, name: string, status: PolicyRolloutStatus, total: number, totalKnown: boolean, done: number, written: number, alreadyInSync: number, failed: number, pending: number, requestsPerSecond: number, allowedRequestsPerSecond: number, etaSeconds: number | null, estimatedCompletionAt: string | null, round: number, isWaiting: boolean, lastError: { code: string, message: string } | null, waiting: { code: string, reason: string, since: string, nextAttemptAt: string } | null };

export type PolicyRolloutQueryVariables = Exact<{
  id: string | number;
  status?: PolicyRolloutOutcomeStatus | null | undefined;
  after?: string | null | undefined;
}>;


export type PolicyRolloutQuery = { policyRollout: { id: string, name: string, status: PolicyRolloutStatus, total: number, totalKnown: boolean, done: number, written: number, alreadyInSync: number, failed: number, pending: number, requestsPerSecond: number, allowedRequestsPerSecond: number, etaSeconds: number | null, estimatedCompletionAt: string | null, round: number, isWaiting: boolean, connection: { id: string, name: string }, outcomes: { nodes: Array<{ personId: string, status: PolicyRolloutOutcomeStatus, requests: number, finishedAt: string | null, changes: Array<{ field: string, desired: unknown, actual: unknown }>, error: { code: string, vendorCode: string | null, vendorMessage: string | null } | null, history: Array<{ round: number, attempt: number, at: string, outcome: string, code: string | null, message: string | null }> }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } }, lastError: { code: string, message: string } | null, waiting: { code: string, reason: string, since: string, nextAttemptAt: string } | null } | null };

export type PolicyRolloutProgressChangedSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type PolicyRolloutProgressChangedSubscription = { policyRolloutProgress: { id: string, name: string, status: PolicyRolloutStatus, total: number, totalKnown: boolean, done: number, written: number, alreadyInSync: number, failed: number, pending: number, requestsPerSecond: number, allowedRequestsPerSecond: number, etaSeconds: number | null, estimatedCompletionAt: string | null, round: number, isWaiting: boolean, lastError: { code: string, message: string } | null, waiting: { code: string, reason: string, since: string, nextAttemptAt: string } | null } };

export type PausePolicyRolloutMutationVariables = Exact<{
  id: string | number;
}>;


export type PausePolicyRolloutMutation = { pausePolicyRollout: { id: string, name: string, status: PolicyRolloutStatus, total: number, totalKnown: boolean, done: number, written: number, alreadyInSync: number, failed: number, pending: number, requestsPerSecond: number, allowedRequestsPerSecond: number, etaSeconds: number | null, estimatedCompletionAt: string | null, round: number, isWaiting: boolean, lastError: { code: string, message: string } | null, waiting: { code: string, reason: string, since: string, nextAttemptAt: string } | null } };

export type ResumePolicyRolloutMutationVariables = Exact<{
  id: string | number;
}>;


export type ResumePolicyRolloutMutation = { resumePolicyRollout: { id: string, name: string, status: PolicyRolloutStatus, total: number, totalKnown: boolean, done: number, written: number, alreadyInSync: number, failed: number, pending: number, requestsPerSecond: number, allowedRequestsPerSecond: number, etaSeconds: number | null, estimatedCompletionAt: string | null, round: number, isWaiting: boolean, lastError: { code: string, message: string } | null, waiting: { code: string, reason: string, since: string, nextAttemptAt: string } | null } };

export type CancelPolicyRolloutMutationVariables = Exact<{
  id: string | number;
}>;


export type CancelPolicyRolloutMutation = { cancelPolicyRollout: { id: string, name: string, status: PolicyRolloutStatus, total: number, totalKnown: boolean, done: number, written: number, alreadyInSync: number, failed: number, pending: number, requestsPerSecond: number, allowedRequestsPerSecond: number, etaSeconds: number | null, estimatedCompletionAt: string | null, round: number, isWaiting: boolean, lastError: { code: string, message: string } | null, waiting: { code: string, reason: string, since: string, nextAttemptAt: string } | null } };

export type DriftReportQueryVariables = Exact<{
  tenantId: string | number;
}>;


export type DriftReportQuery = { driftReport: { generatedAt: string, policies: Array<{ id: string, name: string, lastReconciledAt: string | null, scope: { kind: PolicyScopeKind, id: string }, drift: Array<{ field: string, desired: unknown, actual: unknown }> }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type RecordingPolicyDriftedSubscriptionVariables = Exact<{
  tenantId: string | number;
}>;


export type RecordingPolicyDriftedSubscription = { recordingPolicyDrifted: { id: string, name: string, drift: Array<{ field: string, desired: unknown, actual: unknown }> } };

export type RetryFailedRolloutPeopleMutationVariables = Exact<{
  input: RetryFailedRolloutPeopleInput;
}>;


export type RetryFailedRolloutPeopleMutation = { retryFailedRolloutPeople: { retried: number, rollout: { id: string, name: string, status: PolicyRolloutStatus, total: number, totalKnown: boolean, done: number, written: number, alreadyInSync: number, failed: number, pending: number, requestsPerSecond: number, allowedRequestsPerSecond: number, etaSeconds: number | null, estimatedCompletionAt: string | null, round: number, isWaiting: boolean, lastError: { code: string, message: string } | null, waiting: { code: string, reason: string, since: string, nextAttemptAt: string } | null } } };

export type RecordingStandardQueryVariables = Exact<{
  tenantId: string | number;
}>;


export type RecordingStandardQuery = { recordingStandard: { id: string, name: string, mode: StandardMode, version: number, applied: boolean, requiredFields: Array<RecordingRuleField>, rules: { mode: RecordingMode | null, calls: { internal: boolean | null, external: boolean | null } | null, announcement: { enabled: boolean | null } | null, startStopAnnouncement: { enabled: boolean | null, externalCalls: boolean | null } | null }, exceptions: Array<{ name: string, people: Array<{ email: string | null, userId: string | null }> }>, coverage: Array<{ vendor: VendorKind, connection: { id: string, name: string }, fields: Array<{ field: RecordingRuleField, path: string, status: CoverageStatus, required: boolean, note: string | null }>, blocked: { code: string, message: string, fields: Array<RecordingRuleField> } | null, unresolvedPeople: Array<{ name: string, reason: string }> }> } | null };

export type PreviewRecordingStandardQueryVariables = Exact<{
  id: string | number;
}>;


export type PreviewRecordingStandardQuery = { recordingStandardPreview: Array<{ scopes: number, changing: number, coverage: { vendor: VendorKind, connection: { id: string, name: string }, blocked: { code: string, message: string } | null }, sample: Array<{ scope: { kind: PolicyScopeKind, id: string }, requests: Array<{ method: string, path: string, body: unknown }> }>, warnings: Array<{ code: string, field: string, message: string }> }> };

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

export const PolicyFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PolicyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RecordingPolicy"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"syncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"syncedVersion"}},{"kind":"Field","name":{"kind":"Name","value":"scope"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"onDemandKey"}},{"kind":"Field","name":{"kind":"Name","value":"calls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"internal"}},{"kind":"Field","name":{"kind":"Name","value":"external"}},{"kind":"Field","name":{"kind":"Name","value":"inbound"}},{"kind":"Field","name":{"kind":"Name","value":"outbound"}},{"kind":"Field","name":{"kind":"Name","value":"paging"}},{"kind":"Field","name":{"kind":"Name","value":"voicemail"}}]}},{"kind":"Field","name":{"kind":"Name","value":"excludedUserIds"}},{"kind":"Field","name":{"kind":"Name","value":"targets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trunks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"periodicBeep"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"intervalSeconds"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"extensions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"queues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ivrs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"conferences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"announcement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"media"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"mediaId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"prompts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"internal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"mediaId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"inbound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"mediaId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"outbound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"mediaId"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"startStopAnnouncement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"internalCalls"}},{"kind":"Field","name":{"kind":"Name","value":"externalCalls"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pauseResumeNotification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}},{"kind":"Field","name":{"kind":"Name","value":"periodicBeep"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"intervalSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stereo"}},{"kind":"Field","name":{"kind":"Name","value":"fileFormat"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}},{"kind":"Field","name":{"kind":"Name","value":"vendorMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastVendorPayload"}},{"kind":"Field","name":{"kind":"Name","value":"drift"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"desired"}},{"kind":"Field","name":{"kind":"Name","value":"actual"}}]}}]}}]} as unknown as DocumentNode<PolicyFieldsFragment, unknown>;
export const PolicyRolloutProgressFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PolicyRolloutProgress"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PolicyRollout"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"totalKnown"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"written"}},{"kind":"Field","name":{"kind":"Name","value":"alreadyInSync"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"requestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"allowedRequestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"etaSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedCompletionAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"round"}},{"kind":"Field","name":{"kind":"Name","value":"isWaiting"}},{"kind":"Field","name":{"kind":"Name","value":"waiting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"since"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}}]}}]}}]} as unknown as DocumentNode<PolicyRolloutProgressFragment, unknown>;
export const ViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"allTenants"}},{"kind":"Field","name":{"kind":"Name","value":"tenantIds"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}}]}}]}}]} as unknown as DocumentNode<ViewerQuery, ViewerQueryVariables>;
export const DashboardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Dashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenants"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"connections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"recordingPolicies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"syncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"scope"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"calls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"internal"}},{"kind":"Field","name":{"kind":"Name","value":"external"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<DashboardQuery, DashboardQueryVariables>;
export const VendorsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Vendors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vendors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"policies"}},{"kind":"Field","name":{"kind":"Name","value":"policyScopes"}},{"kind":"Field","name":{"kind":"Name","value":"ruleFields"}},{"kind":"Field","name":{"kind":"Name","value":"unsupportedRuleFields"}},{"kind":"Field","name":{"kind":"Name","value":"liveRecording"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"pause"}},{"kind":"Field","name":{"kind":"Name","value":"resume"}},{"kind":"Field","name":{"kind":"Name","value":"stop"}},{"kind":"Field","name":{"kind":"Name","value":"pauseBehaviors"}}]}},{"kind":"Field","name":{"kind":"Name","value":"credentialFields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"Field","name":{"kind":"Name","value":"settingFields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}}]}}]}}]} as unknown as DocumentNode<VendorsQuery, VendorsQueryVariables>;
export const CreateTenantDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateTenant"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateTenantInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createTenant"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<CreateTenantMutation, CreateTenantMutationVariables>;
export const TenantDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Tenant"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenant"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"connections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"baseUrl"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ruleFields"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TenantQuery, TenantQueryVariables>;
export const ConnectVendorDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConnectVendor"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConnectVendorInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connectVendor"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"baseUrl"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]} as unknown as DocumentNode<ConnectVendorMutation, ConnectVendorMutationVariables>;
export const TestVendorConnectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TestVendorConnection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"testVendorConnection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}},{"kind":"Field","name":{"kind":"Name","value":"vendorMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"problem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"hint"}}]}},{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastCheckedAt"}}]}}]}}]}}]} as unknown as DocumentNode<TestVendorConnectionMutation, TestVendorConnectionMutationVariables>;
export const RecordingPolicyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RecordingPolicy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordingPolicy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PolicyFields"}},{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PolicyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RecordingPolicy"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"syncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"syncedVersion"}},{"kind":"Field","name":{"kind":"Name","value":"scope"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"onDemandKey"}},{"kind":"Field","name":{"kind":"Name","value":"calls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"internal"}},{"kind":"Field","name":{"kind":"Name","value":"external"}},{"kind":"Field","name":{"kind":"Name","value":"inbound"}},{"kind":"Field","name":{"kind":"Name","value":"outbound"}},{"kind":"Field","name":{"kind":"Name","value":"paging"}},{"kind":"Field","name":{"kind":"Name","value":"voicemail"}}]}},{"kind":"Field","name":{"kind":"Name","value":"excludedUserIds"}},{"kind":"Field","name":{"kind":"Name","value":"targets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trunks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"periodicBeep"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"intervalSeconds"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"extensions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"queues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ivrs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"conferences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"announcement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"media"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"mediaId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"prompts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"internal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"mediaId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"inbound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"mediaId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"outbound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"mediaId"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"startStopAnnouncement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"internalCalls"}},{"kind":"Field","name":{"kind":"Name","value":"externalCalls"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pauseResumeNotification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}},{"kind":"Field","name":{"kind":"Name","value":"periodicBeep"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"intervalSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stereo"}},{"kind":"Field","name":{"kind":"Name","value":"fileFormat"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}},{"kind":"Field","name":{"kind":"Name","value":"vendorMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastVendorPayload"}},{"kind":"Field","name":{"kind":"Name","value":"drift"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"desired"}},{"kind":"Field","name":{"kind":"Name","value":"actual"}}]}}]}}]} as unknown as DocumentNode<RecordingPolicyQuery, RecordingPolicyQueryVariables>;
export const PreviewRecordingPolicyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PreviewRecordingPolicy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PreviewRecordingPolicyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"previewRecordingPolicy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requests"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"query"}},{"kind":"Field","name":{"kind":"Name","value":"headers"}},{"kind":"Field","name":{"kind":"Name","value":"body"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<PreviewRecordingPolicyMutation, PreviewRecordingPolicyMutationVariables>;
export const CreateRecordingPolicyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateRecordingPolicy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateRecordingPolicyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createRecordingPolicy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"policy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PolicyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sync"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}},{"kind":"Field","name":{"kind":"Name","value":"vendorMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"requests"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"query"}},{"kind":"Field","name":{"kind":"Name","value":"body"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PolicyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RecordingPolicy"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"syncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"syncedVersion"}},{"kind":"Field","name":{"kind":"Name","value":"scope"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"onDemandKey"}},{"kind":"Field","name":{"kind":"Name","value":"calls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"internal"}},{"kind":"Field","name":{"kind":"Name","value":"external"}},{"kind":"Field","name":{"kind":"Name","value":"inbound"}},{"kind":"Field","name":{"kind":"Name","value":"outbound"}},{"kind":"Field","name":{"kind":"Name","value":"paging"}},{"kind":"Field","name":{"kind":"Name","value":"voicemail"}}]}},{"kind":"Field","name":{"kind":"Name","value":"excludedUserIds"}},{"kind":"Field","name":{"kind":"Name","value":"targets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trunks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"periodicBeep"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"intervalSeconds"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"extensions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"queues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ivrs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"conferences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"announcement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"media"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"mediaId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"prompts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"internal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"mediaId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"inbound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"mediaId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"outbound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"mediaId"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"startStopAnnouncement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"internalCalls"}},{"kind":"Field","name":{"kind":"Name","value":"externalCalls"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pauseResumeNotification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}},{"kind":"Field","name":{"kind":"Name","value":"periodicBeep"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"intervalSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stereo"}},{"kind":"Field","name":{"kind":"Name","value":"fileFormat"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}},{"kind":"Field","name":{"kind":"Name","value":"vendorMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastVendorPayload"}},{"kind":"Field","name":{"kind":"Name","value":"drift"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"desired"}},{"kind":"Field","name":{"kind":"Name","value":"actual"}}]}}]}}]} as unknown as DocumentNode<CreateRecordingPolicyMutation, CreateRecordingPolicyMutationVariables>;
export const UpdateRecordingPolicyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateRecordingPolicy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateRecordingPolicyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateRecordingPolicy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"policy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PolicyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sync"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}},{"kind":"Field","name":{"kind":"Name","value":"vendorMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"requests"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"body"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PolicyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RecordingPolicy"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"syncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"syncedVersion"}},{"kind":"Field","name":{"kind":"Name","value":"scope"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"onDemandKey"}},{"kind":"Field","name":{"kind":"Name","value":"calls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"internal"}},{"kind":"Field","name":{"kind":"Name","value":"external"}},{"kind":"Field","name":{"kind":"Name","value":"inbound"}},{"kind":"Field","name":{"kind":"Name","value":"outbound"}},{"kind":"Field","name":{"kind":"Name","value":"paging"}},{"kind":"Field","name":{"kind":"Name","value":"voicemail"}}]}},{"kind":"Field","name":{"kind":"Name","value":"excludedUserIds"}},{"kind":"Field","name":{"kind":"Name","value":"targets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trunks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"periodicBeep"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"intervalSeconds"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"extensions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"queues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ivrs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"conferences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"announcement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"media"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"mediaId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"prompts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"internal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"mediaId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"inbound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"mediaId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"outbound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"mediaId"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"startStopAnnouncement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"internalCalls"}},{"kind":"Field","name":{"kind":"Name","value":"externalCalls"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pauseResumeNotification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}},{"kind":"Field","name":{"kind":"Name","value":"periodicBeep"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"intervalSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stereo"}},{"kind":"Field","name":{"kind":"Name","value":"fileFormat"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}},{"kind":"Field","name":{"kind":"Name","value":"vendorMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastVendorPayload"}},{"kind":"Field","name":{"kind":"Name","value":"drift"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"desired"}},{"kind":"Field","name":{"kind":"Name","value":"actual"}}]}}]}}]} as unknown as DocumentNode<UpdateRecordingPolicyMutation, UpdateRecordingPolicyMutationVariables>;
export const ReconcileRecordingPolicyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReconcileRecordingPolicy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reconcileRecordingPolicy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"drift"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"desired"}},{"kind":"Field","name":{"kind":"Name","value":"actual"}}]}},{"kind":"Field","name":{"kind":"Name","value":"policy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"syncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"lastReconciledAt"}}]}}]}}]}}]} as unknown as DocumentNode<ReconcileRecordingPolicyMutation, ReconcileRecordingPolicyMutationVariables>;
export const RetrySyncDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RetrySync"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retrySync"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"policy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"syncStatus"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sync"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RetrySyncMutation, RetrySyncMutationVariables>;
export const StartLiveRecordingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartLiveRecording"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StartLiveRecordingInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startLiveRecording"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"callId"}},{"kind":"Field","name":{"kind":"Name","value":"vendorRecordingId"}},{"kind":"Field","name":{"kind":"Name","value":"channels"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<StartLiveRecordingMutation, StartLiveRecordingMutationVariables>;
export const PauseLiveRecordingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PauseLiveRecording"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PauseLiveRecordingInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pauseLiveRecording"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"pauseBehavior"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<PauseLiveRecordingMutation, PauseLiveRecordingMutationVariables>;
export const ResumeLiveRecordingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResumeLiveRecording"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resumeLiveRecording"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<ResumeLiveRecordingMutation, ResumeLiveRecordingMutationVariables>;
export const StopLiveRecordingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StopLiveRecording"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stopLiveRecording"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<StopLiveRecordingMutation, StopLiveRecordingMutationVariables>;
export const LiveRecordingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LiveRecordings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"LiveRecordingStatus"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"liveRecordings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"callId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"pauseBehavior"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<LiveRecordingsQuery, LiveRecordingsQueryVariables>;
export const LiveRecordingChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"LiveRecordingChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"liveRecordingChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"recording"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"pauseBehavior"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]} as unknown as DocumentNode<LiveRecordingChangedSubscription, LiveRecordingChangedSubscriptionVariables>;
export const AttachRecordingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AttachRecording"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AttachRecordingInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attachRecording"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replacedPrevious"}},{"kind":"Field","name":{"kind":"Name","value":"attachment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"crmCallId"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"sizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]} as unknown as DocumentNode<AttachRecordingMutation, AttachRecordingMutationVariables>;
export const AuditLogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditLog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"targetId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"50"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditLog"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}},{"kind":"Argument","name":{"kind":"Name","value":"targetId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"targetId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"targetType"}},{"kind":"Field","name":{"kind":"Name","value":"targetId"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<AuditLogQuery, AuditLogQueryVariables>;
export const StartPolicyRolloutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartPolicyRollout"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StartPolicyRolloutInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startPolicyRollout"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dryRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"allowedRequestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"sample"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"personId"}},{"kind":"Field","name":{"kind":"Name","value":"requests"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"body"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"rollout"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PolicyRolloutProgress"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PolicyRolloutProgress"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PolicyRollout"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"totalKnown"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"written"}},{"kind":"Field","name":{"kind":"Name","value":"alreadyInSync"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"requestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"allowedRequestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"etaSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedCompletionAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"round"}},{"kind":"Field","name":{"kind":"Name","value":"isWaiting"}},{"kind":"Field","name":{"kind":"Name","value":"waiting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"since"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}}]}}]}}]} as unknown as DocumentNode<StartPolicyRolloutMutation, StartPolicyRolloutMutationVariables>;
export const PolicyRolloutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PolicyRollout"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PolicyRolloutOutcomeStatus"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"policyRollout"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PolicyRolloutProgress"}},{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"outcomes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"personId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"requests"}},{"kind":"Field","name":{"kind":"Name","value":"changes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"desired"}},{"kind":"Field","name":{"kind":"Name","value":"actual"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}},{"kind":"Field","name":{"kind":"Name","value":"vendorMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"round"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PolicyRolloutProgress"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PolicyRollout"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"totalKnown"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"written"}},{"kind":"Field","name":{"kind":"Name","value":"alreadyInSync"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"requestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"allowedRequestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"etaSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedCompletionAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"round"}},{"kind":"Field","name":{"kind":"Name","value":"isWaiting"}},{"kind":"Field","name":{"kind":"Name","value":"waiting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"since"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}}]}}]}}]} as unknown as DocumentNode<PolicyRolloutQuery, PolicyRolloutQueryVariables>;
export const PolicyRolloutProgressChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"PolicyRolloutProgressChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"policyRolloutProgress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PolicyRolloutProgress"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PolicyRolloutProgress"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PolicyRollout"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"totalKnown"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"written"}},{"kind":"Field","name":{"kind":"Name","value":"alreadyInSync"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"requestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"allowedRequestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"etaSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedCompletionAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"round"}},{"kind":"Field","name":{"kind":"Name","value":"isWaiting"}},{"kind":"Field","name":{"kind":"Name","value":"waiting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"since"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}}]}}]}}]} as unknown as DocumentNode<PolicyRolloutProgressChangedSubscription, PolicyRolloutProgressChangedSubscriptionVariables>;
export const PausePolicyRolloutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PausePolicyRollout"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pausePolicyRollout"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PolicyRolloutProgress"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PolicyRolloutProgress"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PolicyRollout"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"totalKnown"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"written"}},{"kind":"Field","name":{"kind":"Name","value":"alreadyInSync"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"requestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"allowedRequestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"etaSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedCompletionAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"round"}},{"kind":"Field","name":{"kind":"Name","value":"isWaiting"}},{"kind":"Field","name":{"kind":"Name","value":"waiting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"since"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}}]}}]}}]} as unknown as DocumentNode<PausePolicyRolloutMutation, PausePolicyRolloutMutationVariables>;
export const ResumePolicyRolloutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResumePolicyRollout"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resumePolicyRollout"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PolicyRolloutProgress"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PolicyRolloutProgress"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PolicyRollout"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"totalKnown"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"written"}},{"kind":"Field","name":{"kind":"Name","value":"alreadyInSync"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"requestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"allowedRequestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"etaSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedCompletionAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"round"}},{"kind":"Field","name":{"kind":"Name","value":"isWaiting"}},{"kind":"Field","name":{"kind":"Name","value":"waiting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"since"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}}]}}]}}]} as unknown as DocumentNode<ResumePolicyRolloutMutation, ResumePolicyRolloutMutationVariables>;
export const CancelPolicyRolloutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelPolicyRollout"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelPolicyRollout"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PolicyRolloutProgress"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PolicyRolloutProgress"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PolicyRollout"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"totalKnown"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"written"}},{"kind":"Field","name":{"kind":"Name","value":"alreadyInSync"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"requestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"allowedRequestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"etaSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedCompletionAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"round"}},{"kind":"Field","name":{"kind":"Name","value":"isWaiting"}},{"kind":"Field","name":{"kind":"Name","value":"waiting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"since"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}}]}}]}}]} as unknown as DocumentNode<CancelPolicyRolloutMutation, CancelPolicyRolloutMutationVariables>;
export const DriftReportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DriftReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"driftReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"generatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"policies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"scope"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"drift"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"desired"}},{"kind":"Field","name":{"kind":"Name","value":"actual"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastReconciledAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<DriftReportQuery, DriftReportQueryVariables>;
export const RecordingPolicyDriftedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"RecordingPolicyDrifted"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordingPolicyDrifted"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"drift"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"desired"}},{"kind":"Field","name":{"kind":"Name","value":"actual"}}]}}]}}]}}]} as unknown as DocumentNode<RecordingPolicyDriftedSubscription, RecordingPolicyDriftedSubscriptionVariables>;
export const RetryFailedRolloutPeopleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RetryFailedRolloutPeople"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RetryFailedRolloutPeopleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryFailedRolloutPeople"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retried"}},{"kind":"Field","name":{"kind":"Name","value":"rollout"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PolicyRolloutProgress"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PolicyRolloutProgress"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PolicyRollout"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"totalKnown"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"written"}},{"kind":"Field","name":{"kind":"Name","value":"alreadyInSync"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"requestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"allowedRequestsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"etaSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedCompletionAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"round"}},{"kind":"Field","name":{"kind":"Name","value":"isWaiting"}},{"kind":"Field","name":{"kind":"Name","value":"waiting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"since"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}}]}}]}}]} as unknown as DocumentNode<RetryFailedRolloutPeopleMutation, RetryFailedRolloutPeopleMutationVariables>;
export const RecordingStandardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RecordingStandard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordingStandard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"applied"}},{"kind":"Field","name":{"kind":"Name","value":"requiredFields"}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"calls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"internal"}},{"kind":"Field","name":{"kind":"Name","value":"external"}}]}},{"kind":"Field","name":{"kind":"Name","value":"announcement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}}]}},{"kind":"Field","name":{"kind":"Name","value":"startStopAnnouncement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"externalCalls"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"exceptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"people"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"coverage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}},{"kind":"Field","name":{"kind":"Name","value":"blocked"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"unresolvedPeople"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RecordingStandardQuery, RecordingStandardQueryVariables>;
export const PreviewRecordingStandardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PreviewRecordingStandard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordingStandardPreview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"coverage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"blocked"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}},{"kind":"Field","name":{"kind":"Name","value":"changing"}},{"kind":"Field","name":{"kind":"Name","value":"sample"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scope"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"requests"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"body"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<PreviewRecordingStandardQuery, PreviewRecordingStandardQueryVariables>;
export const SaveRecordingStandardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SaveRecordingStandard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SaveRecordingStandardInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"saveRecordingStandard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"standard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"requiredFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"compiled"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}},{"kind":"Field","name":{"kind":"Name","value":"changed"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}}]}}]}}]}}]} as unknown as DocumentNode<SaveRecordingStandardMutation, SaveRecordingStandardMutationVariables>;
export const ApplyRecordingStandardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApplyRecordingStandard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ApplyRecordingStandardInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"applyRecordingStandard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"standard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"applied"}}]}},{"kind":"Field","name":{"kind":"Name","value":"compiled"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}},{"kind":"Field","name":{"kind":"Name","value":"changed"}},{"kind":"Field","name":{"kind":"Name","value":"rolloutIds"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}}]}}]}}]}}]} as unknown as DocumentNode<ApplyRecordingStandardMutation, ApplyRecordingStandardMutationVariables>;
export const RecordingStandardComplianceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RecordingStandardCompliance"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordingStandard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"compliance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conforming"}},{"kind":"Field","name":{"kind":"Name","value":"drifted"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"ungoverned"}}]}},{"kind":"Field","name":{"kind":"Name","value":"blockedConnections"}},{"kind":"Field","name":{"kind":"Name","value":"connections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"blocked"}},{"kind":"Field","name":{"kind":"Name","value":"counts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conforming"}},{"kind":"Field","name":{"kind":"Name","value":"drifted"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"ungoverned"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"drifted"},"name":{"kind":"Name","value":"policies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"DRIFTED"}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scope"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"drift"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"desired"}},{"kind":"Field","name":{"kind":"Name","value":"actual"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<RecordingStandardComplianceQuery, RecordingStandardComplianceQueryVariables>;