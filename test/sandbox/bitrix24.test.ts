import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';

import {
  BITRIX24_DEFAULT_APP_TOKEN,
  BITRIX24_DEFAULT_WEBHOOK_SECRET,
  createBitrix24Emulator,
  type Bitrix24Emulator,
} from '../../src/sandbox/bitrix24/emulator';

describe('Bitrix24 REST emulator', () => {
  // The local file server stands in for the customer's public one; the default (private refused) is tested below.
  const emulator: Bitrix24Emulator = createBitrix24Emulator({ rateLimit: null, recordUrlMaxBytes: 1024, allowPrivateRecordUrls: true });
  let origin = '';
  let files: http.Server;
  let filesUrl = '';
  let hits = 0;

  const hook = (method: string) => `/rest/1/${BITRIX24_DEFAULT_WEBHOOK_SECRET}/${method}.json`;
  const call = async (path: string, body?: unknown) => {
    const res = await fetch(origin + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  const app = (method: string, params: Record<string, unknown> = {}) => call(`/rest/${method}.json`, { ...params, auth: BITRIX24_DEFAULT_APP_TOKEN });
  const registerAndFinish = async () => {
    const reg = await app('telephony.externalcall.register', {
      USER_ID: 1,
      PHONE_NUMBER: '+15550100001',
      TYPE: 2,
      EXTERNAL_CALL_ID: `pbx-${Math.random()}`,
    });
    const callId = reg.body.result.CALL_ID as string;
    await app('telephony.externalcall.finish', { CALL_ID: callId, USER_ID: 1, DURATION: 42 });
    return callId;
  };

  before(async () => {
    origin = await emulator.listen(0, '127.0.0.1');
    files = http.createServer((req, res) => {
      hits += 1;
      if (req.url === '/big.mp3') res.writeHead(200).end(Buffer.alloc(4096));
      else if (req.url === '/moved.mp3') res.writeHead(302, { location: '/ok.mp3' }).end();
      else res.writeHead(200, { 'content-type': 'audio/mpeg' }).end(Buffer.from([0xff, 0xfb, 0x90, 0x64]));
    });
    await new Promise<void>((r) => files.listen(0, '127.0.0.1', r));
    filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  });
  after(async () => {
    await emulator.close();
    await new Promise<void>((r) => files.close(() => r()));
  });
  beforeEach(() => {
    emulator.reset({ state: true });
    hits = 0;
  });

  it('answers {result, time} through a webhook and an OAuth token; failures are {error, error_description}', async () => {
    const viaHook = await call(hook('profile'));
    assert.equal(viaHook.status, 200);
    assert.equal(viaHook.body.result.ID, '1');
    assert.ok(typeof viaHook.body.time.start === 'number' && 'operating_reset_at' in viaHook.body.time);
    assert.equal((await app('profile')).status, 200);
    assert.deepEqual(await call('/rest/profile.json'), {
      status: 401,
      body: { error: 'NO_AUTH_FOUND', error_description: 'Wrong authorization data' },
    });
    assert.equal((await call('/rest/1/wrong/profile.json')).body.error, 'INVALID_CREDENTIALS');
    assert.deepEqual((await call(hook('no.such.method'))).body.error, 'ERROR_METHOD_NOT_FOUND');
    await fetch(`${origin}/__sandbox/app-tokens/${BITRIX24_DEFAULT_APP_TOKEN}/expired`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal((await app('profile')).body.error, 'expired_token');
  });

  it('answers the documented system errors for a token without the scope, a plan without REST, an unknown token', async () => {
    const scoped = createBitrix24Emulator({
      rateLimit: null,
      webhooks: [{ userId: 1, secret: BITRIX24_DEFAULT_WEBHOOK_SECRET, scopes: ['crm'] }],
      appTokens: [{ accessToken: BITRIX24_DEFAULT_APP_TOKEN, userId: 1, appId: 3, scopes: ['user'] }],
    });
    const noRest = createBitrix24Emulator({ rateLimit: null, restAvailable: false });
    const o1 = await scoped.listen(0, '127.0.0.1');
    const o2 = await noRest.listen(0, '127.0.0.1');
    const post = async (o: string, path: string, body: unknown = {}) => {
      const res = await fetch(o + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return [res.status, await res.json()];
    };
    try {
      const c = scoped.seedFinishedCall();
      const attach = { CALL_ID: c.CALL_ID, FILENAME: 'a.mp3', FILE_CONTENT: Buffer.from([0xff, 0xfb]).toString('base64') };
      assert.deepEqual(await post(o1, hook('telephony.externalCall.attachRecord'), attach), [
        401,
        { error: 'insufficient_scope', error_description: 'The request requires higher privileges than provided by the webhook token' },
      ]);
      assert.deepEqual(await post(o1, '/rest/voximplant.statistic.get.json', { auth: BITRIX24_DEFAULT_APP_TOKEN }), [
        401,
        { error: 'insufficient_scope', error_description: 'The request requires higher privileges than provided by the access token' },
      ]);
      assert.equal((await post(o1, hook('profile')))[0], 200, 'profile needs no scope');
      assert.equal(scoped.call(c.CALL_ID)!.record, null);
      assert.deepEqual(await post(o2, hook('profile')), [
        401,
        { error: 'ACCESS_DENIED', error_description: 'REST is available only by subscription' },
      ]);
      assert.deepEqual(await post(o2, '/rest/profile.json', { auth: BITRIX24_DEFAULT_APP_TOKEN }), [
        401,
        { error: 'ACCESS_DENIED', error_description: 'REST is available only on commercial plans' },
      ]);
      assert.deepEqual(await post(o1, '/rest/profile.json', { auth: 'not-a-token' }), [
        401,
        { error: 'invalid_token', error_description: 'The access token provided is invalid' },
      ]);
    } finally {
      await scoped.close();
      await noRest.close();
    }
  });

  it('register and finish work only in an application context (b24restdocs); a webhook gets WRONG_AUTH_TYPE', async () => {
    const refused = await call(hook('telephony.externalCall.register'), { USER_ID: 1, PHONE_NUMBER: '+15550100001', TYPE: 2 });
    assert.deepEqual(refused, {
      status: 403,
      body: { error: 'WRONG_AUTH_TYPE', error_description: 'Current authorization type is denied for this method' },
    });
    const reg = await app('telephony.externalCall.register', { USER_ID: 1, PHONE_NUMBER: '+15550100001', TYPE: 2, CRM_CREATE: 1 });
    assert.match(reg.body.result.CALL_ID, /^externalCall\.[0-9a-f]{32}\.\d+$/);
    assert.equal(reg.body.result.CRM_ENTITY_TYPE, 'LEAD');
    // A repeat with the same technical parameters within 30 minutes returns the same CALL_ID.
    const again = await app('telephony.externalcall.register', { USER_ID: 1, PHONE_NUMBER: '+15550100001', TYPE: 2 });
    assert.equal(again.body.result.CALL_ID, reg.body.result.CALL_ID);
    assert.equal(
      (await app('telephony.externalcall.register', { PHONE_NUMBER: '+1555', TYPE: 2 })).body.error_description,
      'USER_ID or USER_PHONE_INNER should be set',
    );
    assert.equal(
      (await app('telephony.externalcall.register', { USER_ID: 1, PHONE_NUMBER: '+15550100001', TYPE: 9 })).body.error_description,
      'Unknown TYPE',
    );
    const fin = await app('telephony.externalcall.finish', { CALL_ID: reg.body.result.CALL_ID, USER_ID: 1, DURATION: 30 });
    assert.equal(fin.body.result.CALL_DURATION, '30');
    const lenient = createBitrix24Emulator({ rateLimit: null, registerAuth: 'app-or-webhook' });
    const o = await lenient.listen(0, '127.0.0.1');
    try {
      const res = await fetch(`${o}${hook('telephony.externalcall.register')}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ USER_ID: 1, PHONE_NUMBER: '+15550100001', TYPE: 2 }),
      });
      assert.equal(res.status, 200);
    } finally {
      await lenient.close();
    }
  });

  it('attachRecord needs a finished call and a .wav/.mp3 name; inline base64 is checked', async () => {
    const reg = await app('telephony.externalcall.register', { USER_ID: 1, PHONE_NUMBER: '+15550100009', TYPE: 1 });
    const open = await call(hook('telephony.externalCall.attachRecord'), {
      CALL_ID: reg.body.result.CALL_ID,
      FILENAME: 'a.wav',
      FILE_CONTENT: 'AAAA',
    });
    assert.deepEqual(open.body, { error: '', error_description: 'Call is not found in the statistic table. It looks like it is not finished yet.' });
    const callId = await registerAndFinish();
    const attach = (p: Record<string, unknown>) => call(hook('telephony.externalCall.attachRecord'), { CALL_ID: callId, ...p });
    assert.equal(
      (await attach({})).body.error_description,
      'Required parameters are not set. Request should contain either URL or FILENAME parameter',
    );
    assert.equal((await attach({ FILENAME: '' })).body.error_description, 'File name is empty');
    assert.equal(
      (await attach({ FILENAME: 'a.ogg', FILE_CONTENT: 'AAAA' })).body.error_description,
      'Wrong file extension. Only wav and mp3 are allowed',
    );
    assert.equal((await attach({ FILENAME: 'a.wav', FILE_CONTENT: '' })).body.error_description, 'File content is empty.');
    assert.equal(
      (await attach({ FILENAME: 'a.wav', FILE_CONTENT: '***' })).body.error_description,
      'File content is not properly encoded. Base64 encoding is expected.',
    );
    const ok = await attach({ FILENAME: 'a.WAV', FILE_CONTENT: Buffer.from('hello').toString('base64') });
    assert.equal(ok.status, 200);
    assert.equal(typeof ok.body.result.FILE_ID, 'number');
    const stat = await call(hook('voximplant.statistic.get'), { FILTER: { CALL_ID: callId } });
    assert.equal(stat.body.result[0].RECORD_FILE_ID, ok.body.result.FILE_ID);
    assert.equal(stat.body.total, 1);
  });

  it('hands out an uploadUrl and fieldName "file", accepts one multipart upload on it, and replaces the previous record', async () => {
    const callId = await registerAndFinish();
    await call(hook('telephony.externalCall.attachRecord'), { CALL_ID: callId, FILENAME: 'first.mp3', FILE_CONTENT: 'AAAA' });
    const res = await app('telephony.externalCall.attachRecord', { CALL_ID: callId, FILENAME: 'second.wav' });
    const { uploadUrl, fieldName } = res.body.result as { uploadUrl: string; fieldName: string };
    assert.equal(fieldName, 'file');
    assert.ok(uploadUrl.startsWith(`${origin}/rest/upload.json?auth=`));
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const form = () => {
      const fd = new FormData();
      fd.append(fieldName, new Blob([bytes]), 'second.wav');
      return fd;
    };
    const up = await fetch(uploadUrl, { method: 'POST', body: form() });
    assert.equal(up.status, 200);
    const fileId = ((await up.json()) as any).result.FILE_ID as number;
    assert.ok(emulator.file(fileId)!.equals(bytes));
    const c = emulator.call(callId)!;
    assert.equal(c.record!.fileName, 'second.wav');
    assert.deepEqual(
      c.replaced.map((r) => r.fileName),
      ['first.mp3'],
    );
    assert.equal((await fetch(uploadUrl, { method: 'POST', body: form() })).status, 401, 'an uploadUrl is used once');
    const webhookUpload = (await call(hook('telephony.externalCall.attachRecord'), { CALL_ID: callId, FILENAME: 'x.wav' })).body.result
      .uploadUrl as string;
    assert.ok(webhookUpload.startsWith(`${origin}/rest/1/${BITRIX24_DEFAULT_WEBHOOK_SECRET}/upload.json?token=`));
    const wrongField = new FormData();
    wrongField.append('upload', new Blob([bytes]), 'x.wav');
    assert.equal(
      ((await (await fetch(webhookUpload, { method: 'POST', body: wrongField })).json()) as any).error_description,
      'Error: required parameter file is not found',
    );
  });

  it('downloads a RECORD_URL once, bounded (size, no redirects); by default refuses private addresses as documented', async () => {
    const callId = await registerAndFinish();
    const attach = (url: string) => call(hook('telephony.externalCall.attachRecord'), { CALL_ID: callId, RECORD_URL: url });
    const ok = await attach(`${filesUrl}/ok.mp3`);
    assert.equal(ok.status, 200);
    assert.equal(emulator.call(callId)!.record!.fileName, 'ok.mp3', 'FILENAME defaults to the URL name');
    assert.equal(hits, 1);
    assert.equal((await attach(`${filesUrl}/moved.mp3`)).body.error_description, 'Server returns HTTP error code 302');
    assert.equal((await attach(`${filesUrl}/big.mp3`)).body.error_description, 'Record file is too large');
    assert.equal(hits, 3);
    const strict = createBitrix24Emulator({ rateLimit: null });
    await strict.listen(0, '127.0.0.1');
    try {
      const c = strict.seedFinishedCall();
      const port = new URL(filesUrl).port;
      for (const url of [`${filesUrl}/ok.mp3`, `http://localhost:${port}/ok.mp3`, `http://10.1.2.3/ok.mp3`, `http://[::1]:${port}/ok.mp3`]) {
        const res = await fetch(`${strict.url}${hook('telephony.externalCall.attachRecord')}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ CALL_ID: c.CALL_ID, RECORD_URL: url }),
        });
        // telephony.externalCall.attachRecord "Possible Error Codes": an empty code, status 400.
        assert.deepEqual(
          [res.status, await res.json()],
          [400, { error: '', error_description: 'Record URL resolves to a non-public address and was blocked.' }],
          url,
        );
      }
      assert.equal(hits, 3, 'the portal never fetched a private address');
      assert.equal(strict.call(c.CALL_ID)!.record, null);
    } finally {
      await strict.close();
    }
  });

  it('meters the portal as a leaky bucket: past the burst, 503 QUERY_LIMIT_EXCEEDED', async () => {
    emulator.limiter.configure({ requestsPerSecond: 0.01, burst: 50 }); // leaks so slowly that no request here drains it, however slow the machine
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 52; i += 1) statuses.push((await call(hook('profile'))).status);
      assert.deepEqual(statuses.slice(0, 50), Array(50).fill(200));
      const last = await call(hook('profile'));
      assert.deepEqual(last, { status: 503, body: { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' } });
    } finally {
      emulator.limiter.configure(null);
    }
  });

  it('accepts form-encoded parameters with PHP-style keys and case-insensitive method names', async () => {
    const callId = await registerAndFinish();
    const res = await fetch(`${origin}${hook('VOXIMPLANT.statistic.get')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ 'FILTER[CALL_ID]': callId }).toString(),
    });
    const body = (await res.json()) as any;
    assert.equal(body.result.length, 1);
    assert.equal(body.result[0].CALL_ID, callId);
  });
});
