import { randomUUID } from 'node:crypto';

import {
  ControlError,
  SandboxServer,
  baseEmulator,
  controlBody,
  extendEmulator,
  has,
  isInt,
  isObject,
  type Emulator,
  type RateLimitOptions,
  type Reply,
  type RequestContext,
  type RouteDef,
} from '../common';
import { Directory, decodeWebexId, webexId, type WebexLocation, type WebexPerson } from './directory';
import {
  TokenScopes,
  WEBEX_SANDBOX_SCOPES,
  WEBEX_SCOPES,
  defaultStandardLicensed,
  licenceRefusal,
  missingScopeDescription,
  type WebexLicense,
  type WebexRecordingVendor,
} from './entitlements';
import { webexOAuth, webexOAuthRoutes, type WebexIntegrationOptions } from './oauth';
import { oauthControlRoutes } from '../common/oauth';

export { Directory, decodeWebexId, webexId, type WebexLocation, type WebexPerson };
export { WEBEX_SANDBOX_SCOPES, WEBEX_SCOPES, type WebexLicense, type WebexRecordingVendor };

export const WEBEX_API_PATH = '/v1';
export const WEBEX_DEFAULT_TOKEN = 'webex-sandbox-token';
export const WEBEX_DEFAULT_RATE_LIMIT: RateLimitOptions = { requestsPerSecond: 20, burst: 20 };

export const RECORD_MODES = ['Always', 'Never', 'Always with Pause/Resume', 'On Demand with User Initiated Start'] as const;
export type WebexRecordMode = (typeof RECORD_MODES)[number];
export type WebexNotificationType = 'None' | 'Beep' | 'Play Announcement';

/** The writable part of CallRecordingInfo (specs/webex CallRecordingPut). */
export interface WebexRecordingSettings {
  enabled: boolean;
  record: WebexRecordMode;
  recordVoicemailEnabled: boolean;
  startStopAnnouncementEnabled: boolean;
  notification: { enabled: boolean; type: WebexNotificationType };
  repeat: { interval: number; enabled: boolean };
  startStopAnnouncement: { internalCallsEnabled: boolean; pstnCallsEnabled: boolean };
}

export type OwnerKind = 'person' | 'workspace' | 'virtualLine';
export type CallRecordingState = 'none' | 'recording' | 'paused' | 'stopped';

export interface WebexCall {
  callId: string;
  ownerKind: OwnerKind;
  ownerId: string;
  recording: CallRecordingState;
  history: { action: string; outcome: number; recording: CallRecordingState }[];
}

export interface WebexEntity {
  id: string;
  displayName: string;
  locationId: string;
  /** Workspaces: the calling type List Workspaces answers; only `webexCalling` ones have Webex Calling settings. */
  calling?: WebexWorkspaceCalling;
}

/** The `calling` filter's values of List Workspaces (webex-workspaces-api openapi). */
export const WEBEX_WORKSPACE_CALLING = [
  'freeCalling',
  'hybridCalling',
  'webexCalling',
  'webexEdgeForDevices',
  'thirdPartySipCalling',
  'none',
] as const;
export type WebexWorkspaceCalling = (typeof WEBEX_WORKSPACE_CALLING)[number];

export interface WebexState {
  orgId: string;
  directory: Directory;
  /** Settings of people who were written or changed; everyone else has the default. */
  personSettings: Map<number, WebexRecordingSettings>;
  workspaces: WebexEntity[];
  virtualLines: WebexEntity[];
  entitySettings: Map<string, WebexRecordingSettings>;
  /** Org-level vendor terms of service; a workspace cannot enable recording while they are not accepted. */
  termsOfServiceAccepted: boolean;
  calls: Map<string, WebexCall>;
  tokens: string[];
}

export interface WebexEmulatorOptions {
  /** Accepted bearer tokens. Default: ["webex-sandbox-token"]. */
  tokens?: string[];
  orgId?: string;
  /** People in the directory (default 5,000), spread round-robin over `locations` (default 5). */
  people?: number;
  locations?: number;
  /** Webex Calling workspaces (default 3), plus `otherWorkspaces` (default 1) with free calling only (no settings). */
  workspaces?: number;
  otherWorkspaces?: number;
  virtualLines?: number;
  /** Starting settings for person i (default: recording off, "Never"). */
  defaultSettings?: (index: number) => Partial<WebexRecordingSettings>;
  /** Per-token limit answered with 429 + Retry-After; null disables. Default 20/s, burst 20. */
  rateLimit?: RateLimitOptions | null;
  logLimit?: number;
  now?: () => number;
  /** Scopes per token; tokens not listed carry `defaultScopes` (default WEBEX_SANDBOX_SCOPES, all the adapters need). */
  tokenScopes?: Record<string, string[]>;
  defaultScopes?: string[];
  /** Which people hold a Webex Calling Standard licence (default every tenth: index % 10 === 9); the rest Professional. */
  standardLicensed?: (index: number) => boolean;
  /** The organisation's call recording vendor (default Webex, which records Standard users too). */
  recordingVendor?: WebexRecordingVendor;
  /** Admin integrations (OAuth): client, refresh tokens, token lifetimes (oauth.ts). */
  integration?: WebexIntegrationOptions;
}

export interface WebexEmulator extends Emulator<WebexState> {
  /** The integration's token server: clock, expiry, counts (oauth.ts). */
  readonly oauth: ReturnType<typeof webexOAuth>;
  personId(index: number): string;
  personIndex(personId: string): number | null;
  readonly locations: WebexLocation[];
  /** Webex Calling workspaces (the ones with call recording settings), in listing order. */
  readonly workspaceIds: string[];
  readonly virtualLineIds: string[];
  /** GET body for a person, workspace or virtual line (with read-only fields). */
  settingsOf(id: string): Record<string, unknown> | null;
  /** Changes settings directly, as an administrator would in Control Hub (drift). */
  setSettings(id: string, patch: Partial<WebexRecordingSettings>): Record<string, unknown>;
  createCall(input: { personId?: string; workspaceId?: string; virtualLineId?: string }): WebexCall;
  call(callId: string): WebexCall | undefined;
  /** Accepted settings writes per person id. */
  writesPerPerson(): Record<string, number>;
  /** Sets what a token may do, as re-authorising the integration with other scopes would. */
  grantScopes(token: string, scopes: string[]): void;
  licenseOf(personId: string): WebexLicense | null;
  /** Switches the organisation's call recording vendor, as an administrator would in Control Hub. */
  setRecordingVendor(vendor: WebexRecordingVendor): void;
}

const DEFAULT_ORG_UUID = '0e6a0000-0000-4000-8000-000000000001';
const SERVICE_PROVIDER = 'WSWYZ25455';
/** The Webex Calling Workspaces licence id List Workspaces answers for a calling workspace (opaque, deterministic). */
const WORKSPACE_LICENSE = Buffer.from('ciscospark://us/LICENSE/sandbox:BCWS_workspaces', 'utf8').toString('base64').replace(/=+$/, '');

export function webexDefaultSettings(): WebexRecordingSettings {
  return {
    enabled: false,
    record: 'Never',
    recordVoicemailEnabled: false,
    startStopAnnouncementEnabled: false,
    notification: { enabled: false, type: 'None' },
    repeat: { interval: 15, enabled: false },
    startStopAnnouncement: { internalCallsEnabled: false, pstnCallsEnabled: false },
  };
}

function mergeSettings(base: WebexRecordingSettings, patch: Partial<WebexRecordingSettings>): WebexRecordingSettings {
  return {
    ...base,
    ...patch,
    notification: { ...base.notification, ...(patch.notification ?? {}) },
    repeat: { ...base.repeat, ...(patch.repeat ?? {}) },
    startStopAnnouncement: { ...base.startStopAnnouncement, ...(patch.startStopAnnouncement ?? {}) },
  };
}

function webexError(status: number, descriptions: string[], trackingId: string): Reply {
  return { status, body: { message: descriptions[0] ?? 'Error', errors: descriptions.map((description) => ({ description })), trackingId } };
}

const WRITABLE = new Set([
  'enabled',
  'record',
  'recordVoicemailEnabled',
  'startStopAnnouncementEnabled',
  'notification',
  'repeat',
  'startStopAnnouncement',
]);
const READ_ONLY = new Set(['serviceProvider', 'externalGroup', 'externalIdentifier', 'callRecordingAccessSettings']);

/**
 * Validates a CallRecordingPut body against the current settings. Fields are optional (a PUT changes what it
 * names); read-only GET fields and unknown fields are refused, since CallRecordingPut does not define them.
 */
export function applyRecordingPut(
  body: Record<string, unknown>,
  current: WebexRecordingSettings,
): { errors: string[]; next?: WebexRecordingSettings } {
  const errors: string[] = [];
  for (const key of Object.keys(body)) {
    if (READ_ONLY.has(key)) errors.push(`Invalid field: ${key} is read-only and cannot be modified.`);
    else if (!WRITABLE.has(key)) errors.push(`Unrecognized field: ${key}.`);
  }
  const next = structuredClone(current);
  const bool = (path: string, value: unknown, set: (v: boolean) => void): void => {
    if (typeof value !== 'boolean') errors.push(`Invalid field value: ${path} must be a boolean.`);
    else set(value);
  };
  if (has(body, 'enabled')) bool('enabled', body['enabled'], (v) => (next.enabled = v));
  if (has(body, 'recordVoicemailEnabled')) bool('recordVoicemailEnabled', body['recordVoicemailEnabled'], (v) => (next.recordVoicemailEnabled = v));
  if (has(body, 'startStopAnnouncementEnabled')) {
    bool('startStopAnnouncementEnabled', body['startStopAnnouncementEnabled'], (v) => (next.startStopAnnouncementEnabled = v));
  }
  if (has(body, 'record')) {
    const v = body['record'];
    if (typeof v !== 'string' || !(RECORD_MODES as readonly string[]).includes(v)) {
      errors.push(`Invalid field value: record must be one of ${RECORD_MODES.map((m) => `'${m}'`).join(', ')}.`);
    } else next.record = v as WebexRecordMode;
  }
  if (has(body, 'notification')) {
    const n = body['notification'];
    if (!isObject(n)) errors.push('Invalid field value: notification must be an object.');
    else {
      for (const k of Object.keys(n)) if (k !== 'enabled' && k !== 'type') errors.push(`Unrecognized field: notification.${k}.`);
      if (has(n, 'enabled')) bool('notification.enabled', n['enabled'], (v) => (next.notification.enabled = v));
      if (has(n, 'type')) {
        // The PUT enum has no "None" although GET may return it.
        if (n['type'] !== 'Beep' && n['type'] !== 'Play Announcement') {
          errors.push("Invalid field value: notification.type must be one of 'Beep', 'Play Announcement'.");
        } else next.notification.type = n['type'];
      } else if (n['enabled'] === true && next.notification.type === 'None') {
        // Spec: "If enabled is true and type is not provided then type is set to Beep by default."
        next.notification.type = 'Beep';
      }
    }
  }
  if (has(body, 'repeat')) {
    const r = body['repeat'];
    if (!isObject(r)) errors.push('Invalid field value: repeat must be an object.');
    else {
      for (const k of Object.keys(r)) if (k !== 'enabled' && k !== 'interval') errors.push(`Unrecognized field: repeat.${k}.`);
      if (has(r, 'enabled')) bool('repeat.enabled', r['enabled'], (v) => (next.repeat.enabled = v));
      if (has(r, 'interval')) {
        const v = r['interval'];
        if (!isInt(v) || v < 10 || v > 1800) errors.push('Invalid field value: repeat.interval must be an integer from 10 to 1800 seconds.');
        else next.repeat.interval = v;
      }
    }
  }
  if (has(body, 'startStopAnnouncement')) {
    const s = body['startStopAnnouncement'];
    if (!isObject(s)) errors.push('Invalid field value: startStopAnnouncement must be an object.');
    else {
      for (const k of Object.keys(s)) {
        if (k !== 'internalCallsEnabled' && k !== 'pstnCallsEnabled') errors.push(`Unrecognized field: startStopAnnouncement.${k}.`);
      }
      if (has(s, 'internalCallsEnabled')) {
        bool('startStopAnnouncement.internalCallsEnabled', s['internalCallsEnabled'], (v) => (next.startStopAnnouncement.internalCallsEnabled = v));
      }
      if (has(s, 'pstnCallsEnabled')) {
        bool('startStopAnnouncement.pstnCallsEnabled', s['pstnCallsEnabled'], (v) => (next.startStopAnnouncement.pstnCallsEnabled = v));
      }
    }
  }
  return errors.length ? { errors } : { errors, next };
}

const PAUSABLE: WebexRecordMode[] = ['On Demand with User Initiated Start', 'Always with Pause/Resume'];
const ON_DEMAND: WebexRecordMode = 'On Demand with User Initiated Start';
type CallAction = 'startRecording' | 'stopRecording' | 'pauseRecording' | 'resumeRecording';

/** Call control rules from specs/webex/call-control-recording.json operation descriptions. */
function transition(action: CallAction, call: WebexCall, settings: WebexRecordingSettings): { error?: string; next?: CallRecordingState } {
  const mode = settings.enabled ? settings.record : 'Never';
  switch (action) {
    case 'startRecording':
      if (mode !== ON_DEMAND) return { error: `Start recording is only valid when the call recording mode is "On Demand"; it is "${mode}".` };
      if (call.recording === 'recording' || call.recording === 'paused') return { error: 'The call is already being recorded.' };
      return { next: 'recording' };
    case 'stopRecording':
      if (mode !== ON_DEMAND) return { error: `Stop recording is only valid when the call recording mode is "On Demand"; it is "${mode}".` };
      if (call.recording !== 'recording' && call.recording !== 'paused') return { error: 'The call is not being recorded.' };
      return { next: 'stopped' };
    case 'pauseRecording':
      if (!PAUSABLE.includes(mode)) {
        return { error: `Pause recording is only valid when the call recording mode is "On Demand" or "Always with Pause/Resume"; it is "${mode}".` };
      }
      if (call.recording !== 'recording') return { error: 'The call is not being recorded.' };
      return { next: 'paused' };
    case 'resumeRecording':
      if (!PAUSABLE.includes(mode)) {
        return {
          error: `Resume recording is only valid when the call recording mode is "On Demand" or "Always with Pause/Resume"; it is "${mode}".`,
        };
      }
      if (call.recording !== 'paused') return { error: 'The call recording is not paused.' };
      return { next: 'recording' };
  }
}

/** Workspace n, deterministic (ids by n; the free-calling ones from n = 1000). */
function workspace(n: number, calling: WebexWorkspaceCalling, locationId: string): WebexEntity {
  const name = calling === 'webexCalling' ? `Sandbox Workspace ${n + 1}` : `Sandbox Lobby ${n - 999}`;
  return { id: webexId('PLACE', `3b0c0000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`), displayName: name, locationId, calling };
}

export function createWebexEmulator(options: WebexEmulatorOptions = {}): WebexEmulator {
  const orgId = options.orgId ?? webexId('ORGANIZATION', DEFAULT_ORG_UUID);
  let callSeq = 0;

  const seed = (): WebexState => {
    const directory = new Directory(options.people ?? 5000, options.locations ?? 5, orgId);
    const loc = (i: number): string => directory.locations[i % directory.locations.length]!.id;
    return {
      orgId,
      directory,
      personSettings: new Map(),
      workspaces: [
        ...Array.from({ length: options.workspaces ?? 3 }, (_, i) => workspace(i, 'webexCalling', loc(i))),
        ...Array.from({ length: options.otherWorkspaces ?? 1 }, (_, i) => workspace(1000 + i, 'freeCalling', loc(i))),
      ],
      virtualLines: Array.from({ length: options.virtualLines ?? 2 }, (_, i) => ({
        id: webexId('VIRTUAL_LINE', `71e00000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`),
        displayName: `Sandbox Virtual Line ${i + 1}`,
        locationId: loc(i),
      })),
      entitySettings: new Map(),
      termsOfServiceAccepted: true,
      calls: new Map(),
      tokens: [...(options.tokens ?? [WEBEX_DEFAULT_TOKEN])],
    };
  };
  let state = seed();
  let scopes = new TokenScopes(options.tokenScopes, options.defaultScopes ?? WEBEX_SANDBOX_SCOPES);
  let recordingVendor: WebexRecordingVendor = options.recordingVendor ?? 'Webex';
  const standardLicensed = options.standardLicensed ?? defaultStandardLicensed;
  const licenseOfIndex = (index: number): WebexLicense => (standardLicensed(index) ? 'Webex Calling Standard' : 'Webex Calling Professional');
  const oauth = webexOAuth(options.integration, options.now);

  const personSettings = (index: number): WebexRecordingSettings =>
    state.personSettings.get(index) ?? mergeSettings(webexDefaultSettings(), options.defaultSettings?.(index) ?? {});

  type Owner = {
    kind: OwnerKind;
    key: string;
    get(): WebexRecordingSettings;
    set(s: WebexRecordingSettings): void;
    readOnly(): Record<string, unknown>;
  };

  const ownerOf = (id: string): Owner | null => {
    const index = state.directory.indexOf(id);
    if (index !== null) {
      return {
        kind: 'person',
        key: `person:${id}`,
        get: () => personSettings(index),
        set: (s) => state.personSettings.set(index, s),
        readOnly: () => ({
          serviceProvider: SERVICE_PROVIDER,
          externalGroup: `${SERVICE_PROVIDER}L${31161 + state.directory.locationIndexOf(index)}`,
          externalIdentifier: `user${String(index + 1).padStart(5, '0')}@sandbox.bcld.webex.com`,
        }),
      };
    }
    // A workspace without Webex Calling has no telephony settings: its id is unknown there (404, as for any other id).
    const ws = state.workspaces.find((w) => w.id === id && w.calling === 'webexCalling');
    const vl = state.virtualLines.find((v) => v.id === id);
    const entity = ws ?? vl;
    if (!entity) return null;
    return {
      kind: ws ? 'workspace' : 'virtualLine',
      key: `${ws ? 'workspace' : 'virtualLine'}:${id}`,
      get: () => state.entitySettings.get(id) ?? webexDefaultSettings(),
      set: (s) => state.entitySettings.set(id, s),
      readOnly: () => ({
        serviceProvider: SERVICE_PROVIDER,
        externalGroup: `${SERVICE_PROVIDER}L31161`,
        externalIdentifier: `${entity.displayName.toLowerCase().replace(/\s+/g, '.')}@sandbox.bcld.webex.com`,
      }),
    };
  };

  const render = (owner: Owner): Record<string, unknown> => {
    const s = owner.get();
    const body: Record<string, unknown> = {
      enabled: s.enabled,
      record: s.record,
      recordVoicemailEnabled: s.recordVoicemailEnabled,
      startStopAnnouncementEnabled: s.startStopAnnouncementEnabled,
      notification: { ...s.notification },
      repeat: { ...s.repeat },
      ...owner.readOnly(),
      startStopAnnouncement: { ...s.startStopAnnouncement },
    };
    if (owner.kind === 'person') {
      body['callRecordingAccessSettings'] = {
        viewAndPlayRecordingsEnabled: false,
        downloadRecordingsEnabled: false,
        deleteRecordingsEnabled: false,
        shareRecordingsEnabled: false,
      };
    }
    return body;
  };

  const trackingIdOf = (ctx: RequestContext): string => String(ctx.headers['trackingid'] ?? '') || `SANDBOX_${randomUUID()}`;
  const error = (ctx: RequestContext, status: number, ...descriptions: string[]): Reply => webexError(status, descriptions, trackingIdOf(ctx));

  const bearer = (ctx: RequestContext): string | null => {
    const h = ctx.headers['authorization'];
    if (typeof h !== 'string') return null;
    const m = /^Bearer\s+(\S+)$/i.exec(h);
    return m ? m[1]! : null;
  };

  const authed =
    (handler: (ctx: RequestContext) => Reply): ((ctx: RequestContext) => Reply) =>
    (ctx) => {
      const token = bearer(ctx);
      if (token) ctx.setAuth(token);
      if (!token || (!state.tokens.includes(token) && oauth.accessClient(token) === null)) {
        return error(ctx, 401, 'The request requires a valid access token set in the Authorization request header.');
      }
      const org = ctx.query.get('orgId');
      if (org !== null && org !== state.orgId) return error(ctx, 403, 'Not authorized to access the requested organization.');
      return handler(ctx);
    };

  /** The operation's scope, checked after the token (an unknown token is 401 whatever it asks). */
  const scoped =
    (scope: string, handler: (ctx: RequestContext) => Reply): ((ctx: RequestContext) => Reply) =>
    (ctx) => {
      const token = bearer(ctx);
      if (token && scopes.missing(token, scope)) return error(ctx, 403, missingScopeDescription(scope));
      return handler(ctx);
    };

  const jsonBody = (ctx: RequestContext): Record<string, unknown> | Reply => {
    if (ctx.contentType !== 'application/json') return error(ctx, 415, 'Content-Type must be application/json.');
    if (ctx.bodyError) return error(ctx, 400, `Malformed JSON body: ${ctx.bodyError}`);
    if (!isObject(ctx.body)) return error(ctx, 400, 'Request body must be a JSON object.');
    return ctx.body;
  };
  const isReply = (v: unknown): v is Reply => isObject(v) && typeof v['status'] === 'number' && has(v, 'body');

  const SETTINGS_SCOPES: Record<OwnerKind, { read: string; write: string }> = {
    person: { read: WEBEX_SCOPES.peopleRead, write: WEBEX_SCOPES.peopleWrite },
    workspace: { read: WEBEX_SCOPES.telephonyRead, write: WEBEX_SCOPES.telephonyWrite },
    virtualLine: { read: WEBEX_SCOPES.telephonyRead, write: WEBEX_SCOPES.telephonyWrite },
  };

  /** Seed 002's licence rule for a write that leaves a person's recording enabled. */
  const licenceCheck = (ctx: RequestContext, owner: Owner, next: WebexRecordingSettings): Reply | null => {
    if (owner.kind !== 'person') return null;
    const index = state.directory.indexOf(ctx.params['personId'] ?? '');
    if (index === null) return null;
    const refusal = licenceRefusal(licenseOfIndex(index), recordingVendor, next.enabled);
    return refusal ? error(ctx, 400, refusal) : null;
  };

  const settingsRoutes = (kind: OwnerKind, pattern: string, param: string, notFound: string): RouteDef[] => {
    const find = (ctx: RequestContext): Owner | null => {
      const owner = ownerOf(ctx.params[param] ?? '');
      return owner && owner.kind === kind ? owner : null;
    };
    return [
      {
        method: 'GET',
        path: pattern,
        handler: authed(
          scoped(SETTINGS_SCOPES[kind].read, (ctx) => {
            const owner = find(ctx);
            return owner ? { status: 200, body: render(owner) } : error(ctx, 404, notFound);
          }),
        ),
      },
      {
        method: 'PUT',
        path: pattern,
        handler: authed(
          scoped(SETTINGS_SCOPES[kind].write, (ctx) => {
            const owner = find(ctx);
            if (!owner) return error(ctx, 404, notFound);
            const body = jsonBody(ctx);
            if (isReply(body)) return body;
            const { errors, next } = applyRecordingPut(body, owner.get());
            if (!next) return error(ctx, 400, ...errors);
            const unlicensed = licenceCheck(ctx, owner, next);
            if (unlicensed) return unlicensed;
            if (kind === 'workspace' && next.enabled && !state.termsOfServiceAccepted) {
              // specs/webex workspace PUT: 409 with the vendor whose terms of service are not accepted.
              return {
                status: 409,
                body: { vendorId: '53dc4c87-8408-4882-9570-dca2bcdb9280', vendorName: 'Dubber', termsOfServiceUrl: 'https://www.dubber.net/terms' },
              };
            }
            owner.set(next);
            ctx.countWrite(owner.key);
            return { status: 204 };
          }),
        ),
      },
    ];
  };

  const listPeople = (ctx: RequestContext): Reply => {
    const q = ctx.query;
    const callingData = q.get('callingData') === 'true';
    let max = 100;
    if (q.has('max')) {
      const raw = q.get('max')!;
      if (!/^[0-9]+$/.test(raw) || Number(raw) < 1 || Number(raw) > 1000) return error(ctx, 400, 'Invalid max: must be an integer from 1 to 1000.');
      max = Number(raw);
    }
    // List People docs: with callingData=true, max is not more than 100.
    if (callingData) max = Math.min(max, 100);
    const dir = state.directory;

    if (q.has('id') || q.has('email')) {
      let indices: number[] = [];
      if (q.has('id')) {
        const ids = q.get('id')!.split(',').filter(Boolean);
        if (ids.length > 85) return error(ctx, 400, 'Too many ids: at most 85.');
        indices = ids.map((id) => dir.indexOf(id)).filter((i): i is number => i !== null);
      }
      if (q.has('email')) {
        const m = /^user([0-9]{5})@sandbox\.example\.com$/i.exec(q.get('email')!);
        const i = m ? Number(m[1]) - 1 : -1;
        const byEmail = i >= 0 && i < dir.size ? [i] : [];
        indices = q.has('id') ? indices.filter((x) => byEmail.includes(x)) : byEmail;
      }
      return { status: 200, body: { items: indices.slice(0, max).map((i) => dir.person(i, callingData)) } };
    }

    let locationIndex: number | null = null;
    if (q.has('locationId')) {
      locationIndex = dir.locationIndex(q.get('locationId')!);
      if (locationIndex === null) return { status: 200, body: { items: [] } };
    }
    let offset = 0;
    if (q.has('cursor')) {
      const decoded = Buffer.from(q.get('cursor')!, 'base64url').toString('utf8');
      const m = /^o:([0-9]+)$/.exec(decoded);
      if (!m) return error(ctx, 400, 'Invalid cursor.');
      offset = Number(m[1]);
    }
    const scope = dir.scope(locationIndex);
    const end = Math.min(scope.total, offset + max);
    const items: WebexPerson[] = [];
    for (let k = offset; k < end; k += 1) items.push(dir.person(scope.at(k), callingData));
    const headers: Record<string, string> = {};
    if (end < scope.total) {
      // Pagination per developer.webex.com/docs/basics: RFC 5988 Link header with rel="next".
      const next = new URLSearchParams();
      for (const [k, v] of q) if (k !== 'cursor' && k !== 'max') next.append(k, v);
      next.set('max', String(max));
      next.set('cursor', Buffer.from(`o:${end}`, 'utf8').toString('base64url'));
      headers['link'] = `<${ctx.origin}${WEBEX_API_PATH}/people?${next.toString()}>; rel="next"`;
    }
    return { status: 200, headers, body: { items } };
  };

  /**
   * List Workspaces (webex-workspaces-api openapi `GET /workspaces`): offset `start` and `max`, the `calling`,
   * `locationId` and `displayName` filters; enum and number parameters are checked (400 naming them), and the next page
   * is an RFC 5988 `Link` rel="next" as everywhere in the API. The spec sets no upper bound on `max`: we cap it at
   * 1000 like List People and refuse more.
   */
  const listWorkspaces = (ctx: RequestContext): Reply => {
    const q = ctx.query;
    const int = (name: string, min: number, max: number, fallback: number): number | Reply => {
      if (!q.has(name)) return fallback;
      const raw = q.get(name)!;
      if (!/^[0-9]+$/.test(raw) || Number(raw) < min || Number(raw) > max)
        return error(ctx, 400, `Invalid ${name}: must be an integer from ${min} to ${max}.`);
      return Number(raw);
    };
    const max = int('max', 1, 1000, 100);
    if (isReply(max)) return max;
    const start = int('start', 0, 1_000_000_000, 0);
    if (isReply(start)) return start;
    const calling = q.get('calling');
    if (calling !== null && !(WEBEX_WORKSPACE_CALLING as readonly string[]).includes(calling))
      return error(ctx, 400, `Invalid calling: must be one of ${WEBEX_WORKSPACE_CALLING.join(', ')}.`);
    const matching = state.workspaces.filter(
      (w) =>
        (calling === null || w.calling === calling) &&
        (!q.has('locationId') || w.locationId === q.get('locationId')) &&
        (!q.has('displayName') || w.displayName === q.get('displayName')),
    );
    const page = matching.slice(start, start + max);
    const headers: Record<string, string> = {};
    if (start + max < matching.length) {
      const next = new URLSearchParams();
      for (const [k, v] of q) if (k !== 'start' && k !== 'max') next.append(k, v);
      next.set('max', String(max));
      next.set('start', String(start + max));
      headers['link'] = `<${ctx.origin}${WEBEX_API_PATH}/workspaces?${next.toString()}>; rel="next"`;
    }
    const items = page.map((w) => ({
      id: w.id,
      orgId: state.orgId,
      locationId: w.locationId,
      workspaceLocationId: w.locationId,
      displayName: w.displayName,
      sipAddress: `${w.displayName.toLowerCase().replace(/\s+/g, '.')}@sandbox.room.ciscospark.com`,
      created: '2026-01-01T00:00:00.000Z',
      calling: w.calling === 'webexCalling' ? { type: 'webexCalling', webexCalling: { licenses: [WORKSPACE_LICENSE] } } : { type: w.calling },
      supportedDevices: 'phones',
      devicePlatform: 'cisco',
    }));
    return { status: 200, headers, body: { items } };
  };

  const callControl = (action: CallAction): RouteDef => ({
    method: 'POST',
    path: `${WEBEX_API_PATH}/telephony/calls/${action}`,
    handler: authed(
      scoped(WEBEX_SCOPES.callsWrite, (ctx) => {
        const body = jsonBody(ctx);
        if (isReply(body)) return body;
        const callId = body['callId'];
        if (typeof callId !== 'string' || callId === '') return error(ctx, 400, 'Missing required field: callId.');
        const lineOwnerId = body['lineOwnerId'];
        if (lineOwnerId !== undefined && typeof lineOwnerId !== 'string')
          return error(ctx, 400, 'Invalid field value: lineOwnerId must be a string.');
        const call = state.calls.get(callId);
        if (!call || (lineOwnerId !== undefined && call.ownerId !== lineOwnerId)) return error(ctx, 404, 'Call not found.');
        const owner = ownerOf(call.ownerId);
        if (!owner) return error(ctx, 404, 'Call not found.');
        const result = transition(action, call, owner.get());
        if (!result.next) {
          call.history.push({ action, outcome: 400, recording: call.recording });
          return error(ctx, 400, result.error!);
        }
        call.recording = result.next;
        call.history.push({ action, outcome: 204, recording: call.recording });
        ctx.countWrite(`call:${callId}`);
        return { status: 204 };
      }),
    ),
  });

  const routes: RouteDef[] = [
    { method: 'GET', path: `${WEBEX_API_PATH}/people`, handler: authed(listPeople) },
    {
      method: 'GET',
      path: `${WEBEX_API_PATH}/people/:personId`,
      handler: authed((ctx) => {
        const index = state.directory.indexOf(ctx.params['personId'] ?? '');
        return index === null
          ? error(ctx, 404, 'Person not found.')
          : { status: 200, body: state.directory.person(index, ctx.query.get('callingData') === 'true') };
      }),
    },
    { method: 'GET', path: `${WEBEX_API_PATH}/workspaces`, handler: authed(scoped(WEBEX_SCOPES.workspacesRead, listWorkspaces)) },
    {
      method: 'GET',
      path: `${WEBEX_API_PATH}/locations`,
      handler: authed(() => ({ status: 200, body: { items: state.directory.locations.map((l) => ({ ...l, orgId: state.orgId })) } })),
    },
    ...settingsRoutes('person', `${WEBEX_API_PATH}/people/:personId/features/callRecording`, 'personId', 'Person not found.'),
    // The workspace path is plural ("callRecordings") in specs/webex/workspace-call-recording.json.
    ...settingsRoutes(
      'workspace',
      `${WEBEX_API_PATH}/telephony/config/workspaces/:workspaceId/features/callRecordings`,
      'workspaceId',
      'Workspace not found.',
    ),
    ...settingsRoutes(
      'virtualLine',
      `${WEBEX_API_PATH}/telephony/config/virtualLines/:virtualLineId/callRecording`,
      'virtualLineId',
      'Virtual line not found.',
    ),
    callControl('startRecording'),
    callControl('stopRecording'),
    callControl('pauseRecording'),
    callControl('resumeRecording'),
  ];

  const createCall = (input: { personId?: string; workspaceId?: string; virtualLineId?: string }): WebexCall => {
    const ownerId = input.personId ?? input.workspaceId ?? input.virtualLineId;
    if (!ownerId) throw new ControlError('one of personId, workspaceId, virtualLineId is required');
    const owner = ownerOf(ownerId);
    if (!owner) throw new ControlError(`unknown owner ${ownerId}`);
    const s = owner.get();
    callSeq += 1;
    const callId = Buffer.from(`ciscospark://us/CALL/BCLD/callhalf-${callSeq}:0`, 'utf8').toString('base64').replace(/=+$/, '');
    const autoRecorded = s.enabled && (s.record === 'Always' || s.record === 'Always with Pause/Resume');
    const call: WebexCall = { callId, ownerKind: owner.kind, ownerId, recording: autoRecorded ? 'recording' : 'none', history: [] };
    state.calls.set(callId, call);
    return call;
  };

  const setSettings = (id: string, patch: Partial<WebexRecordingSettings>): Record<string, unknown> => {
    const owner = ownerOf(id);
    if (!owner) throw new ControlError(`unknown id ${id}`);
    owner.set(mergeSettings(owner.get(), patch));
    return render(owner);
  };

  const writesPerPerson = (): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(server.counts().writes)) if (k.startsWith('person:')) out[k.slice(7)] = v;
    return out;
  };

  const stateRoute = (path: string): RouteDef => ({
    method: 'PUT',
    path,
    handler: (ctx) => {
      const id = ctx.params['id'] ?? '';
      const owner = ownerOf(id);
      if (!owner) throw new ControlError(`unknown id ${id}`);
      // Control Hub applies the same rules as the API, so drift is always a state the API could return.
      const { errors, next } = applyRecordingPut(controlBody(ctx), owner.get());
      if (!next) throw new ControlError(errors.join(' '));
      owner.set(next);
      return { status: 200, body: render(owner) };
    },
  });

  const controlRoutes: RouteDef[] = [
    stateRoute('/__sandbox/state/people/:id/callRecording'),
    stateRoute('/__sandbox/state/workspaces/:id/callRecording'),
    stateRoute('/__sandbox/state/virtualLines/:id/callRecording'),
    {
      method: 'PUT',
      path: '/__sandbox/tokens/:token/scopes',
      handler: (ctx) => {
        const granted = controlBody(ctx)['scopes'];
        if (!Array.isArray(granted) || !granted.every((x) => typeof x === 'string')) throw new ControlError('scopes must be an array of strings');
        scopes.grant(ctx.params['token'] ?? '', granted as string[]);
        return { status: 200, body: { scopes: granted } };
      },
    },
    {
      method: 'PUT',
      path: '/__sandbox/state/recordingVendor',
      handler: (ctx) => {
        const vendor = controlBody(ctx)['vendor'];
        if (vendor !== 'Webex' && vendor !== 'Dubber') throw new ControlError('vendor must be Webex or Dubber');
        recordingVendor = vendor;
        return { status: 200, body: { vendor } };
      },
    },
    {
      method: 'PUT',
      path: '/__sandbox/state/termsOfService',
      handler: (ctx) => {
        const accepted = controlBody(ctx)['accepted'];
        if (typeof accepted !== 'boolean') throw new ControlError('accepted must be a boolean');
        state.termsOfServiceAccepted = accepted;
        return { status: 200, body: { accepted } };
      },
    },
    {
      // People added in Control Hub after a roll-out (issue 17: a company standard brings them under it).
      method: 'POST',
      path: '/__sandbox/people',
      handler: (ctx) => {
        const count = controlBody(ctx)['count'] ?? 1;
        if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 10_000)
          throw new ControlError('count must be an integer 1..10000');
        const first = state.directory.size;
        state.directory.size += count;
        return { status: 201, body: { people: Array.from({ length: count }, (_, k) => state.directory.person(first + k, false)) } };
      },
    },
    {
      // Workspaces added in Control Hub after a standard was applied (Webex Calling ones, unless `calling` says otherwise).
      method: 'POST',
      path: '/__sandbox/workspaces',
      handler: (ctx) => {
        const body = controlBody(ctx);
        const count = body['count'] ?? 1;
        const calling = body['calling'] ?? 'webexCalling';
        if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 1000)
          throw new ControlError('count must be an integer 1..1000');
        if (!(WEBEX_WORKSPACE_CALLING as readonly string[]).includes(calling as string))
          throw new ControlError(`calling must be one of ${WEBEX_WORKSPACE_CALLING.join(', ')}`);
        const added = Array.from({ length: count }, () => {
          const n = 2000 + state.workspaces.length;
          const w = {
            ...workspace(n, calling as WebexWorkspaceCalling, state.directory.locations[0]!.id),
            displayName: `Sandbox Workspace ${n + 1}`,
          };
          state.workspaces.push(w);
          return w;
        });
        return { status: 201, body: { workspaces: added } };
      },
    },
    { method: 'GET', path: '/__sandbox/writes', handler: () => ({ status: 200, body: { people: writesPerPerson(), all: server.counts().writes } }) },
    {
      method: 'POST',
      path: '/__sandbox/calls',
      handler: (ctx) => ({ status: 201, body: createCall(controlBody(ctx) as { personId?: string; workspaceId?: string; virtualLineId?: string }) }),
    },
    { method: 'GET', path: '/__sandbox/calls', handler: () => ({ status: 200, body: { items: [...state.calls.values()] } }) },
    {
      method: 'GET',
      path: '/__sandbox/calls/:callId',
      handler: (ctx) => {
        const call = state.calls.get(ctx.params['callId'] ?? '');
        return call ? { status: 200, body: call } : { status: 404, body: { error: 'no such call' } };
      },
    },
    {
      method: 'DELETE',
      path: '/__sandbox/calls/:callId',
      handler: (ctx) => {
        state.calls.delete(ctx.params['callId'] ?? '');
        return { status: 204 };
      },
    },
  ];

  const server = new SandboxServer({
    name: 'webex',
    routes: [...routes, ...webexOAuthRoutes(oauth, (ctx, status, message) => error(ctx, status, message))],
    controlRoutes: [...controlRoutes, ...oauthControlRoutes(oauth)],
    profile: {
      errorReply: (status, message, ctx) => {
        const text =
          status === 404
            ? 'The requested resource could not be found.'
            : status === 429
              ? 'Too many requests have been sent in a given amount of time and the request has been rate limited.'
              : message;
        return webexError(status, [text], trackingIdOf(ctx));
      },
      rateLimitKey: (ctx) => bearer(ctx) ?? `ip:${ctx.remoteAddress}`,
      redactBody: ['client_secret', 'refresh_token'],
    },
    rateLimit: options.rateLimit === undefined ? WEBEX_DEFAULT_RATE_LIMIT : options.rateLimit,
    logLimit: options.logLimit,
    now: options.now,
    snapshotState: () => ({
      orgId: state.orgId,
      people: state.directory.size,
      locations: state.directory.locations,
      changedPeople: Object.fromEntries([...state.personSettings].map(([i, s]) => [state.directory.personId(i), s])),
      workspaces: state.workspaces,
      virtualLines: state.virtualLines,
      changedEntities: Object.fromEntries(state.entitySettings),
      termsOfServiceAccepted: state.termsOfServiceAccepted,
      calls: [...state.calls.values()],
    }),
    resetState: () => {
      state = seed();
      scopes = new TokenScopes(options.tokenScopes, options.defaultScopes ?? WEBEX_SANDBOX_SCOPES);
      recordingVendor = options.recordingVendor ?? 'Webex';
      oauth.reset();
    },
  });

  return extendEmulator(
    baseEmulator(server, WEBEX_API_PATH, () => state),
    {
      oauth,
      personId: (index: number) => state.directory.personId(index),
      personIndex: (id: string) => state.directory.indexOf(id),
      get locations() {
        return state.directory.locations;
      },
      get workspaceIds() {
        return state.workspaces.filter((w) => w.calling === 'webexCalling').map((w) => w.id);
      },
      get virtualLineIds() {
        return state.virtualLines.map((v) => v.id);
      },
      settingsOf: (id: string) => {
        const owner = ownerOf(id);
        return owner ? render(owner) : null;
      },
      setSettings,
      createCall,
      call: (callId: string) => state.calls.get(callId),
      writesPerPerson,
      grantScopes: (token: string, granted: string[]) => scopes.grant(token, granted),
      licenseOf: (personId: string) => {
        const index = state.directory.indexOf(personId);
        return index === null ? null : licenseOfIndex(index);
      },
      setRecordingVendor: (vendor: WebexRecordingVendor) => {
        recordingVendor = vendor;
      },
    },
  );
}
