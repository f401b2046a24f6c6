import { randomUUID } from 'node:crypto';

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
import { mp3Silence, wavTone } from './audio';

/**
 * SignalWire Compatibility (LaML) API, the Recording resource of a call (seed 003, specs/signalwire, specs/twilio).
 * Decisions where the documents disagree or are silent: NOTES.md.
 */

export const SIGNALWIRE_API_VERSION = '2010-04-01';
export const SIGNALWIRE_API_PATH = `/api/laml/${SIGNALWIRE_API_VERSION}`;
export const SIGNALWIRE_DEFAULT_PROJECT_ID = '5c3a1f0e-7b2d-4c8e-9a41-0d6e2f8b9c17';
export const SIGNALWIRE_DEFAULT_API_TOKEN = 'PTsandbox0signalwire0api0token';
export const SIGNALWIRE_DEFAULT_RATE_LIMIT: RateLimitOptions = { requestsPerSecond: 20, burst: 40 };

const MORE_INFO = 'https://developer.signalwire.com/compatibility-api/rest/overview/error-codes';

export type SwRecordingStatus = 'in-progress' | 'paused' | 'stopped';
export type SwPauseBehavior = 'skip' | 'silence';

export interface SwCall {
  sid: string;
  accountSid: string;
  status: 'in-progress' | 'completed';
  from: string;
  to: string;
  startedAt: number;
  endedAt: number | null;
}

export interface SwRecording {
  sid: string;
  accountSid: string;
  callSid: string;
  channels: 1 | 2;
  source: 'StartCallRecordingApi';
  status: SwRecordingStatus;
  /** Behaviour of the current (or last) pause. */
  pauseBehavior: SwPauseBehavior | null;
  trim: 'trim-silence' | 'do-not-trim';
  track: 'inbound' | 'outbound' | 'both';
  statusCallback: string | null;
  createdAt: number;
  updatedAt: number;
  endedAt: number | null;
  /** Recorded milliseconds up to `since`; time after `since` counts while recording or paused with silence. */
  recordedMs: number;
  since: number;
  history: { status: SwRecordingStatus; pauseBehavior: SwPauseBehavior | null; at: number }[];
}

export interface SwProject {
  projectId: string;
  tokens: string[];
}

export interface SignalwireState {
  projects: SwProject[];
  calls: Map<string, SwCall>;
  recordings: Map<string, SwRecording>;
}

export interface SignalwireEmulatorOptions {
  /** Projects (AccountSid = project id) and their API tokens. Default: one project with SIGNALWIRE_DEFAULT_API_TOKEN. */
  projects?: SwProject[];
  /** Per-project limit answered with 429 (code 20429) + Retry-After; null disables. Default 20/s, burst 40. */
  rateLimit?: RateLimitOptions | null;
  /** Longest media served, in seconds (the file is generated). Default 3. */
  maxMediaSeconds?: number;
  logLimit?: number;
  now?: () => number;
}

export interface SignalwireEmulator extends Emulator<SignalwireState> {
  /** An answered call on the default (or given) project, as if a customer had dialled in. */
  createCall(input?: { accountSid?: string; from?: string; to?: string }): SwCall;
  /** The caller hangs up: the call completes and its running recordings stop. */
  hangup(callSid: string): SwCall;
  recording(sid: string): SwRecording | undefined;
  /** Recording resource as the API renders it now. */
  render(sid: string): Record<string, unknown> | null;
  /** Accepted start requests per call sid (counts().writes "start:<callSid>"). */
  startsPerCall(): Record<string, number>;
}

/** RFC 2822 as Twilio prints it: "Tue, 25 Sep 2018 23:00:00 +0000". */
export function rfc2822(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', '+0000');
}

function swError(status: number, code: number, message: string): Reply {
  return { status, body: { code, message, more_info: MORE_INFO, status } };
}

const CODE_BY_STATUS: Record<number, number> = { 400: 20001, 401: 20003, 403: 20403, 404: 20404, 405: 20004, 429: 20429, 500: 20500, 503: 20503 };

/** "abc.json" -> {id: "abc", ext: "json"}. */
function splitExt(segment: string): { id: string; ext: string } {
  const m = /^(.*?)(?:\.(json|wav|mp3|xml))?$/i.exec(segment)!;
  return { id: m[1]!, ext: (m[2] ?? '').toLowerCase() };
}

/**
 * The LaML API takes `application/x-www-form-urlencoded` bodies only (specs/signalwire: every requestBody names that
 * type alone; README 003). A JSON body is refused with the spec's 400 CompatibilityErrorResponse rather than read,
 * so an adapter that sends JSON cannot pass here and fail at SignalWire.
 */
function notForm(ctx: RequestContext): Reply | null {
  if (ctx.rawBody.length === 0 || ctx.contentType === 'application/x-www-form-urlencoded') return null;
  return swError(400, 20001, `Invalid request: the body must be application/x-www-form-urlencoded, not ${ctx.contentType || 'untyped'}`);
}

function formBody(ctx: RequestContext): Record<string, string> {
  if (ctx.contentType === 'application/x-www-form-urlencoded' && isObject(ctx.body)) {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(ctx.body)) if (typeof v === 'string') out[k] = v;
    return out;
  }
  return {};
}

export function createSignalwireEmulator(options: SignalwireEmulatorOptions = {}): SignalwireEmulator {
  const now = options.now ?? Date.now;
  const maxMediaSeconds = options.maxMediaSeconds ?? 3;

  const seed = (): SignalwireState => ({
    projects: structuredClone(options.projects ?? [{ projectId: SIGNALWIRE_DEFAULT_PROJECT_ID, tokens: [SIGNALWIRE_DEFAULT_API_TOKEN] }]),
    calls: new Map(),
    recordings: new Map(),
  });
  let state = seed();

  const basic = (ctx: RequestContext): { user: string; password: string } | null => {
    const h = String(ctx.headers['authorization'] ?? '');
    const m = /^Basic\s+(.+)$/i.exec(h);
    if (!m) return null;
    const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    return i < 0 ? null : { user: decoded.slice(0, i), password: decoded.slice(i + 1) };
  };

  const unauthorized = (message: string): Reply => {
    const r = swError(401, 20003, message);
    r.headers = { 'www-authenticate': 'Basic realm="SignalWire"' };
    return r;
  };

  /** HTTP Basic with project id and API token; the AccountSid in the path must be that project. */
  const authed =
    (handler: (ctx: RequestContext, accountSid: string) => Reply | Promise<Reply>) =>
    (ctx: RequestContext): Reply | Promise<Reply> => {
      const cred = basic(ctx);
      if (!cred) return unauthorized('Authentication Error - No credentials provided');
      ctx.setAuth(`${cred.user}:${cred.password}`);
      const project = state.projects.find((p) => p.projectId === cred.user);
      if (!project || !project.tokens.includes(cred.password)) return unauthorized('Authentication Error - invalid username or token');
      const account = splitExt(ctx.params['AccountSid'] ?? '').id;
      if (account !== project.projectId) return unauthorized(`Authentication Error - the credentials do not give access to account ${account}`);
      return handler(ctx, account);
    };

  const accountUri = (accountSid: string) => `${SIGNALWIRE_API_PATH}/Accounts/${accountSid}`;

  const settle = (rec: SwRecording, at: number): void => {
    const counting = rec.status === 'in-progress' || (rec.status === 'paused' && rec.pauseBehavior === 'silence');
    if (counting) rec.recordedMs += Math.max(0, at - rec.since);
    rec.since = at;
  };

  const recordedSeconds = (rec: SwRecording, at: number): number => {
    const counting = rec.status === 'in-progress' || (rec.status === 'paused' && rec.pauseBehavior === 'silence');
    return Math.floor((rec.recordedMs + (counting ? Math.max(0, at - rec.since) : 0)) / 1000);
  };

  const render = (rec: SwRecording): Record<string, unknown> => {
    const at = now();
    const seconds = recordedSeconds(rec, at);
    const stopped = rec.status === 'stopped';
    return {
      account_sid: rec.accountSid,
      api_version: SIGNALWIRE_API_VERSION,
      call_sid: rec.callSid,
      conference_sid: null,
      channels: rec.channels,
      date_created: rfc2822(rec.createdAt),
      date_updated: rfc2822(rec.updatedAt),
      start_time: rfc2822(rec.createdAt),
      end_time: rec.endedAt === null ? null : rfc2822(rec.endedAt),
      // Seed 003: price and duration are strings; price per started minute, known once the recording ends.
      price: stopped ? (-0.0025 * Math.max(1, Math.ceil(seconds / 60))).toFixed(4) : null,
      price_unit: 'USD',
      duration: String(seconds),
      sid: rec.sid,
      source: rec.source,
      status: rec.status,
      error_code: null,
      uri: `${accountUri(rec.accountSid)}/Calls/${rec.callSid}/Recordings/${rec.sid}.json`,
      subresource_uris: { transcriptions: `${accountUri(rec.accountSid)}/Recordings/${rec.sid}/Transcriptions.json` },
    };
  };

  const notFound = (ctx: RequestContext): Reply => swError(404, 20404, `The requested resource ${ctx.path} was not found`);
  const invalid = (message: string): Reply => swError(400, 20001, message);

  const listReply = (ctx: RequestContext, accountSid: string, items: SwRecording[], path: string): Reply => {
    const pageSizeRaw = ctx.query.get('PageSize');
    const pageRaw = ctx.query.get('Page');
    const pageSize = pageSizeRaw === null ? 50 : Number(pageSizeRaw);
    const page = pageRaw === null ? 0 : Number(pageRaw);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) return invalid('PageSize must be an integer from 1 to 1000');
    if (!Number.isInteger(page) || page < 0) return invalid('Page must be a non-negative integer');
    const sorted = [...items].sort((a, b) => b.createdAt - a.createdAt || (a.sid < b.sid ? 1 : -1));
    const slice = sorted.slice(page * pageSize, (page + 1) * pageSize);
    const q = (p: number) => `${path}?PageSize=${pageSize}&Page=${p}`;
    const hasNext = (page + 1) * pageSize < sorted.length;
    void accountSid;
    return {
      status: 200,
      body: {
        recordings: slice.map(render),
        page,
        page_size: pageSize,
        uri: q(page),
        first_page_uri: q(0),
        next_page_uri: hasNext ? q(page + 1) : null,
        previous_page_uri: page > 0 ? q(page - 1) : null,
      },
    };
  };

  const callOf = (accountSid: string, callSidParam: string): SwCall | undefined => {
    const call = state.calls.get(splitExt(callSidParam).id);
    return call && call.accountSid === accountSid ? call : undefined;
  };

  const startRecording = authed((ctx, accountSid) => {
    const call = callOf(accountSid, ctx.params['CallSid'] ?? '');
    if (!call) return notFound(ctx);
    const refused = notForm(ctx);
    if (refused) return refused;
    const f = formBody(ctx);
    const channels = f['RecordingChannels'] ?? 'mono';
    if (channels !== 'mono' && channels !== 'dual') return invalid(`RecordingChannels must be mono or dual, not '${channels}'`);
    const trim = f['Trim'] ?? 'do-not-trim';
    if (trim !== 'trim-silence' && trim !== 'do-not-trim') return invalid(`Trim must be trim-silence or do-not-trim, not '${trim}'`);
    const track = f['RecordingTrack'] ?? 'both';
    if (track !== 'inbound' && track !== 'outbound' && track !== 'both')
      return invalid(`RecordingTrack must be inbound, outbound or both, not '${track}'`);
    const method = f['RecordingStatusCallbackMethod'] ?? 'POST';
    if (method !== 'GET' && method !== 'POST') return invalid('RecordingStatusCallbackMethod must be GET or POST');
    const callback = f['RecordingStatusCallback'] ?? null;
    if (callback !== null) {
      let ok = false;
      try {
        ok = /^https?:$/.test(new URL(callback).protocol);
      } catch {
        ok = false;
      }
      if (!ok) return invalid('RecordingStatusCallback must be an absolute http(s) URL');
    }
    const events = (f['RecordingStatusCallbackEvent'] ?? 'completed').split(/\s+/).filter(Boolean);
    for (const e of events) if (!['in-progress', 'completed', 'absent'].includes(e)) return invalid(`Unknown RecordingStatusCallbackEvent '${e}'`);
    // Twilio error 21220: "Calls that have completed cannot be recorded".
    if (call.status !== 'in-progress') return swError(400, 21220, 'Invalid call state: the call is not in progress');
    const at = now();
    const rec: SwRecording = {
      sid: randomUUID(),
      accountSid,
      callSid: call.sid,
      channels: channels === 'dual' ? 2 : 1,
      source: 'StartCallRecordingApi',
      status: 'in-progress',
      pauseBehavior: null,
      trim,
      track,
      statusCallback: callback,
      createdAt: at,
      updatedAt: at,
      endedAt: null,
      recordedMs: 0,
      since: at,
      history: [{ status: 'in-progress', pauseBehavior: null, at }],
    };
    state.recordings.set(rec.sid, rec);
    ctx.countWrite(`start:${call.sid}`);
    return { status: 201, body: render(rec) };
  });

  /**
   * The Sid is the recording's uuid (specs/signalwire `CallSidPath`: format uuid). Twilio's `Twilio.CURRENT` alias
   * is not in SignalWire's spec, so it names no recording here: 404 like any unknown Sid.
   */
  const recordingOf = (accountSid: string, call: SwCall, sidParam: string): SwRecording | undefined => {
    const rec = state.recordings.get(splitExt(sidParam).id);
    return rec && rec.accountSid === accountSid && rec.callSid === call.sid ? rec : undefined;
  };

  const updateRecording = authed((ctx, accountSid) => {
    const call = callOf(accountSid, ctx.params['CallSid'] ?? '');
    const rec = call ? recordingOf(accountSid, call, ctx.params['Sid'] ?? '') : undefined;
    if (!rec) return notFound(ctx);
    const refused = notForm(ctx);
    if (refused) return refused;
    const f = formBody(ctx);
    const status = f['Status'];
    if (status === undefined) return invalid('Missing required parameter Status');
    if (status !== 'paused' && status !== 'in-progress' && status !== 'stopped') {
      return invalid(`Status must be one of paused, in-progress, stopped; not '${status}'`);
    }
    const behavior = f['PauseBehavior'];
    if (behavior !== undefined && behavior !== 'skip' && behavior !== 'silence')
      return invalid(`PauseBehavior must be skip or silence, not '${behavior}'`);
    // A stopped recording is final: it cannot be paused, resumed or stopped again (NOTES.md, "transitions").
    if (rec.status === 'stopped') return swError(400, 21220, `Invalid recording state: recording ${rec.sid} is stopped`);
    const at = now();
    settle(rec, at);
    if (status === 'paused') {
      // Pausing a paused recording changes nothing; PauseBehavior applies only when a pause begins (default silence).
      if (rec.status !== 'paused') {
        rec.status = 'paused';
        rec.pauseBehavior = (behavior as SwPauseBehavior | undefined) ?? 'silence';
      }
    } else if (status === 'in-progress') {
      rec.status = 'in-progress';
    } else {
      rec.status = 'stopped';
      rec.endedAt = at;
    }
    rec.updatedAt = at;
    rec.history.push({ status: rec.status, pauseBehavior: rec.pauseBehavior, at });
    ctx.countWrite(`update:${rec.sid}`);
    return { status: 200, body: render(rec) };
  });

  const listAccountRecordings = authed((ctx, accountSid) => {
    const callSid = ctx.query.get('CallSid');
    const items = [...state.recordings.values()].filter((r) => r.accountSid === accountSid && (callSid === null || r.callSid === callSid));
    return listReply(ctx, accountSid, items, `${accountUri(accountSid)}/Recordings.json`);
  });

  /**
   * Without an extension or with .wav/.mp3 this is the media, served without authentication (spec: "Public Access");
   * .json is the metadata and needs the API token. Media exists once the recording has stopped.
   */
  const accountRecording = (ctx: RequestContext): Reply | Promise<Reply> => {
    const { id, ext } = splitExt(ctx.params['Sid'] ?? '');
    if (ext === 'json') {
      return authed((c, accountSid) => {
        const rec = state.recordings.get(id);
        return rec && rec.accountSid === accountSid ? { status: 200, body: render(rec) } : notFound(c);
      })(ctx);
    }
    const accountSid = splitExt(ctx.params['AccountSid'] ?? '').id;
    const rec = state.recordings.get(id);
    if (!rec || rec.accountSid !== accountSid || rec.status !== 'stopped') return notFound(ctx);
    const seconds = Math.min(maxMediaSeconds, Math.max(1, recordedSeconds(rec, now())));
    const mp3 = ext === 'mp3';
    const body = mp3 ? mp3Silence(seconds, rec.channels) : wavTone(seconds, rec.channels);
    return { status: 200, headers: { 'content-type': mp3 ? 'audio/mpeg' : 'audio/x-wav' }, body };
  };

  const fetchAccount = authed((_ctx, accountSid) => {
    const at = now();
    return {
      status: 200,
      body: {
        sid: accountSid,
        friendly_name: 'Sandbox Project',
        status: 'active',
        type: 'Full',
        owner_account_sid: accountSid,
        auth_token: null,
        date_created: rfc2822(at - 86_400_000),
        date_updated: rfc2822(at - 86_400_000),
        uri: `${accountUri(accountSid)}.json`,
        subresource_uris: {
          calls: `${accountUri(accountSid)}/Calls.json`,
          recordings: `${accountUri(accountSid)}/Recordings.json`,
        },
      },
    };
  });

  const A = `${SIGNALWIRE_API_PATH}/Accounts/:AccountSid`;
  const routes: RouteDef[] = [
    { method: 'GET', path: A, handler: fetchAccount },
    { method: 'POST', path: `${A}/Calls/:CallSid/Recordings`, handler: startRecording },
    { method: 'POST', path: `${A}/Calls/:CallSid/Recordings.json`, handler: startRecording },
    // No GET on the call's Recordings paths: SignalWire's spec documents reads only on the account's Recordings.
    { method: 'POST', path: `${A}/Calls/:CallSid/Recordings/:Sid`, handler: updateRecording },
    { method: 'GET', path: `${A}/Recordings`, handler: listAccountRecordings },
    { method: 'GET', path: `${A}/Recordings.json`, handler: listAccountRecordings },
    { method: 'GET', path: `${A}/Recordings/:Sid`, handler: accountRecording },
  ];

  const createCall = (input: { accountSid?: string; from?: string; to?: string } = {}): SwCall => {
    const accountSid = input.accountSid ?? state.projects[0]?.projectId;
    if (!accountSid || !state.projects.some((p) => p.projectId === accountSid)) throw new ControlError(`unknown account ${String(accountSid)}`);
    const call: SwCall = {
      sid: randomUUID(),
      accountSid,
      status: 'in-progress',
      from: input.from ?? '+15550100001',
      to: input.to ?? '+15550100002',
      startedAt: now(),
      endedAt: null,
    };
    state.calls.set(call.sid, call);
    return call;
  };

  const hangup = (callSid: string): SwCall => {
    const call = state.calls.get(callSid);
    if (!call) throw new ControlError(`unknown call ${callSid}`);
    if (call.status === 'completed') return call;
    const at = now();
    call.status = 'completed';
    call.endedAt = at;
    for (const rec of state.recordings.values()) {
      if (rec.callSid !== callSid || rec.status === 'stopped') continue;
      settle(rec, at);
      rec.status = 'stopped';
      rec.endedAt = at;
      rec.updatedAt = at;
      rec.history.push({ status: 'stopped', pauseBehavior: rec.pauseBehavior, at });
    }
    return call;
  };

  const startsPerCall = (): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(server.counts().writes)) if (k.startsWith('start:')) out[k.slice(6)] = v;
    return out;
  };

  const snapshot = () => ({
    projects: state.projects.map((p) => ({ projectId: p.projectId, tokens: p.tokens.map(() => '[redacted]') })),
    calls: [...state.calls.values()],
    recordings: [...state.recordings.values()].map((r) => ({ ...render(r), pause_behavior: r.pauseBehavior, history: r.history })),
  });

  const controlRoutes: RouteDef[] = [
    {
      method: 'POST',
      path: '/__sandbox/calls',
      handler: (ctx) => ({ status: 201, body: createCall(controlBody(ctx) as { accountSid?: string; from?: string; to?: string }) }),
    },
    { method: 'GET', path: '/__sandbox/calls', handler: () => ({ status: 200, body: { items: [...state.calls.values()] } }) },
    {
      method: 'POST',
      path: '/__sandbox/calls/:callSid/hangup',
      handler: (ctx) => ({ status: 200, body: hangup(ctx.params['callSid'] ?? '') }),
    },
    {
      method: 'GET',
      path: '/__sandbox/recordings/:sid',
      handler: (ctx) => {
        const rec = state.recordings.get(ctx.params['sid'] ?? '');
        return rec
          ? { status: 200, body: { ...render(rec), pause_behavior: rec.pauseBehavior, history: rec.history } }
          : { status: 404, body: { error: 'no such recording' } };
      },
    },
    { method: 'GET', path: '/__sandbox/starts', handler: () => ({ status: 200, body: startsPerCall() }) },
  ];

  const server = new SandboxServer({
    name: 'signalwire',
    routes,
    controlRoutes,
    profile: {
      errorReply: (status, message) => {
        const text = status === 429 ? 'Too Many Requests' : message;
        return swError(status, CODE_BY_STATUS[status] ?? (status >= 500 ? 20500 : 20001), text);
      },
      rateLimitKey: (ctx) => basic(ctx)?.user ?? `ip:${ctx.remoteAddress}`,
    },
    rateLimit: options.rateLimit === undefined ? SIGNALWIRE_DEFAULT_RATE_LIMIT : options.rateLimit,
    logLimit: options.logLimit,
    now: options.now,
    snapshotState: snapshot,
    resetState: () => {
      state = seed();
    },
  });

  // The connection's base URL is the Space URL (https://{space}.signalwire.com); API paths carry /api/laml/2010-04-01.
  return extendEmulator(
    baseEmulator(server, '', () => state),
    {
      createCall,
      hangup,
      recording: (sid: string) => state.recordings.get(sid),
      render: (sid: string) => {
        const rec = state.recordings.get(sid);
        return rec ? render(rec) : null;
      },
      startsPerCall,
    },
  );
}
