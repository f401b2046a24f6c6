// The playground as a newcomer meets it: the real service with the sandbox on, GraphiQL in headless Chromium, and
// every tab of schema/operations run in order with the variables the page holds. A new operation whose variables do
// not work (none given, an id that does not exist, a placeholder nobody resolves) fails here.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse } from 'graphql';
import type { Page, Response } from 'playwright-core';
import { ROOT_DIR } from '../../src/app';
import { loadExampleOperations } from '../../src/server/playground';
import { DEMO_CONNECTION_IDS, DEMO_TENANT_ID } from '../../src/sandbox/demo-tenant';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchChromium } from '../helpers/browser';

const TIMEOUT = 30_000;

/** The result pane as the user sees it (Monaco renders non-breaking spaces). */
async function resultText(page: Page): Promise<string> {
  return ((await page.locator('.result-window .view-lines').textContent()) ?? '').replace(/\u00a0/g, ' ');
}

async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.PLAYGROUND_SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

/** Sends events for a subscription tab until one arrives (the server registers the subscription asynchronously). */
async function triggerUntil(arrived: () => boolean, trigger: () => Promise<unknown>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 20 && !arrived(); attempt++) {
    await trigger();
    for (let i = 0; i < 20 && !arrived(); i++) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(arrived(), `no ${what} event reached the page`);
}

describe('the service playground in headless Chromium', () => {
  test('runs every example tab on the running service with the sandbox: each answers without errors, subscriptions stream', {
    timeout: 600_000,
  }, async (t) => {
    assert.ok(existsSync(join(ROOT_DIR, 'dist/playground/manifest.json')), 'dist/playground is not built: run `npm run build`');
    const examples = loadExampleOperations(join(ROOT_DIR, 'schema', 'operations'));
    assert.ok(examples.length >= 29, `expected the ~29 example operations, found ${examples.length}`);
    const kinds = new Map(
      examples.map((e) => {
        const op = parse(e.query).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
        return [e.name, op && op.kind === Kind.OPERATION_DEFINITION ? op.operation : 'query'];
      }),
    );

    // A small directory and a slow cap keep the playground's roll-out running while the roll-out tabs act on it.
    const service: TestApp = await startTestApp({ env: { SANDBOX: 'true', SANDBOX_WEBEX_PEOPLE: '200', ROLLOUT_RATE_PER_SECOND: '5' } });
    const sandbox = service.app.sandbox!;
    assert.ok(service.app.devToken, 'a development token is printed outside production');
    const { browser, source } = await launchChromium();
    // The browser first: the service's close waits for the page's WebSocket.
    t.after(async () => {
      await browser.close();
      await service.close();
    });
    t.diagnostic(`chromium: ${source}`);

    const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
    const requested: string[] = [];
    const problems: string[] = [];
    page.on('request', (req) => requested.push(req.url()));
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
    });

    // What the page's graphql-ws sockets carry, by operation name.
    const subscriptionEvents = new Map<string, { data?: unknown; errors?: unknown[] }[]>();
    const subscribed = new Set<string>();
    page.on('websocket', (ws) => {
      const names = new Map<string, string>();
      ws.on('framesent', ({ payload }) => {
        const msg = JSON.parse(String(payload)) as { type: string; id?: string; payload?: { operationName?: string } };
        if (msg.type === 'subscribe' && msg.id) {
          names.set(msg.id, msg.payload?.operationName ?? '');
          subscribed.add(msg.payload?.operationName ?? '');
        }
      });
      ws.on('framereceived', ({ payload }) => {
        const msg = JSON.parse(String(payload)) as { type: string; id?: string; payload?: unknown };
        const name = msg.id ? names.get(msg.id) : undefined;
        if (!name) return;
        const list = subscriptionEvents.get(name) ?? [];
        if (msg.type === 'next') list.push(msg.payload as { data?: unknown });
        if (msg.type === 'error') list.push({ errors: msg.payload as unknown[] });
        subscriptionEvents.set(name, list);
      });
    });

    const res = await page.goto(service.app.graphqlUrl);
    assert.equal(res?.status(), 200);
    const queryEditor = page.locator('.graphiql-query-editor .view-lines');
    await queryEditor.filter({ hasText: examples[0].name }).waitFor({ timeout: TIMEOUT });
    assert.equal(await page.locator('.graphiql-tab').count(), examples.length, 'one tab per example operation');

    const answered: string[] = [];
    for (const [index, example] of examples.entries()) {
      const kind = kinds.get(example.name);
      if (process.env.PLAYGROUND_TRACE) process.stderr.write(`tab ${index + 1} ${example.name}\n`);
      await page.locator('.graphiql-tab').nth(index).locator('.graphiql-tab-button').click();
      // The editor shows this tab's text (its first line: an operation or a fragment it carries).
      const firstLine = example.query
        .split('\n')
        .find((l) => l.trim() && !l.startsWith('#'))!
        .trim();
      await queryEditor.filter({ hasText: firstLine }).waitFor({ timeout: TIMEOUT });
      // The variables the tab holds are the example's (placeholders included), not an empty pane.
      if (example.variables) {
        const first = Object.keys(example.variables)[0];
        await page
          .locator('.graphiql-editor-tool .view-lines')
          .filter({ hasText: `"${first}"` })
          .first()
          .waitFor({ timeout: TIMEOUT });
      }

      const httpAnswer: Promise<Response | undefined> =
        kind === 'subscription'
          ? Promise.resolve(undefined)
          : page
              .waitForResponse(
                (r) =>
                  r.url() === service.app.graphqlUrl && r.request().method() === 'POST' && r.request().postDataJSON()?.operationName === example.name,
                { timeout: TIMEOUT },
              )
              .catch(() => undefined);
      await page.locator('.graphiql-execute-button').click();

      if (kind === 'subscription') {
        // Subscribed over graphql-ws, before any event is sent.
        for (let i = 0; i < 300 && !subscribed.has(example.name); i++) await new Promise((r) => setTimeout(r, 100));
        assert.ok(subscribed.has(example.name), `${example.name} never subscribed over graphql-ws; the result pane says: ${await resultText(page)}`);
        const events = () => subscriptionEvents.get(example.name) ?? [];
        const seen = events().length;
        const arrivedNew = () => events().length > seen;
        if (example.name === 'LiveRecordingChanged') {
          await triggerUntil(
            arrivedNew,
            async () => {
              const call = sandbox.signalwire.createCall();
              const r = await service.gql(
                'mutation ($input: StartLiveRecordingInput!) { startLiveRecording(input: $input) { liveRecording { id } } }',
                {
                  input: { connectionId: DEMO_CONNECTION_IDS.signalwire, callId: call.sid },
                },
              );
              assert.equal(r.errors, undefined, JSON.stringify(r.errors));
            },
            example.name,
          );
        } else if (example.name === 'PolicyRolloutProgressChanged') {
          // Its state at once, then progress: pausing through the API must arrive as PAUSED; resumed for the tabs after.
          await triggerUntil(
            () => events().length > 0,
            async () => undefined,
            example.name,
          );
          const id = (events()[0].data as { policyRolloutProgress: { id: string } }).policyRolloutProgress.id;
          const paused = () =>
            events().some((e) => (e.data as { policyRolloutProgress?: { status: string } })?.policyRolloutProgress?.status === 'PAUSED');
          await triggerUntil(
            paused,
            () => service.gql('mutation ($id: ID!) { pausePolicyRollout(input: { id: $id }) { rollout { id } } }', { id }),
            'PAUSED progress',
          );
          await service.gql('mutation ($id: ID!) { resumePolicyRollout(input: { id: $id }) { rollout { id } } }', { id });
        } else if (example.name === 'RecordingPolicyDrifted') {
          // An administrator changes the person's settings at the vendor; reconciling finds the drift.
          const r = await service.gql<{ tenant: { recordingPolicies: { id: string; scope: { kind: string; id: string } }[] } }>(
            'query ($id: ID!) { tenant(id: $id) { recordingPolicies { id scope { kind id } } } }',
            { id: DEMO_TENANT_ID },
          );
          const policy = r.data!.tenant.recordingPolicies.filter((p) => p.scope.kind === 'PERSON').at(-1);
          assert.ok(policy, 'the CreateRecordingPolicy tab made a Webex person policy');
          await triggerUntil(
            arrivedNew,
            async () => {
              sandbox.webex.setSettings(policy.scope.id, { enabled: false });
              await service.gql('mutation ($id: ID!) { reconcileRecordingPolicy(input: { id: $id }) { policy { id } } }', { id: policy.id });
            },
            example.name,
          );
        } else if (example.name === 'RecordingStandardComplianceChanged') {
          // A person added in Control Hub after tab 43 applied the standard (REPORT mode): the check after a reconcile
          // run walks the directory, lists the newcomer as ungoverned, and announces the changed compliance.
          await triggerUntil(
            arrivedNew,
            async () => {
              const added = await fetch(`${sandbox.webex.url}/__sandbox/people`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: '{"count":1}',
              });
              assert.equal(added.status, 201);
              await service.app.services.standards.tick();
            },
            example.name,
          );
        } else {
          assert.fail(`no event trigger for the new subscription tab ${example.name}: add one to this test`);
        }
        const last = events().at(-1)!;
        assert.equal(last.errors, undefined, `${example.name}: ${JSON.stringify(last.errors)}`);
        const root = Object.keys((last.data ?? {}) as object)[0];
        assert.ok(root, `${example.name} streamed data`);
        // The result pane shows the streamed event.
        await page.waitForFunction(
          (field) => (document.querySelector('.result-window .view-lines')?.textContent ?? '').includes(`"${field}"`),
          root,
          { timeout: TIMEOUT },
        );
        const text = await resultText(page);
        assert.doesNotMatch(text, /"errors"/, `${example.name} result pane: ${text}`);
        assert.match(text, /"data"/, `${example.name} result pane: ${text}`);
        if (example.name === 'PolicyRolloutProgressChanged' || example.name === 'LiveRecordingChanged') await screenshot(page, `tab-${example.name}`);
        // Stop it (the run button is a stop button while a subscription streams) so the next tab starts clean.
        if (example.name !== 'PolicyRolloutProgressChanged' || !/"status": "(CANCELLED|COMPLETED)/.test(text)) {
          await page.locator('.graphiql-execute-button').click();
        }
      } else {
        await page.waitForFunction(
          () => /"(data|errors)"|Error:/.test(document.querySelector('.result-window .view-lines')?.textContent ?? ''),
          undefined,
          { timeout: TIMEOUT },
        );
        const response = await httpAnswer;
        const text = await resultText(page);
        assert.ok(response, `${example.name} sent nothing to /graphql; the result pane says: ${text}`);
        const body = (await response.json()) as { data?: Record<string, unknown> | null; errors?: unknown[] };
        assert.equal(body.errors, undefined, `${example.name} answered with errors: ${JSON.stringify(body.errors)}`);
        assert.ok(body.data && Object.values(body.data).every((v) => v !== null), `${example.name} answered no data: ${JSON.stringify(body.data)}`);
        assert.doesNotMatch(text, /"errors"/, `${example.name} result pane: ${text}`);
        assert.match(text, /"data"/, `${example.name} result pane: ${text}`);
        if (['Dashboard', 'StartLiveRecording', 'CreateRecordingPolicy'].includes(example.name)) await screenshot(page, `tab-${example.name}`);
      }
      answered.push(example.name);
    }
    assert.deepEqual(
      answered,
      examples.map((e) => e.name),
      'every tab answered',
    );
    assert.deepEqual(problems, [], 'no page error or console error');

    // Chromium's own traffic is switched off (test/helpers/browser.ts); what the page asked for stayed on the service.
    const origin = new URL(service.url).origin;
    const wsOrigin = origin.replace(/^http/, 'ws');
    const foreign = requested.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && ![origin, wsOrigin].includes(new URL(u).origin));
    assert.deepEqual(foreign, [], 'the page asked for nothing outside the service');
  });
});

describe('the playground placeholder endpoint (no browser)', () => {
  const post = (url: string, body: string, authorization?: string) =>
    fetch(`${url}/playground/variables`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body,
    });

  test('fills in run-time ids for a valid token only, names what it cannot fill, and exists only with the sandbox', async (t) => {
    const service = await startTestApp({ env: { SANDBOX: 'true', SANDBOX_WEBEX_PEOPLE: '20' } });
    t.after(() => service.close());
    const auth = `Bearer ${service.adminToken}`;

    const ok = await post(
      service.url,
      JSON.stringify({ names: ['sandbox.signalwire.newCall', 'liveRecording.PAUSED', 'policy.id', 'policy.version'] }),
      auth,
    );
    assert.equal(ok.status, 200);
    const { values } = (await ok.json()) as { values: Record<string, unknown> };
    assert.ok(service.app.sandbox!.signalwire.state.calls.has(String(values['sandbox.signalwire.newCall'])), 'a real sandbox call');
    // Prepared on demand: a paused recording and a policy of the demo tenant, readable through the API.
    const r = await service.gql(
      'query ($id: ID!, $p: ID!) { liveRecording(id: $id) { status tenant { id } } recordingPolicy(id: $p) { version tenant { id } } }',
      {
        id: values['liveRecording.PAUSED'],
        p: values['policy.id'],
      },
    );
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    assert.equal(r.data.liveRecording.status, 'PAUSED');
    assert.equal(r.data.liveRecording.tenant.id, DEMO_TENANT_ID);
    assert.equal(r.data.recordingPolicy.version, values['policy.version']);
    // Asked again, the same recording: the newest one in that state.
    const again = (await (await post(service.url, JSON.stringify({ names: ['liveRecording.PAUSED'] }), auth)).json()) as {
      values: Record<string, unknown>;
    };
    assert.equal(again.values['liveRecording.PAUSED'], values['liveRecording.PAUSED']);

    const anonymous = await post(service.url, JSON.stringify({ names: ['sandbox.signalwire.newCall'] }));
    assert.equal(anonymous.status, 422);
    assert.match(((await anonymous.json()) as { error: string }).error, /token|authenticat/i);
    const otherTenant = await post(
      service.url,
      JSON.stringify({ names: ['policy.id'] }),
      `Bearer ${await service.token({ tenants: ['00000000-0000-4000-8000-0000000000aa'] })}`,
    );
    assert.equal(otherTenant.status, 422, 'a token for another tenant learns nothing of the demo tenant');
    const unknown = await post(service.url, JSON.stringify({ names: ['nope.nothing'] }), auth);
    assert.equal(unknown.status, 422);
    assert.match(((await unknown.json()) as { error: string }).error, /unknown placeholder \{\{nope\.nothing\}\}/);
    assert.equal((await post(service.url, '{"names": [1]}', auth)).status, 400);
    assert.equal((await post(service.url, 'not json', auth)).status, 400);

    const noSandbox = await startTestApp();
    t.after(() => noSandbox.close());
    const off = await post(noSandbox.url, JSON.stringify({ names: ['policy.id'] }), `Bearer ${noSandbox.adminToken}`);
    assert.equal(off.status, 404);
    assert.match(((await off.json()) as { error: string }).error, /SANDBOX=true/);
  });
});
