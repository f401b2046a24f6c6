import { registerEnumType } from 'type-graphql';
import { VENDOR_KINDS, type VendorKind as DomainVendorKind } from '../../domain/vendor-kind';
import {
  EXTENSION_TARGET_KINDS,
  FILE_FORMATS,
  MEDIA_SOURCES,
  NOTIFICATION_TYPES,
  POLICY_SCOPE_KINDS,
  RECORDING_MODES,
  SYNC_STATUSES,
} from '../../domain/policy';
import { API_ERROR_CODES, type ApiErrorCode } from '../../domain/errors';
import { LINT_CODES, type LintCode as LintCodeT } from '../../domain/lint';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES, type AuditTargetType as AuditTargetTypeT } from '../../domain/audit';

/** GraphQL enums are generated from the domain's closed lists, so the two cannot drift apart. */
function enumOf<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
}

export const VendorKind = enumOf(VENDOR_KINDS);
registerEnumType(VendorKind, {
  name: 'VendorKind',
  valuesConfig: {
    MEGAFON: { description: 'MegaFon Virtual PBX (simple API).' },
    YEASTAR: { description: 'Yeastar P-Series PBX.' },
    WEBEX: { description: 'Webex Calling.' },
    SIGNALWIRE: { description: 'SignalWire (LaML calls).' },
    BITRIX24: { description: 'Bitrix24 CRM telephony.' },
  },
  description: 'A telephony or CRM vendor this service speaks to.',
});
export type VendorKind = DomainVendorKind;

export const RecordingMode = enumOf(RECORDING_MODES);
registerEnumType(RecordingMode, {
  name: 'RecordingMode',
  description: 'When calls are recorded.',
  valuesConfig: {
    ALWAYS: { description: 'Every call in scope is recorded, with no user control.' },
    NEVER: { description: 'No call in scope is recorded.' },
    ALWAYS_WITH_PAUSE_RESUME: { description: 'Always recorded; the user may pause and resume (not stop).' },
    ON_DEMAND: { description: 'Recorded from the moment the user presses the on-demand key.' },
  },
});

export const MediaSource = enumOf(MEDIA_SOURCES);
registerEnumType(MediaSource, {
  name: 'MediaSource',
  valuesConfig: {
    SYSTEM: { description: "The vendor's standard message." },
    CUSTOM: { description: "A message from the customer's media library (mediaId)." },
  },
  description: "The vendor's standard message, or one from the customer's own media library.",
});

export const NotificationType = enumOf(NOTIFICATION_TYPES);
registerEnumType(NotificationType, {
  name: 'NotificationType',
  description: 'How the parties learn of a pause or resume.',
  valuesConfig: { BEEP: { description: 'A beep.' }, ANNOUNCEMENT: { description: 'A spoken announcement.' } },
});

export const FileFormat = enumOf(FILE_FORMATS);
registerEnumType(FileFormat, {
  name: 'FileFormat',
  description: 'The file format of recordings.',
  valuesConfig: { WAV: { description: 'WAV.' }, MP3: { description: 'MP3.' } },
});

export const ExtensionTargetKind = enumOf(EXTENSION_TARGET_KINDS);
registerEnumType(ExtensionTargetKind, {
  name: 'ExtensionTargetKind',
  description: 'What an extension target names.',
  valuesConfig: {
    EXTENSION: { description: 'One extension.' },
    EXTENSION_GROUP: { description: 'A group of extensions.' },
    ORGANIZATION: { description: 'Every extension of the organisation.' },
  },
});

export const PolicyScopeKind = enumOf(POLICY_SCOPE_KINDS);
registerEnumType(PolicyScopeKind, {
  name: 'PolicyScopeKind',
  description: 'What a policy governs at its vendor.',
  valuesConfig: {
    ORGANIZATION: { description: 'The whole PBX or organisation (Yeastar).' },
    SETTINGS_RECORD: { description: 'One recording-settings record (MegaFon).' },
    PERSON: { description: 'One person (Webex).' },
    WORKSPACE: { description: 'One workspace (Webex).' },
    VIRTUAL_LINE: { description: 'One virtual line (Webex).' },
  },
});

export const SyncStatus = enumOf(SYNC_STATUSES);
registerEnumType(SyncStatus, {
  name: 'SyncStatus',
  description: 'Whether the vendor holds the desired state.',
  valuesConfig: {
    PENDING: { description: 'The desired state is stored and not yet confirmed by the vendor.' },
    IN_SYNC: { description: 'The vendor accepted the current desired version.' },
    FAILED: { description: 'The vendor did not accept it; see lastSyncError.' },
    DRIFTED: { description: "The vendor's state was changed outside this service; see drift." },
  },
});

const ERROR_CODE_DESCRIPTIONS: Record<ApiErrorCode, string> = {
  BAD_USER_INPUT: 'The input is invalid; extensions.fields names each offending field path. Nothing was written.',
  UNAUTHENTICATED: 'No valid bearer token.',
  FORBIDDEN: 'The token lacks the scope or the tenant this needs.',
  NOT_FOUND: 'No such object, or it belongs to a tenant the token does not see.',
  CONFLICT: 'The object changed since you read it (a stale expectedVersion); extensions.currentVersion has the new one.',
  VENDOR_UNSUPPORTED_FIELD: 'The vendor cannot express a rule field; extensions.field and extensions.vendor name it. No vendor call was made.',
  VENDOR_REJECTED: 'The vendor refused the request; vendorCode and vendorMessage say why.',
  VENDOR_UNAVAILABLE: 'The vendor did not answer, failed or is throttling: retryable (see retryAfterSeconds); nothing is lost.',
  VENDOR_AUTH_FAILED: "The vendor refused the connection's credentials.",
  VENDOR_AUTH_EXPIRED: "The vendor refused the connection's refresh token: reconnect it (updateVendorConnection).",
  INVALID_TRANSITION: 'The object is in a state that does not allow this (a stopped recording cannot be resumed).',
  IDEMPOTENCY_KEY_REUSED: 'The Idempotency-Key was already used for a different operation or input.',
  INTERNAL_SERVER_ERROR: 'An unexpected error; the message says nothing more. Retryable.',
  GRAPHQL_PARSE_FAILED: 'The operation is not valid GraphQL syntax.',
  GRAPHQL_VALIDATION_FAILED: 'The operation does not fit the schema.',
  BAD_REQUEST: 'The HTTP request is malformed (not JSON, wrong content type, a batch).',
  OPERATION_RESOLUTION_FAILURE: 'The operation to run could not be chosen (operationName missing or unknown).',
  PERSISTED_QUERY_NOT_FOUND: 'The persisted query hash is unknown: send the query text.',
  PERSISTED_QUERY_NOT_SUPPORTED: 'Persisted queries are not enabled.',
  QUERY_TOO_COMPLEX: 'The operation is over a limit (depth, cost, aliases, directives or tokens); extensions.limit names it.',
  PAYLOAD_TOO_LARGE: 'The request body is over the size limit.',
  EXECUTION_TIMEOUT: 'The operation did not finish in time; it may still complete: read the state before retrying.',
};

/**
 * Every value of `extensions.code` on an error. Derived from the one list in domain/errors.ts, and described by a
 * Record over it: adding a code without describing it here fails to compile.
 */
export const ErrorCode = enumOf(API_ERROR_CODES);
registerEnumType(ErrorCode, {
  name: 'ErrorCode',
  description:
    'Every value an error can carry in extensions.code (refusals are GraphQL errors, never payloads). VendorError.code uses the same values.',
  valuesConfig: Object.fromEntries(API_ERROR_CODES.map((c) => [c, { description: ERROR_CODE_DESCRIPTIONS[c] }])),
});

const LINT_CODE_DESCRIPTIONS: Record<LintCodeT, string> = {
  EXTERNAL_CALLS_UNANNOUNCED: 'External callers are recorded without an announcement.',
  PAYMENT_QUEUE_CANNOT_PAUSE: 'A queue that looks like it takes payments is recorded in a mode that cannot pause.',
  CONTRADICTORY_MODE: 'The mode records nothing but calls are selected (or the reverse).',
  EXCLUSIONS_UNUSED: 'Users are excluded from a policy that records nothing.',
  NO_RECORDING_SIGNAL: 'Neither an announcement nor a periodic beep tells the parties that the call is recorded.',
};
export const LintCode = enumOf(LINT_CODES);
registerEnumType(LintCode, {
  name: 'LintCode',
  description: 'What a lint warning is about; the policy is valid, but probably not what you meant.',
  valuesConfig: Object.fromEntries(LINT_CODES.map((c) => [c, { description: LINT_CODE_DESCRIPTIONS[c] }])),
});

/** `policy.retry_sync` -> `POLICY_RETRY_SYNC`, `rollout.retryFailed` -> `ROLLOUT_RETRY_FAILED`. */
const enumName = (action: string) =>
  action
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/\./g, '_')
    .toUpperCase();

export const AuditAction = Object.fromEntries(AUDIT_ACTIONS.map((a) => [enumName(a), enumName(a)])) as Record<string, string>;
/** The stored action of an enum value, and back. */
export const auditActionOf = new Map(AUDIT_ACTIONS.map((a) => [enumName(a), a] as const));
export const auditActionName = new Map(AUDIT_ACTIONS.map((a) => [a as string, enumName(a)] as const));
registerEnumType(AuditAction, {
  name: 'AuditAction',
  description: 'What an audit entry records: the object type, then what was done to it (".recovered": settled by recovery after a restart).',
  valuesConfig: Object.fromEntries(AUDIT_ACTIONS.map((a) => [enumName(a), { description: `Stored as "${a}".` }])),
});

const AUDIT_TARGET_DESCRIPTIONS: Record<AuditTargetTypeT, string> = {
  Tenant: 'A tenant.',
  VendorConnection: 'A vendor connection.',
  RecordingPolicy: 'A recording policy.',
  LiveRecording: 'A live recording.',
  Attachment: 'A recording attached to a CRM call.',
  PolicyRollout: 'A policy roll-out.',
  RecordingStandard: "A tenant's company recording standard.",
};
export const AuditTargetType = enumOf(AUDIT_TARGET_TYPES);
registerEnumType(AuditTargetType, {
  name: 'AuditTargetType',
  description: 'The type of the object an audit entry is about (the GraphQL type name of the target).',
  valuesConfig: Object.fromEntries(AUDIT_TARGET_TYPES.map((t) => [t, { description: AUDIT_TARGET_DESCRIPTIONS[t] }])),
});

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export const HttpMethod = enumOf(HTTP_METHODS);
registerEnumType(HttpMethod, {
  name: 'HttpMethod',
  description: 'The HTTP method of a vendor request.',
  valuesConfig: {
    GET: { description: 'Reads.' },
    POST: { description: 'Creates, or calls an action.' },
    PUT: { description: 'Replaces.' },
    PATCH: { description: 'Changes some fields.' },
    DELETE: { description: 'Removes.' },
  },
});
