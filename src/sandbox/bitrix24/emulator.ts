import { createHash, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { lookup } from 'node:dns/promises';

import {
  ControlError,
  SandboxServer,
  baseEmulator,
  controlBody,
  extendEmulator,
  isObject,
  type Emulator,
  type RateLimitOptions,
  type Reply,
  type RequestContext,
  type RouteDef,
} from '../common';
import { bitrix24OAuth, bitrix24OAuthRoutes, type Bitrix24ApplicationOptions } from './oauth';
import { oauthControlRoutes } from '../common/oauth';
import { boundaryOf, parseMultipart } from './multipart';

/**
 * A Bitrix24 portal's REST API for external telephony (seed 004; b24restdocs api-reference/telephony): register,
 * finish, attachRecord (inline base64, RECORD_URL, or the uploadUrl flow), voximplant.statistic.get, profile and
 * app.info. Decisions where the documents disagree or are silent: NOTES.md.
 */

export const BITRIX24_DEFAULT_USER_ID = 1;
export const BITRIX24_DEFAULT_WEBHOOK_SECRET = 'b24sandboxwebhooksecret1';
export const BITRIX24_DEFAULT_APP_TOKEN = 'b24-sandbox-app-access-token';
/** b24restdocs "limits": a leaky bucket per portal, 50 requests deep, draining 2 per second (non-Enterprise plans). */
export const BITRIX24_DEFAULT_RATE_LIMIT: RateLimitOptions = { requestsPerSecond: 2, burst: 50 };

export interface B24User {
  ID: number;
  NAME: string;
  LAST_NAME: string;
  EMAIL: string;
  UF_PHONE_INNER: string;
  ADMIN: boolean;
}

export interface B24Webhook {
  userId: number;
  secret: string;
  /** Permissions granted to the webhook; default BITRIX24_DEFAULT_SCOPES. */
  scopes?: string[];
}

export interface B24AppToken {
  accessToken: string;
  userId: number;
  appId: number;
  expired?: boolean;
  /** The application's scope; default BITRIX24_DEFAULT_SCOPES. */
  scopes?: string[];
}

export interface B24AttachedRecord {
  FILE_ID: number;
  fileName: string;
  size: number;
  via: 'FILE_CONTENT' | 'RECORD_URL' | 'uploadUrl';
  sha256: string;
  attachedAt: string;
}

export interface B24Call {
  CALL_ID: string;
  EXTERNAL_CALL_ID: string | null;
  USER_ID: number;
  PHONE_NUMBER: string;
  LINE_NUMBER: string | null;
  TYPE: number;
  CALL_START_DATE: string;
  CRM_ENTITY_TYPE: string | null;
  CRM_ENTITY_ID: number | null;
  CRM_ACTIVITY_ID: number | null;
  registeredAt: number;
  finished: boolean;
  CALL_DURATION: number | null;
  CALL_FAILED_CODE: string | null;
  record: B24AttachedRecord | null;
  /** Records that a later attach replaced, oldest first. */
  replaced: B24AttachedRecord[];
}

export interface B24Upload {
  token: string;
  callId: string;
  expiresAt: number;
  used: boolean;
}

export interface Bitrix24State {
  users: B24User[];
  webhooks: B24Webhook[];
  appTokens: B24AppToken[];
  calls: Map<string, B24Call>;
  files: Map<number, { name: string; data: Buffer }>;
  uploads: Map<string, B24Upload>;
  nextFileId: number;
  nextActivityId: number;
  nextLeadId: number;
}

export interface Bitrix24EmulatorOptions {
  users?: B24User[];
  /** Incoming webhooks (`/rest/{user_id}/{secret}/{method}`). Default: user 1 with BITRIX24_DEFAULT_WEBHOOK_SECRET. */
  webhooks?: B24Webhook[];
  /** OAuth access tokens of an installed application (`auth` parameter). Default: BITRIX24_DEFAULT_APP_TOKEN for user 1. */
  appTokens?: B24AppToken[];
  /**
   * Which auth forms register/finish accept. The docs say "only in the context of an application" (default 'app');
   * the portal's source also accepts incoming webhooks ('app-or-webhook'). NOTES.md.
   */
  registerAuth?: 'app' | 'app-or-webhook';
  /** Per-portal leaky bucket answered with 503 QUERY_LIMIT_EXCEEDED; null disables. Default 50 deep, 2/s. */
  rateLimit?: RateLimitOptions | null;
  /** RECORD_URL download bounds: one attempt, no redirects. Defaults 5,000 ms and 5 MiB. */
  recordUrlTimeoutMs?: number;
  recordUrlMaxBytes?: number;
  /**
   * The portal's servers download RECORD_URL, so a URL that resolves to a non-public address is refused, as the docs
   * say. true lets a test's local file server stand in for the customer's public one.
   */
  allowPrivateRecordUrls?: boolean;
  /** false: the plan has no REST API (401 ACCESS_DENIED on every call). Default true. */
  restAvailable?: boolean;
  /** Lifetime of an uploadUrl. Default 10 minutes. */
  uploadTtlMs?: number;
  logLimit?: number;
  now?: () => number;
  /** An application that renews its tokens at the OAuth server (oauth.ts). */
  application?: Bitrix24ApplicationOptions;
}

export interface Bitrix24Emulator extends Emulator<Bitrix24State> {
  /** The application's OAuth server: clock, expiry, counts (oauth.ts). */
  readonly oauth: ReturnType<typeof bitrix24OAuth>;
  call(callId: string): B24Call | undefined;
  /** The bytes of an attached file, as the portal stored them. */
  file(fileId: number): Buffer | undefined;
  /** Registers and finishes a call directly (as if the PBX integration had), ready for attachRecord. */
  seedFinishedCall(input?: { phoneNumber?: string; userId?: number; duration?: number }): B24Call;
  /** Accepted attaches per CALL_ID (counts().writes "attach:<CALL_ID>"). */
  attachesPerCall(): Record<string, number>;
}

type AuthKind = { kind: 'webhook'; userId: number; scopes: string[] } | { kind: 'oauth'; userId: number; appId: number; scopes: string[] };

/** What the sandbox's webhook and application are granted unless a test says otherwise. */
export const BITRIX24_DEFAULT_SCOPES = ['telephony', 'crm', 'user'];

/** The scope a method needs (each method page's "Scope:" line); null for methods every token may call. */
export function bitrix24ScopeOf(method: string): string | null {
  if (method.startsWith('telephony.') || method.startsWith('voximplant.')) return 'telephony';
  return null;
}

/**
 * _includes/system-errors.md: a plan without REST (ACCESS_DENIED, worded differently for a webhook) and a token
 * without the method's scope (insufficient_scope, "...provided by the webhook token" / "...by the access token"),
 * both 401.
 */
function accessRefusal(auth: AuthKind, method: string, restAvailable: boolean): B24Error | null {
  if (!restAvailable) {
    return new B24Error(
      401,
      'ACCESS_DENIED',
      auth.kind === 'webhook' ? 'REST is available only by subscription' : 'REST is available only on commercial plans',
    );
  }
  const scope = bitrix24ScopeOf(method);
  if (scope && !auth.scopes.includes(scope)) {
    const by = auth.kind === 'webhook' ? 'webhook token' : 'access token';
    return new B24Error(401, 'insufficient_scope', `The request requires higher privileges than provided by the ${by}`);
  }
  return null;
}
type Params = Record<string, unknown>;

class B24Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly description: string,
  ) {
    super(description);
  }
}

const fail = (status: number, code: string, description: string): never => {
  throw new B24Error(status, code, description);
};

function errorBody(status: number, code: string, description: string): Reply {
  return { status, body: { error: code, error_description: description } };
}

/** _includes/system-errors.md: the REST layer's own codes per status. */
const SYSTEM_ERRORS: Record<number, [string, string]> = {
  401: ['NO_AUTH_FOUND', 'Wrong authorization data'],
  404: ['ERROR_METHOD_NOT_FOUND', 'Method not found!'],
  429: ['OPERATION_TIME_LIMIT', 'Method is blocked due to operation time limit'],
  500: ['INTERNAL_SERVER_ERROR', 'Internal server error'],
  503: ['QUERY_LIMIT_EXCEEDED', 'Too many requests'],
};

const FILE_EXT = /\.(wav|mp3)$/i;

function isPrivateAddress(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  if (h === 'localhost') return true;
  if (isIP(h) === 4) {
    const [a, b] = h.split('.').map(Number) as [number, number];
    return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || a === 0;
  }
  if (isIP(h) === 6) return h === '::1' || /^f[cd]/i.test(h) || /^fe80/i.test(h);
  return false;
}

/** The portal resolves the host before downloading: a name that points at a private address is refused too. */
async function resolvesToPrivate(hostname: string): Promise<boolean> {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (isPrivateAddress(host)) return true;
  if (isIP(host)) return false;
  try {
    const addresses = await lookup(host, { all: true });
    return addresses.some((a) => isPrivateAddress(a.address));
  } catch {
    // Unresolvable: the download attempt fails on its own ("Record server is not available").
    return false;
  }
}

/** Query string and body (JSON object, or form with PHP-style `A[B]` keys) as one parameter map. */
function paramsOf(ctx: RequestContext): Params {
  const out: Params = {};
  const put = (key: string, value: unknown) => {
    const m = /^([^[\]]+)\[([^[\]]*)\]$/.exec(key);
    if (m) {
      const inner = (isObject(out[m[1]!]) ? out[m[1]!] : {}) as Record<string, unknown>;
      inner[m[2]!] = value;
      out[m[1]!] = inner;
    } else out[key] = value;
  };
  for (const [k, v] of ctx.query) put(k, v);
  if (isObject(ctx.body)) {
    if (ctx.contentType === 'application/x-www-form-urlencoded') for (const [k, v] of Object.entries(ctx.body)) put(k, v);
    else Object.assign(out, ctx.body);
  }
  return out;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

export function createBitrix24Emulator(options: Bitrix24EmulatorOptions = {}): Bitrix24Emulator {
  const now = options.now ?? Date.now;
  const oauth = bitrix24OAuth(options.application, options.now);
  const registerAuth = options.registerAuth ?? 'app';
  const recordUrlTimeoutMs = options.recordUrlTimeoutMs ?? 5_000;
  const recordUrlMaxBytes = options.recordUrlMaxBytes ?? 5 * 1024 * 1024;
  const uploadTtlMs = options.uploadTtlMs ?? 10 * 60_000;

  const seed = (): Bitrix24State => ({
    users: structuredClone(
      options.users ?? [
        { ID: 1, NAME: 'Sandbox', LAST_NAME: 'Admin', EMAIL: 'admin@sandbox.bitrix24.example', UF_PHONE_INNER: '101', ADMIN: true },
        { ID: 2, NAME: 'Agent', LAST_NAME: 'One', EMAIL: 'agent1@sandbox.bitrix24.example', UF_PHONE_INNER: '102', ADMIN: false },
      ],
    ),
    webhooks: structuredClone(options.webhooks ?? [{ userId: BITRIX24_DEFAULT_USER_ID, secret: BITRIX24_DEFAULT_WEBHOOK_SECRET }]),
    appTokens: structuredClone(options.appTokens ?? [{ accessToken: BITRIX24_DEFAULT_APP_TOKEN, userId: 1, appId: 3 }]),
    calls: new Map(),
    files: new Map(),
    uploads: new Map(),
    nextFileId: 9001,
    nextActivityId: 7001,
    nextLeadId: 501,
  });
  let state = seed();

  const timeBlock = (started: number) => {
    const finish = now();
    return {
      start: started / 1000,
      finish: finish / 1000,
      duration: (finish - started) / 1000,
      processing: Math.floor((finish - started) / 1000),
      date_start: new Date(started).toISOString().replace(/\.\d{3}Z$/, '+00:00'),
      date_finish: new Date(finish).toISOString().replace(/\.\d{3}Z$/, '+00:00'),
      operating_reset_at: Math.floor(finish / 1000) + 600,
      operating: 0,
    };
  };

  const userById = (id: number) => state.users.find((u) => u.ID === id);

  const authenticate = (ctx: RequestContext, params: Params): AuthKind => {
    const hookUser = ctx.params['userId'];
    if (hookUser !== undefined) {
      const secret = ctx.params['secret'] ?? '';
      ctx.setAuth(`${hookUser}:${secret}`);
      const hook = state.webhooks.find((w) => String(w.userId) === hookUser && w.secret === secret);
      if (!hook) fail(401, 'INVALID_CREDENTIALS', 'Invalid request credentials');
      return { kind: 'webhook', userId: hook!.userId, scopes: hook!.scopes ?? BITRIX24_DEFAULT_SCOPES };
    }
    const token = str(params['auth']);
    if (!token) return fail(401, 'NO_AUTH_FOUND', 'Wrong authorization data');
    ctx.setAuth(token);
    const app = state.appTokens.find((t) => t.accessToken === token);
    if (!app && oauth.isExpired(token)) return fail(401, 'expired_token', 'The access token provided has expired');
    if (!app && oauth.accessClient(token) !== null)
      return { kind: 'oauth', userId: options.application?.userId ?? 1, appId: options.application?.appId ?? 3, scopes: BITRIX24_DEFAULT_SCOPES };
    // Not in the system-errors table; the portal's OAuth layer answers an unknown token in the same wording as expired_token.
    if (!app) return fail(401, 'invalid_token', 'The access token provided is invalid');
    if (app.expired) return fail(401, 'expired_token', 'The access token provided has expired');
    return { kind: 'oauth', userId: app.userId, appId: app.appId, scopes: app.scopes ?? BITRIX24_DEFAULT_SCOPES };
  };

  const requireApp = (auth: AuthKind) => {
    if (auth.kind === 'oauth' || registerAuth === 'app-or-webhook') return;
    fail(403, 'WRONG_AUTH_TYPE', 'Current authorization type is denied for this method');
  };

  const userOf = (params: Params): B24User => {
    const id = Number(str(params['USER_ID']) ?? 0);
    const inner = str(params['USER_PHONE_INNER']);
    if (!id && !inner) fail(400, 'ERROR_CORE', 'USER_ID or USER_PHONE_INNER should be set');
    const user = id ? userById(id) : state.users.find((u) => u.UF_PHONE_INNER === inner);
    if (!user) fail(400, 'ERROR_CORE', 'User is not found or is not active');
    return user!;
  };

  const register = (params: Params, auth: AuthKind) => {
    requireApp(auth);
    const user = userOf(params);
    const phone = str(params['PHONE_NUMBER']) ?? '';
    if (!/^\+?[0-9 ()-]{3,20}$/.test(phone)) fail(400, 'ERROR_CORE', 'Unsupported phone number format');
    const type = Number(str(params['TYPE']));
    if (![1, 2, 3, 4, 5].includes(type)) fail(400, 'ERROR_CORE', 'Unknown TYPE');
    const startRaw = str(params['CALL_START_DATE']);
    if (startRaw !== undefined && startRaw !== '' && Number.isNaN(Date.parse(startRaw)))
      fail(400, 'ERROR_CORE', 'CALL_START_DATE should be in the ISO-8601 format');
    const line = str(params['LINE_NUMBER']) ?? null;
    const external = str(params['EXTERNAL_CALL_ID']) ?? null;
    const at = now();
    // Docs: a repeated register with the same technical parameters within 30 minutes returns the same CALL_ID.
    for (const c of state.calls.values()) {
      if (
        !c.finished &&
        at - c.registeredAt < 30 * 60_000 &&
        c.PHONE_NUMBER === phone &&
        c.TYPE === type &&
        c.USER_ID === user.ID &&
        c.LINE_NUMBER === line &&
        c.EXTERNAL_CALL_ID === external
      ) {
        return {
          CALL_ID: c.CALL_ID,
          CRM_CREATED_LEAD: null,
          CRM_CREATED_ENTITIES: [],
          CRM_ENTITY_TYPE: c.CRM_ENTITY_TYPE,
          CRM_ENTITY_ID: c.CRM_ENTITY_ID,
        };
      }
    }
    let entityType = str(params['CRM_ENTITY_TYPE']) ?? null;
    let entityId = params['CRM_ENTITY_ID'] === undefined ? null : Number(params['CRM_ENTITY_ID']);
    let createdLead: number | null = null;
    if (entityType !== null && !['CONTACT', 'COMPANY', 'LEAD'].includes(entityType)) fail(400, 'ERROR_CORE', 'Unknown CRM_ENTITY_TYPE');
    if (entityType === null && String(params['CRM_CREATE'] ?? '0') === '1') {
      createdLead = state.nextLeadId++;
      entityType = 'LEAD';
      entityId = createdLead;
    }
    const call: B24Call = {
      CALL_ID: `externalCall.${randomBytes(16).toString('hex')}.${Math.floor(at / 1000)}`,
      EXTERNAL_CALL_ID: external,
      USER_ID: user.ID,
      PHONE_NUMBER: phone,
      LINE_NUMBER: line,
      TYPE: type,
      CALL_START_DATE: startRaw ? new Date(Date.parse(startRaw)).toISOString() : new Date(at).toISOString(),
      CRM_ENTITY_TYPE: entityType,
      CRM_ENTITY_ID: entityId,
      CRM_ACTIVITY_ID: null,
      registeredAt: at,
      finished: false,
      CALL_DURATION: null,
      CALL_FAILED_CODE: null,
      record: null,
      replaced: [],
    };
    state.calls.set(call.CALL_ID, call);
    return {
      CALL_ID: call.CALL_ID,
      CRM_CREATED_LEAD: createdLead,
      CRM_CREATED_ENTITIES: createdLead ? [{ ENTITY_TYPE: 'LEAD', ENTITY_ID: createdLead }] : [],
      CRM_ENTITY_TYPE: entityType,
      CRM_ENTITY_ID: entityId,
    };
  };

  const statisticRow = (c: B24Call) => ({
    ID: String(c.CRM_ACTIVITY_ID ?? 0),
    PORTAL_USER_ID: String(c.USER_ID),
    PORTAL_NUMBER: c.LINE_NUMBER ?? '',
    PHONE_NUMBER: c.PHONE_NUMBER,
    CALL_ID: c.CALL_ID,
    EXTERNAL_CALL_ID: c.EXTERNAL_CALL_ID,
    CALL_CATEGORY: 'external',
    CALL_DURATION: String(c.CALL_DURATION ?? 0),
    CALL_START_DATE: c.CALL_START_DATE.replace(/\.\d{3}Z$/, '+00:00'),
    CALL_RECORD_URL: c.record ? `/disk/downloadFile/${c.record.FILE_ID}/` : null,
    CALL_FAILED_CODE: c.CALL_FAILED_CODE ?? '200',
    CRM_ENTITY_TYPE: c.CRM_ENTITY_TYPE,
    CRM_ENTITY_ID: c.CRM_ENTITY_ID === null ? null : String(c.CRM_ENTITY_ID),
    CRM_ACTIVITY_ID: c.CRM_ACTIVITY_ID === null ? null : String(c.CRM_ACTIVITY_ID),
    RECORD_DURATION: c.record ? String(c.CALL_DURATION ?? 0) : null,
    RECORD_FILE_ID: c.record ? c.record.FILE_ID : null,
    CALL_TYPE: String(c.TYPE),
  });

  const finishedCall = (callId: unknown): B24Call => {
    const call = typeof callId === 'string' ? state.calls.get(callId) : undefined;
    // attachRecord docs: the call must be in the statistics, i.e. finished; the error code is empty.
    if (!call || !call.finished) fail(400, '', 'Call is not found in the statistic table. It looks like it is not finished yet.');
    return call!;
  };

  const store = (ctx: RequestContext, call: B24Call, fileName: string, data: Buffer, via: B24AttachedRecord['via']) => {
    const fileId = state.nextFileId++;
    state.files.set(fileId, { name: fileName, data });
    const record: B24AttachedRecord = {
      FILE_ID: fileId,
      fileName,
      size: data.length,
      via,
      sha256: createHash('sha256').update(data).digest('hex'),
      attachedAt: new Date(now()).toISOString(),
    };
    // Seed 004: one record per call; attaching again replaces the previous one.
    if (call.record) call.replaced.push(call.record);
    call.record = record;
    ctx.countWrite(`attach:${call.CALL_ID}`);
    return { FILE_ID: fileId };
  };

  /** One bounded download attempt: a timeout, a size cap, no redirects (docs: "one attempt ... in case of failure, an error"). */
  const download = async (url: string): Promise<Buffer> => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return fail(400, 'ERROR_CORE', 'Wrong RECORD_URL');
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') fail(400, 'ERROR_CORE', 'Wrong RECORD_URL');
    if (!options.allowPrivateRecordUrls && (await resolvesToPrivate(parsed.hostname))) {
      fail(400, '', 'Record URL resolves to a non-public address and was blocked.');
    }
    let res: Response;
    try {
      res = await fetch(parsed, { redirect: 'manual', signal: AbortSignal.timeout(recordUrlTimeoutMs) });
    } catch {
      return fail(400, 'SERVER_NOT_AVAILABLE', 'Record server is not available');
    }
    if (res.status < 200 || res.status >= 300) {
      await res.body?.cancel().catch(() => undefined);
      fail(400, 'ERROR_CORE', `Server returns HTTP error code ${res.status}`);
    }
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > recordUrlMaxBytes) {
      await res.body?.cancel().catch(() => undefined);
      fail(400, 'ERROR_CORE', 'Record file is too large');
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      const reader = res.body?.getReader();
      for (;;) {
        if (!reader) break;
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > recordUrlMaxBytes) {
          await reader.cancel().catch(() => undefined);
          fail(400, 'ERROR_CORE', 'Record file is too large');
        }
        chunks.push(Buffer.from(value));
      }
    } catch (e) {
      if (e instanceof B24Error) throw e;
      fail(400, 'SERVER_NOT_AVAILABLE', 'Record server closed the connection');
    }
    return Buffer.concat(chunks);
  };

  const finish = async (ctx: RequestContext, params: Params, auth: AuthKind) => {
    requireApp(auth);
    const user = userOf(params);
    const callId = params['CALL_ID'];
    if (typeof callId !== 'string') fail(400, 'INVALID_ARGUMENT', 'CALL_ID must be a string');
    const call = state.calls.get(callId as string);
    if (!call) return fail(400, 'ERROR_CORE', 'Call is not found');
    if (!call.finished) {
      call.finished = true;
      call.USER_ID = user.ID;
      call.CALL_DURATION = Number(str(params['DURATION']) ?? 0) || 0;
      call.CALL_FAILED_CODE = str(params['STATUS_CODE']) ?? '200';
      call.CRM_ACTIVITY_ID = state.nextActivityId++;
    }
    // Deprecated in favour of attachRecord, still honoured.
    const recordUrl = str(params['RECORD_URL']);
    if (recordUrl) {
      const name = new URL(recordUrl).pathname.split('/').pop() ?? 'record.mp3';
      store(ctx, call, FILE_EXT.test(name) ? name : `${name}.mp3`, await download(recordUrl), 'RECORD_URL');
    }
    return { ...statisticRow(call), COST: '0.0000', COST_CURRENCY: 'USD', CALL_VOTE: null };
  };

  const checkName = (name: string | undefined): string => {
    if (!name) fail(400, 'ERROR_CORE', 'File name is empty');
    if (!FILE_EXT.test(name!)) fail(400, 'ERROR_CORE', 'Wrong file extension. Only wav and mp3 are allowed');
    return name!;
  };

  const attachRecord = async (ctx: RequestContext, params: Params, auth: AuthKind) => {
    const recordUrl = str(params['RECORD_URL']);
    const fileName = str(params['FILENAME']);
    if (!recordUrl && fileName === undefined) {
      fail(400, '', 'Required parameters are not set. Request should contain either URL or FILENAME parameter');
    }
    const call = finishedCall(params['CALL_ID']);
    if (recordUrl) {
      const name = fileName || decodeURIComponent(new URL(recordUrl, 'http://x').pathname.split('/').pop() ?? '');
      checkName(name);
      return store(ctx, call, name, await download(recordUrl), 'RECORD_URL');
    }
    const name = checkName(fileName);
    const content = params['FILE_CONTENT'];
    if (content === undefined) {
      const token = `telephony|${Buffer.from(`callId=${call.CALL_ID}`).toString('base64url')}|${randomBytes(12).toString('hex')}`;
      state.uploads.set(token, { token, callId: call.CALL_ID, expiresAt: now() + uploadTtlMs, used: false });
      const q = new URLSearchParams();
      let base: string;
      if (auth.kind === 'oauth') {
        q.set('auth', str(params['auth'])!);
        base = `${ctx.origin}/rest/upload.json`;
      } else {
        base = `${ctx.origin}/rest/${ctx.params['userId']}/${ctx.params['secret']}/upload.json`;
      }
      q.set('token', token);
      return { uploadUrl: `${base}?${q.toString()}`, fieldName: 'file' };
    }
    if (typeof content !== 'string' || content === '') fail(400, 'ERROR_CORE', 'File content is empty.');
    const compact = (content as string).replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact) || compact.length % 4 !== 0) {
      fail(400, 'ERROR_CORE', 'File content is not properly encoded. Base64 encoding is expected.');
    }
    return store(ctx, call, name, Buffer.from(compact, 'base64'), 'FILE_CONTENT');
  };

  /** The target of an uploadUrl: multipart/form-data with the file in `fieldName` ("file"). */
  const upload = (ctx: RequestContext, params: Params) => {
    const token = str(params['token']);
    const pending = token ? state.uploads.get(token) : undefined;
    if (!pending || pending.used || pending.expiresAt < now()) fail(401, 'INVALID_TOKEN', 'Upload token is invalid or expired');
    const boundary = boundaryOf(String(ctx.headers['content-type'] ?? ''));
    const parts = ctx.contentType === 'multipart/form-data' && boundary ? parseMultipart(ctx.rawBytes, boundary) : null;
    const file = parts?.find((p) => p.name === 'file' && p.filename !== null);
    if (!file) fail(400, '', 'Error: required parameter file is not found');
    checkName(file!.filename ?? '');
    const call = finishedCall(pending!.callId);
    pending!.used = true;
    return store(ctx, call, file!.filename!, file!.data, 'uploadUrl');
  };

  const statisticGet = (params: Params) => {
    const filter = isObject(params['FILTER']) ? (params['FILTER'] as Record<string, unknown>) : {};
    const callId = str(filter['CALL_ID']);
    const rows = [...state.calls.values()].filter((c) => c.finished && (callId === undefined || c.CALL_ID === callId)).map(statisticRow);
    return { result: rows, total: rows.length };
  };

  const methods: Record<string, (ctx: RequestContext, params: Params, auth: AuthKind) => unknown | Promise<unknown>> = {
    profile: (_ctx, _p, auth) => {
      const u = userById(auth.userId)!;
      return { ID: String(u.ID), ADMIN: u.ADMIN, NAME: u.NAME, LAST_NAME: u.LAST_NAME, PERSONAL_GENDER: '', TIME_ZONE: '', TIME_ZONE_OFFSET: 0 };
    },
    'app.info': (_ctx, _p, auth) => {
      if (auth.kind !== 'oauth') fail(401, 'WRONG_AUTH_TYPE', 'Current authorization type is denied for this method');
      return {
        ID: (auth as { appId: number }).appId,
        CODE: 'local.sandbox',
        VERSION: 1,
        STATUS: 'L',
        INSTALLED: true,
        PAYMENT_EXPIRED: 'N',
        DAYS: null,
        LICENSE: 'en_project',
      };
    },
    'telephony.externalcall.register': (_ctx, p, auth) => register(p, auth),
    'telephony.externalcall.finish': (ctx, p, auth) => finish(ctx, p, auth),
    'telephony.externalcall.attachrecord': (ctx, p, auth) => attachRecord(ctx, p, auth),
    upload: (ctx, p) => upload(ctx, p),
  };

  const dispatch = async (ctx: RequestContext): Promise<Reply> => {
    const started = now();
    try {
      // The leaky bucket counts every request of the portal, whatever its auth (b24restdocs "limits").
      const rate = server.limiter.take('portal');
      if (!rate.ok) fail(503, 'QUERY_LIMIT_EXCEEDED', 'Too many requests');
      if (ctx.bodyError) fail(400, 'INVALID_REQUEST', 'Request body is not valid JSON');
      const params = paramsOf(ctx);
      const auth = authenticate(ctx, params);
      // Method names are case-insensitive; ".json"/".xml" is the transport.
      const method = (ctx.params['method'] ?? '').replace(/\.(json|xml)$/i, '').toLowerCase();
      const refused = accessRefusal(auth, method, options.restAvailable ?? true);
      if (refused) throw refused;
      if (method === 'voximplant.statistic.get') {
        const { result, total } = statisticGet(params);
        return { status: 200, body: { result, total, time: timeBlock(started) } };
      }
      const handler = methods[method];
      if (!handler) return fail(404, 'ERROR_METHOD_NOT_FOUND', 'Method not found!');
      const result = await handler(ctx, params, auth);
      return { status: 200, body: { result, time: timeBlock(started) } };
    } catch (e) {
      if (e instanceof B24Error) return errorBody(e.status, e.code, e.description);
      throw e;
    }
  };

  const routes: RouteDef[] = [];
  for (const method of ['GET', 'POST']) {
    routes.push({ method, path: '/rest/:userId/:secret/:method', handler: dispatch });
    routes.push({ method, path: '/rest/:method', handler: dispatch });
  }

  const seedFinishedCall = (input: { phoneNumber?: string; userId?: number; duration?: number } = {}): B24Call => {
    const at = now();
    const call: B24Call = {
      CALL_ID: `externalCall.${randomBytes(16).toString('hex')}.${Math.floor(at / 1000)}`,
      EXTERNAL_CALL_ID: null,
      USER_ID: input.userId ?? 1,
      PHONE_NUMBER: input.phoneNumber ?? '+15550100001',
      LINE_NUMBER: null,
      TYPE: 2,
      CALL_START_DATE: new Date(at).toISOString(),
      CRM_ENTITY_TYPE: 'CONTACT',
      CRM_ENTITY_ID: 797,
      CRM_ACTIVITY_ID: state.nextActivityId++,
      registeredAt: at,
      finished: true,
      CALL_DURATION: input.duration ?? 60,
      CALL_FAILED_CODE: '200',
      record: null,
      replaced: [],
    };
    state.calls.set(call.CALL_ID, call);
    return call;
  };

  const attachesPerCall = (): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(server.counts().writes)) if (k.startsWith('attach:')) out[k.slice(7)] = v;
    return out;
  };

  const callView = (c: B24Call) => ({ ...c });

  const controlRoutes: RouteDef[] = [
    { method: 'GET', path: '/__sandbox/calls', handler: () => ({ status: 200, body: { items: [...state.calls.values()].map(callView) } }) },
    {
      method: 'POST',
      path: '/__sandbox/calls',
      handler: (ctx) => ({
        status: 201,
        body: callView(seedFinishedCall(controlBody(ctx) as { phoneNumber?: string; userId?: number; duration?: number })),
      }),
    },
    {
      method: 'GET',
      path: '/__sandbox/calls/:callId',
      handler: (ctx) => {
        const c = state.calls.get(ctx.params['callId'] ?? '');
        return c ? { status: 200, body: callView(c) } : { status: 404, body: { error: 'no such call' } };
      },
    },
    {
      method: 'GET',
      path: '/__sandbox/files/:fileId',
      handler: (ctx) => {
        const f = state.files.get(Number(ctx.params['fileId']));
        return f
          ? { status: 200, headers: { 'content-type': 'application/octet-stream', 'x-file-name': f.name }, body: f.data }
          : { status: 404, body: { error: 'no such file' } };
      },
    },
    {
      method: 'PUT',
      path: '/__sandbox/app-tokens/:token/expired',
      handler: (ctx) => {
        const t = state.appTokens.find((a) => a.accessToken === ctx.params['token']);
        if (!t) throw new ControlError('unknown token');
        t.expired = controlBody(ctx)['expired'] !== false;
        return { status: 200, body: { expired: t.expired } };
      },
    },
    { method: 'GET', path: '/__sandbox/attaches', handler: () => ({ status: 200, body: attachesPerCall() }) },
  ];

  const server = new SandboxServer({
    name: 'bitrix24',
    routes: [...routes, ...bitrix24OAuthRoutes(oauth, options.application)],
    controlRoutes: [...controlRoutes, ...oauthControlRoutes(oauth)],
    profile: {
      errorReply: (status, message) => {
        const [code, text] = SYSTEM_ERRORS[status] ?? (status >= 500 ? ['INTERNAL_SERVER_ERROR', message] : ['ERROR_CORE', message]);
        return errorBody(status, code, status === 404 || status === 429 || status === 503 ? text : message || text);
      },
      // Metered inside dispatch: Bitrix24 answers an exceeded limit with 503 QUERY_LIMIT_EXCEEDED, not 429.
      rateLimitKey: () => null,
      redactQuery: ['auth', 'token', 'client_secret', 'refresh_token'],
      redactBody: ['auth', 'FILE_CONTENT', 'client_secret', 'refresh_token'],
      redactPath: (path) => path.replace(/^\/rest\/([^/]+)\/([^/]+)\/(?=[^/]+$)/, '/rest/$1/[redacted]/'),
    },
    rateLimit: options.rateLimit === undefined ? BITRIX24_DEFAULT_RATE_LIMIT : options.rateLimit,
    logLimit: options.logLimit,
    now: options.now,
    snapshotState: () => ({
      users: state.users,
      webhooks: state.webhooks.map((w) => ({ userId: w.userId, secret: '[redacted]' })),
      appTokens: state.appTokens.map((t) => ({ ...t, accessToken: '[redacted]' })),
      calls: [...state.calls.values()].map(callView),
    }),
    resetState: () => {
      state = seed();
      oauth.reset();
    },
  });

  return extendEmulator(
    baseEmulator(server, '', () => state),
    {
      oauth,
      call: (callId: string) => state.calls.get(callId),
      file: (fileId: number) => state.files.get(fileId)?.data,
      seedFinishedCall,
      attachesPerCall,
    },
  );
}
