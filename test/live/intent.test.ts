import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { errorOf, ok, startTestApp, type TestApp } from '../helpers/app';
import { DEMO_CONNECTION_IDS, DEMO_TENANT_ID } from '../../src/sandbox/demo-tenant';
import { SIGNALWIRE_API_PATH, SIGNALWIRE_DEFAULT_API_TOKEN, SIGNALWIRE_DEFAULT_PROJECT_ID } from '../../src/sandbox/signalwire/emulator';
import { wavTone } from '../../src/sandbox/signalwire/audio';
import { createWebexEmulator, WEBEX_DEFAULT_TOKEN, type WebexEmulator } from '../../src/sandbox/webex/emulator';
import { createWebexAdapter } from '../../src/vendors/webex/adapter';
import type { ConnectionContext } from '../../src/vendors/port';
import { TEST_HTTP_SETTINGS } from '../contract/policy-contract';
import { WEBEX_SANDBOX_CLIENT_ID, WEBEX_SANDBOX_CLIENT_SECRET, WEBEX_SANDBOX_REFRESH_TOKEN } from '../../src/sandbox/webex/oauth';

const FIELDS = `id status callId vendorRecordingId version failureReason pendingAction lastError { code }`;
const START = `mutation($input: StartLiveRecordingInput!) { startLiveRecording(input: $input) { liveRecording { ${FIELDS} } } }`;
const STOP = `mutation($id: ID!) { stopLiveRecording(input: { id: $id }) { liveRecording { ${FIELDS} } } }`;
const LIST = `query($tenantId: ID!) { liveRecordings(tenantId: $tenantId, first: 100) { nodes { ${FIELDS} } } }`;
const ATTACH = `mutation($input: AttachRecordingInput!) { attachRecording(input: $input) { replacedPrevious attachment { id status fileName } } }`;
const ACCOUNT = `${SIGNALWIRE_API_PATH}/Accounts/${SIGNALWIRE_DEFAULT_PROJECT_ID}`;
const AUTH = `Basic ${Buffer.from(`${SIGNALWIRE_DEFAULT_PROJECT_ID}:${SIGNALWIRE_DEFAULT_API_TOKEN}`).toString('base64')}`;

/**
 * Intent before effect (issue 14 point 4): a live recording's row exists before the vendor is asked to start it, and
 * a row whose process died between the vendor call and the outcome is settled by the recovery pass with the vendor.
 * The recovery timer is off (LIVE_RECOVERY_SECONDS=0): each test runs one pass itself.
 */
describe('live recordings: intent before effect, and recovery', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ env: { SANDBOX: 'true', SANDBOX_WEBEX_PEOPLE: '20', LIVE_RECOVERY_SECONDS: '0' } });
  });
  after(async () => t.close());
  beforeEach(() => t.app.sandbox!.signalwire.faults.clear());

  const sw = () => t.app.sandbox!.signalwire;
  const stores = () => t.app.services.stores;
  /** What a process that died right after its start reached SignalWire leaves behind: a STARTING row whose lease ran out. */
  const deadStart = async (callId: string) =>
    stores().liveRecordings.insert(stores().db, {
      id: randomUUID(),
      tenantId: DEMO_TENANT_ID,
      connectionId: DEMO_CONNECTION_IDS.signalwire,
      vendor: 'SIGNALWIRE',
      callId,
      status: 'STARTING',
      version: 0,
      startToken: randomUUID(),
      lockToken: randomUUID(),
      lockUntil: new Date(Date.now() - 1000),
    });
  const startAtVendor = async (callId: string) => {
    const res = await fetch(`${sw().apiBaseUrl}${ACCOUNT}/Calls/${callId}/Recordings.json`, {
      method: 'POST',
      headers: { authorization: AUTH, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'RecordingChannels=mono',
    });
    assert.equal(res.status, 201);
    return ((await res.json()) as { sid: string }).sid;
  };
  const row = async (id: string) => (await stores().liveRecordings.byIds(null, [id]))[0]!;

  it('commits the STARTING row before the vendor answers the start', async () => {
    const call = sw().createCall();
    sw().faults.inject({ latencyMs: 1500, latencyCount: 1, match: { method: 'POST' } });
    const answer = t.gql(START, { input: { connectionId: DEMO_CONNECTION_IDS.signalwire, callId: call.sid } });
    let seen: string | null = null;
    for (let i = 0; i < 100 && !seen; i += 1) {
      await new Promise((r) => setTimeout(r, 20));
      const nodes = ok(await t.gql(LIST, { tenantId: DEMO_TENANT_ID })).liveRecordings.nodes as { callId: string; status: string }[];
      seen = nodes.find((n) => n.callId === call.sid)?.status ?? null;
    }
    assert.equal(seen, 'STARTING', 'the intent was stored while the vendor call was in flight');
    const started = ok(await answer).startLiveRecording.liveRecording;
    assert.equal(started.status, 'IN_PROGRESS');
    assert.equal(started.version, 1);
    assert.equal(sw().startsPerCall()[call.sid], 1);
  });

  it('recovery adopts the recording a dead process started at the vendor', async () => {
    const call = sw().createCall();
    const intent = await deadStart(call.sid);
    const sid = await startAtVendor(call.sid);
    const tally = await t.app.services.liveRecordings.recoverOnce();
    assert.equal(tally.adopted, 1);
    const adopted = await row(intent.id);
    assert.deepEqual([adopted.status, adopted.vendorRecordingId, adopted.lockToken], ['IN_PROGRESS', sid, null]);
    assert.equal(sw().startsPerCall()[call.sid], 1, 'recovery never starts a second recording');
    // Adopted rows are ordinary recordings: they can be stopped through the API.
    assert.equal(ok(await t.gql(STOP, { id: intent.id })).stopLiveRecording.liveRecording.status, 'STOPPED');
  });

  it('recovery marks a start that never reached the vendor FAILED_TO_START, with a reason, and never adopts a claimed recording', async () => {
    const call = sw().createCall();
    const first = ok(await t.gql(START, { input: { connectionId: DEMO_CONNECTION_IDS.signalwire, callId: call.sid } })).startLiveRecording
      .liveRecording;
    const intent = await deadStart(call.sid);
    const tally = await t.app.services.liveRecordings.recoverOnce();
    assert.equal(tally.neverStarted, 1);
    const failed = await row(intent.id);
    assert.equal(failed.status, 'FAILED_TO_START');
    assert.match(failed.failureReason ?? '', /never reached the vendor/);
    assert.equal((await row(first.id)).status, 'IN_PROGRESS');
    assert.equal(errorOf(await t.gql(STOP, { id: intent.id })).code, 'INVALID_TRANSITION');
  });

  it('while the vendor is unavailable the row stays STARTING (not failed), and a later pass adopts it', async () => {
    const call = sw().createCall();
    const intent = await deadStart(call.sid);
    const sid = await startAtVendor(call.sid);
    sw().faults.inject({ errors: { count: 1000, status: 503 } });
    const waiting = await t.app.services.liveRecordings.recoverOnce();
    assert.equal(waiting.waiting, 1);
    assert.equal((await row(intent.id)).status, 'STARTING');
    sw().faults.clear();
    assert.equal((await t.app.services.liveRecordings.recoverOnce()).adopted, 1);
    assert.equal((await row(intent.id)).vendorRecordingId, sid);
  });

  it('a stop whose process died after the vendor stopped it is settled from the vendor', async () => {
    const call = sw().createCall();
    const started = ok(await t.gql(START, { input: { connectionId: DEMO_CONNECTION_IDS.signalwire, callId: call.sid } })).startLiveRecording
      .liveRecording;
    // The dead process had written its intent and sent the stop, which SignalWire applied.
    await stores().db.execute(
      `UPDATE live_recordings SET pending_action = '{"kind":"stop","token":"x"}', lock_token = 'dead', lock_until = now() - interval '1 second' WHERE id = '${started.id}'` as never,
    );
    await fetch(`${sw().apiBaseUrl}${ACCOUNT}/Calls/${call.sid}/Recordings/${started.vendorRecordingId}.json`, {
      method: 'POST',
      headers: { authorization: AUTH, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Status=stopped',
    });
    const listed = ok(await t.gql(LIST, { tenantId: DEMO_TENANT_ID })).liveRecordings.nodes.find((n: { id: string }) => n.id === started.id);
    assert.equal(listed.pendingAction, 'STOP', 'the intent is visible until settled');
    assert.equal((await t.app.services.liveRecordings.recoverOnce()).settled, 1);
    const settled = await row(started.id);
    assert.deepEqual([settled.status, settled.pendingAction, settled.lockToken], ['STOPPED', null, null]);
  });

  it('a start the vendor refuses is an error that leaves no row (nothing started anywhere), and no recording', async () => {
    const call = sw().createCall();
    sw().hangup(call.sid);
    const err = errorOf(await t.gql(START, { input: { connectionId: DEMO_CONNECTION_IDS.signalwire, callId: call.sid } }));
    assert.equal(err.code, 'VENDOR_REJECTED');
    const nodes = ok(await t.gql(LIST, { tenantId: DEMO_TENANT_ID })).liveRecordings.nodes.filter((n: { callId: string }) => n.callId === call.sid);
    assert.deepEqual(nodes, []);
    assert.equal(sw().startsPerCall()[call.sid] ?? 0, 0);
  });
});

describe('attachments carry the truth', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ env: { SANDBOX: 'true', SANDBOX_WEBEX_PEOPLE: '20', LIVE_RECOVERY_SECONDS: '0' } });
  });
  after(async () => t.close());

  it('refuses WAV bytes under an .mp3 name with BAD_USER_INPUT on input.fileName, sending nothing to Bitrix24', async () => {
    const b24 = t.app.sandbox!.bitrix24;
    const crmCall = b24.seedFinishedCall();
    const wav = wavTone(1, 1).toString('base64');
    const before = b24.counts().total;
    const err = errorOf(
      await t.gql(ATTACH, {
        input: { connectionId: DEMO_CONNECTION_IDS.bitrix24, crmCallId: crmCall.CALL_ID, fileName: 'call.mp3', contentBase64: wav },
      }),
    );
    assert.equal(err.code, 'BAD_USER_INPUT');
    assert.deepEqual(
      err.fields!.map((f) => f.path.join('.')),
      ['input.fileName'],
    );
    assert.match(err.fields![0]!.message, /WAV audio .* name it call\.wav/);
    assert.equal(b24.counts().total, before, 'no vendor call');
    const garbage = errorOf(
      await t.gql(ATTACH, {
        input: {
          connectionId: DEMO_CONNECTION_IDS.bitrix24,
          crmCallId: crmCall.CALL_ID,
          fileName: 'call.wav',
          contentBase64: Buffer.from('not audio at all').toString('base64'),
        },
      }),
    );
    assert.equal(garbage.code, 'BAD_USER_INPUT');
    const attached = ok(
      await t.gql(ATTACH, {
        input: { connectionId: DEMO_CONNECTION_IDS.bitrix24, crmCallId: crmCall.CALL_ID, fileName: 'call.wav', contentBase64: wav },
      }),
    ).attachRecording;
    assert.deepEqual([attached.attachment.status, attached.attachment.fileName], ['ATTACHED', 'call.wav']);
  });

  it('an ATTACHING row left by a dead process is sent again by recovery (Bitrix24 replaces, never duplicates)', async () => {
    const b24 = t.app.sandbox!.bitrix24;
    const crmCall = b24.seedFinishedCall();
    const stores = t.app.services.stores;
    const id = randomUUID();
    await stores.attachments.insert(stores.db, {
      id,
      tenantId: DEMO_TENANT_ID,
      connectionId: DEMO_CONNECTION_IDS.bitrix24,
      crmCallId: crmCall.CALL_ID,
      fileName: 'late.wav',
      source: 'CONTENT',
      status: 'ATTACHING',
      pending: { fileName: 'late.wav', contentBase64: wavTone(1, 1).toString('base64') },
      lockUntil: new Date(Date.now() - 1000),
    });
    const tally = await t.app.services.attachments.recoverOnce();
    assert.equal(tally.attached, 1);
    const page = await stores.attachments.page(null, DEMO_TENANT_ID, crmCall.CALL_ID, { first: 10 } as never);
    assert.deepEqual(
      page.items.map((a) => [a.id, a.status, a.pending]),
      [[id, 'ATTACHED', null]],
    );
    assert.equal(b24.counts().writes[`attach:${crmCall.CALL_ID}`], 1);
  });
});

describe('recovery at Webex (no read of a call recording: the intended action is sent again)', () => {
  const webex: WebexEmulator = createWebexEmulator({ people: 3, rateLimit: null });
  const adapter = createWebexAdapter({ settings: TEST_HTTP_SETTINGS });
  let conn: ConnectionContext;
  before(async () => {
    await webex.listen(0, '127.0.0.1');
    conn = { connectionId: 'c', tenantId: 't', baseUrl: webex.apiBaseUrl, settings: {}, credentials: { accessToken: WEBEX_DEFAULT_TOKEN } };
  });
  after(() => webex.close());
  const call = (index: number, record: 'On Demand with User Initiated Start' | 'Never') => {
    webex.setSettings(webex.personId(index), { enabled: record !== 'Never', record });
    return webex.createCall({ personId: webex.personId(index) }).callId;
  };
  const starts = (callId: string) => webex.call(callId)!.history.filter((h) => h.action === 'startRecording' && h.outcome === 204).length;

  it('a start that landed is adopted (the repeat is refused as already recording), one that did not is made now', async () => {
    const landed = call(0, 'On Demand with User Initiated Start');
    await adapter.live.startRecording(conn, { callId: landed });
    assert.equal((await adapter.live.settleStart(conn, { callId: landed }, []))?.status, 'IN_PROGRESS');
    assert.equal(starts(landed), 1, 'no second recording');
    const lost = call(1, 'On Demand with User Initiated Start');
    assert.equal((await adapter.live.settleStart(conn, { callId: lost }, []))?.status, 'IN_PROGRESS');
    assert.equal(starts(lost), 1);
    assert.equal(await adapter.live.settleStart(conn, { callId: call(2, 'Never') }, []), null, 'a start Webex refuses never happened');
  });

  it('a stop that landed settles as STOPPED', async () => {
    const id = call(0, 'On Demand with User Initiated Start');
    await adapter.live.startRecording(conn, { callId: id });
    await adapter.live.updateRecording(conn, { callId: id }, { kind: 'stop' });
    assert.equal((await adapter.live.settleAction(conn, { callId: id }, { kind: 'stop' }))?.status, 'STOPPED');
    assert.equal(webex.call(id)!.recording, 'stopped');
  });

  it('an admin integration (refresh token, no access token stored) settles with a token it renews, like every other call', async () => {
    const integration = adapter.credentialLifecycle;
    assert.equal(
      integration.kindOf({ clientId: WEBEX_SANDBOX_CLIENT_ID, clientSecret: WEBEX_SANDBOX_CLIENT_SECRET, refreshToken: WEBEX_SANDBOX_REFRESH_TOKEN }),
      'OAUTH_REFRESH',
    );
    const oauthConn: ConnectionContext = {
      ...conn,
      connectionId: 'integration',
      credentials: { clientId: WEBEX_SANDBOX_CLIENT_ID, clientSecret: WEBEX_SANDBOX_CLIENT_SECRET, refreshToken: WEBEX_SANDBOX_REFRESH_TOKEN },
    };
    const id = call(0, 'On Demand with User Initiated Start');
    assert.equal((await adapter.live.settleStart(oauthConn, { callId: id }, []))?.status, 'IN_PROGRESS');
    assert.equal(starts(id), 1);
    assert.equal((await adapter.live.settleAction(oauthConn, { callId: id }, { kind: 'pause', behavior: 'SKIP' }))?.status, 'PAUSED');
    assert.equal(webex.call(id)!.recording, 'paused');
  });
});
