import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createBitrix24Emulator, type Bitrix24Emulator } from '../../src/sandbox/bitrix24/emulator';
import { BITRIX24_SANDBOX_CLIENT_ID, BITRIX24_SANDBOX_CLIENT_SECRET } from '../../src/sandbox/bitrix24/oauth';
import { createWebexEmulator, type WebexEmulator } from '../../src/sandbox/webex/emulator';
import { WEBEX_SANDBOX_CLIENT_ID } from '../../src/sandbox/webex/oauth';
import { errorOf, ok, startTestApp, type GqlResult, type TestApp } from '../helpers/app';
import { tableNames } from '../hardening/helpers';
import { CONNECT, CONNECTION, metric, nv, TEST } from './helpers';

/**
 * connectVendor takes what each vendor's onboarding hands out (a Webex integration, a Bitrix24 application), the
 * Bitrix24 application keeps attaching while its hourly tokens expire, and no credential or token obtained from the
 * vendor is ever readable back (test/hardening/canary.test.ts's method, with the vendors' token endpoints).
 */
const canary = (what: string) => `CANARY-${what}-${randomBytes(12).toString('hex')}`;
const WEBEX_SECRET = canary('webex-secret');
const WEBEX_REFRESH = canary('webex-refresh');
const B24_REFRESH = canary('b24-refresh');
const CANARIES = [WEBEX_SECRET, WEBEX_REFRESH, B24_REFRESH];
const AUDIO = Buffer.from('RIFF\x24\x01\x00\x00WAVEfmt sandbox audio', 'latin1').toString('base64');
const ATTACH = `mutation($input: AttachRecordingInput!) { attachRecording(input: $input) { replacedPrevious attachment { id } } }`;

describe('onboarding credentials: Webex integration, Bitrix24 application', () => {
  let t: TestApp;
  let webex: WebexEmulator;
  let b24: Bitrix24Emulator;
  let tenantId: string;
  const answers: string[] = [];
  const call = async (query: string, variables?: Record<string, unknown>): Promise<GqlResult> => {
    const r = await t.gql(query, variables);
    answers.push(JSON.stringify({ data: r.data, errors: r.errors }));
    return r;
  };

  before(async () => {
    webex = createWebexEmulator({ people: 5, rateLimit: null, integration: { clientSecret: WEBEX_SECRET, refreshTokens: [WEBEX_REFRESH] } });
    b24 = createBitrix24Emulator({ rateLimit: null, application: { refreshTokens: [B24_REFRESH] } });
    await webex.listen(0, '127.0.0.1');
    await b24.listen(0, '127.0.0.1');
    t = await startTestApp({ env: { LOG_LEVEL: 'debug' } });
    tenantId = ok(await call(`mutation { createTenant(input: { name: "Onboarding" }) { tenant { id } } }`)).createTenant.tenant.id;
  });
  after(async () => {
    await t?.close();
    await webex?.close();
    await b24?.close();
  });

  const connect = (vendor: string, baseUrl: string, credentials: Record<string, string>, settings: Record<string, string> = {}) =>
    call(CONNECT, { input: { tenantId, vendor, name: `${vendor} connection`, baseUrl, settings: nv(settings), credentials: nv(credentials) } });

  it('accepts each shape an onboarding hands out and refuses an incomplete one, naming what is missing', async () => {
    const integration = ok(
      await connect('WEBEX', webex.apiBaseUrl, { clientId: WEBEX_SANDBOX_CLIENT_ID, clientSecret: WEBEX_SECRET, refreshToken: WEBEX_REFRESH }),
    ).connectVendor.connection;
    assert.equal(integration.status, 'UNTESTED');
    const tested = ok(await call(TEST, { id: integration.id })).testVendorConnection;
    assert.equal(tested.ok, true, JSON.stringify(tested));
    assert.equal(webex.oauth.stats.refreshCalls, 1, 'the first call obtained a token with the refresh token');

    const staticToken = ok(await connect('WEBEX', webex.apiBaseUrl, { accessToken: 'webex-sandbox-token' })).connectVendor.connection;
    assert.equal(ok(await call(TEST, { id: staticToken.id })).testVendorConnection.ok, true, 'a static token stays valid');
    assert.equal(webex.oauth.stats.refreshCalls, 1, 'a static token is never refreshed');

    const partial = errorOf(await connect('WEBEX', webex.apiBaseUrl, { clientId: WEBEX_SANDBOX_CLIENT_ID, refreshToken: WEBEX_REFRESH }));
    assert.equal(partial.code, 'BAD_USER_INPUT');
    assert.match(partial.fields!.map((f) => f.message).join(' '), /"clientSecret" is required/);
    const none = errorOf(await connect('WEBEX', webex.apiBaseUrl, {}));
    assert.equal(none.code, 'BAD_USER_INPUT');

    const halfHook = errorOf(await connect('BITRIX24', b24.apiBaseUrl, { userId: '1' }));
    assert.equal(halfHook.code, 'BAD_USER_INPUT');
    assert.deepEqual(halfHook.fields![0]!.path, ['input', 'credentials', 0, 'value']);
    const hook = ok(await connect('BITRIX24', b24.apiBaseUrl, { userId: '1', webhookSecret: 'b24sandboxwebhooksecret1' })).connectVendor.connection;
    assert.equal(ok(await call(TEST, { id: hook.id })).testVendorConnection.ok, true, 'the webhook stays as it is');
  });

  it('a Bitrix24 application keeps attaching over three simulated hours: its hourly tokens are renewed once each', async () => {
    const app = ok(
      await connect(
        'BITRIX24',
        b24.apiBaseUrl,
        { clientId: BITRIX24_SANDBOX_CLIENT_ID, clientSecret: BITRIX24_SANDBOX_CLIENT_SECRET, refreshToken: B24_REFRESH },
        { oauthServer: b24.url },
      ),
    ).connectVendor.connection;
    const crmCall = b24.seedFinishedCall();
    for (let hour = 0; hour <= 3; hour++) {
      for (let i = 0; i < 3; i++) {
        ok(await call(ATTACH, { input: { connectionId: app.id, crmCallId: crmCall.CALL_ID, fileName: `h${hour}-${i}.wav`, contentBase64: AUDIO } }));
      }
      b24.oauth.advance(3600);
    }
    assert.equal(b24.attachesPerCall()[crmCall.CALL_ID], 12);
    assert.equal(b24.oauth.stats.refreshCalls, 4, 'one token per hour: the first, then one renewal per expiry');
    assert.equal(b24.oauth.stats.refreshRefused, 0);
    assert.equal(await metric(t.app, 'recsub_vendor_credential_events_total', { vendor: 'BITRIX24', outcome: 'refreshed' }), 3);
    assert.equal(ok(await call(CONNECTION, { id: app.id })).vendorConnection.status, 'UNTESTED', 'renewals leave the connection as it was');
  });

  it('testVendorConnection names the cause with a stable code and a hint', async () => {
    const refused = ok(await connect('WEBEX', webex.apiBaseUrl, { accessToken: 'not-a-webex-token' })).connectVendor.connection;
    const r = ok(await call(TEST, { id: refused.id })).testVendorConnection;
    assert.equal(r.ok, false);
    assert.equal(r.problem.code, 'CREDENTIALS_REFUSED');
    assert.match(r.problem.hint, /Webex Calling refused the credentials/);
    const down = ok(await connect('WEBEX', 'http://127.0.0.1:1/v1', { accessToken: 'x' })).connectVendor.connection;
    assert.equal(ok(await call(TEST, { id: down.id })).testVendorConnection.problem.code, 'VENDOR_UNAVAILABLE');
    const ok1 = ok(
      await call(TEST, { id: ok(await connect('WEBEX', webex.apiBaseUrl, { accessToken: 'webex-sandbox-token' })).connectVendor.connection.id }),
    ).testVendorConnection;
    assert.equal(ok1.problem, null);
  });

  it('no credential or vendor-issued token is readable back: responses, logs, rows (sealed columns aside)', async () => {
    ok(
      await call(
        `query($t: ID!) { vendorConnections(tenantId: $t, first: 100) { nodes { id status settings { name value } lastError { code message vendorCode vendorMessage } } } }`,
        { t: tenantId },
      ),
    );
    ok(await call(`query($t: ID!) { auditLog(tenantId: $t, first: 100) { nodes { action before after outcome } } }`, { t: tenantId }));
    const issued = [...webex.requests().entries, ...b24.requests().entries].length;
    assert.ok(issued > 10);
    const fragments = CANARIES.map((c) => c.slice(-24));
    const leaks = (where: string, texts: string[]) =>
      texts.filter((x) => fragments.some((f) => x.includes(f))).map((x) => `${where}: ${x.slice(0, 300)}`);
    const found = [...leaks('response', answers), ...leaks('log', t.logs)];
    for (const table of await tableNames(t)) {
      const rows = await t.app.database.rawQuery<{ row: string }>(
        `SELECT (to_jsonb(x) - 'credentials_sealed' - 'token_sealed')::text AS row FROM "${table}" x`,
      );
      found.push(
        ...leaks(
          `table ${table}`,
          rows.map((r) => r.row),
        ),
      );
    }
    // The access tokens the vendors issued are secrets too: the sealed column holds them, nothing else.
    const sealed = await t.app.database.rawQuery<{ s: string }>(
      `SELECT token_sealed AS s FROM vendor_credential_tokens WHERE token_sealed IS NOT NULL`,
    );
    assert.ok(sealed.length >= 2);
    for (const { s } of sealed) assert.ok(s.startsWith('v1.') && !s.includes('CANARY'), 'sealed, not plain');
    const logsAndAnswers = [...answers, ...t.logs].join('\n');
    assert.ok(
      !/[0-9a-f]{48}/.test(logsAndAnswers.replace(/"(id|requestId|reqId|trackingId)":"[^"]*"/g, '')),
      'no vendor-issued token (48 hex) in answers or logs',
    );
    assert.deepEqual(found, []);
  });
});
