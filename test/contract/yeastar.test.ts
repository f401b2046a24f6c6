import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createYeastarAdapter } from '../../src/vendors/yeastar/adapter';
import {
  createYeastarEmulator,
  YEASTAR_DEFAULT_CLIENT_ID,
  YEASTAR_DEFAULT_CLIENT_SECRET,
  type YeastarEmulator,
} from '../../src/sandbox/yeastar/emulator';
import type { Emulator } from '../../src/sandbox/common';
import type { ConnectionContext } from '../../src/vendors/port';
import { AppError } from '../../src/domain/errors';
import { exampleOf, type GoldenExample } from './golden';
import yeastarUpdate from './fixtures/yeastar/autorecord-update.json';
import { runPolicyContract, TEST_HTTP_SETTINGS } from './policy-contract';

const asYeastar = (e: Emulator<unknown>) => e as unknown as YeastarEmulator;
const API = '/openapi/v1.0';

const connection = (emulator: Emulator<unknown>, credentials?: Record<string, string>): ConnectionContext => ({
  connectionId: 'conn-yeastar',
  tenantId: 'tenant-1',
  baseUrl: emulator.url,
  settings: {},
  credentials: credentials ?? { clientId: YEASTAR_DEFAULT_CLIENT_ID, clientSecret: YEASTAR_DEFAULT_CLIENT_SECRET },
});

const routes = (entries: { route: string | null }[]) => entries.map((e) => (e.route ?? '').replace(`${API}/`, ''));

runPolicyContract({
  kind: 'YEASTAR',
  createEmulator: () => createYeastarEmulator() as unknown as Emulator<unknown>,
  createAdapter: (options) => createYeastarAdapter(options),
  connection,
  scope: () => ({ kind: 'ORGANIZATION', id: '' }),
  policies: [
    {
      calls: { internal: true, paging: false },
      stereo: true,
      fileFormat: 'MP3',
      targets: {
        trunks: [{ id: '5', periodicBeep: { enabled: true, intervalSeconds: 30 } }],
        extensions: [
          { id: '18', kind: 'EXTENSION' },
          { id: '3', kind: 'EXTENSION_GROUP' },
        ],
        queues: [{ id: '9' }],
        ivrs: [{ id: '5' }],
        conferences: [{ id: '1' }],
      },
      announcement: { prompts: { internal: { source: 'CUSTOM', mediaId: 'internal_record.wav' } } },
    },
    {
      calls: { internal: false, paging: true },
      stereo: false,
      targets: { trunks: [{ id: '6', name: 'Peer-Trunk-Backup' }], queues: [] },
      announcement: { prompts: { outbound: { source: 'CUSTOM', mediaId: 'outbound_record.wav' } } },
    },
  ],
  unsupported: { mode: 'ALWAYS', excludedUserIds: ['1'], calls: { internal: true, external: true } },
  invalidValue: {
    rules: { announcement: { prompts: { inbound: { source: 'SYSTEM' } } } },
    path: ['rules', 'announcement', 'prompts', 'inbound', 'source'],
  },
  vendorRejects: {
    rules: { targets: { queues: [{ id: '999' }] } },
    message: /DATA NOT FOUND: record_queue_list\[0\]\.id/,
    fieldPath: ['rules', 'targets', 'queues', 0, 'id'],
  },
  badCredentials: { clientId: 'somebody-else', clientSecret: 'not-the-secret' },
  credentialExpiry: (emulator) => ({
    expire: () => asYeastar(emulator).expireTokens({ refresh: false }),
    // 10004 TOKEN EXPIRED: refresh the pair and retry once (README 001).
    outcome: 'recovered',
    assertRequests: (entries) => {
      assert.deepEqual(routes(entries), ['GET autorecord/get', 'POST refresh_token', 'GET autorecord/get']);
      assert.equal(entries[0]!.status, 200);
    },
  }),
  writeRoute: `POST ${API}/autorecord/update`,
  seeds: [
    {
      name: 'seed 001: POST /openapi/v1.0/autorecord/update',
      rules: {
        calls: { internal: true, paging: true },
        announcement: {
          prompts: {
            internal: { source: 'CUSTOM', mediaId: 'internal_record.wav' },
            inbound: { source: 'CUSTOM', mediaId: 'inbound_record.wav' },
            outbound: { source: 'CUSTOM', mediaId: 'outbound_record.wav' },
          },
        },
        stereo: true,
        fileFormat: 'MP3',
        targets: {
          trunks: [{ id: '5' }],
          extensions: [{ id: '18', kind: 'EXTENSION' }],
          conferences: [{ id: '1' }],
          ivrs: [{ id: '5' }],
          queues: [{ id: '9' }],
        },
      },
      // The documented example as printed: test/contract/fixtures (also sent to the emulator by golden.test.ts).
      example: exampleOf(yeastarUpdate as GoldenExample),
      deviations: [
        // The developer guide's "Request Structure": "You MUST include a User-Agent header with every request";
        // the seed's example shows Host and Content-Type only. The rule wins: the PBX refuses requests without one.
        'User-Agent header added',
        // Not a deviation from the vendor: previews never show a token.
        'access_token shown as [redacted]',
      ],
      exampleAsSent: (ex) => ({ ...ex, query: { access_token: '[redacted]' }, headers: { 'User-Agent': 'OpenAPI' } }),
      expected: {
        method: 'POST',
        path: '/openapi/v1.0/autorecord/update',
        query: { access_token: '[redacted]' },
        headers: { 'User-Agent': 'OpenAPI' },
        body: {
          enb_internal: 1,
          internal_prompt: 'internal_record.wav',
          inbound_prompt: 'inbound_record.wav',
          outbound_prompt: 'outbound_record.wav',
          enb_channel_separate: 1,
          record_file_format: 'mp3',
          enb_paging: 1,
          record_trunk_list: [{ id: 5 }],
          record_ext_list: [{ id: 18, type: 'extension' }],
          record_conference_list: [{ id: 1 }],
          record_ivr_list: [{ id: 5 }],
          record_queue_list: [{ id: 9 }],
        },
      },
    },
  ],
});

describe('YEASTAR token flow', () => {
  const start = async () => {
    const emulator = createYeastarEmulator();
    await emulator.listen(0, '127.0.0.1');
    const adapter = createYeastarAdapter({ settings: TEST_HTTP_SETTINGS });
    const conn = connection(emulator as unknown as Emulator<unknown>);
    return { emulator, adapter, conn };
  };

  it('reuses one token for many calls, including concurrent ones', async () => {
    const { emulator, adapter, conn } = await start();
    try {
      await Promise.all([1, 2, 3, 4, 5].map(() => adapter.readPolicy(conn, { kind: 'ORGANIZATION', id: '' })));
      await adapter.readPolicy(conn, { kind: 'ORGANIZATION', id: '' });
      assert.equal(emulator.tokenStats().getTokenCalls, 1);
      assert.equal(adapter.tokens.counters.getToken, 1);
    } finally {
      await emulator.close();
    }
  });

  it('logs in again when both tokens expired, and retries once', async () => {
    const { emulator, adapter, conn } = await start();
    try {
      await adapter.readPolicy(conn, { kind: 'ORGANIZATION', id: '' });
      emulator.expireTokens({ refresh: true });
      const since = emulator.requests().entries.length;
      await adapter.applyPolicy(conn, { kind: 'ORGANIZATION', id: '' }, { stereo: true });
      assert.deepEqual(routes(emulator.requests().entries.slice(since)), [
        'POST autorecord/update',
        'POST refresh_token',
        'POST get_token',
        'POST autorecord/update',
      ]);
      assert.equal(emulator.state.autoRecord.enb_channel_separate, 1);
    } finally {
      await emulator.close();
    }
  });

  it('sends a User-Agent on every request', async () => {
    const { emulator, adapter, conn } = await start();
    try {
      await adapter.testConnection(conn);
      assert.ok(emulator.requests().entries.every((e) => e.status === 200));
    } finally {
      await emulator.close();
    }
  });

  it('a refused login is VENDOR_AUTH_FAILED naming the client id or secret, sent once; a blocked address says how to unblock it', async () => {
    const emulator = createYeastarEmulator();
    await emulator.listen(0, '127.0.0.1');
    try {
      const adapter = createYeastarAdapter({ settings: TEST_HTTP_SETTINGS });
      const bad = connection(emulator as unknown as Emulator<unknown>, { clientId: YEASTAR_DEFAULT_CLIENT_ID, clientSecret: 'not-the-secret' });
      const failures: AppError[] = [];
      for (let i = 0; i < 6; i += 1) {
        try {
          await adapter.readPolicy(bad, { kind: 'ORGANIZATION', id: '' });
        } catch (e) {
          assert.ok(e instanceof AppError);
          failures.push(e);
        }
      }
      assert.equal(failures.length, 6);
      assert.ok(failures.every((e) => e.code === 'VENDOR_AUTH_FAILED' && e.details.retryable === false));
      assert.match(failures[0]!.message, /refused the API client id or secret/);
      assert.equal(failures[0]!.details.vendorCode, -1);
      assert.equal(emulator.tokenStats().getTokenCalls, 6, 'one login per call: a refused login is never retried');
      // The sixth call met the lock-out that the five before it caused.
      assert.match(failures[5]!.message, /blocked this server's IP address after repeated failed logins/);
      assert.equal(failures[5]!.details.vendorCode, 10005);
      const good = connection(emulator as unknown as Emulator<unknown>);
      await assert.rejects(adapter.readPolicy(good, { kind: 'ORGANIZATION', id: '' }), /blocked this server's IP address/);
      emulator.unblockIp();
      await adapter.readPolicy(good, { kind: 'ORGANIZATION', id: '' });
    } finally {
      await emulator.close();
    }
  });
});
