import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';

import { YEASTAR_DEFAULT_CLIENT_ID, YEASTAR_DEFAULT_CLIENT_SECRET, createYeastarEmulator } from '../../src/sandbox/yeastar/emulator';

interface YeastarBody {
  errcode: number;
  errmsg: string;
  invalid_param_list?: { field: string; validation_type: string }[];
  [k: string]: unknown;
}

/** The request example of seed 001 (autorecord/update), verbatim. */
const SEED_EXAMPLE = {
  enb_internal: 1,
  internal_prompt: 'internal_record.wav',
  inbound_prompt: 'inbound_record.wav',
  outbound_prompt: 'outbound_record.wav',
  enb_channel_separate: 1,
  record_file_format: 'mp3',
  enb_paging: 1,
  record_trunk_list: [{ id: 5 }],
  record_ext_list: [{ id: 18, type: 'extension' }],
  record_conference_list: [{ id: 1 }],
  record_ivr_list: [{ id: 5 }],
  record_queue_list: [{ id: 9 }],
};

describe('Yeastar P-Series emulator', () => {
  let clock = Date.UTC(2025, 0, 1);
  const emu = createYeastarEmulator({ now: () => clock, maxAccessTokens: 3 });
  let api = '';
  const UA = { 'user-agent': 'OpenAPI' };

  const post = async (path: string, body: unknown, headers: Record<string, string> = UA): Promise<{ status: number; body: YeastarBody }> => {
    const res = await fetch(`${api}/${path}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as YeastarBody };
  };
  const get = async (path: string, headers: Record<string, string> = UA): Promise<{ status: number; body: YeastarBody }> => {
    const res = await fetch(`${api}/${path}`, { headers });
    return { status: res.status, body: (await res.json()) as YeastarBody };
  };
  const token = async (): Promise<{ access: string; refresh: string }> => {
    const res = await post('get_token', { username: YEASTAR_DEFAULT_CLIENT_ID, password: YEASTAR_DEFAULT_CLIENT_SECRET });
    assert.equal(res.body.errcode, 0, JSON.stringify(res.body));
    return { access: res.body['access_token'] as string, refresh: res.body['refresh_token'] as string };
  };

  before(async () => {
    await emu.listen(0, '127.0.0.1');
    api = emu.apiBaseUrl;
  });
  after(() => emu.close());
  beforeEach(() => emu.reset({ state: true }));

  it('issues tokens with the documented lifetimes', async () => {
    const res = await post('get_token', { username: YEASTAR_DEFAULT_CLIENT_ID, password: YEASTAR_DEFAULT_CLIENT_SECRET });
    assert.equal(res.status, 200);
    assert.equal(res.body.errcode, 0);
    assert.equal(res.body.errmsg, 'SUCCESS');
    assert.equal(res.body['access_token_expire_time'], 1800);
    assert.equal(res.body['refresh_token_expire_time'], 86400);
    assert.equal(typeof res.body['access_token'], 'string');
  });

  it('answers HTTP 200 with errcode on every failure: bad credentials, missing User-Agent, missing params', async () => {
    const bad = await post('get_token', { username: YEASTAR_DEFAULT_CLIENT_ID, password: 'wrong' });
    // The developer guide's "Response Result" page: a failed login is -1 FAILURE naming "username or password".
    assert.deepEqual(bad.body, { errcode: -1, errmsg: 'FAILURE', invalid_param_list: [{ field: 'username or password', value: 'error' }] });
    assert.equal(bad.status, 200);
    // fetch always sends "user-agent: node", so this request goes out through node:http with no User-Agent at all.
    const noUa = await new Promise<{ status: number; body: YeastarBody }>((resolve, reject) => {
      const req = http.request(`${api}/get_token`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as YeastarBody }));
      });
      req.on('error', reject);
      req.end(JSON.stringify({ username: YEASTAR_DEFAULT_CLIENT_ID, password: YEASTAR_DEFAULT_CLIENT_SECRET }));
    });
    assert.deepEqual([noUa.status, noUa.body.errcode, noUa.body.errmsg], [200, 10005, 'ACCESS DENIED']);
    const missing = await post('get_token', { username: YEASTAR_DEFAULT_CLIENT_ID });
    assert.equal(missing.body.errcode, 40002);
    assert.deepEqual(missing.body.invalid_param_list, [{ field: 'password', validation_type: 'REQUIRED' }]);
    const { access } = await token();
    const noUaApi = await get(`autorecord/get?access_token=${access}`, { 'user-agent': '' });
    assert.equal(noUaApi.body.errcode, 10005);
  });

  it('blocks an address after 5 consecutive failed logins for 10 minutes, even with the right secret', async () => {
    const wrong = () => post('get_token', { username: YEASTAR_DEFAULT_CLIENT_ID, password: 'wrong' });
    const right = () => post('get_token', { username: YEASTAR_DEFAULT_CLIENT_ID, password: YEASTAR_DEFAULT_CLIENT_SECRET });
    for (let i = 0; i < 4; i += 1) assert.equal((await wrong()).body.errcode, -1);
    assert.equal((await right()).body.errcode, 0, 'a success before the fifth failure resets the count');
    for (let i = 0; i < 5; i += 1) assert.equal((await wrong()).body.errcode, -1);
    const blocked = await right();
    assert.deepEqual([blocked.status, blocked.body.errcode, blocked.body.errmsg], [200, 10005, 'ACCESS DENIED']);
    assert.match(String(blocked.body['submsg']), /IP BLOCKED/);
    assert.equal((await post('refresh_token', { refresh_token: 'anything' })).body.errcode, 10005, 'no token exchange from a blocked address');
    assert.deepEqual(Object.keys(emu.lockoutStats().blocked), ['127.0.0.1']);
    clock += 599_000;
    assert.equal((await right()).body.errcode, 10005, 'still blocked just before ten minutes');
    clock += 2_000;
    assert.equal((await right()).body.errcode, 0, 'the block ends after ten minutes');
    for (let i = 0; i < 5; i += 1) await wrong();
    assert.equal((await right()).body.errcode, 10005);
    const del = await fetch(`${emu.url}/__sandbox/blocked-ips`, { method: 'DELETE' });
    assert.equal(del.status, 204);
    assert.equal((await right()).body.errcode, 0, 'an administrator deleted the address from the blocked list');
  });

  it('refuses API calls without a valid access_token with 10004 TOKEN EXPIRED', async () => {
    const none = await get('autorecord/get');
    assert.deepEqual([none.status, none.body.errcode, none.body.errmsg], [200, 10004, 'TOKEN EXPIRED']);
    const bogus = await get('autorecord/get?access_token=bogus');
    assert.equal(bogus.body.errcode, 10004);
  });

  it('expires access tokens after their lifetime (injected clock) and refreshes them', async () => {
    const { access, refresh } = await token();
    assert.equal((await get(`autorecord/get?access_token=${access}`)).body.errcode, 0);
    clock += 1800 * 1000;
    assert.equal((await get(`autorecord/get?access_token=${access}`)).body.errcode, 10004);
    const refreshed = await post('refresh_token', { refresh_token: refresh });
    assert.equal(refreshed.body.errcode, 0);
    const next = refreshed.body['access_token'] as string;
    assert.notEqual(next, access);
    assert.equal((await get(`autorecord/get?access_token=${next}`)).body.errcode, 0);
    assert.equal((await post('refresh_token', { refresh_token: refresh })).body.errcode, 10004, 'a refresh token is single-use');
    emu.expireTokens({ refresh: true });
    assert.equal((await get(`autorecord/get?access_token=${next}`)).body.errcode, 10004);
  });

  it('limits concurrently valid tokens and counts get_token calls so a test can assert reuse', async () => {
    const tokens = [await token(), await token(), await token()];
    const fourth = await post('get_token', { username: YEASTAR_DEFAULT_CLIENT_ID, password: YEASTAR_DEFAULT_CLIENT_SECRET });
    assert.notEqual(fourth.body.errcode, 0);
    assert.equal((await get(`del_token?access_token=${tokens[0]!.access}`)).body.errcode, 0);
    await token();
    const stats = emu.tokenStats();
    assert.equal(stats.getTokenCalls, 5);
    assert.equal(stats.issued, 4);
    assert.equal(stats.active, 3);
    const http = (await (await fetch(`${emu.url}/__sandbox/tokens`)).json()) as { getTokenCalls: number };
    assert.equal(http.getTokenCalls, 5);
  });

  it('accepts the seed example and reads it back with names from the PBX', async () => {
    const { access } = await token();
    const res = await post(`autorecord/update?access_token=${access}`, SEED_EXAMPLE);
    assert.deepEqual(res.body, { errcode: 0, errmsg: 'SUCCESS' });
    const read = await get(`autorecord/get?access_token=${access}`);
    const ar = read.body['auto_record'] as Record<string, unknown>;
    assert.equal(ar['enb_internal'], 1);
    assert.equal(ar['record_file_format'], 'mp3');
    assert.equal(ar['inbound_prompt'], 'inbound_record.wav');
    assert.deepEqual(ar['record_ext_list'], [{ id: 18, type: 'extension', text: 'Leo Ball', text2: '1000' }]);
    assert.deepEqual(
      (ar['record_trunk_list'] as { id: number }[]).map((t) => t.id),
      [5],
    );
    assert.deepEqual(ar['record_queue_list'], [{ id: 9, text: 'Payments' }]);
    assert.equal(emu.counts().writes['autorecord'], 1);
  });

  it('keeps fields an update leaves out and replaces lists it sends', async () => {
    const { access } = await token();
    await post(`autorecord/update?access_token=${access}`, SEED_EXAMPLE);
    await post(`autorecord/update?access_token=${access}`, { enb_paging: 0, record_trunk_list: [{ id: 6, enb_config: 1, number_value: 30 }] });
    const ar = (await get(`autorecord/get?access_token=${access}`)).body['auto_record'] as Record<string, unknown>;
    assert.equal(ar['enb_internal'], 1);
    assert.equal(ar['enb_paging'], 0);
    assert.deepEqual(ar['record_trunk_list'], [{ id: 6, type: 'peer', text: 'Peer-Trunk-Backup', enb_config: 1, number_value: 30 }]);
  });

  it('refuses booleans for flags, bad enums and missing ids with 40002 and invalid_param_list', async () => {
    const { access } = await token();
    const res = await post(`autorecord/update?access_token=${access}`, {
      enb_internal: true,
      enb_paging: 2,
      record_file_format: 'ogg',
      record_ext_list: [{ id: 18 }],
      record_queue_list: [{ text: 'no id' }],
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.errcode, 40002);
    assert.equal(res.body.errmsg, 'PARAMETER ERROR');
    assert.deepEqual(res.body.invalid_param_list, [
      { field: 'enb_internal', validation_type: 'INVALID_TYPE' },
      { field: 'enb_paging', validation_type: 'INVALID_VALUE' },
      { field: 'record_file_format', validation_type: 'INVALID_VALUE' },
      { field: 'record_ext_list[0].type', validation_type: 'REQUIRED' },
      { field: 'record_queue_list[0].id', validation_type: 'REQUIRED' },
    ]);
    const syntax = await fetch(`${api}/autorecord/update?access_token=${access}`, {
      method: 'POST',
      headers: { ...UA, 'content-type': 'application/json' },
      body: '{"enb_internal":',
    });
    assert.equal(((await syntax.json()) as YeastarBody).errcode, 40001);
    assert.equal(emu.counts().writes['autorecord'], undefined);
  });

  it('validates target ids and prompts against the menu options (60001 DATA NOT FOUND)', async () => {
    const { access } = await token();
    const res = await post(`autorecord/update?access_token=${access}`, {
      internal_prompt: 'nope.wav',
      record_trunk_list: [{ id: 99 }],
      record_ext_list: [{ id: 18, type: 'ext_group' }],
    });
    assert.equal(res.body.errcode, 60001);
    assert.deepEqual(
      res.body.invalid_param_list?.map((p) => p.field),
      ['internal_prompt', 'record_trunk_list[0].id', 'record_ext_list[0].id'],
    );
  });

  it('lists menu options for every recording target kind and custom prompts', async () => {
    const { access } = await token();
    for (const [menu, value] of [
      ['trunk', '5'],
      ['extension', '18'],
      ['queue', '9'],
      ['ivr', '5'],
      ['IVR', '5'],
      ['conference', '1'],
      ['ext_group', '3'],
      ['org_list', '1'],
      ['custom_prompt', 'internal_record.wav'],
    ] as const) {
      const res = await get(`system/get_menuoptions?access_token=${access}&menu=${menu}`);
      assert.equal(res.body.errcode, 0, menu);
      assert.ok(
        (res.body['data'] as { value: string }[]).some((o) => o.value === value),
        menu,
      );
    }
    const bad = await get(`system/get_menuoptions?access_token=${access}&menu=fax`);
    assert.deepEqual(bad.body.invalid_param_list, [{ field: 'menu', validation_type: 'INVALID_VALUE' }]);
  });

  it('never logs the secret, the access token or the refresh token', async () => {
    const { access, refresh } = await token();
    await get(`autorecord/get?access_token=${access}`);
    await post('refresh_token', { refresh_token: refresh });
    const text = JSON.stringify(emu.requests());
    for (const secret of [YEASTAR_DEFAULT_CLIENT_SECRET, access, refresh]) assert.ok(!text.includes(secret));
  });

  it('lets an administrator change the settings behind the API (drift)', async () => {
    const { access } = await token();
    const res = await fetch(`${emu.url}/__sandbox/state/autorecord`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"enb_internal":1}',
    });
    assert.equal(res.status, 200);
    const ar = (await get(`autorecord/get?access_token=${access}`)).body['auto_record'] as Record<string, unknown>;
    assert.equal(ar['enb_internal'], 1);
  });

  it('injects 429 with Retry-After and a 5xx burst', async () => {
    const { access } = await token();
    emu.faults.inject({ rateLimit: { count: 1, retryAfterSeconds: 2 }, errors: { count: 1, status: 500 } });
    const limited = await fetch(`${api}/autorecord/get?access_token=${access}`, { headers: UA });
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '2');
    const failed = await fetch(`${api}/autorecord/get?access_token=${access}`, { headers: UA });
    assert.equal(failed.status, 500);
    assert.equal(((await failed.json()) as YeastarBody).errcode, -2);
    assert.equal((await get(`autorecord/get?access_token=${access}`)).body.errcode, 0);
  });
});
