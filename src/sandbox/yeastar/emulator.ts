import { randomBytes } from 'node:crypto';

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
import { LoginLockout, badCredentials, clientAddress, type LoginLockoutOptions, type LoginLockoutStats } from './lockout';

export const YEASTAR_API_PATH = '/openapi/v1.0';
export const YEASTAR_DEFAULT_CLIENT_ID = 'yeastar-sandbox-client-id';
export const YEASTAR_DEFAULT_CLIENT_SECRET = 'yeastar-sandbox-client-secret';

export type Flag = 0 | 1;
export type ExtTargetType = 'extension' | 'ext_group' | 'organization';

export interface TrunkTarget {
  id: number;
  enb_config: Flag;
  number_value: number;
}
export interface ExtTarget {
  id: number;
  type: ExtTargetType;
}
export interface IdTarget {
  id: number;
}

/** Stored auto-record configuration (targets by id; names are rendered from the PBX on read). */
export interface YeastarAutoRecord {
  enb_internal: Flag;
  internal_prompt: string;
  outbound_prompt: string;
  inbound_prompt: string;
  enb_channel_separate: Flag;
  record_file_format: 'wav' | 'mp3';
  enb_paging: Flag;
  start_prompt: string;
  end_prompt: string;
  record_trunk_list: TrunkTarget[];
  record_ext_list: ExtTarget[];
  record_conference_list: IdTarget[];
  record_queue_list: IdTarget[];
  record_ivr_list: IdTarget[];
}

export interface YeastarPbx {
  trunks: { id: number; name: string; type: string }[];
  extensions: { id: number; number: string; name: string }[];
  extGroups: { id: number; name: string }[];
  organizations: { id: number; name: string }[];
  queues: { id: number; number: string; name: string }[];
  ivrs: { id: number; number: string; name: string }[];
  conferences: { id: number; number: string; name: string }[];
  customPrompts: string[];
}

interface IssuedToken {
  expiresAt: number;
  pair: string;
}

export interface YeastarState {
  autoRecord: YeastarAutoRecord;
  pbx: YeastarPbx;
  accessTokens: Map<string, IssuedToken>;
  refreshTokens: Map<string, IssuedToken>;
  tokensIssued: number;
  peakActiveTokens: number;
}

export interface YeastarEmulatorOptions {
  clientId?: string;
  clientSecret?: string;
  /** Documented: 1800 s access, 86400 s refresh. Shorten for tests, or call expireTokens(). */
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  /** Concurrently valid access tokens per API client (Cloud Edition docs: 8). */
  maxAccessTokens?: number;
  pbx?: YeastarPbx;
  autoRecord?: Partial<YeastarAutoRecord>;
  /** The docs give no rate limit; null (default) disables the per-token limiter. */
  rateLimit?: RateLimitOptions | null;
  /** Lock-out after repeated failed logins from one address (default 5 failures, 600 s); null disables. */
  loginLockout?: LoginLockoutOptions | null;
  logLimit?: number;
  now?: () => number;
}

export interface YeastarTokenStats {
  getTokenCalls: number;
  refreshTokenCalls: number;
  issued: number;
  active: number;
  /** The most access tokens that were valid at once since the last reset (what the PBX's cap counts). */
  peakActive: number;
}

export interface YeastarEmulator extends Emulator<YeastarState> {
  /** Makes every access and refresh token expired now. */
  expireTokens(options?: { refresh?: boolean }): void;
  tokenStats(): YeastarTokenStats;
  /** Changes the auto-record settings directly, as an administrator would in the web portal. */
  setAutoRecord(patch: Partial<YeastarAutoRecord>): YeastarAutoRecord;
  /** GET autorecord/get's `auto_record` object as the API renders it. */
  renderAutoRecord(): Record<string, unknown>;
  /** Failed-login counts and blocked addresses. */
  lockoutStats(): LoginLockoutStats;
  /** Deletes an address (or every address) from the blocked IP list, as an administrator would. */
  unblockIp(address?: string): void;
}

export function yeastarSeedPbx(): YeastarPbx {
  // Ids follow the seed's update example (trunk 5, extension 18, conference 1, IVR 5, queue 9).
  return {
    trunks: [
      { id: 5, name: 'SIP-Trunk-Main', type: 'register' },
      { id: 6, name: 'Peer-Trunk-Backup', type: 'peer' },
    ],
    extensions: [
      { id: 18, number: '1000', name: 'Leo Ball' },
      { id: 19, number: '1001', name: 'Mia Chen' },
      { id: 20, number: '1002', name: 'Omar Haddad' },
    ],
    extGroups: [
      { id: 3, name: 'Sales' },
      { id: 4, name: 'Support' },
    ],
    organizations: [{ id: 1, name: 'Headquarters' }],
    queues: [
      { id: 9, number: '6400', name: 'Payments' },
      { id: 10, number: '6401', name: 'Support Queue' },
    ],
    ivrs: [{ id: 5, number: '6200', name: 'Main IVR' }],
    conferences: [{ id: 1, number: '6500', name: 'Board Room' }],
    customPrompts: ['internal_record.wav', 'inbound_record.wav', 'outbound_record.wav', 'start_record.wav', 'end_record.wav'],
  };
}

export function yeastarDefaultAutoRecord(): YeastarAutoRecord {
  return {
    enb_internal: 0,
    internal_prompt: '',
    outbound_prompt: '',
    inbound_prompt: '',
    enb_channel_separate: 0,
    record_file_format: 'wav',
    enb_paging: 0,
    start_prompt: '',
    end_prompt: '',
    record_trunk_list: [],
    record_ext_list: [],
    record_conference_list: [],
    record_queue_list: [],
    record_ivr_list: [],
  };
}

interface InvalidParam {
  field: string;
  validation_type: string;
}

const ok = (extra: Record<string, unknown> = {}): Reply => ({ status: 200, body: { errcode: 0, errmsg: 'SUCCESS', ...extra } });
const fail = (errcode: number, errmsg: string, invalid?: InvalidParam[]): Reply => ({
  status: 200,
  body: invalid && invalid.length ? { errcode, errmsg, invalid_param_list: invalid } : { errcode, errmsg },
});
const TOKEN_EXPIRED = (): Reply => fail(10004, 'TOKEN EXPIRED');
const ACCESS_DENIED = (): Reply => fail(10005, 'ACCESS DENIED');
const SYNTAX_ERROR = (): Reply => fail(40001, 'PARAMETER SYNTAX ERROR');

const FLAG_FIELDS = ['enb_internal', 'enb_channel_separate', 'enb_paging'] as const;
const PROMPT_FIELDS = ['internal_prompt', 'outbound_prompt', 'inbound_prompt', 'start_prompt', 'end_prompt'] as const;
const DEFAULT_BEEP_INTERVAL = 15;

type Menu = 'extension' | 'ext_group' | 'org_list' | 'trunk' | 'queue' | 'ivr' | 'conference' | 'custom_prompt';

function menuItems(pbx: YeastarPbx, menu: Menu): { text: string; value: string; type?: string }[] {
  switch (menu) {
    case 'extension':
      return pbx.extensions.map((e) => ({ text: `${e.number}-${e.name}`, value: String(e.id) }));
    case 'ext_group':
      return pbx.extGroups.map((g) => ({ text: g.name, value: String(g.id) }));
    case 'org_list':
      return pbx.organizations.map((o) => ({ text: o.name, value: String(o.id) }));
    case 'trunk':
      return pbx.trunks.map((t) => ({ text: t.name, value: String(t.id), type: t.type }));
    case 'queue':
      return pbx.queues.map((q) => ({ text: `${q.number}-${q.name}`, value: String(q.id) }));
    case 'ivr':
      return pbx.ivrs.map((i) => ({ text: `${i.number}-${i.name}`, value: String(i.id) }));
    case 'conference':
      return pbx.conferences.map((c) => ({ text: `${c.number}-${c.name}`, value: String(c.id) }));
    case 'custom_prompt':
      // Auto-record prompts are referenced by file name (seed 001 example), so the value is the name.
      return pbx.customPrompts.map((p) => ({ text: p, value: p }));
  }
}

function parseMenu(raw: string | null): Menu | null {
  if (raw === null) return null;
  const m = raw.toLowerCase();
  if (m === 'organization') return 'org_list';
  // The P-Series docs spell the IVR menu "IVR"; the brief and other editions use lower case.
  const all: Menu[] = ['extension', 'ext_group', 'org_list', 'trunk', 'queue', 'ivr', 'conference', 'custom_prompt'];
  return (all as string[]).includes(m) ? (m as Menu) : null;
}

/** POST autorecord/update (seed 001): every field optional, flags integers 0/1, targets by id from the menu options. */
function validateUpdate(
  body: Record<string, unknown>,
  current: YeastarAutoRecord,
  pbx: YeastarPbx,
): { invalid: InvalidParam[]; missing: InvalidParam[]; next?: YeastarAutoRecord } {
  const invalid: InvalidParam[] = [];
  const missing: InvalidParam[] = [];
  const next: YeastarAutoRecord = structuredClone(current);

  const flag = (field: string, value: unknown): Flag | null => {
    if (!isInt(value)) {
      invalid.push({ field, validation_type: 'INVALID_TYPE' });
      return null;
    }
    if (value !== 0 && value !== 1) {
      invalid.push({ field, validation_type: 'INVALID_VALUE' });
      return null;
    }
    return value;
  };

  for (const field of FLAG_FIELDS) {
    if (!has(body, field)) continue;
    const v = flag(field, body[field]);
    if (v !== null) next[field] = v;
  }
  for (const field of PROMPT_FIELDS) {
    if (!has(body, field)) continue;
    const v = body[field];
    if (typeof v !== 'string') invalid.push({ field, validation_type: 'INVALID_TYPE' });
    else if (v !== '' && !pbx.customPrompts.includes(v)) missing.push({ field, validation_type: 'NOT_EXIST' });
    else next[field] = v;
  }
  if (has(body, 'record_file_format')) {
    const v = body['record_file_format'];
    if (v !== 'wav' && v !== 'mp3') invalid.push({ field: 'record_file_format', validation_type: 'INVALID_VALUE' });
    else next.record_file_format = v;
  }

  const list = (field: string): Record<string, unknown>[] | null => {
    if (!has(body, field)) return null;
    const v = body[field];
    if (!Array.isArray(v)) {
      invalid.push({ field, validation_type: 'INVALID_TYPE' });
      return null;
    }
    const items: Record<string, unknown>[] = [];
    v.forEach((item, i) => {
      if (!isObject(item)) invalid.push({ field: `${field}[${i}]`, validation_type: 'INVALID_TYPE' });
      else items.push(item);
    });
    return items.length === v.length ? items : null;
  };
  const idOf = (field: string, item: Record<string, unknown>, i: number): number | null => {
    if (!has(item, 'id')) {
      invalid.push({ field: `${field}[${i}].id`, validation_type: 'REQUIRED' });
      return null;
    }
    if (!isInt(item['id'])) {
      invalid.push({ field: `${field}[${i}].id`, validation_type: 'INVALID_TYPE' });
      return null;
    }
    return item['id'];
  };

  const trunks = list('record_trunk_list');
  if (trunks) {
    const out: TrunkTarget[] = [];
    trunks.forEach((item, i) => {
      const id = idOf('record_trunk_list', item, i);
      const enb = has(item, 'enb_config') ? flag(`record_trunk_list[${i}].enb_config`, item['enb_config']) : 0;
      let interval = DEFAULT_BEEP_INTERVAL;
      if (has(item, 'number_value')) {
        const nv = item['number_value'];
        if (!isInt(nv)) invalid.push({ field: `record_trunk_list[${i}].number_value`, validation_type: 'INVALID_TYPE' });
        else if (nv < 1) invalid.push({ field: `record_trunk_list[${i}].number_value`, validation_type: 'INVALID_VALUE' });
        else interval = nv;
      }
      if (id === null || enb === null) return;
      if (!pbx.trunks.some((t) => t.id === id)) missing.push({ field: `record_trunk_list[${i}].id`, validation_type: 'NOT_EXIST' });
      else if (!out.some((t) => t.id === id)) out.push({ id, enb_config: enb, number_value: interval });
    });
    next.record_trunk_list = out;
  }

  const exts = list('record_ext_list');
  if (exts) {
    const out: ExtTarget[] = [];
    exts.forEach((item, i) => {
      const id = idOf('record_ext_list', item, i);
      const type = item['type'];
      if (!has(item, 'type')) {
        invalid.push({ field: `record_ext_list[${i}].type`, validation_type: 'REQUIRED' });
        return;
      }
      if (type !== 'extension' && type !== 'ext_group' && type !== 'organization') {
        invalid.push({ field: `record_ext_list[${i}].type`, validation_type: 'INVALID_VALUE' });
        return;
      }
      if (id === null) return;
      const pool = type === 'extension' ? pbx.extensions : type === 'ext_group' ? pbx.extGroups : pbx.organizations;
      if (!pool.some((e) => e.id === id)) missing.push({ field: `record_ext_list[${i}].id`, validation_type: 'NOT_EXIST' });
      else if (!out.some((e) => e.id === id && e.type === type)) out.push({ id, type });
    });
    next.record_ext_list = out;
  }

  const simple = (field: 'record_conference_list' | 'record_queue_list' | 'record_ivr_list', pool: { id: number }[]): void => {
    const items = list(field);
    if (!items) return;
    const out: IdTarget[] = [];
    items.forEach((item, i) => {
      const id = idOf(field, item, i);
      if (id === null) return;
      if (!pool.some((p) => p.id === id)) missing.push({ field: `${field}[${i}].id`, validation_type: 'NOT_EXIST' });
      else if (!out.some((o) => o.id === id)) out.push({ id });
    });
    next[field] = out;
  };
  simple('record_conference_list', pbx.conferences);
  simple('record_queue_list', pbx.queues);
  simple('record_ivr_list', pbx.ivrs);

  if (invalid.length || missing.length) return { invalid, missing };
  return { invalid, missing, next };
}

function render(ar: YeastarAutoRecord, pbx: YeastarPbx): Record<string, unknown> {
  const name = <T extends { id: number }>(pool: T[], id: number): T | undefined => pool.find((p) => p.id === id);
  return {
    enb_internal: ar.enb_internal,
    internal_prompt: ar.internal_prompt,
    outbound_prompt: ar.outbound_prompt,
    inbound_prompt: ar.inbound_prompt,
    enb_channel_separate: ar.enb_channel_separate,
    record_file_format: ar.record_file_format,
    enb_paging: ar.enb_paging,
    start_prompt: ar.start_prompt,
    end_prompt: ar.end_prompt,
    record_trunk_list: ar.record_trunk_list.map((t) => {
      const trunk = name(pbx.trunks, t.id);
      return { id: t.id, type: trunk?.type ?? '', text: trunk?.name ?? '', enb_config: t.enb_config, number_value: t.number_value };
    }),
    record_ext_list: ar.record_ext_list.map((e) => {
      if (e.type === 'extension') {
        const ext = name(pbx.extensions, e.id);
        return { id: e.id, type: e.type, text: ext?.name ?? '', text2: ext?.number ?? '' };
      }
      const group = name(e.type === 'ext_group' ? pbx.extGroups : pbx.organizations, e.id);
      return { id: e.id, type: e.type, text: group?.name ?? '', text2: group?.name ?? '' };
    }),
    record_conference_list: ar.record_conference_list.map((c) => ({ id: c.id, text: name(pbx.conferences, c.id)?.name ?? '' })),
    record_queue_list: ar.record_queue_list.map((q) => ({ id: q.id, text: name(pbx.queues, q.id)?.name ?? '' })),
    record_ivr_list: ar.record_ivr_list.map((i) => ({ id: i.id, text: name(pbx.ivrs, i.id)?.name ?? '' })),
  };
}

export function createYeastarEmulator(options: YeastarEmulatorOptions = {}): YeastarEmulator {
  const now = options.now ?? Date.now;
  const clientId = options.clientId ?? YEASTAR_DEFAULT_CLIENT_ID;
  const clientSecret = options.clientSecret ?? YEASTAR_DEFAULT_CLIENT_SECRET;
  const accessTtl = options.accessTokenTtlSeconds ?? 1800;
  const refreshTtl = options.refreshTokenTtlSeconds ?? 86400;
  const maxTokens = options.maxAccessTokens ?? 8;

  const seed = (): YeastarState => ({
    autoRecord: { ...yeastarDefaultAutoRecord(), ...structuredClone(options.autoRecord ?? {}) },
    pbx: structuredClone(options.pbx ?? yeastarSeedPbx()),
    accessTokens: new Map(),
    refreshTokens: new Map(),
    tokensIssued: 0,
    peakActiveTokens: 0,
  });
  let state = seed();
  let lockout = options.loginLockout === null ? null : new LoginLockout(options.loginLockout ?? {}, now);

  const prune = (): void => {
    const t = now();
    for (const [k, v] of state.accessTokens) if (v.expiresAt <= t) state.accessTokens.delete(k);
    for (const [k, v] of state.refreshTokens) if (v.expiresAt <= t) state.refreshTokens.delete(k);
  };

  const issue = (): Reply => {
    const access = randomBytes(16).toString('hex');
    const refresh = randomBytes(16).toString('hex');
    const t = now();
    state.accessTokens.set(access, { expiresAt: t + accessTtl * 1000, pair: refresh });
    state.refreshTokens.set(refresh, { expiresAt: t + refreshTtl * 1000, pair: access });
    state.tokensIssued += 1;
    prune();
    state.peakActiveTokens = Math.max(state.peakActiveTokens, state.accessTokens.size);
    return ok({ access_token_expire_time: accessTtl, access_token: access, refresh_token_expire_time: refreshTtl, refresh_token: refresh });
  };

  const hasUserAgent = (ctx: RequestContext): boolean => typeof ctx.headers['user-agent'] === 'string' && ctx.headers['user-agent'].length > 0;

  /** Every request needs a User-Agent (docs: "You MUST include a User-Agent header"). */
  const withAgent =
    (handler: (ctx: RequestContext) => Reply): ((ctx: RequestContext) => Reply) =>
    (ctx) =>
      hasUserAgent(ctx) ? handler(ctx) : ACCESS_DENIED();

  /** API calls carry access_token as a query parameter. */
  const authed = (handler: (ctx: RequestContext) => Reply): ((ctx: RequestContext) => Reply) =>
    withAgent((ctx) => {
      const token = ctx.query.get('access_token');
      if (token) ctx.setAuth(token);
      prune();
      if (!token || !state.accessTokens.has(token)) return TOKEN_EXPIRED();
      return handler(ctx);
    });

  const jsonObject = (ctx: RequestContext): Record<string, unknown> | null => (ctx.bodyError || !isObject(ctx.body) ? null : ctx.body);

  const routes: RouteDef[] = [
    {
      method: 'POST',
      path: `${YEASTAR_API_PATH}/get_token`,
      handler: withAgent((ctx) => {
        const body = jsonObject(ctx);
        if (!body) return SYNTAX_ERROR();
        const missing: InvalidParam[] = [];
        for (const f of ['username', 'password']) {
          if (typeof body[f] !== 'string' || body[f] === '') missing.push({ field: f, validation_type: 'REQUIRED' });
        }
        if (missing.length) return fail(40002, 'PARAMETER ERROR', missing);
        ctx.setAuth(String(body['username']));
        const address = clientAddress(ctx.remoteAddress);
        const blocked = lockout?.refusal(address);
        if (blocked) return blocked;
        if (body['username'] !== clientId || body['password'] !== clientSecret) {
          lockout?.failed(address);
          return badCredentials();
        }
        lockout?.succeeded(address);
        prune();
        // Cloud Edition docs: at most 8 valid access tokens at once; wait for expiry or revoke one.
        if (state.accessTokens.size >= maxTokens) return fail(-1, 'FAILURE');
        return issue();
      }),
    },
    {
      method: 'POST',
      path: `${YEASTAR_API_PATH}/refresh_token`,
      handler: withAgent((ctx) => {
        const body = jsonObject(ctx);
        if (!body) return SYNTAX_ERROR();
        const refresh = body['refresh_token'];
        if (typeof refresh !== 'string' || refresh === '')
          return fail(40002, 'PARAMETER ERROR', [{ field: 'refresh_token', validation_type: 'REQUIRED' }]);
        ctx.setAuth(refresh);
        const blocked = lockout?.refusal(clientAddress(ctx.remoteAddress));
        if (blocked) return blocked;
        prune();
        const entry = state.refreshTokens.get(refresh);
        if (!entry) return TOKEN_EXPIRED();
        state.refreshTokens.delete(refresh);
        state.accessTokens.delete(entry.pair);
        return issue();
      }),
    },
    {
      method: 'GET',
      path: `${YEASTAR_API_PATH}/del_token`,
      handler: authed((ctx) => {
        const token = ctx.query.get('access_token')!;
        const entry = state.accessTokens.get(token);
        state.accessTokens.delete(token);
        if (entry) state.refreshTokens.delete(entry.pair);
        return ok();
      }),
    },
    {
      method: 'GET',
      path: `${YEASTAR_API_PATH}/autorecord/get`,
      handler: authed(() => ok({ auto_record: render(state.autoRecord, state.pbx) })),
    },
    {
      method: 'POST',
      path: `${YEASTAR_API_PATH}/autorecord/update`,
      handler: authed((ctx) => {
        const body = jsonObject(ctx);
        if (!body) return SYNTAX_ERROR();
        const { invalid, missing, next } = validateUpdate(body, state.autoRecord, state.pbx);
        if (invalid.length) return fail(40002, 'PARAMETER ERROR', invalid);
        if (missing.length || !next) return fail(60001, 'DATA NOT FOUND', missing);
        state.autoRecord = next;
        ctx.countWrite('autorecord');
        return ok();
      }),
    },
    {
      method: 'GET',
      path: `${YEASTAR_API_PATH}/system/get_menuoptions`,
      handler: authed((ctx) => {
        const raw = ctx.query.get('menu');
        if (raw === null || raw === '') return fail(40002, 'PARAMETER ERROR', [{ field: 'menu', validation_type: 'REQUIRED' }]);
        const menu = parseMenu(raw);
        if (!menu) return fail(40002, 'PARAMETER ERROR', [{ field: 'menu', validation_type: 'INVALID_VALUE' }]);
        return ok({ data: menuItems(state.pbx, menu) });
      }),
    },
  ];

  const expireTokens = (opts: { refresh?: boolean } = {}): void => {
    const t = now() - 1;
    for (const v of state.accessTokens.values()) v.expiresAt = t;
    if (opts.refresh) for (const v of state.refreshTokens.values()) v.expiresAt = t;
  };

  const setAutoRecord = (patch: Partial<YeastarAutoRecord>): YeastarAutoRecord => {
    state.autoRecord = { ...state.autoRecord, ...structuredClone(patch) };
    return state.autoRecord;
  };

  const controlRoutes: RouteDef[] = [
    { method: 'GET', path: '/__sandbox/blocked-ips', handler: () => ({ status: 200, body: lockout?.stats() ?? { failures: {}, blocked: {} } }) },
    {
      method: 'DELETE',
      path: '/__sandbox/blocked-ips',
      handler: () => {
        lockout?.unblock();
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      path: '/__sandbox/tokens/expire',
      handler: (ctx) => {
        expireTokens({ refresh: controlBody(ctx)['refresh'] === true });
        return { status: 200, body: tokenStats() };
      },
    },
    { method: 'GET', path: '/__sandbox/tokens', handler: () => ({ status: 200, body: tokenStats() }) },
    {
      method: 'PUT',
      path: '/__sandbox/state/autorecord',
      handler: (ctx) => ({ status: 200, body: setAutoRecord(controlBody(ctx) as Partial<YeastarAutoRecord>) }),
    },
    {
      method: 'PUT',
      path: '/__sandbox/state/pbx',
      handler: (ctx) => {
        const patch = controlBody(ctx);
        for (const k of Object.keys(patch)) {
          if (!has(state.pbx as unknown as Record<string, unknown>, k)) throw new ControlError(`unknown pbx collection ${k}`);
        }
        state.pbx = { ...state.pbx, ...(patch as Partial<YeastarPbx>) };
        return { status: 200, body: state.pbx };
      },
    },
  ];

  const server = new SandboxServer({
    name: 'yeastar',
    routes,
    controlRoutes,
    profile: {
      errorReply: (status) => {
        if (status >= 500) return { status, body: { errcode: -2, errmsg: 'INTERNAL SERVER ERROR' } };
        return { status, body: { errcode: -1, errmsg: 'FAILURE' } };
      },
      rateLimitKey: (ctx) => ctx.query.get('access_token') ?? `ip:${ctx.remoteAddress}`,
      redactQuery: ['access_token'],
      redactBody: ['password', 'refresh_token'],
    },
    rateLimit: options.rateLimit ?? null,
    logLimit: options.logLimit,
    now,
    snapshotState: () => {
      prune();
      return {
        autoRecord: state.autoRecord,
        rendered: render(state.autoRecord, state.pbx),
        pbx: state.pbx,
        tokens: tokenStats(),
      };
    },
    resetState: () => {
      lockout = options.loginLockout === null ? null : new LoginLockout(options.loginLockout ?? {}, now);
      state = seed();
    },
  });

  function tokenStats(): YeastarTokenStats {
    prune();
    const byRoute = server.counts().byRoute;
    return {
      getTokenCalls: byRoute[`POST ${YEASTAR_API_PATH}/get_token`] ?? 0,
      refreshTokenCalls: byRoute[`POST ${YEASTAR_API_PATH}/refresh_token`] ?? 0,
      issued: state.tokensIssued,
      active: state.accessTokens.size,
      peakActive: state.peakActiveTokens,
    };
  }

  return extendEmulator(
    baseEmulator(server, YEASTAR_API_PATH, () => state),
    {
      expireTokens,
      tokenStats,
      setAutoRecord,
      renderAutoRecord: () => render(state.autoRecord, state.pbx),
      lockoutStats: () => lockout?.stats() ?? { failures: {}, blocked: {} },
      unblockIp: (address?: string) => lockout?.unblock(address),
    },
  );
}
