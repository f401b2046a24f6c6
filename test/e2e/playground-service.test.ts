import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT_DIR } from '../../src/app';
import { startTestApp } from '../helpers/app';

const CHROMIUM = '/usr/bin/chromium';

describe('the service playground in headless Chromium', () => {
  test('opens /graphql from the running service, runs the first example operation with the development token, and loads nothing from another host', async (t) => {
    assert.ok(existsSync(CHROMIUM), `Chromium is missing at ${CHROMIUM}. Install Debian's build with: apt-get update && apt-get install -y chromium`);
    assert.ok(existsSync(join(ROOT_DIR, 'dist/playground/manifest.json')), 'dist/playground is not built: run `npm run build`');
    const { chromium } = await import('playwright-core');
    const service = await startTestApp();
    t.after(() => service.close());
    assert.ok(service.app.devToken, 'a development token is printed outside production');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-features=AutofillServerCommunication'],
    });
    t.after(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
    const requested: string[] = [];
    page.on('request', (req) => requested.push(req.url()));
    const res = await page.goto(service.app.graphqlUrl);
    assert.equal(res?.status(), 200);
    // The first example is 01-Viewer.graphql; running it answers with the dev token's subject and scopes.
    await page.locator('.graphiql-query-editor .view-lines').filter({ hasText: 'Viewer' }).waitFor({ timeout: 30_000 });
    await page.locator('.graphiql-editor-tool .view-lines').filter({ hasText: 'Bearer' }).first().waitFor({ timeout: 30_000 });
    await page.locator('.graphiql-execute-button').click();
    await page.waitForFunction(
      () => (document.querySelector('.result-window .view-lines')?.textContent ?? '').replace(/\u00a0/g, ' ').includes('"subject": "developer"'),
      undefined,
      { timeout: 30_000 },
    );
    const text = ((await page.locator('.result-window .view-lines').textContent()) ?? '').replace(/\u00a0/g, ' ');
    assert.match(text, /"allTenants": true/);
    assert.match(text, /recording:admin/);
    if (process.env.PLAYGROUND_SCREENSHOT) await page.screenshot({ path: process.env.PLAYGROUND_SCREENSHOT });
    const origin = new URL(service.url).origin;
    const foreign = requested.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin);
    assert.deepEqual(foreign, [], 'the page asked for nothing outside the service');
    assert.ok(requested.length > 5);
  });
});
