import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorOf, ok, startTestApp, type TestApp } from '../helpers/app';
import { operation } from '../helpers/operations';
import { DEMO_CONNECTION_IDS, DEMO_TENANT_ID } from '../../src/sandbox/demo-tenant';
import type { Emulator } from '../../src/sandbox/common';

const CREATE = operation('CreateRecordingPolicy');
const UPDATE = operation('UpdateRecordingPolicy');
const PREVIEW = operation('PreviewRecordingPolicy');
const RECONCILE = operation('ReconcileRecordingPolicy');

const POLICIES: Record<'megafon' | 'yeastar' | 'webex', { scope: (t: TestApp) => { kind: string; id: string }; rules: Record<string, unknown> }> = {
  megafon: {
    scope: () => ({ kind: 'SETTINGS_RECORD', id: '52' }),
    rules: {
      mode: 'ALWAYS',
      calls: { internal: true, external: true },
      excludedUserIds: ['129'],
      announcement: { enabled: true, media: { source: 'CUSTOM', mediaId: '737' } },
    },
  },
  yeastar: {
    scope: () => ({ kind: 'ORGANIZATION', id: '' }),
    rules: {
      calls: { internal: true, paging: false },
      stereo: true,
      fileFormat: 'MP3',
      targets: { trunks: [{ id: '5', periodicBeep: { enabled: true, intervalSeconds: 30 } }], queues: [{ id: '9' }] },
      announcement: { prompts: { inbound: { source: 'CUSTOM', mediaId: 'inbound_record.wav' } } },
    },
  },
  webex: {
    scope: (t) => ({ kind: 'PERSON', id: t.app.sandbox!.webex.personId(7) }),
    rules: {
      mode: 'ALWAYS_WITH_PAUSE_RESUME',
      calls: { voicemail: true },
      startStopAnnouncement: { enabled: true, internalCalls: true, externalCalls: true },
      pauseResumeNotification: { enabled: true, type: 'ANNOUNCEMENT' },
      periodicBeep: { enabled: true, intervalSeconds: 60 },
    },
  },
};

describe('recording policies through GraphQL on the built-in sandbox', () => {
  let t: TestApp;
  const emulator = (key: 'megafon' | 'yeastar' | 'webex'): Emulator<unknown> => t.app.sandbox![key] as unknown as Emulator<unknown>;
  const policyCount = async () => Number((await t.app.database.rawQuery<{ n: number }>('SELECT count(*)::int AS n FROM recording_policies'))[0]!.n);

  before(async () => {
    t = await startTestApp({ env: { SANDBOX: 'true' } });
  });
  after(async () => t.close());

  for (const key of ['megafon', 'yeastar', 'webex'] as const) {
    it(`${key}: preview shows exactly what apply sends; apply lands IN_SYNC and reads back equal`, async () => {
      const spec = POLICIES[key];
      const connectionId = DEMO_CONNECTION_IDS[key]!;
      const preview = ok(await t.gql(PREVIEW, { input: { connectionId, scope: spec.scope(t), rules: spec.rules } })).previewRecordingPolicy;
      assert.ok(preview.requests.length >= 1);
      assert.ok(!JSON.stringify(preview).includes('sandbox-token') && !JSON.stringify(preview).includes('client-secret'), 'credentials redacted');
      const created = ok(
        await t.gql(CREATE, { input: { connectionId, name: `${key} policy`, scope: spec.scope(t), rules: spec.rules } }),
      ).createRecordingPolicy;
      assert.equal(created.sync.status, 'IN_SYNC', JSON.stringify(created.sync.error));
      assert.equal(created.policy.syncStatus, 'IN_SYNC');
      assert.equal(created.policy.syncedVersion, 1);
      const writes = (r: { method: string; path: string; body: unknown }[]) =>
        r.filter((x) => x.method !== 'GET').map((x) => ({ method: x.method, path: x.path, body: x.body }));
      assert.deepEqual(writes(created.sync.requests), writes(preview.requests), 'the write apply sent is the one preview showed');
      const rec = ok(await t.gql(RECONCILE, { input: { id: created.policy.id } })).reconcileRecordingPolicy;
      assert.deepEqual(rec.drift, []);
      assert.equal(rec.policy.syncStatus, 'IN_SYNC');
    });
  }

  it('refuses a field the vendor cannot express before any vendor call, naming field and vendor, and stores nothing', async () => {
    const before = await policyCount();
    const requestsBefore = emulator('megafon').counts().total;
    const e = errorOf(
      await t.gql(CREATE, {
        input: {
          connectionId: DEMO_CONNECTION_IDS.megafon,
          name: 'x',
          scope: { kind: 'SETTINGS_RECORD', id: '51' },
          rules: { stereo: true, periodicBeep: { enabled: true, intervalSeconds: 30 } },
        },
      }),
    );
    assert.equal(e.code, 'VENDOR_UNSUPPORTED_FIELD');
    assert.equal(e.vendor, 'MEGAFON');
    assert.deepEqual(e.fields?.map((f) => f.path.join('.')).sort(), ['input.rules.periodicBeep', 'input.rules.stereo']);
    assert.match(e.message, /MegaFon/);
    const range = errorOf(
      await t.gql(CREATE, {
        input: {
          connectionId: DEMO_CONNECTION_IDS.webex,
          name: 'x',
          scope: { kind: 'PERSON', id: 'p' },
          rules: { periodicBeep: { enabled: true, intervalSeconds: 5 } },
        },
      }),
    );
    assert.equal(range.code, 'VENDOR_UNSUPPORTED_FIELD');
    assert.deepEqual(range.fields?.[0]?.path, ['input', 'rules', 'periodicBeep', 'intervalSeconds']);
    const wrongScope = errorOf(
      await t.gql(CREATE, {
        input: { connectionId: DEMO_CONNECTION_IDS.yeastar, name: 'x', scope: { kind: 'PERSON', id: 'p' }, rules: { stereo: true } },
      }),
    );
    assert.equal(wrongScope.code, 'VENDOR_UNSUPPORTED_FIELD');
    const customNoId = errorOf(
      await t.gql(CREATE, {
        input: {
          connectionId: DEMO_CONNECTION_IDS.megafon,
          name: 'x',
          scope: { kind: 'SETTINGS_RECORD', id: '51' },
          rules: { announcement: { enabled: true, media: { source: 'CUSTOM' } } },
        },
      }),
    );
    assert.equal(customNoId.code, 'BAD_USER_INPUT');
    assert.deepEqual(customNoId.fields?.[0]?.path, ['input', 'rules', 'announcement', 'media', 'mediaId']);
    assert.equal(emulator('megafon').counts().total, requestsBefore, 'zero vendor requests');
    assert.equal(await policyCount(), before);
  });

  it("keeps the desired state when the vendor refuses it: FAILED with the vendor's message, then retrySync after a fix", async () => {
    const r = ok(
      await t.gql(CREATE, {
        input: {
          connectionId: DEMO_CONNECTION_IDS.megafon,
          name: 'bad employee',
          scope: { kind: 'SETTINGS_RECORD', id: '51' },
          rules: { excludedUserIds: ['999'] },
        },
      }),
    ).createRecordingPolicy;
    assert.equal(r.sync.status, 'FAILED');
    assert.equal(r.sync.error.code, 'VENDOR_REJECTED');
    assert.match(r.sync.error.vendorMessage ?? r.sync.error.message, /999/);
    assert.equal(r.policy.syncStatus, 'FAILED');
    assert.deepEqual(r.policy.rules.excludedUserIds, ['999'], 'desired state kept');
    const fixed = ok(
      await t.gql(UPDATE, { input: { id: r.policy.id, expectedVersion: 1, rules: { excludedUserIds: ['137'] } } }),
    ).updateRecordingPolicy;
    assert.equal(fixed.sync.status, 'IN_SYNC');
    assert.equal(fixed.policy.version, 2);
    const stale = errorOf(await t.gql(UPDATE, { input: { id: r.policy.id, expectedVersion: 1, rules: { excludedUserIds: ['125'] } } }));
    assert.equal(stale.code, 'CONFLICT');
    assert.equal(stale.currentVersion, 2);
  });

  it('reconcile reports drift field by field after someone changes the vendor directly', async () => {
    const webex = t.app.sandbox!.webex;
    const person = webex.personId(42);
    const created = ok(
      await t.gql(CREATE, {
        input: {
          connectionId: DEMO_CONNECTION_IDS.webex,
          name: 'drift',
          scope: { kind: 'PERSON', id: person },
          rules: { mode: 'ALWAYS', calls: { voicemail: false } },
        },
      }),
    ).createRecordingPolicy;
    assert.equal(created.sync.status, 'IN_SYNC');
    webex.setSettings(person, { record: 'Never', recordVoicemailEnabled: true } as never);
    const rec = ok(await t.gql(RECONCILE, { input: { id: created.policy.id } })).reconcileRecordingPolicy;
    assert.equal(rec.policy.syncStatus, 'DRIFTED');
    const fields = Object.fromEntries(rec.drift.map((d: { field: string; desired: unknown; actual: unknown }) => [d.field, [d.desired, d.actual]]));
    assert.deepEqual(fields['mode'], ['ALWAYS', 'NEVER']);
    assert.deepEqual(fields['calls.voicemail'], [false, true]);
    const again = ok(await t.gql(operation('RetrySync'), { input: { id: created.policy.id } })).retrySync;
    assert.equal(again.sync.status, 'IN_SYNC');
    assert.deepEqual(ok(await t.gql(RECONCILE, { input: { id: created.policy.id } })).reconcileRecordingPolicy.drift, []);
  });

  it('lints policies a compliance officer would question', async () => {
    const preview = ok(
      await t.gql(PREVIEW, {
        input: {
          connectionId: DEMO_CONNECTION_IDS.yeastar,
          scope: { kind: 'ORGANIZATION', id: '' },
          rules: { targets: { trunks: [{ id: '5' }], queues: [{ id: '9', name: 'Payments' }] } },
        },
      }),
    ).previewRecordingPolicy;
    const codes = preview.warnings.map((w: { code: string }) => w.code).sort();
    assert.deepEqual(codes, ['EXTERNAL_CALLS_UNANNOUNCED', 'PAYMENT_QUEUE_CANNOT_PAUSE']);
  });

  it('tests connection credentials against the vendor', async () => {
    const good = ok(await t.gql(operation('TestVendorConnection'), { input: { id: DEMO_CONNECTION_IDS.yeastar } })).testVendorConnection;
    assert.equal(good.ok, true);
    assert.equal(good.connection.status, 'OK');
    const conn = ok(
      await t.gql(operation('ConnectVendor'), {
        input: {
          tenantId: DEMO_TENANT_ID,
          vendor: 'MEGAFON',
          name: 'wrong token',
          baseUrl: t.app.sandbox!.megafon.apiBaseUrl,
          credentials: [{ name: 'token', value: 'wrong' }],
        },
      }),
    ).connectVendor.connection;
    const bad = ok(await t.gql(operation('TestVendorConnection'), { input: { id: conn.id } })).testVendorConnection;
    assert.equal(bad.ok, false);
    assert.equal(bad.error.code, 'VENDOR_AUTH_FAILED');
    assert.equal(bad.connection.status, 'FAILED');
  });
});
