import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import {
  SIGNALWIRE_API_PATH,
  SIGNALWIRE_DEFAULT_API_TOKEN,
  SIGNALWIRE_DEFAULT_PROJECT_ID,
  createSignalwireEmulator,
  type SignalwireEmulator,
} from '../../src/sandbox/signalwire/emulator';

const AUTH = `Basic ${Buffer.from(`${SIGNALWIRE_DEFAULT_PROJECT_ID}:${SIGNALWIRE_DEFAULT_API_TOKEN}`).toString('base64')}`;
const ACCOUNT = `${SIGNALWIRE_API_PATH}/Accounts/${SIGNALWIRE_DEFAULT_PROJECT_ID}`;
const RFC2822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$/;
/** The Recording resource keys of seed 003, plus start_time (README 003). */
const SEED_KEYS = [
  'account_sid',
  'api_version',
  'call_sid',
  'conference_sid',
  'channels',
  'date_created',
  'date_updated',
  'start_time',
  'end_time',
  'price',
  'price_unit',
  'duration',
  'sid',
  'source',
  'status',
  'error_code',
  'uri',
  'subresource_uris',
];

describe('SignalWire LaML emulator', () => {
  let clock = Date.UTC(2026, 0, 5, 10, 0, 0);
  const emulator: SignalwireEmulator = createSignalwireEmulator({ now: () => clock, rateLimit: null });
  let origin = '';

  const req = async (method: string, path: string, form?: Record<string, string>, auth: string | null = AUTH) => {
    const headers: Record<string, string> = {};
    if (auth) headers['authorization'] = auth;
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(origin + path, { method, headers, body: form ? new URLSearchParams(form).toString() : undefined });
    const type = res.headers.get('content-type') ?? '';
    return {
      status: res.status,
      headers: res.headers,
      body: type.includes('json') ? ((await res.json()) as Record<string, any>) : Buffer.from(await res.arrayBuffer()),
    } as const;
  };
  const start = (callSid: string, form: Record<string, string> = {}) => req('POST', `${ACCOUNT}/Calls/${callSid}/Recordings.json`, form);

  before(async () => {
    origin = await emulator.listen(0, '127.0.0.1');
  });
  after(() => emulator.close());
  beforeEach(() => {
    emulator.reset({ state: true });
    clock = Date.UTC(2026, 0, 5, 10, 0, 0);
  });

  it('refuses missing or wrong Basic auth with 20003, and another account in the path', async () => {
    const none = await req('GET', `${ACCOUNT}.json`, undefined, null);
    assert.equal(none.status, 401);
    assert.equal((none.body as any).code, 20003);
    assert.match(none.headers.get('www-authenticate') ?? '', /^Basic/);
    const wrong = await req('GET', `${ACCOUNT}.json`, undefined, `Basic ${Buffer.from(`${SIGNALWIRE_DEFAULT_PROJECT_ID}:nope`).toString('base64')}`);
    assert.deepEqual(Object.keys(wrong.body as object).sort(), ['code', 'message', 'more_info', 'status']);
    assert.equal((await req('GET', `${SIGNALWIRE_API_PATH}/Accounts/00000000-0000-4000-8000-000000000000.json`)).status, 401);
    assert.equal((await req('GET', `${ACCOUNT}.json`)).status, 200);
  });

  it('starts a recording on a call in progress: 201 and the full resource, RFC 2822 dates, seed types', async () => {
    const call = emulator.createCall();
    const res = await start(call.sid, { RecordingChannels: 'dual', Trim: 'trim-silence', RecordingStatusCallback: 'https://example.com/cb' });
    assert.equal(res.status, 201);
    const rec = res.body as Record<string, any>;
    assert.deepEqual(Object.keys(rec), SEED_KEYS);
    assert.equal(rec.channels, 2);
    assert.equal(rec.duration, '0');
    assert.equal(rec.status, 'in-progress');
    assert.equal(rec.source, 'StartCallRecordingApi');
    assert.equal(rec.api_version, '2010-04-01');
    assert.match(rec.date_created, RFC2822);
    assert.equal(rec.end_time, null);
    assert.equal(rec.uri, `${ACCOUNT}/Calls/${call.sid}/Recordings/${rec.sid}.json`);
    assert.equal(rec.subresource_uris.transcriptions, `${ACCOUNT}/Recordings/${rec.sid}/Transcriptions.json`);
  });

  it('validates the start form and the call', async () => {
    const call = emulator.createCall();
    assert.equal((await start(call.sid, { RecordingChannels: 'stereo' })).status, 400);
    assert.equal((await start(call.sid, { RecordingStatusCallback: 'not a url' })).status, 400);
    const missing = await start('00000000-0000-4000-8000-000000000000');
    assert.deepEqual([missing.status, (missing.body as any).code], [404, 20404]);
    emulator.hangup(call.sid);
    const ended = await start(call.sid);
    assert.deepEqual([ended.status, (ended.body as any).code], [400, 21220]);
  });

  it('grows the duration while recording; a SKIP pause leaves time out, a SILENCE pause keeps it', async () => {
    const call = emulator.createCall();
    const sid = ((await start(call.sid)).body as any).sid as string;
    const path = `${ACCOUNT}/Calls/${call.sid}/Recordings/${sid}`;
    const read = `${ACCOUNT}/Recordings/${sid}.json`;
    clock += 10_000;
    assert.equal(((await req('GET', read)).body as any).duration, '10');
    await req('POST', path, { Status: 'paused', PauseBehavior: 'skip' });
    clock += 5_000;
    assert.equal(((await req('GET', read)).body as any).duration, '10');
    await req('POST', path, { Status: 'in-progress' });
    clock += 2_000;
    await req('POST', path, { Status: 'paused', PauseBehavior: 'silence' });
    clock += 3_000;
    const res = await req('POST', path, { Status: 'stopped' });
    assert.equal((res.body as any).duration, '15');
    assert.equal((res.body as any).status, 'stopped');
    assert.match((res.body as any).end_time, RFC2822);
    assert.equal((res.body as any).price, '-0.0025');
  });

  it('follows seed 003: Status stopped with PauseBehavior silence, form-encoded, answers the resource', async () => {
    const call = emulator.createCall();
    const sid = ((await start(call.sid)).body as any).sid as string;
    const res = await req('POST', `${ACCOUNT}/Calls/${call.sid}/Recordings/${sid}`, { Status: 'stopped', PauseBehavior: 'silence' });
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body as object), SEED_KEYS);
  });

  it('refuses any update of a stopped recording (21220) and unknown Status values', async () => {
    const call = emulator.createCall();
    const sid = ((await start(call.sid)).body as any).sid as string;
    assert.equal((await req('POST', `${ACCOUNT}/Calls/${call.sid}/Recordings/${sid}.json`, { Status: 'absent' })).status, 400);
    await req('POST', `${ACCOUNT}/Calls/${call.sid}/Recordings/${sid}.json`, { Status: 'stopped' });
    for (const Status of ['in-progress', 'paused', 'stopped']) {
      const res = await req('POST', `${ACCOUNT}/Calls/${call.sid}/Recordings/${sid}.json`, { Status });
      assert.deepEqual([res.status, (res.body as any).code], [400, 21220]);
    }
  });

  it("refuses Twilio's Twilio.CURRENT alias (not in SignalWire's spec: the Sid is a uuid) with 404 20404, changing nothing", async () => {
    const call = emulator.createCall();
    const sid = ((await start(call.sid)).body as any).sid as string;
    const current = await req('POST', `${ACCOUNT}/Calls/${call.sid}/Recordings/Twilio.CURRENT.json`, { Status: 'paused' });
    assert.deepEqual([current.status, (current.body as any).code], [404, 20404]);
    assert.equal(emulator.recording(sid)!.status, 'in-progress');
  });

  it('refuses JSON bodies (the LaML API takes form encoding) with 400 20001, starting and changing nothing', async () => {
    const call = emulator.createCall();
    const json = (path: string, body: unknown) =>
      fetch(origin + path, { method: 'POST', headers: { authorization: AUTH, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(
        async (r) => ({ status: r.status, body: (await r.json()) as any }),
      );
    const refusedStart = await json(`${ACCOUNT}/Calls/${call.sid}/Recordings.json`, { RecordingChannels: 'dual' });
    assert.deepEqual([refusedStart.status, refusedStart.body.code], [400, 20001]);
    assert.match(refusedStart.body.message, /x-www-form-urlencoded/);
    assert.deepEqual(Object.keys(refusedStart.body).sort(), ['code', 'message', 'more_info', 'status']);
    assert.equal(emulator.startsPerCall()[call.sid] ?? 0, 0);
    const sid = ((await start(call.sid)).body as any).sid as string;
    const refusedUpdate = await json(`${ACCOUNT}/Calls/${call.sid}/Recordings/${sid}.json`, { Status: 'stopped' });
    assert.deepEqual([refusedUpdate.status, refusedUpdate.body.code], [400, 20001]);
    assert.equal(emulator.recording(sid)!.status, 'in-progress');
  });

  it("lists the account's recordings filtered by CallSid, newest first; the call-scoped GETs (not in SignalWire's spec) are refused", async () => {
    const a = emulator.createCall();
    const b = emulator.createCall();
    const first = ((await start(a.sid)).body as any).sid;
    clock += 1000;
    const second = ((await start(a.sid)).body as any).sid;
    await start(b.sid);
    const list = (await req('GET', `${ACCOUNT}/Recordings.json?CallSid=${a.sid}`)).body as any;
    assert.deepEqual(
      list.recordings.map((r: any) => r.sid),
      [second, first],
    );
    assert.equal(list.next_page_uri, null);
    const filtered = (await req('GET', `${ACCOUNT}/Recordings.json?CallSid=${b.sid}`)).body as any;
    assert.equal(filtered.recordings.length, 1);
    assert.equal(((await req('GET', `${ACCOUNT}/Recordings/${first}.json`)).body as any).sid, first);
    assert.ok((await req('GET', `${ACCOUNT}/Calls/${a.sid}/Recordings.json`)).status >= 400);
    assert.ok((await req('GET', `${ACCOUNT}/Calls/${a.sid}/Recordings/${first}.json`)).status >= 400);
  });

  it('serves media only once stopped, as WAV or MP3, without authentication; hangup stops recordings', async () => {
    const call = emulator.createCall();
    const sid = ((await start(call.sid)).body as any).sid as string;
    assert.equal((await req('GET', `${ACCOUNT}/Recordings/${sid}.wav`, undefined, null)).status, 404);
    clock += 2_000;
    await fetch(`${origin}/__sandbox/calls/${call.sid}/hangup`, { method: 'POST' });
    assert.equal(emulator.recording(sid)!.status, 'stopped');
    const wav = await req('GET', `${ACCOUNT}/Recordings/${sid}.wav`, undefined, null);
    assert.equal(wav.headers.get('content-type'), 'audio/x-wav');
    assert.equal((wav.body as Buffer).subarray(0, 4).toString('ascii'), 'RIFF');
    const bare = await req('GET', `${ACCOUNT}/Recordings/${sid}`, undefined, null);
    assert.equal(bare.headers.get('content-type'), 'audio/x-wav');
    const mp3 = await req('GET', `${ACCOUNT}/Recordings/${sid}.mp3`, undefined, null);
    assert.equal(mp3.headers.get('content-type'), 'audio/mpeg');
    assert.equal((mp3.body as Buffer)[0], 0xff);
    assert.equal((await req('GET', `${ACCOUNT}/Recordings/${sid}.json`, undefined, null)).status, 401, 'metadata needs the token');
  });

  it('rate limits per project with 429, code 20429 and Retry-After', async () => {
    emulator.limiter.configure({ requestsPerSecond: 1, burst: 2 });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i += 1) statuses.push(await req('GET', `${ACCOUNT}.json`));
      assert.deepEqual(
        statuses.map((s) => s.status),
        [200, 200, 429],
      );
      assert.equal((statuses[2]!.body as any).code, 20429);
      assert.ok(Number(statuses[2]!.headers.get('retry-after')) >= 1);
    } finally {
      emulator.limiter.configure(null);
    }
  });

  it('control endpoint creates calls; the request log keeps no credential', async () => {
    const res = await fetch(`${origin}/__sandbox/calls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(res.status, 201);
    const call = (await res.json()) as { sid: string; status: string };
    assert.equal(call.status, 'in-progress');
    await start(call.sid);
    assert.ok(!JSON.stringify(emulator.requests()).includes(SIGNALWIRE_DEFAULT_API_TOKEN));
    assert.deepEqual(emulator.startsPerCall(), { [call.sid]: 1 });
  });
});
