import type { FieldProblem } from '../domain/errors';
import type { PolicyScope, PolicyScopeKind, RecordingRules, RuleField } from '../domain/policy';
import type { VendorKind } from '../domain/vendor-kind';

/**
 * The one port every vendor adapter implements. Services talk to vendors only through this interface; nothing
 * outside src/vendors/<vendor>/ knows a vendor's paths, field names or quirks.
 */

export interface CredentialField {
  name: string;
  description: string;
  secret: boolean;
  required: boolean;
}

export const PAUSE_BEHAVIORS = ['SKIP', 'SILENCE'] as const;
export type PauseBehavior = (typeof PAUSE_BEHAVIORS)[number];

export interface VendorCapabilities {
  /** Can it hold recording policies (settings)? */
  policies: boolean;
  policyScopes: PolicyScopeKind[];
  /** Rule fields this vendor can express; setting any other fails with VENDOR_UNSUPPORTED_FIELD. */
  ruleFields: RuleField[];
  /** Human notes on how a field is constrained at this vendor (e.g. onDemandKey is always "2"). */
  fieldNotes: Partial<Record<RuleField, string>>;
  liveRecording: null | {
    start: boolean;
    pause: boolean;
    resume: boolean;
    stop: boolean;
    pauseBehaviors: PauseBehavior[];
  };
  attachments: null | { inlineContent: boolean; recordUrl: boolean; uploadUrl: boolean };
  /** What a connection needs: credential fields (secret) and settings (not secret). */
  credentialFields: CredentialField[];
  settingFields: CredentialField[];
}

/** Everything an adapter gets to talk to one tenant's account at its vendor. */
export interface ConnectionContext {
  connectionId: string;
  tenantId: string;
  baseUrl: string;
  settings: Record<string, string>;
  /** Decrypted credentials; adapters never log them or put them into errors. */
  credentials: Record<string, string>;
  requestId?: string;
  signal?: AbortSignal;
  /**
   * Waited on before every attempt of every request (retries included): bulk work paces its requests on a schedule
   * shared with other replicas (services/rollout-pacer.ts). Absent for ordinary calls.
   */
  pace?: (signal?: AbortSignal) => Promise<void>;
}

/** Which scopes of one kind to list at a vendor (a directory walk). */
export interface ScopeFilter {
  kind: PolicyScopeKind;
  /** Only those in this vendor location (Webex `locationId`). */
  locationId?: string | null;
}

/** A vendor request as preview shows it: exactly what apply would send, with credentials redacted. */
export interface VendorRequestPreview {
  method: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface ApplyOutcome {
  /** The requests that were sent (redacted). */
  requests: VendorRequestPreview[];
  /** What the vendor answered (its representation after the write), for the policy's last payload. */
  response?: unknown;
}

export interface LiveRecordingRef {
  callId: string;
  recordingId?: string | null;
}

export type VendorRecordingStatus = 'IN_PROGRESS' | 'PAUSED' | 'STOPPED';

/** A live recording as the vendor reports it. */
export interface VendorRecordingState {
  callId: string;
  recordingId: string | null;
  status: VendorRecordingStatus;
  pauseBehavior?: PauseBehavior | null;
  channels?: number | null;
  durationSeconds?: number | null;
  startedAt?: Date | null;
  endedAt?: Date | null;
  mediaUrl?: string | null;
  raw?: unknown;
}

export type LiveAction =
  | { kind: 'pause'; behavior: PauseBehavior }
  | { kind: 'resume' }
  | { kind: 'stop' };

export interface AttachRequest {
  crmCallId: string;
  fileName: string;
  /** Exactly one of these. */
  contentBase64?: string;
  recordUrl?: string;
  /** Raw bytes to upload through the vendor's upload-URL flow. */
  content?: Buffer;
}

export interface AttachOutcome {
  replacedPrevious: boolean;
  vendorFileId?: string | null;
  raw?: unknown;
}

export interface RecordingVendor {
  readonly kind: VendorKind;
  readonly displayName: string;
  readonly capabilities: VendorCapabilities;

  /**
   * Vendor-specific checks of a policy that go beyond the field list (value constraints such as "the on-demand key
   * is always 2"); run before any vendor call. Unsupported fields are checked by the service from capabilities.
   */
  checkPolicy?(scope: PolicyScope, rules: RecordingRules): FieldProblem[];

  /** The exact requests apply would send. May read from the vendor (e.g. a full-replacement PUT needs the current record). */
  previewPolicy?(conn: ConnectionContext, scope: PolicyScope, rules: RecordingRules): Promise<VendorRequestPreview[]>;
  applyPolicy?(conn: ConnectionContext, scope: PolicyScope, rules: RecordingRules): Promise<ApplyOutcome>;
  /** The vendor's current state, translated back into the neutral model. */
  readPolicy?(conn: ConnectionContext, scope: PolicyScope): Promise<RecordingRules>;

  /**
   * Streams the scopes a bulk roll-out can target, one vendor page at a time, following the vendor's pagination;
   * never holds the whole directory.
   */
  listPolicyScopes?(conn: ConnectionContext, filter: ScopeFilter, opts?: { pageSize?: number }): AsyncGenerator<PolicyScope[]>;

  /**
   * The request rate this connection may sustain and the burst its vendor tolerates (its limiter's settings):
   * the pace of bulk work.
   */
  requestPace?(conn: ConnectionContext): { ratePerSecond: number; burst: number };

  /** Checks credentials with a harmless read; throws VENDOR_AUTH_FAILED / VENDOR_UNAVAILABLE. */
  testConnection(conn: ConnectionContext): Promise<void>;

  startRecording?(conn: ConnectionContext, call: { callId: string; channels?: number }): Promise<VendorRecordingState>;
  updateRecording?(conn: ConnectionContext, ref: LiveRecordingRef, action: LiveAction): Promise<VendorRecordingState>;
  fetchRecording?(conn: ConnectionContext, ref: LiveRecordingRef): Promise<VendorRecordingState | null>;
  /**
   * Recovery of a start whose answer we never stored (our process died, or the answer was lost): the recording that
   * start made, found at the vendor and not among `claimed` (recording ids other rows of ours hold), or null when the
   * vendor has none, so the start never happened. Throws VENDOR_UNAVAILABLE when the vendor cannot tell now.
   */
  settleStart?(conn: ConnectionContext, call: { callId: string; channels?: number }, claimed: readonly string[]): Promise<VendorRecordingState | null>;
  /**
   * Recovery of a pause, resume or stop whose answer we never stored: the recording's state at the vendor now
   * (null when the vendor cannot say, and the stored state stays).
   */
  settleAction?(conn: ConnectionContext, ref: LiveRecordingRef, action: LiveAction): Promise<VendorRecordingState | null>;
  /** Where the finished recording's media can be downloaded, and the headers to send (auth). */
  recordingMedia?(conn: ConnectionContext, ref: LiveRecordingRef): Promise<{ url: string; headers: Record<string, string> }>;

  attachRecording?(conn: ConnectionContext, req: AttachRequest): Promise<AttachOutcome>;
}
