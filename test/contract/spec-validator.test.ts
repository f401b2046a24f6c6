import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSignalwireEmulator, SIGNALWIRE_DEFAULT_PROJECT_ID } from '../../src/sandbox/signalwire/emulator';
import { createWebexEmulator, WEBEX_DEFAULT_TOKEN } from '../../src/sandbox/webex/emulator';
import type { Emulator, Exchange } from '../../src/sandbox/common';
import { checkAgainstSpec } from './spec-validator';

/** The spec check itself: a request or an answer the published spec does not allow is caught, a right one is not. */
describe('contract spec check (openapi-backend over test/fixtures/specs)', () => {
  const webex = createWebexEmulator({ people: 5, rateLimit: null });
  const signalwire = createSignalwireEmulator({ rateLimit: null });
  before(async () => {
    await webex.listen(0, '127.0.0.1');
    await signalwire.listen(0, '127.0.0.1');
    // Load and compile both specs before any exchange.
    const w = checkAgainstSpec('webex', webex as unknown as Emulator<unknown>);
    const sw = checkAgainstSpec('signalwire', signalwire as unknown as Emulator<unknown>);
    await Promise.all([w.ready, sw.ready]);
    w.stop();
    sw.stop();
  });
  after(async () => {
    await webex.close();
    await signalwire.close();
  });

  const put = (path: string, body: unknown) =>
    fetch(`${webex.apiBaseUrl}${path}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${WEBEX_DEFAULT_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('fails a Webex request with a value outside an enum, a wrong type and a field the spec does not define', async () => {
    const check = checkAgainstSpec('webex', webex as unknown as Emulator<unknown>);
    try {
      const path = `/people/${webex.personId(0)}/features/callRecording`;
      await put(path, { enabled: 'yes', record: 'Sometimes', serviceProvider: 'X', repeat: { interval: 'often' } });
      await assert.rejects(check.assertClean(), (e: Error) => {
        assert.match(e.message, /"where": "request"/);
        assert.match(e.message, /requestBody\/record must be equal to one of the allowed values/);
        assert.match(e.message, /requestBody\/enabled must be boolean/);
        assert.match(e.message, /must NOT have additional properties .*serviceProvider/);
        assert.match(e.message, /requestBody\/repeat\/interval must be number/);
        return true;
      });
      // The right request (the seed's own example) passes, and so does the emulator's answer to a GET.
      await put(path, { enabled: true, record: 'Always with Pause/Resume', notification: { enabled: true, type: 'Play Announcement' } });
      await fetch(`${webex.apiBaseUrl}${path}`, { headers: { authorization: `Bearer ${WEBEX_DEFAULT_TOKEN}` } });
      await check.assertClean();
      assert.equal(check.checked, 3);
    } finally {
      check.stop();
    }
  });

  it('fails a Webex answer that breaks the response schema', async () => {
    const check = checkAgainstSpec('webex', webex as unknown as Emulator<unknown>);
    try {
      const wrong: Exchange = {
        method: 'GET',
        path: `/v1/people/${webex.personId(0)}/features/callRecording`,
        query: {},
        headers: {},
        body: undefined,
        route: null,
        status: 200,
        responseHeaders: {},
        responseBody: { enabled: 'no', record: 'Sometimes' },
      };
      const violations = await check.validate(wrong);
      assert.equal(violations.length, 1);
      assert.equal(violations[0]!.where, 'response');
      assert.ok(
        violations[0]!.errors.some((e) => /\/record must be equal to one of the allowed values/.test(e)),
        violations[0]!.errors.join('\n'),
      );
      assert.ok(violations[0]!.errors.some((e) => /\/enabled must be boolean/.test(e)));
    } finally {
      check.stop();
    }
  });

  it('fails a SignalWire update with a PauseBehavior or a field the spec does not list', async () => {
    const CALL = '0b6a8c1e-2f3d-4a5b-8c7d-9e0f1a2b3c4d';
    const REC = '1c7b9d2f-3a4e-4b6c-9d8e-0f1a2b3c4d5e';
    const check = checkAgainstSpec('signalwire', signalwire as unknown as Emulator<unknown>);
    try {
      const path = `/api/laml/2010-04-01/Accounts/${SIGNALWIRE_DEFAULT_PROJECT_ID}/Calls/${CALL}/Recordings/${REC}.json`;
      const violations = await check.validate({
        method: 'POST',
        path,
        query: {},
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: { Status: 'paused', PauseBehavior: 'mute', Colour: 'blue' },
        route: null,
        status: 404,
        responseHeaders: {},
        responseBody: undefined,
      });
      assert.equal(violations.length, 1);
      assert.equal(violations[0]!.where, 'request');
      assert.ok(
        violations[0]!.errors.some((e) => /requestBody\/PauseBehavior must be equal to one of the allowed values/.test(e)),
        violations[0]!.errors.join('\n'),
      );
      assert.ok(
        violations[0]!.errors.some((e) => /Colour/.test(e)),
        'a field the spec does not define',
      );
      const right = await check.validate({
        method: 'POST',
        path,
        query: {},
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: { Status: 'paused', PauseBehavior: 'silence' },
        route: null,
        status: 404,
        responseHeaders: {},
        responseBody: undefined,
      });
      assert.deepEqual(right, []);
    } finally {
      check.stop();
    }
  });
});
