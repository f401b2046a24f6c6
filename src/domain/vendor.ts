import type { PolicyScopeKind, RuleField } from './policy';
import type { VendorKind } from './vendor-kind';

/** What the service knows of a vendor without talking to it: who it is and what it can express. */
export interface VendorDescription {
  readonly kind: VendorKind;
  readonly displayName: string;
  readonly capabilities: VendorCapabilities;
}

export interface CredentialField {
  name: string;
  description: string;
  secret: boolean;
  required: boolean;
}

export const PAUSE_BEHAVIORS = ['SKIP', 'SILENCE'] as const;
export type PauseBehavior = (typeof PAUSE_BEHAVIORS)[number];

export interface LiveRecordingCapabilities {
  start: boolean;
  pause: boolean;
  resume: boolean;
  stop: boolean;
  pauseBehaviors: PauseBehavior[];
}

export interface AttachmentCapabilities {
  inlineContent: boolean;
  recordUrl: boolean;
  uploadUrl: boolean;
}

export interface VendorCapabilities {
  /** Can it hold recording policies (settings)? */
  policies: boolean;
  policyScopes: PolicyScopeKind[];
  /**
   * Scope kinds the adapter's directory walk (`listPolicyScopes`) lists, each governed by a company standard (Webex:
   * its people and its Webex Calling workspaces). Absent: the first of policyScopes.
   */
  directoryScopes?: PolicyScopeKind[];
  /** Rule fields this vendor can express; setting any other fails with VENDOR_UNSUPPORTED_FIELD. */
  ruleFields: RuleField[];
  /** Human notes on how a field is constrained at this vendor (e.g. onDemandKey is always "2"). */
  fieldNotes: Partial<Record<RuleField, string>>;
  /**
   * Fields the vendor cannot express but comes close to, and how (a company standard's coverage shows these as
   * APPROXIMATED; the field itself is not sent). Absent: every field outside ruleFields is not supported.
   */
  approximations?: Partial<Record<RuleField, string>>;
  /** What it can do with a call in progress; null: no live recording control (the adapter has no `live` sub-port). */
  liveRecording: null | LiveRecordingCapabilities;
  /** How it takes finished recordings; null: none (the adapter has no `attachments` sub-port). */
  attachments: null | AttachmentCapabilities;
  /** What a connection needs: credential fields (secret) and settings (not secret). */
  credentialFields: CredentialField[];
  settingFields: CredentialField[];
}

/** A vendor request as preview shows it: exactly what apply would send, with credentials redacted. */
export interface VendorRequestPreview {
  method: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
}
