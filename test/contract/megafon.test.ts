import assert from 'node:assert/strict';
import { createMegafonAdapter } from '../../src/vendors/megafon/adapter';
import { createMegafonEmulator, MEGAFON_DEFAULT_TOKEN, type MegafonEmulator } from '../../src/sandbox/megafon/emulator';
import type { Emulator } from '../../src/sandbox/common';
import { after, before, describe, it } from 'node:test';
import { AppError } from '../../src/domain/errors';
import { exampleOf, type GoldenExample } from './golden';
import megafonPut from './fixtures/megafon/put-settings-recording-51.json';
import { runPolicyContract, TEST_HTTP_SETTINGS } from './policy-contract';

const asMegafon = (e: Emulator<unknown>) => e as unknown as MegafonEmulator;

runPolicyContract({
  kind: 'MEGAFON',
  // As a customer does in the cabinet before the first call: allow this server's address.
  createEmulator: () => createMegafonEmulator({ rateLimit: null, allowedIps: ['127.0.0.1'] }) as unknown as Emulator<unknown>,
  createAdapter: (options) => createMegafonAdapter(options),
  connection: (emulator, credentials) => ({
    connectionId: 'conn-megafon',
    tenantId: 'tenant-1',
    baseUrl: emulator.apiBaseUrl,
    settings: {},
    credentials: credentials ?? { token: MEGAFON_DEFAULT_TOKEN },
  }),
  scope: () => ({ kind: 'SETTINGS_RECORD', id: '52' }),
  policies: [
    {
      calls: { internal: true, external: false },
      mode: 'ALWAYS',
      excludedUserIds: ['129', '137'],
      announcement: { enabled: true, media: { source: 'CUSTOM', mediaId: '737' } },
    },
    { mode: 'ON_DEMAND', onDemandKey: '2', announcement: { enabled: true, media: { source: 'SYSTEM', mediaId: '1' } } },
    { calls: { internal: true, external: true }, mode: 'ON_DEMAND', excludedUserIds: [] },
    { mode: 'NEVER', announcement: { enabled: false } },
  ],
  unsupported: { calls: { paging: true }, stereo: true, mode: 'ALWAYS' },
  invalidValue: { rules: { onDemandKey: '5' }, path: ['rules', 'onDemandKey'] },
  vendorRejects: { rules: { excludedUserIds: ['999'] }, message: /employee 999 not found/, fieldPath: ['rules', 'excludedUserIds', 0] },
  badCredentials: { token: 'not-the-cabinet-token' },
  credentialExpiry: (emulator) => ({
    // Generating a new token in the cabinet invalidates the old one (README 000).
    expire: () => void asMegafon(emulator).rotateToken(),
    outcome: 'VENDOR_AUTH_FAILED',
    assertRequests: (entries) => {
      assert.deepEqual(
        entries.map((e) => e.status),
        [401],
      );
    },
  }),
  writeRoute: 'PUT /settings/recording/:id',
  seeds: [
    {
      name: 'seed 000: PUT settings/recording/51',
      scope: { kind: 'SETTINGS_RECORD', id: '51' },
      rules: {
        calls: { internal: true, external: true },
        excludedUserIds: ['125'],
        mode: 'ON_DEMAND',
        onDemandKey: '2',
        announcement: { enabled: false, media: { source: 'CUSTOM', mediaId: '736' } },
      },
      // The documented example as printed: test/contract/fixtures (also sent to the emulator by golden.test.ts).
      example: exampleOf(megafonPut as GoldenExample),
      deviations: [
        // The table types id as Integer and the example's own response answers "id": 51: two against one.
        '"id": "51" (string) is sent as the integer 51',
        // README 000: every request carries the cabinet token in Authorization; the example omits headers.
        'Authorization header (redacted in previews)',
        // "client" is kept: both examples say it and it names the /melodies/client library (DECISIONS.md §1).
      ],
      exampleAsSent: (ex) => ({
        ...ex,
        headers: { Authorization: '[redacted]' },
        body: { ...(ex.body as Record<string, unknown>), id: 51 },
      }),
      expected: {
        method: 'PUT',
        path: '/settings/recording/51',
        headers: { Authorization: '[redacted]' },
        body: {
          is_internal_calls_recording_enabled: true,
          is_external_calls_recording_enabled: true,
          no_recording_employee_ids: [125],
          is_talk_option_enabled: true,
          talk_option_button: '2',
          is_recording_notification_enabled: false,
          recording_notification_audio_message_type: 'client',
          recording_notification_media_file_id: 736,
          id: 51,
        },
      },
    },
  ],
});

describe('MegaFon adapter: the cabinet IP allow-list', () => {
  const emulator = createMegafonEmulator({ rateLimit: null });
  before(() => emulator.listen(0, '127.0.0.1'));
  after(() => emulator.close());

  it('maps the default denial to VENDOR_AUTH_FAILED telling what to do, sent once; allowed, the same connection works', async () => {
    const adapter = createMegafonAdapter({ settings: TEST_HTTP_SETTINGS });
    const conn = {
      connectionId: 'conn-megafon-ip',
      tenantId: 'tenant-1',
      baseUrl: emulator.apiBaseUrl,
      settings: {},
      credentials: { token: MEGAFON_DEFAULT_TOKEN },
    };
    const scope = { kind: 'SETTINGS_RECORD', id: '51' } as const;
    let err: unknown;
    try {
      await adapter.readPolicy!(conn, scope);
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof AppError, `expected an AppError, got ${String(err)}`);
    assert.equal(err.code, 'VENDOR_AUTH_FAILED');
    assert.match(err.message, /allow this server's IP address in the MegaFon cabinet/);
    assert.equal(err.details.vendorCode, 'ip_not_allowed');
    assert.equal(err.details.retryable, false);
    assert.deepEqual(
      emulator.requests().entries.map((e) => e.status),
      [403],
      'a denial is not retried',
    );
    emulator.allowIps(['127.0.0.1']);
    await adapter.readPolicy!(conn, scope);
  });
});

describe('MegaFon adapter: errors it raises itself', () => {
  const emulator = createMegafonEmulator({ rateLimit: null });
  before(async () => {
    await emulator.listen(0, '127.0.0.1');
    emulator.allowIps(['127.0.0.1']);
  });
  after(() => emulator.close());

  it('name the vendor by its kind in extensions.vendor, as the shared HTTP layer does (the display name is for people)', async () => {
    const adapter = createMegafonAdapter({ settings: TEST_HTTP_SETTINGS });
    const conn = {
      connectionId: 'conn-megafon-missing',
      tenantId: 'tenant-1',
      baseUrl: emulator.apiBaseUrl,
      settings: {},
      credentials: { token: MEGAFON_DEFAULT_TOKEN },
    };
    let err: unknown;
    try {
      await adapter.readPolicy!(conn, { kind: 'SETTINGS_RECORD', id: '987654' });
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof AppError, `expected an AppError, got ${String(err)}`);
    assert.equal(err.code, 'VENDOR_REJECTED');
    assert.equal(err.details.vendor, 'MEGAFON');
    assert.match(err.message, /MegaFon Virtual PBX has no recording-settings record 987654/);
  });
});
