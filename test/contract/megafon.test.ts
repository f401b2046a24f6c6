import assert from 'node:assert/strict';
import { createMegafonAdapter } from '../../src/vendors/megafon/adapter';
import { createMegafonEmulator, MEGAFON_DEFAULT_TOKEN, type MegafonEmulator } from '../../src/sandbox/megafon/emulator';
import type { Emulator } from '../../src/sandbox/common';
import { runPolicyContract } from './policy-contract';

const asMegafon = (e: Emulator<unknown>) => e as unknown as MegafonEmulator;

runPolicyContract({
  kind: 'MEGAFON',
  createEmulator: () => createMegafonEmulator({ rateLimit: null }) as unknown as Emulator<unknown>,
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
      example: {
        method: 'PUT',
        path: '/settings/recording/51',
        body: {
          is_internal_calls_recording_enabled: true,
          is_external_calls_recording_enabled: true,
          no_recording_employee_ids: [125],
          is_talk_option_enabled: true,
          talk_option_button: '2',
          is_recording_notification_enabled: false,
          recording_notification_audio_message_type: 'client',
          recording_notification_media_file_id: 736,
          id: '51',
        },
      },
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
