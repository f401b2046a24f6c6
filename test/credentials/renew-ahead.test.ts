import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createWebexEmulator, type WebexEmulator } from '../../src/sandbox/webex/emulator';
import { WEBEX_SANDBOX_CLIENT_ID, WEBEX_SANDBOX_CLIENT_SECRET, WEBEX_SANDBOX_REFRESH_TOKEN } from '../../src/sandbox/webex/oauth';
import { ok, startTestApp, type TestApp } from '../helpers/app';
import { CONNECT, nv, TEST } from './helpers';

/** Tokens are renewed before they expire (a day ahead for Webex), so calls do not meet the vendor's 401 at all. */
describe('renewal ahead of expiry', () => {
  let t: TestApp;
  let webex: WebexEmulator;
  before(async () => {
    // Tokens one day and two seconds long: two seconds after it is issued, a token is inside the one-day margin.
    webex = createWebexEmulator({ people: 2, rateLimit: null, integration: { accessTokenTtlSeconds: 86_402 } });
    await webex.listen(0, '127.0.0.1');
    t = await startTestApp();
  });
  after(async () => {
    await t?.close();
    await webex?.close();
  });

  it('renews a Webex token that nears its expiry before using it, and reuses it while it does not', async () => {
    const tenantId = ok(await t.gql(`mutation { createTenant(input: { name: "Ahead" }) { tenant { id } } }`)).createTenant.tenant.id;
    const credentials = nv({
      clientId: WEBEX_SANDBOX_CLIENT_ID,
      clientSecret: WEBEX_SANDBOX_CLIENT_SECRET,
      refreshToken: WEBEX_SANDBOX_REFRESH_TOKEN,
    });
    const id = ok(await t.gql(CONNECT, { input: { tenantId, vendor: 'WEBEX', name: 'w', baseUrl: webex.apiBaseUrl, credentials } })).connectVendor
      .connection.id;
    assert.equal(ok(await t.gql(TEST, { id })).testVendorConnection.ok, true);
    assert.equal(ok(await t.gql(TEST, { id })).testVendorConnection.ok, true);
    assert.equal(webex.oauth.stats.refreshCalls, 1, 'reused while outside the margin');
    await new Promise((r) => setTimeout(r, 2_500));
    assert.equal(ok(await t.gql(TEST, { id })).testVendorConnection.ok, true);
    assert.equal(webex.oauth.stats.refreshCalls, 2, 'renewed ahead of its expiry');
    assert.equal(webex.requests().entries.filter((e) => e.status === 401).length, 0, 'no call met an expired token');
  });
});
