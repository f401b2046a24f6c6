import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createMegafonEmulator, MEGAFON_DEFAULT_TOKEN } from '../../src/sandbox/megafon/emulator';
import { createYeastarEmulator } from '../../src/sandbox/yeastar/emulator';
import {
  BITRIX24_DEFAULT_APP_TOKEN,
  BITRIX24_DEFAULT_USER_ID,
  BITRIX24_DEFAULT_WEBHOOK_SECRET,
  createBitrix24Emulator,
  type B24Call,
} from '../../src/sandbox/bitrix24/emulator';
import type { Exchange } from '../../src/sandbox/common';
import { createBitrix24Adapter } from '../../src/vendors/bitrix24/adapter';
import { assertDocumentedAnswer, type GoldenExample } from './golden';
import { TEST_HTTP_SETTINGS } from './policy-contract';
import megafonPut from './fixtures/megafon/put-settings-recording-51.json';
import yeastarUpdate from './fixtures/yeastar/autorecord-update.json';
import yeastarToken from './fixtures/yeastar/get-token.json';
import yeastarRefused from './fixtures/yeastar/get-token-refused.json';
import b24Content from './fixtures/bitrix24/attach-record-file-content.json';
import b24Upload from './fixtures/bitrix24/attach-record-upload-url.json';
import b24NoParams from './fixtures/bitrix24/attach-record-no-parameters.json';
import b24Private from './fixtures/bitrix24/attach-record-private-url.json';

/**
 * MegaFon, Yeastar and Bitrix24 publish no machine-readable spec: their documented examples are golden fixtures.
 * Each documented request goes to the emulator as printed (placeholders and elided values filled in), and the answer
 * must be the documented one (fixtures/README.md).
 */

const golden = (g: unknown) => g as GoldenExample;

async function send(
  origin: string,
  g: GoldenExample,
  fill: (g: GoldenExample) => GoldenExample = (x) => x,
): Promise<{ status: number; body: unknown }> {
  const r = fill(structuredClone(g)).request;
  const qs = r.query ? `?${new URLSearchParams(r.query).toString()}` : '';
  const res = await fetch(`${origin}${r.path}${qs}`, {
    method: r.method,
    headers: r.headers,
    body: r.body === undefined ? undefined : JSON.stringify(r.body),
  });
  return { status: res.status, body: await res.json() };
}

describe('golden fixtures: MegaFon (seed 000)', () => {
  const emulator = createMegafonEmulator({ rateLimit: null, allowedIps: ['127.0.0.1'] });
  before(() => emulator.listen(0, '127.0.0.1'));
  after(() => emulator.close());

  it('accepts the documented PUT (id as the string "51") and answers the documented response exactly', async () => {
    const g = golden(megafonPut);
    const { status, body } = await send(emulator.apiBaseUrl, g, (x) => ({
      ...x,
      request: { ...x.request, headers: { ...x.request.headers, Authorization: MEGAFON_DEFAULT_TOKEN } },
    }));
    assertDocumentedAnswer(g, status, body);
  });
});

describe('golden fixtures: Yeastar (seed 001, developer guide)', () => {
  const g = golden(yeastarToken);
  const docs = g.request.body as { username: string; password: string };
  // The PBX of the docs' examples: its client id and secret are the ones the examples print.
  const emulator = createYeastarEmulator({ clientId: docs.username, clientSecret: docs.password });
  before(() => emulator.listen(0, '127.0.0.1'));
  after(() => emulator.close());

  it('get_token: the documented request, answered with the documented fields and lifetimes', async () => {
    const { status, body } = await send(emulator.url, g);
    assertDocumentedAnswer(g, status, body);
  });

  it('get_token with a wrong secret: the documented failure body', async () => {
    const refused = golden(yeastarRefused);
    const { status, body } = await send(emulator.url, refused);
    assertDocumentedAnswer(refused, status, body);
  });

  it('autorecord/update: the seed example (with a live access_token) answered {errcode: 0, errmsg: "SUCCESS"}', async () => {
    const token = (await send(emulator.url, g)).body as { access_token: string };
    const update = golden(yeastarUpdate);
    const { status, body } = await send(emulator.url, update, (x) => ({
      ...x,
      // The docs' Request Structure requires a User-Agent on every request; the seed's example omits headers it implies.
      request: { ...x.request, query: { access_token: token.access_token }, headers: { ...x.request.headers, 'User-Agent': 'OpenAPI' } },
    }));
    assertDocumentedAnswer(update, status, body);
    assert.equal(emulator.state.autoRecord.record_file_format, 'mp3');
  });
});

describe('golden fixtures: Bitrix24 (seed 004, attachRecord page)', () => {
  const emulator = createBitrix24Emulator({ rateLimit: null });
  const hookPath = `/rest/${BITRIX24_DEFAULT_USER_ID}/${BITRIX24_DEFAULT_WEBHOOK_SECRET}`;
  before(() => emulator.listen(0, '127.0.0.1'));
  after(() => emulator.close());

  /** A finished call under the documented CALL_ID, as if the PBX integration had registered and finished it. */
  const finishedCall = (callId: string): B24Call => {
    const call = emulator.seedFinishedCall();
    emulator.state.calls.delete(call.CALL_ID);
    call.CALL_ID = callId;
    emulator.state.calls.set(callId, call);
    return call;
  };
  const fill = (x: GoldenExample): GoldenExample => {
    const body = { ...(x.request.body as Record<string, string>) };
    // The docs elide the file ("SUQzAwAAAAAiVVRJVDI...AAAAAAAAAAAAP8="): its documented head, as valid base64.
    if (body['FILE_CONTENT']?.includes('...')) {
      const head = body['FILE_CONTENT'].split('...')[0]!;
      body['FILE_CONTENT'] = head.padEnd(Math.ceil(head.length / 4) * 4, '=');
    }
    if (body['auth'] === '**put_access_token_here**') body['auth'] = BITRIX24_DEFAULT_APP_TOKEN;
    return { ...x, request: { ...x.request, path: x.request.path.replace('/rest/{user_id}/{webhook}', hookPath), body } };
  };

  for (const [name, fixture] of [
    ['FILENAME + FILE_CONTENT: FILE_ID and the time block', b24Content],
    ['FILENAME alone: uploadUrl and fieldName "file"', b24Upload],
    ['neither RECORD_URL nor FILENAME: 400 with an empty code', b24NoParams],
    ['a RECORD_URL on a private address: 400, blocked', b24Private],
  ] as const) {
    it(`answers the documented example: ${name}`, async () => {
      const g = golden(fixture);
      emulator.reset({ state: true });
      finishedCall((g.request.body as { CALL_ID: string }).CALL_ID);
      const { status, body } = await send(emulator.url, g, fill);
      assertDocumentedAnswer(g, status, body);
    });
  }

  it("the adapter's attach with base64 content is the documented request (same method, parameters, JSON body)", async () => {
    const g = golden(b24Content);
    emulator.reset({ state: true });
    const documented = fill(structuredClone(g)).request;
    const doc = documented.body as Record<string, string>;
    finishedCall(doc['CALL_ID']!);
    const seen: Exchange[] = [];
    const stop = emulator.tap((x) => seen.push(x));
    try {
      const adapter = createBitrix24Adapter({ settings: TEST_HTTP_SETTINGS });
      await adapter.attachments.attachRecording(
        {
          connectionId: 'conn-b24-golden',
          tenantId: 'tenant-1',
          baseUrl: emulator.apiBaseUrl,
          settings: {},
          credentials: { userId: String(BITRIX24_DEFAULT_USER_ID), webhookSecret: BITRIX24_DEFAULT_WEBHOOK_SECRET },
        },
        { crmCallId: doc['CALL_ID']!, fileName: doc['FILENAME']!, contentBase64: doc['FILE_CONTENT']! },
      );
    } finally {
      stop();
    }
    const attach = seen.find((x) => /telephony\.externalCall\.attachRecord/i.test(x.path));
    assert.ok(attach, `no attachRecord among ${seen.map((x) => x.path).join(', ')}`);
    assert.equal(attach.method, documented.method);
    // The docs' URL has no suffix; ".json" selects the same JSON transport (NOTES.md).
    assert.equal(attach.path.replace(/\.json$/, ''), documented.path);
    assert.match(String(attach.headers['content-type']), /^application\/json/);
    assert.deepEqual(attach.body, doc, 'exactly the documented parameters, nothing else');
    assertDocumentedAnswer(g, attach.status, attach.responseBody);
  });
});
