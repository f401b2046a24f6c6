import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PolicyScope, RecordingRules } from '../../src/domain/policy';
import type { Emulator } from '../../src/sandbox/common';
import type { LoggedRequest } from '../../src/sandbox/common/request-log';
import { createMegafonEmulator, MEGAFON_DEFAULT_TOKEN } from '../../src/sandbox/megafon/emulator';
import { createWebexEmulator, WEBEX_DEFAULT_TOKEN, type WebexEmulator } from '../../src/sandbox/webex/emulator';
import { createYeastarEmulator, YEASTAR_DEFAULT_CLIENT_ID, YEASTAR_DEFAULT_CLIENT_SECRET } from '../../src/sandbox/yeastar/emulator';
import { createMegafonAdapter } from '../../src/vendors/megafon/adapter';
import type { ConnectionContext, RecordingVendor, VendorRequestPreview } from '../../src/vendors/port';
import { createWebexAdapter } from '../../src/vendors/webex/adapter';
import { createYeastarAdapter } from '../../src/vendors/yeastar/adapter';
import { TEST_HTTP_SETTINGS } from '../contract/policy-contract';

/**
 * Preview equals apply by construction (vendors/outbound/plan.ts): for each vendor that plans policies, what preview
 * shows is, request for request, what its emulator logged while apply ran: method, path, query (credentials redacted
 * on both sides) and body. The emulators are written from the vendors' documents, so this compares the plan with
 * the wire, not with itself.
 */

interface PlanCase {
  name: string;
  start(): Promise<{ emulator: Emulator<unknown>; conn: ConnectionContext; scope: PolicyScope }>;
  adapter: RecordingVendor;
  /** Two policies with different requests; the last one's plan needs a read of the current state. */
  policies: [RecordingRules, RecordingRules];
  /** How many requests each policy's plan holds (reads and writes). */
  planned: [number, number];
}

const connection = (connectionId: string, baseUrl: string, credentials: Record<string, string>): ConnectionContext => ({
  connectionId,
  tenantId: 'tenant-plan',
  baseUrl,
  settings: {},
  credentials,
});

const CASES: PlanCase[] = [
  {
    name: 'MEGAFON (the list read, then a full-replacement PUT)',
    adapter: createMegafonAdapter({ settings: TEST_HTTP_SETTINGS }),
    start: async () => {
      const emulator = createMegafonEmulator({ rateLimit: null, allowedIps: ['127.0.0.1'] }) as unknown as Emulator<unknown>;
      await emulator.listen(0, '127.0.0.1');
      return {
        emulator,
        conn: connection('plan-megafon', emulator.apiBaseUrl, { token: MEGAFON_DEFAULT_TOKEN }),
        scope: { kind: 'SETTINGS_RECORD', id: '52' },
      };
    },
    policies: [
      { calls: { internal: true, external: false }, mode: 'ALWAYS', excludedUserIds: ['129', '137'] },
      { mode: 'ON_DEMAND', onDemandKey: '2', announcement: { enabled: true, media: { source: 'SYSTEM', mediaId: '1' } } },
    ],
    planned: [2, 2],
  },
  {
    name: 'YEASTAR (one autorecord/update, no read)',
    adapter: createYeastarAdapter({ settings: TEST_HTTP_SETTINGS }),
    start: async () => {
      const emulator = createYeastarEmulator() as unknown as Emulator<unknown>;
      await emulator.listen(0, '127.0.0.1');
      return {
        emulator,
        conn: connection('plan-yeastar', emulator.url, { clientId: YEASTAR_DEFAULT_CLIENT_ID, clientSecret: YEASTAR_DEFAULT_CLIENT_SECRET }),
        scope: { kind: 'ORGANIZATION', id: '' },
      };
    },
    policies: [
      { calls: { internal: true, paging: false }, stereo: true, fileFormat: 'MP3', targets: { queues: [{ id: '9' }] } },
      { calls: { internal: false, paging: true }, stereo: false, targets: { trunks: [{ id: '6', name: 'Peer-Trunk-Backup' }] } },
    ],
    planned: [1, 1],
  },
  {
    name: 'WEBEX (a partial PUT; a GET first where the PUT would reset notification.type)',
    adapter: createWebexAdapter({ settings: TEST_HTTP_SETTINGS }),
    start: async () => {
      const emulator = createWebexEmulator({ people: 3, rateLimit: null });
      await emulator.listen(0, '127.0.0.1');
      return {
        emulator: emulator as unknown as Emulator<unknown>,
        conn: connection('plan-webex', emulator.apiBaseUrl, { accessToken: WEBEX_DEFAULT_TOKEN }),
        scope: { kind: 'PERSON', id: (emulator as WebexEmulator).personId(1) },
      };
    },
    policies: [
      { mode: 'ALWAYS', calls: { voicemail: true }, periodicBeep: { enabled: true, intervalSeconds: 30 } },
      { mode: 'ON_DEMAND', onDemandKey: '*44', pauseResumeNotification: { enabled: true } },
    ],
    planned: [1, 2],
  },
];

/** A previewed request as the emulator logs it: the path below the origin, no query as {}, no body as undefined. */
function asLogged(baseUrl: string, p: VendorRequestPreview) {
  const prefix = new URL(baseUrl).pathname.replace(/\/+$/, '');
  return { method: p.method, path: `${prefix}${p.path}`, query: p.query ?? {}, body: p.body };
}

const received = (entries: LoggedRequest[]) => entries.map((e) => ({ method: e.method, path: e.path, query: e.query, body: e.body }));

/** The assertion this file is about: the preview and the requests apply put on the wire are the same list. */
function assertPreviewWasSent(baseUrl: string, preview: VendorRequestPreview[], entries: LoggedRequest[]): void {
  assert.deepEqual(
    received(entries),
    preview.map((p) => asLogged(baseUrl, p)),
  );
}

describe('preview equals what apply sends (one plan, one executor)', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const { emulator, conn, scope } = await c.start();
      try {
        // A login (Yeastar get_token) is the credential's business, not the policy's: done before anything is compared.
        await c.adapter.testConnection(conn);
        const previews: VendorRequestPreview[][] = [];
        for (const [i, rules] of c.policies.entries()) {
          assert.deepEqual(c.adapter.checkPolicy?.(scope, rules) ?? [], [], `policy ${i} passes checkPolicy`);
          emulator.reset();
          const preview = await c.adapter.previewPolicy!(conn, scope, rules);
          const readsOnly = emulator.requests().entries;
          assert.ok(
            readsOnly.every((e) => e.method === 'GET'),
            `preview sends only the plan's reads: ${JSON.stringify(received(readsOnly))}`,
          );
          assert.equal(preview.length, c.planned[i], `policy ${i}: ${JSON.stringify(preview)}`);

          emulator.reset();
          const outcome = await c.adapter.applyPolicy!(conn, scope, rules);
          const sent = emulator.requests().entries;
          assert.ok(
            sent.every((e) => e.status < 400),
            `the emulator accepted every request: ${sent.map((e) => `${e.method} ${e.path} ${e.status}`).join(', ')}`,
          );
          assert.ok(
            sent.every((e) => e.auth),
            'every request carried the credential (the log keeps its fingerprint)',
          );
          assertPreviewWasSent(conn.baseUrl, preview, sent);
          assert.deepEqual(outcome.requests, preview, 'apply reports the plan preview showed');
          const shown = JSON.stringify(preview);
          for (const secret of Object.values(conn.credentials)) assert.ok(!shown.includes(secret), 'preview redacts credentials');
          previews.push(preview);
        }

        // The comparison can fail: the first policy's preview is not what the second one's apply sent.
        const lastSent = emulator.requests().entries;
        assert.throws(() => assertPreviewWasSent(conn.baseUrl, previews[0]!, lastSent), assert.AssertionError);
        // Nor is a preview that differs in one body key.
        const last = previews[1]!;
        const tampered = last.map((p, i) => (i === last.length - 1 ? { ...p, body: { ...(p.body as Record<string, unknown>), tampered: true } } : p));
        assert.throws(() => assertPreviewWasSent(conn.baseUrl, tampered, lastSent), assert.AssertionError);
      } finally {
        await emulator.close();
      }
    });
  }
});
