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

export type MegafonMessageType = 'system' | 'client';

/** One record of GET /settings/recording, field names and order as in the Data API docs (seed 000). */
export interface MegafonRecordingSetting {
  is_internal_calls_recording_enabled: boolean;
  is_external_calls_recording_enabled: boolean;
  no_recording_employee_ids: number[];
  is_talk_option_enabled: boolean;
  talk_option_button: string;
  is_recording_notification_enabled: boolean;
  recording_notification_audio_message_type: MegafonMessageType | null;
  recording_notification_media_file_id: number | null;
  recording_notification_text: string | null;
  recording_notification_text_voice_id: number | null;
  id: number;
}

export interface MegafonEmployee {
  id: number;
  first_name: string | null;
  last_name: string | null;
  full_name: string;
  short_phone: string;
  email: string | null;
  login: string;
  [extra: string]: unknown;
}

export interface MegafonMelody {
  id: number;
  name: string;
}

export interface MegafonState {
  settings: MegafonRecordingSetting[];
  employees: MegafonEmployee[];
  melodies: { client: MegafonMelody[]; system: MegafonMelody[] };
  /** Tokens the cabinet has issued and not yet replaced. */
  tokens: string[];
  /** Addresses allowed in the cabinet; null when the list is switched off. */
  allowedIps: string[] | null;
}

export interface MegafonEmulatorOptions {
  /** Accepted `Authorization` tokens. Default: ["megafon-sandbox-token"]. */
  tokens?: string[];
  settings?: MegafonRecordingSetting[];
  employees?: MegafonEmployee[];
  clientMelodies?: MegafonMelody[];
  systemMelodies?: MegafonMelody[];
  /** Per-token limit answered with 429 + Retry-After; null disables. Default 10/s, burst 20. */
  rateLimit?: RateLimitOptions | null;
  /**
   * The cabinet's IP allow-list. Default [] (deny everyone), as the real cabinet does until the customer adds an
   * address; null switches the list off (for tests that are not about it).
   */
  allowedIps?: string[] | null;
  logLimit?: number;
  now?: () => number;
}

export interface MegafonEmulator extends Emulator<MegafonState> {
  /** Generating a new token in the cabinet invalidates the old one; returns the new token. */
  rotateToken(token?: string): string;
  setting(id: number): MegafonRecordingSetting | undefined;
  /** Changes a record directly, as an administrator would in the cabinet (no API validation). */
  setSetting(id: number, patch: Partial<MegafonRecordingSetting>): MegafonRecordingSetting;
  /** Replaces the cabinet's IP allow-list, as the customer does in the cabinet; null switches it off. */
  allowIps(ips: string[] | null): void;
}

export const MEGAFON_DEFAULT_TOKEN = 'megafon-sandbox-token';
export const MEGAFON_DEFAULT_RATE_LIMIT: RateLimitOptions = { requestsPerSecond: 10, burst: 20 };

/** Employees from the docs' GET /employee example, trimmed to the fields the recording settings need. */
export function megafonSeedEmployees(): MegafonEmployee[] {
  const e = (id: number, first: string | null, last: string, shortPhone: string, login: string, email: string | null): MegafonEmployee => ({
    id,
    first_name: first,
    last_name: last,
    full_name: first ? `${last} ${first}` : last,
    short_phone: shortPhone,
    email,
    login,
    role: 'employee',
    is_sip_registered: false,
  });
  return [
    e(125, null, 'Администратор', '700', 'admin@vats1200054.cp.megafon.ru', 'admin@example.ru'),
    e(129, 'Дарья', 'Тестова', '951', 'test1@vats1200054.cp.megafon.ru', 'test1@example.ru'),
    e(137, null, 'Оператор', '658', 'operator@vats1200054.cp.megafon.ru', null),
    e(145, 'Иван', 'Иванов', '135', 'ivanov@vats1200054.cp.megafon.ru', 'ivanov@example.ru'),
  ];
}

export function megafonSeedSettings(): MegafonRecordingSetting[] {
  return [
    // The docs' GET /settings/recording example record.
    {
      is_internal_calls_recording_enabled: true,
      is_external_calls_recording_enabled: true,
      no_recording_employee_ids: [125],
      is_talk_option_enabled: true,
      talk_option_button: '2',
      is_recording_notification_enabled: true,
      recording_notification_audio_message_type: 'client',
      recording_notification_media_file_id: 736,
      recording_notification_text: null,
      recording_notification_text_voice_id: null,
      id: 51,
    },
    {
      is_internal_calls_recording_enabled: false,
      is_external_calls_recording_enabled: false,
      no_recording_employee_ids: [],
      is_talk_option_enabled: false,
      talk_option_button: '2',
      is_recording_notification_enabled: false,
      recording_notification_audio_message_type: null,
      recording_notification_media_file_id: null,
      recording_notification_text: null,
      recording_notification_text_voice_id: null,
      id: 52,
    },
  ];
}

export function megafonSeedMelodies(): { client: MegafonMelody[]; system: MegafonMelody[] } {
  return {
    client: [
      { id: 736, name: 'Уведомление о записи.mp3' },
      { id: 737, name: 'Запись для юристов.wav' },
    ],
    system: [
      { id: 1, name: 'Разговор записывается' },
      { id: 2, name: 'Ваш звонок может быть записан' },
    ],
  };
}

interface Detail {
  field: string;
  message: string;
}

const BOOLEAN_FIELDS = [
  'is_internal_calls_recording_enabled',
  'is_external_calls_recording_enabled',
  'is_talk_option_enabled',
  'is_recording_notification_enabled',
] as const;

function megafonError(status: number, code: string, message: string, details?: Detail[]): Reply {
  const error: Record<string, unknown> = { code, message };
  if (details && details.length) error['details'] = details;
  return { status, body: { error } };
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

function parseId(value: unknown): number | null {
  if (isInt(value)) return value;
  // The docs' own PUT example sends "id": "51" (a string) although the table says Integer.
  if (typeof value === 'string' && /^[0-9]+$/.test(value)) return Number.parseInt(value, 10);
  return null;
}

/** PUT /settings/recording/{id}: a full replacement with every documented rule enforced (seed 000). */
function validatePut(body: Record<string, unknown>, pathId: number, state: MegafonState): { details: Detail[]; record?: MegafonRecordingSetting } {
  const details: Detail[] = [];
  const need = (field: string): boolean => {
    if (!has(body, field) || body[field] === null || body[field] === undefined) {
      details.push({ field, message: 'обязательное поле (required)' });
      return false;
    }
    return true;
  };
  for (const field of BOOLEAN_FIELDS) {
    if (need(field) && typeof body[field] !== 'boolean') details.push({ field, message: 'must be a boolean' });
  }

  let employeeIds: number[] = [];
  if (need('no_recording_employee_ids')) {
    const ids = body['no_recording_employee_ids'];
    if (!Array.isArray(ids)) details.push({ field: 'no_recording_employee_ids', message: 'must be an array of employee ids' });
    else {
      const known = new Set(state.employees.map((e) => e.id));
      ids.forEach((id, i) => {
        if (!isInt(id)) details.push({ field: `no_recording_employee_ids[${i}]`, message: 'must be an integer' });
        else if (!known.has(id)) details.push({ field: `no_recording_employee_ids[${i}]`, message: `employee ${id} not found` });
      });
      employeeIds = [...new Set(ids.filter(isInt))];
    }
  }

  if (need('talk_option_button')) {
    if (body['talk_option_button'] !== '2') details.push({ field: 'talk_option_button', message: 'only "2" is allowed' });
  }

  let id: number | null = null;
  if (need('id')) {
    id = parseId(body['id']);
    if (id === null) details.push({ field: 'id', message: 'must be an integer' });
    else if (id !== pathId) details.push({ field: 'id', message: `does not match the id in the path (${pathId})` });
  }

  const enabled = body['is_recording_notification_enabled'] === true;
  let type: MegafonMessageType | null = null;
  const rawType = body['recording_notification_audio_message_type'];
  if (rawType !== undefined && rawType !== null) {
    if (rawType === 'system') type = 'system';
    // The table names the library "custom", both of the docs' examples send "client"; both mean "Моя аудиотека".
    else if (rawType === 'client' || rawType === 'custom') type = 'client';
    else details.push({ field: 'recording_notification_audio_message_type', message: 'must be one of system, client, custom' });
  } else if (enabled) {
    details.push({ field: 'recording_notification_audio_message_type', message: 'required when is_recording_notification_enabled is true' });
  }

  let mediaId: number | null = null;
  const rawMedia = body['recording_notification_media_file_id'];
  if (rawMedia !== undefined && rawMedia !== null && !isInt(rawMedia)) {
    details.push({ field: 'recording_notification_media_file_id', message: 'must be an integer' });
  } else if (enabled && type === 'client') {
    if (!isInt(rawMedia)) {
      details.push({ field: 'recording_notification_media_file_id', message: 'required when the message type is client (custom)' });
    } else if (!state.melodies.client.some((m) => m.id === rawMedia)) {
      details.push({ field: 'recording_notification_media_file_id', message: `media file ${rawMedia} not found in /melodies/client` });
    } else mediaId = rawMedia;
  } else if (enabled && type === 'system' && isInt(rawMedia)) {
    if (!state.melodies.system.some((m) => m.id === rawMedia)) {
      details.push({ field: 'recording_notification_media_file_id', message: `media file ${rawMedia} not found in /melodies/system` });
    } else mediaId = rawMedia;
  }

  const text = body['recording_notification_text'];
  if (text !== undefined && text !== null && typeof text !== 'string') {
    details.push({ field: 'recording_notification_text', message: 'must be a string' });
  }
  const voice = body['recording_notification_text_voice_id'];
  if (voice !== undefined && voice !== null && !isInt(voice)) {
    details.push({ field: 'recording_notification_text_voice_id', message: 'must be an integer' });
  }

  if (details.length || id === null) return { details };
  return {
    details,
    record: {
      is_internal_calls_recording_enabled: body['is_internal_calls_recording_enabled'] as boolean,
      is_external_calls_recording_enabled: body['is_external_calls_recording_enabled'] as boolean,
      no_recording_employee_ids: employeeIds,
      is_talk_option_enabled: body['is_talk_option_enabled'] as boolean,
      talk_option_button: '2',
      is_recording_notification_enabled: enabled,
      recording_notification_audio_message_type: type,
      // The docs' PUT example answers media_file_id null for a disabled notification: an unused value is not kept.
      recording_notification_media_file_id: enabled ? mediaId : null,
      // Documented as "пока не используется" (not used yet): accepted, never stored.
      recording_notification_text: null,
      recording_notification_text_voice_id: null,
      id,
    },
  };
}

function normalizeSetting(id: number, patch: Partial<MegafonRecordingSetting>, base?: MegafonRecordingSetting): MegafonRecordingSetting {
  const defaults: MegafonRecordingSetting = {
    is_internal_calls_recording_enabled: false,
    is_external_calls_recording_enabled: false,
    no_recording_employee_ids: [],
    is_talk_option_enabled: false,
    talk_option_button: '2',
    is_recording_notification_enabled: false,
    recording_notification_audio_message_type: null,
    recording_notification_media_file_id: null,
    recording_notification_text: null,
    recording_notification_text_voice_id: null,
    id,
  };
  return { ...defaults, ...(base ?? {}), ...patch, id };
}

/**
 * The cabinet's IP allow-list check: every address is denied until the customer allows it (README 000). The docs
 * give no error body, so ours names the address and what to do about it.
 */
function ipDenial(allowed: string[] | null, remoteAddress: string): Reply | null {
  if (allowed === null) return null;
  const ip = remoteAddress.replace(/^::ffff:/, '');
  if (allowed.includes(ip)) return null;
  return megafonError(403, 'ip_not_allowed', `Access from IP address ${ip} is denied: add it to the allowed addresses in the cabinet`);
}

export function createMegafonEmulator(options: MegafonEmulatorOptions = {}): MegafonEmulator {
  const seed = (): MegafonState => ({
    settings: structuredClone(options.settings ?? megafonSeedSettings()),
    employees: structuredClone(options.employees ?? megafonSeedEmployees()),
    melodies: {
      client: structuredClone(options.clientMelodies ?? megafonSeedMelodies().client),
      system: structuredClone(options.systemMelodies ?? megafonSeedMelodies().system),
    },
    tokens: [...(options.tokens ?? [MEGAFON_DEFAULT_TOKEN])],
    allowedIps: options.allowedIps === undefined ? [] : options.allowedIps === null ? null : [...options.allowedIps],
  });
  let state = seed();

  const tokenOf = (ctx: RequestContext): string | null => {
    const header = ctx.headers['authorization'];
    return typeof header === 'string' && header.length ? header : null;
  };

  /** Runs the cabinet's checks every Data API method shares: IP allow-list, then the token. */
  const guarded =
    (handler: (ctx: RequestContext) => Reply): ((ctx: RequestContext) => Reply) =>
    (ctx) => {
      const denied = ipDenial(state.allowedIps, ctx.remoteAddress);
      if (denied) return denied;
      const token = tokenOf(ctx);
      if (token) ctx.setAuth(token);
      // The docs say the header carries the token itself, with no scheme word.
      if (!token || !state.tokens.includes(token)) {
        return megafonError(401, 'unauthorized', token ? 'Invalid token' : 'Authorization header is required');
      }
      return handler(ctx);
    };

  const routes: RouteDef[] = [
    {
      method: 'GET',
      path: '/settings/recording',
      handler: guarded(() => ({ status: 200, body: [...state.settings].sort((a, b) => a.id - b.id) })),
    },
    {
      method: 'PUT',
      path: '/settings/recording/:id',
      handler: guarded((ctx) => {
        const pathId = /^[0-9]+$/.test(ctx.params['id'] ?? '') ? Number.parseInt(ctx.params['id']!, 10) : null;
        const index = pathId === null ? -1 : state.settings.findIndex((s) => s.id === pathId);
        if (pathId === null || index < 0) return megafonError(404, 'not_found', `Recording setting ${ctx.params['id']} not found`);
        if (ctx.contentType !== 'application/json') {
          return megafonError(415, 'unsupported_media_type', 'Content-Type must be application/json; charset=UTF-8');
        }
        if (ctx.bodyError) return megafonError(400, 'bad_request', `Malformed JSON: ${ctx.bodyError}`);
        if (!isObject(ctx.body)) return megafonError(400, 'bad_request', 'Body must be a JSON object');
        const { details, record } = validatePut(ctx.body, pathId, state);
        if (!record) return megafonError(400, 'validation_error', 'Validation failed', details);
        state.settings[index] = record;
        ctx.countWrite(`settings:${pathId}`);
        return { status: 200, body: record };
      }),
    },
    { method: 'GET', path: '/employee', handler: guarded(() => ({ status: 200, body: state.employees })) },
    { method: 'GET', path: '/melodies/client', handler: guarded(() => ({ status: 200, body: state.melodies.client })) },
    { method: 'GET', path: '/melodies/system', handler: guarded(() => ({ status: 200, body: state.melodies.system })) },
  ];

  const rotateToken = (token?: string): string => {
    const next = token ?? `megafon-${randomBytes(12).toString('hex')}`;
    state.tokens = [next];
    return next;
  };

  const setSetting = (id: number, patch: Partial<MegafonRecordingSetting>): MegafonRecordingSetting => {
    const index = state.settings.findIndex((s) => s.id === id);
    const next = normalizeSetting(id, patch, index >= 0 ? state.settings[index] : undefined);
    if (index >= 0) state.settings[index] = next;
    else state.settings.push(next);
    return next;
  };

  const controlRoutes: RouteDef[] = [
    {
      method: 'PUT',
      path: '/__sandbox/state/settings/:id',
      handler: (ctx) => {
        const id = Number.parseInt(ctx.params['id'] ?? '', 10);
        if (!Number.isInteger(id)) throw new ControlError('id must be an integer');
        return { status: 200, body: setSetting(id, controlBody(ctx) as Partial<MegafonRecordingSetting>) };
      },
    },
    {
      method: 'DELETE',
      path: '/__sandbox/state/settings/:id',
      handler: (ctx) => {
        const id = Number.parseInt(ctx.params['id'] ?? '', 10);
        state.settings = state.settings.filter((s) => s.id !== id);
        return { status: 204 };
      },
    },
    {
      method: 'PUT',
      path: '/__sandbox/state/employees',
      handler: (ctx) => {
        const list = controlBody(ctx)['employees'];
        if (!Array.isArray(list)) throw new ControlError('employees must be an array');
        state.employees = list as MegafonEmployee[];
        return { status: 200, body: state.employees };
      },
    },
    {
      method: 'PUT',
      path: '/__sandbox/state/melodies/:kind',
      handler: (ctx) => {
        const kind = ctx.params['kind'];
        if (kind !== 'client' && kind !== 'system') throw new ControlError('kind must be client or system');
        const list = controlBody(ctx)['melodies'];
        if (!Array.isArray(list)) throw new ControlError('melodies must be an array');
        state.melodies[kind] = list as MegafonMelody[];
        return { status: 200, body: state.melodies[kind] };
      },
    },
    {
      method: 'PUT',
      path: '/__sandbox/state/allowed-ips',
      handler: (ctx) => {
        const ips = controlBody(ctx)['allowedIps'];
        if (ips !== null && !(Array.isArray(ips) && ips.every((ip) => typeof ip === 'string')))
          throw new ControlError('allowedIps must be an array of strings or null');
        state.allowedIps = ips === null ? null : [...(ips as string[])];
        return { status: 200, body: { allowedIps: state.allowedIps } };
      },
    },
    {
      method: 'POST',
      path: '/__sandbox/token',
      handler: (ctx) => {
        const token = controlBody(ctx)['token'];
        if (token !== undefined && (typeof token !== 'string' || token.length === 0)) throw new ControlError('token must be a non-empty string');
        return { status: 200, body: { token: rotateToken(token as string | undefined) } };
      },
    },
  ];

  const server = new SandboxServer({
    name: 'megafon',
    routes,
    controlRoutes,
    profile: {
      errorReply: (status, message) => megafonError(status, CODE_BY_STATUS[status] ?? (status >= 500 ? 'server_error' : 'error'), message),
      rateLimitKey: (ctx) => tokenOf(ctx) ?? `ip:${ctx.remoteAddress}`,
      redactBody: [],
    },
    rateLimit: options.rateLimit === undefined ? MEGAFON_DEFAULT_RATE_LIMIT : options.rateLimit,
    logLimit: options.logLimit,
    now: options.now,
    snapshotState: () => ({ ...structuredClone(state), tokens: state.tokens.map(() => '[redacted]') }),
    resetState: () => {
      state = seed();
    },
  });

  return extendEmulator(
    baseEmulator(server, '', () => state),
    {
      rotateToken,
      setting: (id: number) => state.settings.find((s) => s.id === id),
      setSetting,
      allowIps: (ips: string[] | null) => {
        state.allowedIps = ips === null ? null : [...ips];
      },
    },
  );
}
