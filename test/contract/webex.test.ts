import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../src/domain/errors';
import { createWebexAdapter } from '../../src/vendors/webex/adapter';
import { createWebexEmulator, WEBEX_DEFAULT_TOKEN, type WebexEmulator } from '../../src/sandbox/webex/emulator';
import type { Emulator } from '../../src/sandbox/common';
import { WEBEX_SANDBOX_CLIENT_ID, WEBEX_SANDBOX_CLIENT_SECRET, WEBEX_SANDBOX_REFRESH_TOKEN } from '../../src/sandbox/webex/oauth';
import type { ConnectionContext } from '../../src/vendors/port';
import { runPolicyContract, TEST_HTTP_SETTINGS } from './policy-contract';
import { checkAgainstSpec } from './spec-validator';

const asWebex = (e: Emulator<unknown>) => e as unknown as WebexEmulator;

const connection = (emulator: Emulator<unknown>, credentials?: Record<string, string>): ConnectionContext => ({
  connectionId: 'conn-webex',
  tenantId: 'tenant-1',
  baseUrl: emulator.apiBaseUrl,
  settings: {},
  credentials: credentials ?? { accessToken: WEBEX_DEFAULT_TOKEN },
});

const seedBody = {
  enabled: true,
  record: 'Always with Pause/Resume',
  notification: { enabled: true, type: 'Play Announcement' },
  startStopAnnouncementEnabled: true,
  recordVoicemailEnabled: true,
  repeat: { enabled: true },
  startStopAnnouncement: { internalCallsEnabled: true, pstnCallsEnabled: true },
};

runPolicyContract({
  kind: 'WEBEX',
  createEmulator: () => createWebexEmulator({ people: 20, rateLimit: null }) as unknown as Emulator<unknown>,
  createAdapter: (options) => createWebexAdapter(options),
  connection,
  scope: (emulator) => ({ kind: 'PERSON', id: asWebex(emulator).personId(0) }),
  policies: [
    {
      mode: 'ALWAYS_WITH_PAUSE_RESUME',
      calls: { voicemail: true },
      pauseResumeNotification: { enabled: true, type: 'ANNOUNCEMENT' },
      periodicBeep: { enabled: true, intervalSeconds: 30 },
      startStopAnnouncement: { enabled: true, internalCalls: true, externalCalls: false },
    },
    { mode: 'ON_DEMAND', onDemandKey: '*44', pauseResumeNotification: { enabled: true } },
    { mode: 'NEVER', periodicBeep: { enabled: false }, calls: { voicemail: false } },
  ],
  unsupported: { calls: { internal: true }, targets: { queues: [{ id: '1' }] }, mode: 'ALWAYS' },
  invalidValue: { rules: { periodicBeep: { enabled: true, intervalSeconds: 5 } }, path: ['rules', 'periodicBeep', 'intervalSeconds'] },
  // Past checkPolicy (the service runs it first); the emulator enforces the spec's 10..1800.
  vendorRejects: { rules: { periodicBeep: { enabled: true, intervalSeconds: 5 } }, message: /repeat\.interval/ },
  badCredentials: { accessToken: 'expired-or-wrong-token' },
  credentialExpiry: (emulator) => ({
    expire: () => {
      asWebex(emulator).state.tokens.length = 0;
    },
    outcome: 'VENDOR_AUTH_FAILED',
    assertRequests: (entries) =>
      assert.deepEqual(
        entries.map((e) => e.status),
        [401],
      ),
  }),
  writeRoute: 'PUT /v1/people/:personId/features/callRecording',
  seeds: [
    {
      name: 'seed 002: PUT /people/{personId}/features/callRecording',
      rules: {
        mode: 'ALWAYS_WITH_PAUSE_RESUME',
        pauseResumeNotification: { enabled: true, type: 'ANNOUNCEMENT' },
        startStopAnnouncement: { enabled: true, internalCalls: true, externalCalls: true },
        calls: { voicemail: true },
        periodicBeep: { enabled: true },
      },
      example: { method: 'PUT', path: '/people/{personId}/features/callRecording', body: seedBody },
      deviations: [
        // Only the person id and the bearer token (README 002) are added; the body is the seed's, key for key.
        'person id in the path',
        'Authorization: Bearer (redacted)',
      ],
      exampleAsSent: (ex, scope) => ({
        ...ex,
        path: ex.path.replace('{personId}', encodeURIComponent(scope.id)),
        headers: { Authorization: '[redacted]' },
      }),
      expected: (scope) => ({
        method: 'PUT',
        path: `/people/${encodeURIComponent(scope.id)}/features/callRecording`,
        headers: { Authorization: '[redacted]' },
        body: seedBody,
      }),
    },
  ],
});

describe('WEBEX seed 002 as sent', () => {
  it('sends the seed body to the person path with a bearer token, never read-only fields', async () => {
    const emulator = createWebexEmulator({ people: 5, rateLimit: null });
    await emulator.listen(0, '127.0.0.1');
    const spec = checkAgainstSpec('webex', emulator as unknown as Emulator<unknown>);
    await spec.ready;
    try {
      const adapter = createWebexAdapter({ settings: TEST_HTTP_SETTINGS });
      const conn = connection(emulator as unknown as Emulator<unknown>);
      const personId = emulator.personId(1);
      const outcome = await adapter.applyPolicy(
        conn,
        { kind: 'PERSON', id: personId },
        {
          mode: 'ALWAYS_WITH_PAUSE_RESUME',
          pauseResumeNotification: { enabled: true, type: 'ANNOUNCEMENT' },
          startStopAnnouncement: { enabled: true, internalCalls: true, externalCalls: true },
          calls: { voicemail: true },
          periodicBeep: { enabled: true },
        },
      );
      assert.deepEqual(outcome.requests, [
        {
          method: 'PUT',
          path: `/people/${encodeURIComponent(personId)}/features/callRecording`,
          headers: { Authorization: '[redacted]' },
          body: seedBody,
        },
      ]);
      const [sent] = emulator.requests().entries;
      assert.equal(sent!.status, 204);
      assert.equal(JSON.stringify(sent!.body), JSON.stringify(seedBody));
      await spec.assertClean();
    } finally {
      spec.stop();
      await emulator.close();
    }
  });
});

describe('WEBEX workspaces', () => {
  it('applies and reads back a workspace policy (plural callRecordings path)', async () => {
    const emulator = createWebexEmulator({ people: 1, workspaces: 2, rateLimit: null });
    await emulator.listen(0, '127.0.0.1');
    const spec = checkAgainstSpec('webex', emulator as unknown as Emulator<unknown>);
    await spec.ready;
    try {
      emulator.state.termsOfServiceAccepted = true;
      const adapter = createWebexAdapter({ settings: TEST_HTTP_SETTINGS });
      const conn = connection(emulator as unknown as Emulator<unknown>);
      const scope = { kind: 'WORKSPACE' as const, id: emulator.workspaceIds[0]! };
      const rules = {
        mode: 'ALWAYS' as const,
        startStopAnnouncement: { internalCalls: true, externalCalls: true },
        periodicBeep: { enabled: true, intervalSeconds: 60 },
      };
      assert.deepEqual(adapter.checkPolicy(scope, rules), []);
      await adapter.applyPolicy(conn, scope, rules);
      const read = await adapter.readPolicy(conn, scope);
      assert.equal(read.mode, 'ALWAYS');
      assert.deepEqual(read.startStopAnnouncement, { internalCalls: true, externalCalls: true });
      assert.deepEqual(read.periodicBeep, { enabled: true, intervalSeconds: 60 });
      assert.ok(emulator.requests().entries.some((e) => e.route === 'PUT /v1/telephony/config/workspaces/:workspaceId/features/callRecordings'));
      assert.ok(adapter.checkPolicy(scope, { startStopAnnouncement: { enabled: true } }).length === 1);
      await spec.assertClean();
    } finally {
      spec.stop();
      await emulator.close();
    }
  });

  it('lists the Webex Calling workspaces page by page (List Workspaces, as its spec allows), skipping the others', async () => {
    const emulator = createWebexEmulator({ people: 1, workspaces: 5, otherWorkspaces: 2, rateLimit: null });
    await emulator.listen(0, '127.0.0.1');
    const spec = checkAgainstSpec('webex', emulator as unknown as Emulator<unknown>);
    await spec.ready;
    try {
      const adapter = createWebexAdapter({ settings: TEST_HTTP_SETTINGS });
      const conn = connection(emulator as unknown as Emulator<unknown>);
      const pages: string[][] = [];
      for await (const page of adapter.listPolicyScopes(conn, { kind: 'WORKSPACE' }, { pageSize: 2 })) {
        assert.ok(page.every((s) => s.kind === 'WORKSPACE'));
        pages.push(page.map((s) => s.id));
      }
      assert.deepEqual(pages.flat(), emulator.workspaceIds, 'each Webex Calling workspace once, none of the free-calling ones');
      assert.equal(pages.length, 3);
      const lists = emulator.requests().entries.filter((e) => e.route === 'GET /v1/workspaces');
      assert.equal(lists.length, 3);
      await spec.assertClean();
      assert.ok(spec.checked >= 3, `checked against the List Workspaces spec: ${spec.checked}, unmatched ${spec.unmatched.join(', ')}`);
      assert.ok(!spec.unmatched.some((u) => u.includes('/workspaces')), spec.unmatched.join(', '));
    } finally {
      spec.stop();
      await emulator.close();
    }
  });

  it("surfaces the workspace 409 (recording vendor's terms of service) as VENDOR_REJECTED", async () => {
    const emulator = createWebexEmulator({ people: 1, workspaces: 1, rateLimit: null });
    await emulator.listen(0, '127.0.0.1');
    const spec = checkAgainstSpec('webex', emulator as unknown as Emulator<unknown>);
    await spec.ready;
    try {
      emulator.state.termsOfServiceAccepted = false;
      const adapter = createWebexAdapter({ settings: TEST_HTTP_SETTINGS });
      const conn = connection(emulator as unknown as Emulator<unknown>);
      await assert.rejects(adapter.applyPolicy(conn, { kind: 'WORKSPACE', id: emulator.workspaceIds[0]! }, { mode: 'ALWAYS' }), (e: unknown) => {
        assert.ok(e instanceof AppError);
        assert.equal(e.code, 'VENDOR_REJECTED');
        assert.match(e.message, /terms of service of Dubber/);
        assert.ok(!e.message.includes('https://'));
        return true;
      });
      await spec.assertClean();
    } finally {
      spec.stop();
      await emulator.close();
    }
  });
});

describe('WEBEX scopes and licences', () => {
  it('a token without spark-admin:people_write is VENDOR_AUTH_FAILED naming the scope to grant, sent once', async () => {
    const emulator = createWebexEmulator({ people: 20, rateLimit: null, tokenScopes: { [WEBEX_DEFAULT_TOKEN]: ['spark-admin:people_read'] } });
    await emulator.listen(0, '127.0.0.1');
    const spec = checkAgainstSpec('webex', emulator as unknown as Emulator<unknown>);
    await spec.ready;
    try {
      const adapter = createWebexAdapter({ settings: TEST_HTTP_SETTINGS });
      const scope = { kind: 'PERSON', id: emulator.personId(0) } as const;
      await adapter.readPolicy!(connection(emulator as unknown as Emulator<unknown>), scope);
      const err = await adapter.applyPolicy!(connection(emulator as unknown as Emulator<unknown>), scope, { mode: 'ALWAYS' }).then(
        () => assert.fail('expected a refusal'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof AppError);
      assert.equal(err.code, 'VENDOR_AUTH_FAILED');
      assert.match(err.message, /lacks the spark-admin:people_write scope: reconnect the integration/);
      assert.equal(emulator.requests().entries.filter((e) => e.status === 403).length, 1, 'not retried');
      await spec.assertClean();
    } finally {
      spec.stop();
      await emulator.close();
    }
  });

  it('a Standard-licensed person under a non-Webex recording vendor is VENDOR_REJECTED for that person, others apply', async () => {
    const emulator = createWebexEmulator({ people: 20, rateLimit: null, recordingVendor: 'Dubber' });
    await emulator.listen(0, '127.0.0.1');
    const spec = checkAgainstSpec('webex', emulator as unknown as Emulator<unknown>);
    await spec.ready;
    try {
      const adapter = createWebexAdapter({ settings: TEST_HTTP_SETTINGS });
      const conn = connection(emulator as unknown as Emulator<unknown>);
      const standard = emulator.personId(9);
      assert.equal(emulator.licenseOf(standard), 'Webex Calling Standard');
      const err = await adapter.applyPolicy!(conn, { kind: 'PERSON', id: standard }, { mode: 'ALWAYS' }).then(
        () => assert.fail('expected a refusal'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof AppError);
      assert.equal(err.code, 'VENDOR_REJECTED');
      assert.match(err.message, /Webex Calling Standard license while the call recording vendor is Dubber/);
      assert.equal(err.details.retryable, false);
      await adapter.applyPolicy!(conn, { kind: 'PERSON', id: emulator.personId(0) }, { mode: 'ALWAYS' });
      assert.equal(emulator.settingsOf(emulator.personId(0))!['record'], 'Always');
      assert.equal(emulator.settingsOf(standard)!['enabled'], false);
      await spec.assertClean();
    } finally {
      spec.stop();
      await emulator.close();
    }
  });
});

describe('WEBEX admin integration (OAuth refresh)', () => {
  const INTEGRATION = { clientId: WEBEX_SANDBOX_CLIENT_ID, clientSecret: WEBEX_SANDBOX_CLIENT_SECRET, refreshToken: WEBEX_SANDBOX_REFRESH_TOKEN };

  it('renews the access token at POST /v1/access_token (form-encoded) and again once it expired after 14 days', async () => {
    const emulator = createWebexEmulator({ people: 3, rateLimit: null });
    await emulator.listen(0, '127.0.0.1');
    try {
      const adapter = createWebexAdapter({ settings: TEST_HTTP_SETTINGS });
      const conn = connection(emulator as unknown as Emulator<unknown>, INTEGRATION);
      const scope = { kind: 'PERSON' as const, id: emulator.personId(0) };
      await adapter.readPolicy(conn, scope);
      await adapter.readPolicy(conn, scope);
      assert.equal(emulator.oauth.stats.refreshCalls, 1, 'the token is reused');
      const [tokenCall] = emulator.requests().entries.filter((e) => e.route === 'POST /v1/access_token');
      assert.equal(tokenCall!.status, 200);
      assert.deepEqual(Object.keys(tokenCall!.body as object).sort(), ['client_id', 'client_secret', 'grant_type', 'refresh_token']);
      assert.ok(!JSON.stringify(emulator.requests()).includes(WEBEX_SANDBOX_CLIENT_SECRET), 'the log hides the client secret');

      emulator.oauth.advance(14 * 86400 + 1);
      await adapter.applyPolicy(conn, scope, { mode: 'ALWAYS' });
      assert.equal(emulator.oauth.stats.refreshCalls, 2, 'one more refresh after the expiry');
      assert.equal(emulator.requests().entries.filter((e) => e.status === 401).length, 1, 'the expired token is refused once');
      assert.equal(emulator.settingsOf(scope.id)!['record'], 'Always');
    } finally {
      await emulator.close();
    }
  });

  it('a refused refresh token is VENDOR_AUTH_FAILED from the token endpoint, asked once; a static token still works as before', async () => {
    const emulator = createWebexEmulator({ people: 3, rateLimit: null });
    await emulator.listen(0, '127.0.0.1');
    try {
      const adapter = createWebexAdapter({ settings: TEST_HTTP_SETTINGS });
      emulator.oauth.revokeAll();
      const scope = { kind: 'PERSON' as const, id: emulator.personId(0) };
      await assert.rejects(adapter.readPolicy(connection(emulator as unknown as Emulator<unknown>, INTEGRATION), scope), (e: unknown) => {
        assert.ok(e instanceof AppError && e.code === 'VENDOR_AUTH_FAILED' && e.details.operation === 'POST /access_token', String(e));
        return true;
      });
      assert.equal(emulator.oauth.stats.refreshCalls, 1);
      assert.equal(emulator.requests().entries.filter((e) => e.route !== 'POST /v1/access_token').length, 0, 'no API call without a token');
      await adapter.readPolicy(connection(emulator as unknown as Emulator<unknown>), scope);
      assert.deepEqual(adapter.credentialLifecycle.checkCredentials!({ clientId: 'x' }).length, 2, 'an incomplete integration names what is missing');
    } finally {
      await emulator.close();
    }
  });
});
