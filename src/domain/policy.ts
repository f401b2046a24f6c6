/**
 * The vendor-neutral recording policy. Every field is optional: an absent (undefined or null) field means "not
 * governed by this policy", so a vendor that cannot express a field is only a problem when the field is set.
 */
export const RECORDING_MODES = ['ALWAYS', 'NEVER', 'ALWAYS_WITH_PAUSE_RESUME', 'ON_DEMAND'] as const;
export type RecordingMode = (typeof RECORDING_MODES)[number];

export const MEDIA_SOURCES = ['SYSTEM', 'CUSTOM'] as const;
export type MediaSource = (typeof MEDIA_SOURCES)[number];

export const NOTIFICATION_TYPES = ['BEEP', 'ANNOUNCEMENT'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export const FILE_FORMATS = ['WAV', 'MP3'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

export const EXTENSION_TARGET_KINDS = ['EXTENSION', 'EXTENSION_GROUP', 'ORGANIZATION'] as const;
export type ExtensionTargetKind = (typeof EXTENSION_TARGET_KINDS)[number];

/** What a policy applies to at its vendor. */
export const POLICY_SCOPE_KINDS = ['ORGANIZATION', 'SETTINGS_RECORD', 'PERSON', 'WORKSPACE', 'VIRTUAL_LINE'] as const;
export type PolicyScopeKind = (typeof POLICY_SCOPE_KINDS)[number];

export const SYNC_STATUSES = ['PENDING', 'IN_SYNC', 'FAILED', 'DRIFTED'] as const;
export type SyncStatus = (typeof SYNC_STATUSES)[number];

export interface MediaRef {
  source: MediaSource;
  /** Vendor media id: a MegaFon audio-library file id, a Yeastar custom prompt file name. Required for CUSTOM. */
  mediaId?: string | null;
}

export interface CallSelection {
  internal?: boolean | null;
  external?: boolean | null;
  inbound?: boolean | null;
  outbound?: boolean | null;
  paging?: boolean | null;
  voicemail?: boolean | null;
}

export interface PeriodicBeep {
  enabled: boolean;
  intervalSeconds?: number | null;
}

export interface TrunkTarget {
  id: string;
  name?: string | null;
  periodicBeep?: PeriodicBeep | null;
}

export interface ExtensionTarget {
  id: string;
  kind: ExtensionTargetKind;
  name?: string | null;
  number?: string | null;
}

export interface NamedTarget {
  id: string;
  name?: string | null;
}

export interface RecordingTargets {
  trunks?: TrunkTarget[] | null;
  extensions?: ExtensionTarget[] | null;
  queues?: NamedTarget[] | null;
  ivrs?: NamedTarget[] | null;
  conferences?: NamedTarget[] | null;
}

export interface Announcement {
  /** Tell the parties that the call is recorded. */
  enabled?: boolean | null;
  /** One message for every call. */
  media?: MediaRef | null;
  /** Per direction, where the vendor distinguishes. */
  prompts?: { internal?: MediaRef | null; inbound?: MediaRef | null; outbound?: MediaRef | null } | null;
}

export interface StartStopAnnouncement {
  enabled?: boolean | null;
  internalCalls?: boolean | null;
  externalCalls?: boolean | null;
}

export interface PauseResumeNotification {
  enabled: boolean;
  type?: NotificationType | null;
}

export interface RecordingRules {
  calls?: CallSelection | null;
  mode?: RecordingMode | null;
  /** The key a user presses to start an on-demand recording (MegaFon "2", Webex "*44"). */
  onDemandKey?: string | null;
  excludedUserIds?: string[] | null;
  targets?: RecordingTargets | null;
  announcement?: Announcement | null;
  startStopAnnouncement?: StartStopAnnouncement | null;
  pauseResumeNotification?: PauseResumeNotification | null;
  periodicBeep?: PeriodicBeep | null;
  stereo?: boolean | null;
  fileFormat?: FileFormat | null;
}

export interface PolicyScope {
  kind: PolicyScopeKind;
  /** The vendor's id of the scope: settings record id, person id, workspace id; '' for the whole organisation. */
  id: string;
  /** E-mail addresses the vendor's directory lists for a person scope (to resolve people a standard names). */
  emails?: string[];
}

/** Field paths of RecordingRules, as capabilities and errors name them (dot-separated). */
export const RULE_FIELDS = [
  'calls.internal',
  'calls.external',
  'calls.inbound',
  'calls.outbound',
  'calls.paging',
  'calls.voicemail',
  'mode',
  'onDemandKey',
  'excludedUserIds',
  'targets.trunks',
  'targets.trunks.periodicBeep',
  'targets.extensions',
  'targets.queues',
  'targets.ivrs',
  'targets.conferences',
  'announcement.enabled',
  'announcement.media',
  'announcement.prompts',
  'startStopAnnouncement.enabled',
  'startStopAnnouncement.internalCalls',
  'startStopAnnouncement.externalCalls',
  'pauseResumeNotification',
  'periodicBeep',
  'stereo',
  'fileFormat',
] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

const isSet = (v: unknown) => v !== undefined && v !== null;

/** The rule fields a policy actually sets (so capabilities can be checked before any vendor call). */
export function fieldsSet(rules: RecordingRules): RuleField[] {
  const out: RuleField[] = [];
  const c = rules.calls ?? {};
  for (const k of ['internal', 'external', 'inbound', 'outbound', 'paging', 'voicemail'] as const) if (isSet(c[k])) out.push(`calls.${k}`);
  if (isSet(rules.mode)) out.push('mode');
  if (isSet(rules.onDemandKey)) out.push('onDemandKey');
  if (isSet(rules.excludedUserIds)) out.push('excludedUserIds');
  const t = rules.targets ?? {};
  if (isSet(t.trunks)) out.push('targets.trunks');
  if (t.trunks?.some((x) => isSet(x.periodicBeep))) out.push('targets.trunks.periodicBeep');
  for (const k of ['extensions', 'queues', 'ivrs', 'conferences'] as const) if (isSet(t[k])) out.push(`targets.${k}`);
  const a = rules.announcement ?? {};
  if (isSet(a.enabled)) out.push('announcement.enabled');
  if (isSet(a.media)) out.push('announcement.media');
  if (isSet(a.prompts)) out.push('announcement.prompts');
  const s = rules.startStopAnnouncement ?? {};
  if (isSet(s.enabled)) out.push('startStopAnnouncement.enabled');
  if (isSet(s.internalCalls)) out.push('startStopAnnouncement.internalCalls');
  if (isSet(s.externalCalls)) out.push('startStopAnnouncement.externalCalls');
  if (isSet(rules.pauseResumeNotification)) out.push('pauseResumeNotification');
  if (isSet(rules.periodicBeep)) out.push('periodicBeep');
  if (isSet(rules.stereo)) out.push('stereo');
  if (isSet(rules.fileFormat)) out.push('fileFormat');
  return out;
}

/** Drops null/undefined recursively, so stored and compared rules have one canonical form. */
export function normalizeRules<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => normalizeRules(v)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined || v === null) continue;
      const n = normalizeRules(v);
      if (n && typeof n === 'object' && !Array.isArray(n) && Object.keys(n).length === 0) continue;
      out[k] = n;
    }
    return out as T;
  }
  return value;
}

export interface FieldDiff {
  field: string;
  desired: unknown;
  actual: unknown;
}

/** Field-level differences between two rule sets, limited to the fields `desired` governs. */
export function diffRules(desired: RecordingRules, actual: RecordingRules, prefix = ''): FieldDiff[] {
  const out: FieldDiff[] = [];
  const d = normalizeRules(desired) as Record<string, unknown>;
  const a = (normalizeRules(actual) ?? {}) as Record<string, unknown>;
  for (const [k, dv] of Object.entries(d)) {
    const av = a[k];
    const path = prefix ? `${prefix}.${k}` : k;
    if (dv && typeof dv === 'object' && !Array.isArray(dv) && av && typeof av === 'object' && !Array.isArray(av)) {
      out.push(...diffRules(dv as RecordingRules, av as RecordingRules, path));
    } else if (Array.isArray(dv) && Array.isArray(av) && isIdList(dv)) {
      if (!sameTargets(dv, av)) out.push({ field: path, desired: dv, actual: av });
    } else if (JSON.stringify(dv) !== JSON.stringify(av)) {
      out.push({ field: path, desired: dv, actual: av ?? null });
    }
  }
  return out;
}

/** A list of targets: objects with an `id`. */
function isIdList(list: unknown[]): list is Record<string, unknown>[] {
  return list.length > 0 && list.every((x) => !!x && typeof x === 'object' && !Array.isArray(x) && typeof (x as { id?: unknown }).id === 'string');
}

/**
 * Targets match by id, in any order, on the keys the desired target sets: a vendor that fills in names or numbers
 * on read (Yeastar renders `text`/`text2` from the PBX) is not drift, a different id set or a changed beep is.
 */
function sameTargets(desired: Record<string, unknown>[], actual: unknown[]): boolean {
  if (desired.length !== actual.length) return false;
  const byId = new Map<string, unknown>();
  for (const a of actual) if (a && typeof a === 'object' && typeof (a as { id?: unknown }).id === 'string') byId.set((a as { id: string }).id, a);
  return desired.every((d) => {
    const a = byId.get(d.id as string);
    return a !== undefined && diffRules(d as RecordingRules, a as RecordingRules).length === 0;
  });
}
