import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SecretBox } from '../../src/crypto/secrets';
import { createBitrix24Emulator, type Bitrix24Emulator } from '../../src/sandbox/bitrix24/emulator';
import { BITRIX24_SANDBOX_CLIENT_ID, BITRIX24_SANDBOX_CLIENT_SECRET, BITRIX24_SANDBOX_REFRESH_TOKEN } from '../../src/sandbox/bitrix24/oauth';
import { rotateCredentials } from '../../src/services/credentials-rotation';
import { CONNECT, CONNECTION, createTenant, nv, startReplica, Store } from './helpers';

const K1 = Buffer.alloc(32, 11).toString('base64');
const K2 = Buffer.alloc(32, 12).toString('base64');
const ATTACH = `mutation($input: AttachRecordingInput!) { attachRecording(input: $input) { replacedPrevious } }`;
const AUDIO = Buffer.from('RIFF....WAVEfmt rotation', 'latin1').toString('base64');

/**
 * Rotating the credentials key re-seals the vendor-issued tokens too: a Bitrix24 application's refresh token changes at
 * every renewal, so a token row lost to a dropped key would leave only a refresh token the OAuth server has revoked.
 */
describe('credentials key rotation and stored tokens', () => {
  let b24: Bitrix24Emulator;
  let store: Store;
  before(async () => {
    b24 = createBitrix24Emulator({ rateLimit: null });
    await b24.listen(0, '127.0.0.1');
    store = new Store();
  });
  after(async () => {
    await store?.drop();
    await b24?.close();
  });

  it('re-seals token rows with the new key in the same transaction; the service goes on with the new key alone', async () => {
    let r = await startReplica(store, { env: { CREDENTIALS_KEY: K1 } });
    const tenantId = await createTenant(r);
    const res = await r.gql(CONNECT, {
      input: {
        tenantId,
        vendor: 'BITRIX24',
        name: 'app',
        baseUrl: b24.apiBaseUrl,
        settings: nv({ oauthServer: b24.url }),
        credentials: nv({
          clientId: BITRIX24_SANDBOX_CLIENT_ID,
          clientSecret: BITRIX24_SANDBOX_CLIENT_SECRET,
          refreshToken: BITRIX24_SANDBOX_REFRESH_TOKEN,
        }),
      },
    });
    const id = res.data.connectVendor.connection.id as string;
    const call = b24.seedFinishedCall();
    const attach = async () => {
      const a = await r.gql(ATTACH, { input: { connectionId: id, crmCallId: call.CALL_ID, fileName: 'r.wav', contentBase64: AUDIO } });
      assert.equal(a.errors, undefined, JSON.stringify(a.errors));
    };
    await attach();
    assert.equal(b24.oauth.stats.refreshCalls, 1);
    const report = await rotateCredentials(r.app.database, new SecretBox(K2, [K1]));
    assert.equal(report.tokensResealed, 1);
    await r.close();

    r = await startReplica(store, { env: { CREDENTIALS_KEY: K2 } });
    try {
      await attach();
      b24.oauth.advance(3600);
      await attach();
      assert.equal(b24.oauth.stats.refreshRefused, 0, 'the rotated refresh token was kept');
      assert.equal(b24.oauth.stats.refreshCalls, 2, 'the re-sealed token was used, then renewed once after its hour');
      assert.notEqual((await r.gql(CONNECTION, { id })).data.vendorConnection.status, 'AUTH_EXPIRED');
    } finally {
      await r.close();
    }
  });
});
