import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import { MEGAFON_DEFAULT_TOKEN, createMegafonEmulator, type MegafonRecordingSetting } from '../../src/sandbox/megafon/emulator';

const JSON_UTF8 = 'application/json; charset=UTF-8';

/** The request example of seed 000 (PUT settings/recording/51), verbatim. */
const SEED_EXAMPLE = {
  is_internal_calls_recording_enabled: true,
  is_external_calls_recording_enabled: true,
  no_recording_employee_ids: [125],
  is_talk_option_enabled: true,
  talk_option_button: '2',
  is_recording_notification_enabled: false,
  recording_notification_audio_message_type: 'client',
  recording_notification_media_file_id: 736,
  id: '51',
};

/** The response example of seed 000, verbatim. */
const SEED_RESPONSE = {
  is_internal_calls_recording_enabled: true,
  is_external_calls_recording_enabled: true,
  no_recording_employee_ids: [125],
  is_talk_option_enabled: true,
  talk_option_button: '2',
  is_recording_notification_enabled: false,
  recording_notification_audio_message_type: 'client',
  recording_notification_media_file_id: null,
  recording_notification_text: null,
  recording_notification_text_voice_id: null,
  id: 51,
};

const valid = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  is_internal_calls_recording_enabled: true,
  is_external_calls_recording_enabled: false,
  no_recording_employee_ids: [],
  is_talk_option_enabled: false,
  talk_option_button: '2',
  is_recording_notification_enabled: true,
  recording_notification_audio_message_type: 'client',
  recording_notification_media_file_id: 737,
  id: 52,
  ...over,
});

interface MegafonErrorBody {
  error: { code: string; message: string; details?: { field: string; message: string }[] };
}

describe('MegaFon Virtual PBX emulator', () => {
  // The customer has allowed this machine in the cabinet; the default (deny all) has its own test below.
  const emu = createMegafonEmulator({ rateLimit: null, allowedIps: ['127.0.0.1'] });
  let base = '';
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${base}${path}`, {
      method,
      headers: { authorization: MEGAFON_DEFAULT_TOKEN, ...(body === undefined ? {} : { 'content-type': JSON_UTF8 }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const fields = async (res: Response): Promise<string[]> => ((await res.json()) as MegafonErrorBody).error.details?.map((d) => d.field) ?? [];

  before(async () => {
    await emu.listen(0, '127.0.0.1');
    base = emu.apiBaseUrl;
  });
  after(() => emu.close());
  beforeEach(() => emu.reset({ state: true }));

  it('lists recording settings as a bare JSON array with integer ids and nulls', async () => {
    const res = await call('GET', '/settings/recording');
    assert.equal(res.status, 200);
    const list = (await res.json()) as MegafonRecordingSetting[];
    assert.ok(Array.isArray(list));
    assert.deepEqual(
      list.map((s) => s.id),
      [51, 52],
    );
    assert.equal(list[1]!.recording_notification_media_file_id, null);
    assert.equal(list[0]!.recording_notification_audio_message_type, 'client');
  });

  it('refuses a missing or wrong Authorization token with 401 in the error format', async () => {
    const none = await fetch(`${base}/settings/recording`);
    assert.equal(none.status, 401);
    assert.equal(((await none.json()) as MegafonErrorBody).error.code, 'unauthorized');
    const wrong = await call('GET', '/settings/recording', undefined, { authorization: 'nope' });
    assert.equal(wrong.status, 401);
    const bearer = await call('GET', '/settings/recording', undefined, { authorization: `Bearer ${MEGAFON_DEFAULT_TOKEN}` });
    assert.equal(bearer.status, 401, 'the token goes in the header without a scheme word');
  });

  it('denies every address by default, before looking at the token, until the customer allows it', async () => {
    const strict = createMegafonEmulator({ rateLimit: null });
    await strict.listen(0, '127.0.0.1');
    try {
      const get = () => fetch(`${strict.apiBaseUrl}/settings/recording`, { headers: { authorization: MEGAFON_DEFAULT_TOKEN } });
      const denied = await get();
      assert.equal(denied.status, 403);
      const body = (await denied.json()) as MegafonErrorBody;
      assert.equal(body.error.code, 'ip_not_allowed');
      assert.match(body.error.message, /127\.0\.0\.1/);
      const put = await fetch(`${strict.apiBaseUrl}/settings/recording/51`, {
        method: 'PUT',
        headers: { authorization: 'any', 'content-type': JSON_UTF8 },
        body: '{}',
      });
      assert.equal(put.status, 403, 'the allow-list is checked before the token and the body');
      const allow = await fetch(`${strict.url}/__sandbox/state/allowed-ips`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: '{"allowedIps":["127.0.0.1"]}',
      });
      assert.equal(allow.status, 200);
      assert.equal((await get()).status, 200);
      strict.allowIps(['10.0.0.1']);
      assert.equal((await get()).status, 403);
      strict.reset({ state: true });
      assert.equal((await get()).status, 403, 'a reset restores the default: nobody allowed');
    } finally {
      await strict.close();
    }
  });

  it('invalidates the old token when a new one is generated', async () => {
    const res = await fetch(`${emu.url}/__sandbox/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"token":"fresh"}',
    });
    assert.deepEqual(await res.json(), { token: 'fresh' });
    assert.equal((await call('GET', '/employee')).status, 401);
    assert.equal((await call('GET', '/employee', undefined, { authorization: 'fresh' })).status, 200);
  });

  it('accepts the seed example (id as a string, type "client") and answers the seed response', async () => {
    const res = await call('PUT', '/settings/recording/51', SEED_EXAMPLE);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), SEED_RESPONSE);
  });

  it('replaces the record; a read after the write returns it', async () => {
    const put = await call('PUT', '/settings/recording/52', valid({ no_recording_employee_ids: [129, 145] }));
    assert.equal(put.status, 200);
    const body = (await put.json()) as MegafonRecordingSetting;
    assert.equal(body.id, 52);
    assert.equal(body.recording_notification_media_file_id, 737);
    const list = (await (await call('GET', '/settings/recording')).json()) as MegafonRecordingSetting[];
    assert.deepEqual(
      list.find((s) => s.id === 52),
      body,
    );
    assert.equal(emu.counts().writes['settings:52'], 1);
  });

  it('normalises the documented "custom" type to "client" and keeps "system"', async () => {
    const custom = (await (
      await call('PUT', '/settings/recording/52', valid({ recording_notification_audio_message_type: 'custom' }))
    ).json()) as MegafonRecordingSetting;
    assert.equal(custom.recording_notification_audio_message_type, 'client');
    const system = await call(
      'PUT',
      '/settings/recording/52',
      valid({ recording_notification_audio_message_type: 'system', recording_notification_media_file_id: null }),
    );
    assert.equal(system.status, 200);
    const sys = (await system.json()) as MegafonRecordingSetting;
    assert.equal(sys.recording_notification_audio_message_type, 'system');
    assert.equal(sys.recording_notification_media_file_id, null);
  });

  it('enforces every required field (a full replacement, not a patch)', async () => {
    for (const field of [
      'is_internal_calls_recording_enabled',
      'is_external_calls_recording_enabled',
      'no_recording_employee_ids',
      'is_talk_option_enabled',
      'talk_option_button',
      'is_recording_notification_enabled',
      'id',
    ]) {
      const body = valid();
      delete body[field];
      const res = await call('PUT', '/settings/recording/52', body);
      assert.equal(res.status, 400, field);
      assert.ok((await fields(res)).includes(field), field);
    }
    assert.equal(emu.counts().writes['settings:52'], undefined);
  });

  it('enforces the conditional requirements of the notification', async () => {
    const noType = await call('PUT', '/settings/recording/52', valid({ recording_notification_audio_message_type: undefined }));
    assert.deepEqual(await fields(noType), ['recording_notification_audio_message_type']);
    const noMedia = await call('PUT', '/settings/recording/52', valid({ recording_notification_media_file_id: undefined }));
    assert.deepEqual(await fields(noMedia), ['recording_notification_media_file_id']);
    const disabled = await call(
      'PUT',
      '/settings/recording/52',
      valid({
        is_recording_notification_enabled: false,
        recording_notification_audio_message_type: undefined,
        recording_notification_media_file_id: undefined,
      }),
    );
    assert.equal(disabled.status, 200);
  });

  it('refuses invalid values: talk_option_button other than "2", bad enum, unknown ids, id mismatch', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ talk_option_button: '3' }, 'talk_option_button'],
      [{ talk_option_button: 2 }, 'talk_option_button'],
      [{ recording_notification_audio_message_type: 'tts' }, 'recording_notification_audio_message_type'],
      [{ recording_notification_media_file_id: 999 }, 'recording_notification_media_file_id'],
      [{ no_recording_employee_ids: [125, 4242] }, 'no_recording_employee_ids[1]'],
      [{ is_talk_option_enabled: 'yes' }, 'is_talk_option_enabled'],
      [{ id: 51 }, 'id'],
    ];
    for (const [over, field] of cases) {
      const res = await call('PUT', '/settings/recording/52', valid(over));
      assert.equal(res.status, 400, field);
      assert.deepEqual(await fields(res), [field]);
    }
  });

  it('answers 404 for an unknown record, 415 without a JSON content type, 400 for bad JSON', async () => {
    assert.equal((await call('PUT', '/settings/recording/999', valid({ id: 999 }))).status, 404);
    const text = await fetch(`${base}/settings/recording/52`, {
      method: 'PUT',
      headers: { authorization: MEGAFON_DEFAULT_TOKEN, 'content-type': 'text/plain' },
      body: '{}',
    });
    assert.equal(text.status, 415);
    const bad = await fetch(`${base}/settings/recording/52`, {
      method: 'PUT',
      headers: { authorization: MEGAFON_DEFAULT_TOKEN, 'content-type': JSON_UTF8 },
      body: '{"id":',
    });
    assert.equal(bad.status, 400);
  });

  it('serves employees and both melody libraries so ids can be checked', async () => {
    const employees = (await (await call('GET', '/employee')).json()) as { id: number }[];
    assert.ok(employees.some((e) => e.id === 125));
    const client = (await (await call('GET', '/melodies/client')).json()) as { id: number }[];
    assert.ok(client.some((m) => m.id === 736));
    const system = (await (await call('GET', '/melodies/system')).json()) as { id: number }[];
    assert.ok(system.length > 0);
  });

  it('lets an administrator change a record behind the API (drift) over the control endpoint', async () => {
    const res = await fetch(`${emu.url}/__sandbox/state/settings/51`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ is_external_calls_recording_enabled: false }),
    });
    assert.equal(res.status, 200);
    const list = (await (await call('GET', '/settings/recording')).json()) as MegafonRecordingSetting[];
    assert.equal(list.find((s) => s.id === 51)!.is_external_calls_recording_enabled, false);
    assert.equal(emu.counts().writes['settings:51'], undefined, 'drift is not an API write');
  });

  it('rate limits per token with 429 and Retry-After', async () => {
    emu.limiter.configure({ requestsPerSecond: 0.1, burst: 2 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await call('GET', '/settings/recording')).status);
      assert.deepEqual(statuses, [200, 200, 429]);
      const limited = await call('GET', '/settings/recording');
      assert.equal(limited.headers.get('retry-after'), '10');
      assert.equal(((await limited.json()) as MegafonErrorBody).error.code, 'rate_limited');
    } finally {
      emu.limiter.configure(null);
    }
  });

  it('injects faults in the vendor error format and counts them', async () => {
    emu.faults.inject({ errors: { count: 1, status: 503 } });
    const res = await call('GET', '/settings/recording');
    assert.equal(res.status, 503);
    assert.equal(((await res.json()) as MegafonErrorBody).error.code, 'server_error');
    emu.faults.inject({ malformed: 1 });
    await assert.rejects((await call('GET', '/settings/recording')).json());
    emu.faults.inject({ resetConnections: 1 });
    await assert.rejects(call('GET', '/settings/recording'));
    assert.equal((await call('GET', '/settings/recording')).status, 200);
    const faults = emu.counts().faults;
    assert.deepEqual([faults['error'], faults['malformed'], faults['reset']], [1, 1, 1]);
  });
});
