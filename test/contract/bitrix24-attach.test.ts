import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { AppError } from '../../src/domain/errors';
import { createBitrix24Adapter, type Bitrix24Adapter } from '../../src/vendors/bitrix24/adapter';
import {
  BITRIX24_DEFAULT_APP_TOKEN,
  BITRIX24_DEFAULT_USER_ID,
  BITRIX24_DEFAULT_WEBHOOK_SECRET,
  createBitrix24Emulator,
  type Bitrix24Emulator,
} from '../../src/sandbox/bitrix24/emulator';
import type { ConnectionContext } from '../../src/vendors/port';
import { BITRIX24_SANDBOX_CLIENT_ID, BITRIX24_SANDBOX_CLIENT_SECRET, BITRIX24_SANDBOX_REFRESH_TOKEN } from '../../src/sandbox/bitrix24/oauth';
import { TEST_HTTP_SETTINGS } from './policy-contract';

/** Attachments contract for Bitrix24 against its emulator over HTTP: three ways in, replacement, refusals, throttling. */

const WEBHOOK = { userId: String(BITRIX24_DEFAULT_USER_ID), webhookSecret: BITRIX24_DEFAULT_WEBHOOK_SECRET };
const OAUTH = { accessToken: BITRIX24_DEFAULT_APP_TOKEN };
const APPLICATION = {
  clientId: BITRIX24_SANDBOX_CLIENT_ID,
  clientSecret: BITRIX24_SANDBOX_CLIENT_SECRET,
  refreshToken: BITRIX24_SANDBOX_REFRESH_TOKEN,
};

/** A WAV whose bytes cover 0..255, so any text re-encoding on the way would show. */
const AUDIO = Buffer.concat([Buffer.from('RIFF\x24\x01\x00\x00WAVEfmt ', 'latin1'), Buffer.from(Array.from({ length: 256 }, (_, i) => i))]);

async function rejects(p: Promise<unknown>, code: string): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof AppError, `expected an AppError, got ${String(e)}`);
    assert.equal(e.code, code, `expected ${code}, got ${e.code}: ${e.message}`);
    return e;
  }
  assert.fail(`expected ${code}, but the call succeeded`);
}

describe('BITRIX24 attachment contract', () => {
  let emulator: Bitrix24Emulator;
  let adapter: Bitrix24Adapter;
  let files: http.Server;
  let filesUrl: string;
  let fileHits: string[] = [];
  const conn = (credentials: Record<string, string> = WEBHOOK): ConnectionContext => ({
    connectionId: `conn-b24-${Object.keys(credentials).join('-')}`,
    tenantId: 'tenant-1',
    baseUrl: emulator.apiBaseUrl,
    // The application's OAuth server is emulated beside the portal.
    settings: { oauthServer: emulator.url },
    credentials,
  });
  const methods = () =>
    emulator.requests().entries.map((e) =>
      e.path
        .split('/')
        .pop()!
        .replace(/\.json$/, ''),
    );

  before(async () => {
    // The test's file server on 127.0.0.1 stands in for the customer's public server (a private one is refused: below).
    emulator = createBitrix24Emulator({ rateLimit: null, allowPrivateRecordUrls: true });
    await emulator.listen(0, '127.0.0.1');
    // The customer's server that RECORD_URL points at.
    files = http.createServer((req, res) => {
      fileHits.push(req.url ?? '');
      if (req.url === '/records/call-1.mp3') {
        res.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': AUDIO.length });
        res.end(AUDIO);
      } else {
        res.writeHead(404).end();
      }
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
    adapter = createBitrix24Adapter({ settings: TEST_HTTP_SETTINGS });
    fileHits = [];
  });

  it('declares the three ways in, and each auth form (webhook, static token, application with refresh)', () => {
    assert.deepEqual(adapter.capabilities.attachments, { inlineContent: true, recordUrl: true, uploadUrl: true });
    assert.equal(adapter.capabilities.liveRecording, null);
    assert.deepEqual(
      adapter.capabilities.credentialFields.map((f) => f.name),
      ['userId', 'webhookSecret', 'accessToken', 'clientId', 'clientSecret', 'refreshToken'],
    );
    assert.equal(adapter.credentialLifecycle.kindOf({ userId: '1', webhookSecret: 's' }), 'STATIC');
    assert.equal(adapter.credentialLifecycle.kindOf({ clientId: 'c', clientSecret: 's', refreshToken: 'r' }), 'OAUTH_REFRESH');
  });

  it('tests the connection through a webhook and through an OAuth token; a wrong webhook is VENDOR_AUTH_FAILED', async () => {
    await adapter.testConnection(conn(WEBHOOK));
    await adapter.testConnection(conn(OAUTH));
    const err = await rejects(adapter.testConnection(conn({ userId: '1', webhookSecret: 'not-the-secret' })), 'VENDOR_AUTH_FAILED');
    assert.equal(err.details.vendorCode, 'INVALID_CREDENTIALS');
    assert.ok(!JSON.stringify(err.details).includes('not-the-secret'));
    assert.ok(!emulator.requests().entries.some((e) => e.path.includes(BITRIX24_DEFAULT_WEBHOOK_SECRET)), 'the request log hides the webhook secret');
  });

  it('an application (client id/secret + refresh token) keeps attaching over three hours: one refresh per expired hourly token', async () => {
    const call = emulator.seedFinishedCall();
    const c = conn(APPLICATION);
    for (let hour = 0; hour < 3; hour++) {
      for (let i = 0; i < 2; i++) {
        await adapter.attachments.attachRecording(c, {
          crmCallId: call.CALL_ID,
          fileName: `h${hour}-${i}.wav`,
          contentBase64: AUDIO.toString('base64'),
        });
      }
      emulator.oauth.advance(3600);
    }
    assert.equal(emulator.attachesPerCall()[call.CALL_ID], 6);
    assert.equal(emulator.oauth.stats.refreshCalls, 3, 'one refresh per hour, none for the calls in between');
    assert.equal(emulator.oauth.stats.refreshRefused, 0);
    const expired = emulator.requests().entries.filter((e) => e.status === 401);
    assert.equal(expired.length, 2, 'the token that expired is refused once per hour (after the first), then renewed');
    const logged = JSON.stringify(emulator.requests().entries);
    assert.ok(
      !logged.includes(BITRIX24_SANDBOX_CLIENT_SECRET) && !logged.includes(BITRIX24_SANDBOX_REFRESH_TOKEN),
      'the log hides the secret and refresh token',
    );
  });

  it('a refresh token the OAuth server refuses is VENDOR_AUTH_FAILED (invalid_grant), tried once, nothing attached', async () => {
    const call = emulator.seedFinishedCall();
    emulator.oauth.revokeAll();
    const err = await rejects(
      adapter.attachments.attachRecording(conn(APPLICATION), { crmCallId: call.CALL_ID, fileName: 'x.wav', contentBase64: AUDIO.toString('base64') }),
      'VENDOR_AUTH_FAILED',
    );
    assert.equal(err.details.vendorCode, 'invalid_grant');
    assert.equal(emulator.oauth.stats.refreshCalls, 1);
    assert.equal(emulator.call(call.CALL_ID)!.record, null);
    assert.ok(!JSON.stringify(err.details).includes(BITRIX24_SANDBOX_REFRESH_TOKEN));
  });

  it('attaches base64 content inline (FILE_CONTENT): the portal stores exactly the bytes', async () => {
    const call = emulator.seedFinishedCall();
    const out = await adapter.attachments.attachRecording(conn(), {
      crmCallId: call.CALL_ID,
      fileName: 'call-1.wav',
      contentBase64: AUDIO.toString('base64'),
    });
    assert.equal(out.replacedPrevious, false);
    const record = emulator.call(call.CALL_ID)!.record!;
    assert.equal(out.vendorFileId, String(record.FILE_ID));
    assert.equal(record.via, 'FILE_CONTENT');
    assert.ok(emulator.file(record.FILE_ID)!.equals(AUDIO));
    assert.deepEqual(methods(), ['voximplant.statistic.get', 'telephony.externalCall.attachRecord']);
  });

  it('attaches by RECORD_URL, which the portal downloads once; attaching again replaces and says so', async () => {
    const call = emulator.seedFinishedCall();
    await adapter.attachments.attachRecording(conn(), {
      crmCallId: call.CALL_ID,
      fileName: 'first.wav',
      contentBase64: AUDIO.subarray(0, 64).toString('base64'),
    });
    const out = await adapter.attachments.attachRecording(conn(), {
      crmCallId: call.CALL_ID,
      fileName: 'call-1.mp3',
      recordUrl: `${filesUrl}/records/call-1.mp3`,
    });
    assert.equal(out.replacedPrevious, true);
    assert.deepEqual(fileHits, ['/records/call-1.mp3']);
    const state = emulator.call(call.CALL_ID)!;
    assert.equal(state.record!.via, 'RECORD_URL');
    assert.ok(emulator.file(state.record!.FILE_ID)!.equals(AUDIO));
    assert.deepEqual(
      state.replaced.map((r) => r.fileName),
      ['first.wav'],
      'one record per call; the previous one replaced',
    );
  });

  it('a RECORD_URL the portal cannot download is VENDOR_REJECTED with its message, tried once', async () => {
    const call = emulator.seedFinishedCall();
    const err = await rejects(
      adapter.attachments.attachRecording(conn(), { crmCallId: call.CALL_ID, fileName: 'gone.mp3', recordUrl: `${filesUrl}/records/gone.mp3` }),
      'VENDOR_REJECTED',
    );
    assert.match(String(err.details.vendorMessage), /HTTP error code 404/);
    assert.deepEqual(fileHits, ['/records/gone.mp3']);
    assert.equal(emulator.call(call.CALL_ID)!.record, null);
  });

  for (const [name, credentials] of [
    ['webhook', WEBHOOK],
    ['OAuth token', OAUTH],
  ] as const) {
    it(`uploads raw bytes through the uploadUrl flow (${name}): attachRecord without content, then multipart to uploadUrl`, async () => {
      const call = emulator.seedFinishedCall();
      const out = await adapter.attachments.attachRecording(conn(credentials), { crmCallId: call.CALL_ID, fileName: 'call-1.wav', content: AUDIO });
      const record = emulator.call(call.CALL_ID)!.record!;
      assert.equal(record.via, 'uploadUrl');
      assert.equal(out.vendorFileId, String(record.FILE_ID));
      assert.ok(emulator.file(record.FILE_ID)!.equals(AUDIO), 'binary content arrives unchanged');
      assert.deepEqual(methods(), ['voximplant.statistic.get', 'telephony.externalCall.attachRecord', 'upload']);
      assert.ok(!JSON.stringify(emulator.requests().entries).includes(BITRIX24_DEFAULT_APP_TOKEN), 'the log hides the OAuth token');
    });
  }

  it('refuses a file name that does not end in .wav or .mp3 before any request; the portal refuses it too', async () => {
    const call = emulator.seedFinishedCall();
    const err = await rejects(
      adapter.attachments.attachRecording(conn(), { crmCallId: call.CALL_ID, fileName: 'call-1.ogg', contentBase64: 'AAAA' }),
      'BAD_USER_INPUT',
    );
    assert.deepEqual(
      err.details.fields?.map((f) => f.path),
      [['fileName']],
    );
    assert.equal(emulator.requests().counts.total, 0);
    const res = await fetch(`${emulator.url}/rest/1/${BITRIX24_DEFAULT_WEBHOOK_SECRET}/telephony.externalCall.attachRecord.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ CALL_ID: call.CALL_ID, FILENAME: 'call-1.ogg', FILE_CONTENT: 'AAAA' }),
    });
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), { error: 'ERROR_CORE', error_description: 'Wrong file extension. Only wav and mp3 are allowed' });
  });

  it('a call that is not finished is VENDOR_REJECTED with the portal message', async () => {
    const err = await rejects(
      adapter.attachments.attachRecording(conn(), { crmCallId: 'externalCall.nope.1', fileName: 'a.wav', contentBase64: 'AAAA' }),
      'VENDOR_REJECTED',
    );
    assert.match(String(err.details.vendorMessage), /not found in the statistic table/);
  });

  it('repeats an attach answered QUERY_LIMIT_EXCEEDED (503): nothing was processed', async () => {
    const call = emulator.seedFinishedCall();
    emulator.faults.inject({ errors: { count: 1, status: 503 }, match: { path: '/rest/1/' } });
    await adapter.attachments.attachRecording(conn(), { crmCallId: call.CALL_ID, fileName: 'a.wav', contentBase64: AUDIO.toString('base64') });
    const statuses = emulator.requests().entries.map((e) => e.status);
    assert.deepEqual(statuses, [503, 200, 200]);
    assert.equal(emulator.attachesPerCall()[call.CALL_ID], 1);
  });

  it("survives the portal's own leaky bucket: 503 QUERY_LIMIT_EXCEEDED answers are waited out, one record attached", async () => {
    const call = emulator.seedFinishedCall();
    emulator.limiter.configure({ requestsPerSecond: 20, burst: 1 });
    const patient = createBitrix24Adapter({
      settings: { ...TEST_HTTP_SETTINGS, retry: { maxRetries: 10, baseDelayMs: 60, maxDelayMs: 120, retryAfterCapMs: 3_000 } },
    });
    await patient.attachments.attachRecording(conn(), { crmCallId: call.CALL_ID, fileName: 'a.wav', contentBase64: AUDIO.toString('base64') });
    const entries = emulator.requests().entries;
    assert.ok(
      entries.some((e) => e.status === 503),
      'the portal throttled at least once',
    );
    assert.equal(entries.filter((e) => e.status === 200).length, 2);
    assert.equal(emulator.attachesPerCall()[call.CALL_ID], 1);
  });

  describe('against the portal as documented (private RECORD_URLs refused, scopes enforced)', () => {
    let strict: Bitrix24Emulator;
    before(async () => {
      strict = createBitrix24Emulator({
        rateLimit: null,
        webhooks: [
          { userId: BITRIX24_DEFAULT_USER_ID, secret: BITRIX24_DEFAULT_WEBHOOK_SECRET },
          { userId: 2, secret: 'b24crmonlywebhooksecret', scopes: ['crm'] },
        ],
      });
      await strict.listen(0, '127.0.0.1');
    });
    after(() => strict.close());
    const at = (credentials: Record<string, string>): ConnectionContext => ({ ...conn(credentials), baseUrl: strict.apiBaseUrl });

    it('a RECORD_URL on a private address is VENDOR_REJECTED with the documented message, never downloaded', async () => {
      const call = strict.seedFinishedCall();
      const err = await rejects(
        adapter.attachments.attachRecording(at(WEBHOOK), {
          crmCallId: call.CALL_ID,
          fileName: 'call-1.mp3',
          recordUrl: `${filesUrl}/records/call-1.mp3`,
        }),
        'VENDOR_REJECTED',
      );
      assert.match(String(err.details.vendorMessage), /Record URL resolves to a non-public address and was blocked\./);
      assert.match(err.message, /give a public URL, or send the recording as content/);
      assert.deepEqual(fileHits, []);
      assert.equal(strict.call(call.CALL_ID)!.record, null);
      // The same recording as content goes through.
      await adapter.attachments.attachRecording(at(WEBHOOK), {
        crmCallId: call.CALL_ID,
        fileName: 'call-1.mp3',
        contentBase64: AUDIO.toString('base64'),
      });
    });

    it('a webhook without the telephony scope is VENDOR_AUTH_FAILED (insufficient_scope) naming the scope to grant', async () => {
      const call = strict.seedFinishedCall();
      const crmOnly = { userId: '2', webhookSecret: 'b24crmonlywebhooksecret' };
      const err = await rejects(
        adapter.attachments.attachRecording(at(crmOnly), { crmCallId: call.CALL_ID, fileName: 'a.wav', contentBase64: AUDIO.toString('base64') }),
        'VENDOR_AUTH_FAILED',
      );
      assert.equal(err.details.vendorCode, 'insufficient_scope');
      assert.match(err.message, /grant the webhook or application the "telephony" scope/);
      assert.equal(strict.requests().entries.filter((e) => e.status === 401).length, 1, 'refused once, not retried');
    });
  });
});
