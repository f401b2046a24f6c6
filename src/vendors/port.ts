import type { FieldProblem } from '../domain/errors';
import type { PolicyScope, PolicyScopeKind, RecordingRules } from '../domain/policy';
import type { AttachmentCapabilities, LiveRecordingCapabilities, PauseBehavior, VendorCapabilities, VendorRequestPreview } from '../domain/vendor';
import type { VendorKind } from '../domain/vendor-kind';

// What a vendor can express and what preview shows are vendor-neutral facts (domain/vendor.ts), re-exported here
// for the adapters.
export {
  PAUSE_BEHAVIORS,
  type AttachmentCapabilities,
  type CredentialField,
  type LiveRecordingCapabilities,
  type PauseBehavior,
  type VendorCapabilities,
  type VendorRequestPreview,
} from '../domain/vendor';

/**
 * The one port every vendor adapter implements. Services talk to vendors only through this interface; nothing
 * outside src/vendors/<vendor>/ knows a vendor's paths, field names or quirks.
 */

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
  /**
   * The connection's vendor-issued token, shared by every replica (services/credential-tokens.ts), for credentials
   * that are not static. Absent when an adapter is used on its own: it then keeps tokens in process.
   */
  tokens?: AccessTokens;
}

/**
 * How a connection's credentials live (issue 16): STATIC (a webhook secret, a long-lived token: used as given),
 * TOKEN_EXCHANGE (client id/secret traded for a short session token, Yeastar get_token), OAUTH_REFRESH (an OAuth 2
 * refresh token renewed at the vendor's token endpoint, Webex integrations and Bitrix24 applications).
 */
export const CREDENTIAL_LIFECYCLES = ['STATIC', 'TOKEN_EXCHANGE', 'OAUTH_REFRESH'] as const;
export type CredentialLifecycleKind = (typeof CREDENTIAL_LIFECYCLES)[number];

/** A token the vendor issued; times are epoch milliseconds, null when the vendor did not say. */
export interface IssuedToken {
  accessToken: string;
  /** null: used until the vendor refuses it (an access token handed over at onboarding). */
  accessExpiresAt: number | null;
  refreshToken?: string | null;
  refreshExpiresAt?: number | null;
}

export interface CredentialLifecycle {
  /** The lifecycle of this credential set (one vendor may take several shapes: a static token or an integration). */
  kindOf(credentials: Record<string, string>): CredentialLifecycleKind;
  /** Renew this long before the access token expires, so no call races its expiry. */
  renewBeforeMs: number;
  /**
   * Obtains a token: trades the credentials, or renews `current` with its refresh token. A refusal of the
   * credentials or of the refresh token throws VENDOR_AUTH_FAILED (never retried: see services/credential-tokens.ts).
   */
  obtain(conn: ConnectionContext, current: IssuedToken | null): Promise<IssuedToken>;
  /** Gives a token back (Yeastar del_token) when the connection stops using it. */
  release?(conn: ConnectionContext, token: IssuedToken): Promise<void>;
  /** Which fields go together (a refresh token needs the client id and secret): problems per credential name. */
  checkCredentials?(credentials: Record<string, string>): { name: string | null; message: string }[];
  /** What a person must do once the vendor refuses the refresh token, e.g. "reconnect this Webex integration". */
  reconnectHint: string;
}

/** The access token a call carries, renewed once across replicas when it is near expiry or the vendor refuses it. */
export interface AccessTokens {
  current(): Promise<string>;
  /** The vendor refused `refused` (expired, revoked): a renewed token, or VENDOR_AUTH_EXPIRED when renewal is refused. */
  renewed(refused: string): Promise<string>;
}

/**
 * What testVendorConnection tells a person to fix (a stable code per cause; services/connection-diagnosis.ts
 * adds the hint). Adapters classify their vendor's refusals; anything unclassified is CREDENTIALS_REFUSED,
 * VENDOR_UNAVAILABLE or VENDOR_REJECTED by our code.
 */
export const CONNECTION_PROBLEMS = [
  'CREDENTIALS_REFUSED',
  'SCOPE_MISSING',
  'IP_NOT_ALLOWED',
  'TOKEN_CAP_REACHED',
  'LICENSE_MISSING',
  'AUTHORIZATION_EXPIRED',
  'VENDOR_UNAVAILABLE',
  'VENDOR_REJECTED',
] as const;
export type ConnectionProblem = (typeof CONNECTION_PROBLEMS)[number];

/** Which scopes of one kind to list at a vendor (a directory walk). */
export interface ScopeFilter {
  kind: PolicyScopeKind;
  /** Only those in this vendor location (Webex `locationId`). */
  locationId?: string | null;
}

export interface ApplyOutcome {
  /** The requests that were sent (redacted): the plan, reads first. */
  requests: VendorRequestPreview[];
  /** What the vendor answered to the last write (its representation after the write), when it answers a body. */
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

export type LiveAction = { kind: 'pause'; behavior: PauseBehavior } | { kind: 'resume' } | { kind: 'stop' };

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

  /**
   * Policies are plans (vendors/outbound/plan.ts): the adapter's PolicyPlanner turns (scope, rules, current vendor
   * state) into the vendor requests, and the shared executor sends them. These three are that executor over the
   * adapter's planner (the adapter extends PlannedPolicies), so preview and apply cannot disagree.
   *
   * previewPolicy: the plan, redacted; sends only the reads the plan needs (a full-replacement PUT needs the record).
   */
  previewPolicy?(conn: ConnectionContext, scope: PolicyScope, rules: RecordingRules): Promise<VendorRequestPreview[]>;
  /** The same plan, sent: its reads, then its writes in order; `requests` is what previewPolicy shows. */
  applyPolicy?(conn: ConnectionContext, scope: PolicyScope, rules: RecordingRules): Promise<ApplyOutcome>;
  /** The planner's read of the vendor's current state, translated back into the neutral model. */
  readPolicy?(conn: ConnectionContext, scope: PolicyScope): Promise<RecordingRules>;

  /**
   * Streams the scopes a bulk roll-out can target, one vendor page at a time, following the vendor's pagination;
   * never holds the whole directory.
   */
  listPolicyScopes?(conn: ConnectionContext, filter: ScopeFilter, opts?: { pageSize?: number }): AsyncGenerator<PolicyScope[]>;

  /**
   * The vendor's own user ids (its directory) of people named by e-mail, for excludedUserIds: a company standard's
   * exceptions resolved per platform. E-mails it does not know are absent from the answer.
   */
  resolvePeople?(conn: ConnectionContext, emails: readonly string[]): Promise<Record<string, string>>;

  /**
   * The request rate this connection may sustain and the burst its vendor tolerates (its limiter's settings):
   * the pace of bulk work.
   */
  requestPace?(conn: ConnectionContext): { ratePerSecond: number; burst: number };

  /** Checks credentials with a harmless read; throws VENDOR_AUTH_FAILED / VENDOR_UNAVAILABLE. */
  testConnection(conn: ConnectionContext): Promise<void>;

  /** How credentials live; absent: STATIC. */
  readonly credentialLifecycle?: CredentialLifecycle;

  /** Names the cause of a refusal this vendor answered (scope, IP allow-list, licence, token cap); null: not known. */
  diagnose?(error: {
    code: string;
    vendorCode?: string | number | null;
    vendorMessage?: string | null;
    httpStatus?: number | null;
  }): ConnectionProblem | null;

  /** Live recording control of calls in progress (SignalWire, Webex); absent where the vendor has none. */
  readonly live?: LiveRecordingPort;

  /** Finished recordings attached to CRM calls (Bitrix24); absent where the vendor takes none. */
  readonly attachments?: AttachmentPort;
}

/**
 * A vendor's optional sub-ports: present exactly where the vendor can do the thing, so callers ask `vendor.live?`
 * once instead of checking a flag and then asserting each method. What each can do is its `capabilities`, and the
 * vendor's VendorCapabilities.liveRecording / .attachments follow from them (capabilitiesOf).
 */
export interface LiveRecordingPort {
  readonly capabilities: LiveRecordingCapabilities;
  startRecording(conn: ConnectionContext, call: { callId: string; channels?: number }): Promise<VendorRecordingState>;
  updateRecording(conn: ConnectionContext, ref: LiveRecordingRef, action: LiveAction): Promise<VendorRecordingState>;
  /** The recording as the vendor reports it now; absent where the vendor has no read of a recording (Webex). */
  fetchRecording?(conn: ConnectionContext, ref: LiveRecordingRef): Promise<VendorRecordingState | null>;
  /**
   * Recovery of a start whose answer we never stored (our process died, or the answer was lost): the recording that
   * start made, found at the vendor and not among `claimed` (recording ids other rows of ours hold), or null when the
   * vendor has none, so the start never happened. Throws VENDOR_UNAVAILABLE when the vendor cannot tell now.
   */
  settleStart(conn: ConnectionContext, call: { callId: string; channels?: number }, claimed: readonly string[]): Promise<VendorRecordingState | null>;
  /**
   * Recovery of a pause, resume or stop whose answer we never stored: the recording's state at the vendor now
   * (null when the vendor cannot say, and the stored state stays).
   */
  settleAction(conn: ConnectionContext, ref: LiveRecordingRef, action: LiveAction): Promise<VendorRecordingState | null>;
  /** Where the finished recording's media can be downloaded, and the headers to send (auth); absent: not downloadable. */
  recordingMedia?(conn: ConnectionContext, ref: LiveRecordingRef): Promise<{ url: string; headers: Record<string, string> }>;
}

export interface AttachmentPort {
  readonly capabilities: AttachmentCapabilities;
  attachRecording(conn: ConnectionContext, req: AttachRequest): Promise<AttachOutcome>;
}

/** What an adapter declares itself; live recording and attachments come from its sub-ports. */
export type DeclaredCapabilities = Omit<VendorCapabilities, 'liveRecording' | 'attachments'>;

/** A vendor's capabilities: what it declares, and live recording and attachments exactly where its sub-ports are. */
export function capabilitiesOf(
  declared: DeclaredCapabilities,
  ports: { readonly live?: LiveRecordingPort; readonly attachments?: AttachmentPort },
): VendorCapabilities {
  return { ...declared, liveRecording: ports.live?.capabilities ?? null, attachments: ports.attachments?.capabilities ?? null };
}
