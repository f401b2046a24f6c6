import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import { WEBEX_DEFAULT_TOKEN, createWebexEmulator, type WebexCall } from '../../src/sandbox/webex/emulator';

interface WebexErrorBody {
  message: string;
  errors: { description: string }[];
  trackingId: string;
}

/** The request example of seed 002 / specs/webex person PUT, verbatim. */
const SEED_EXAMPLE = {
  enabled: true,
  record: 'Always with Pause/Resume',
  notification: { enabled: true, type: 'Play Announcement' },
  startStopAnnouncementEnabled: true,
  recordVoicemailEnabled: true,
  repeat: { enabled: true },
  startStopAnnouncement: { internalCallsEnabled: true, pstnCallsEnabled: true },
};

function nextLink(res: Response): string | null {
  const link = res.headers.get('link');
  if (!link) return null;
  const m = /<([^>]+)>;\s*rel="next"/.exec(link);
  return m ? m[1]! : null;
}

describe('Webex Calling emulator', () => {
  const emu = createWebexEmulator({ rateLimit: null });
  let api = '';
  const auth = { authorization: `Bearer ${WEBEX_DEFAULT_TOKEN}` };
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = auth): Promise<Response> =>
    fetch(path.startsWith('http') ? path : `${api}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const person = (i: number): string => emu.personId(i);
  const recordingPath = (i: number): string => `/people/${person(i)}/features/callRecording`;
  const errorOf = async (res: Response): Promise<WebexErrorBody> => (await res.json()) as WebexErrorBody;

  before(async () => {
    await emu.listen(0, '127.0.0.1');
    api = emu.apiBaseUrl;
  });
  after(() => emu.close());
  beforeEach(() => emu.reset({ state: true }));

  it("enforces each operation's documented scope with 403 naming the missing scope", async () => {
    const scoped = createWebexEmulator({
      rateLimit: null,
      people: 20,
      tokens: ['read-only', 'people-only', 'telephony-only'],
      tokenScopes: {
        'read-only': ['spark-admin:people_read', 'spark-admin:telephony_config_read'],
        'people-only': ['spark-admin:people_read', 'spark-admin:people_write'],
        'telephony-only': ['spark-admin:telephony_config_read', 'spark-admin:telephony_config_write'],
      },
    });
    await scoped.listen(0, '127.0.0.1');
    try {
      const as = (token: string, method: string, path: string, body?: unknown) =>
        fetch(`${scoped.apiBaseUrl}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      const personPath = `/people/${scoped.personId(0)}/features/callRecording`;
      const workspacePath = `/telephony/config/workspaces/${scoped.workspaceIds[0]}/features/callRecordings`;
      const linePath = `/telephony/config/virtualLines/${scoped.virtualLineIds[0]}/callRecording`;
      assert.equal((await as('read-only', 'GET', personPath)).status, 200);
      const refused = await as('read-only', 'PUT', personPath, { enabled: true });
      assert.equal(refused.status, 403);
      const body = await errorOf(refused);
      assert.match(body.message, /missing required scopes .*\[spark-admin:people_write\]/);
      assert.equal(body.errors[0]!.description, body.message);
      assert.equal(scoped.settingsOf(scoped.personId(0))!['enabled'], false, 'nothing written');
      assert.equal((await as('telephony-only', 'GET', personPath)).status, 403, 'GET needs spark-admin:people_read');
      assert.equal((await as('people-only', 'PUT', personPath, { enabled: true })).status, 204);
      assert.equal((await as('people-only', 'GET', workspacePath)).status, 403, 'workspaces need spark-admin:telephony_config_read');
      assert.equal((await as('read-only', 'PUT', linePath, { enabled: false })).status, 403, 'virtual lines need telephony_config_write');
      assert.equal((await as('telephony-only', 'PUT', workspacePath, { enabled: false })).status, 204);
      assert.equal((await as('telephony-only', 'PUT', linePath, { enabled: false })).status, 204);
      const call = scoped.createCall({ personId: scoped.personId(0) });
      const start = await as('people-only', 'POST', '/telephony/calls/startRecording', { callId: call.callId });
      assert.equal(start.status, 403, 'call control needs spark:calls_write');
      assert.match((await errorOf(start)).message, /\[spark:calls_write\]/);
      scoped.grantScopes('people-only', ['spark:calls_write', 'spark-admin:people_read']);
      assert.equal((await as('people-only', 'PUT', personPath, { enabled: false })).status, 403, 're-authorised without people_write');
      assert.equal((await as('nobody', 'GET', personPath)).status, 401, 'an unknown token is 401 before any scope');
    } finally {
      await scoped.close();
    }
  });

  it("seed 002's licence rule: a Standard user may be recorded only while the recording vendor is Webex", async () => {
    const standard = 9; // every tenth person holds a Standard licence
    assert.equal(emu.licenseOf(person(standard)), 'Webex Calling Standard');
    assert.equal(emu.licenseOf(person(0)), 'Webex Calling Professional');
    assert.equal((await call('PUT', recordingPath(standard), SEED_EXAMPLE)).status, 204, 'vendor Webex: eligible');
    emu.setRecordingVendor('Dubber');
    const refused = await call('PUT', recordingPath(standard), { enabled: true, record: 'Always' });
    assert.equal(refused.status, 400);
    assert.match((await errorOf(refused)).message, /Webex Calling Standard license .* vendor is Dubber/);
    assert.equal((await call('PUT', recordingPath(standard), { enabled: false })).status, 204, 'turning recording off is allowed');
    assert.equal((await call('PUT', recordingPath(0), { enabled: true, record: 'Always' })).status, 204, 'a Professional user is eligible');
    const control = await fetch(`${emu.url}/__sandbox/state/recordingVendor`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"vendor":"Webex"}',
    });
    assert.equal(control.status, 200);
    assert.equal((await call('PUT', recordingPath(standard), { enabled: true })).status, 204);
  });

  it('refuses a missing or unknown bearer token with 401 in the Webex error format', async () => {
    const res = await call('GET', recordingPath(0), undefined, {});
    assert.equal(res.status, 401);
    const body = await errorOf(res);
    assert.match(body.message, /access token/);
    assert.equal(body.errors[0]!.description, body.message);
    assert.equal(typeof body.trackingId, 'string');
    assert.equal((await call('GET', recordingPath(0), undefined, { authorization: 'Bearer nope' })).status, 401);
  });

  it('reads a person with every field of CallRecordingInfo, read-only ones included', async () => {
    const res = await call('GET', recordingPath(42));
    assert.equal(res.status, 200);
    const body = (await res.json()) as Record<string, unknown>;
    for (const field of [
      'enabled',
      'record',
      'recordVoicemailEnabled',
      'notification',
      'repeat',
      'serviceProvider',
      'externalGroup',
      'externalIdentifier',
      'startStopAnnouncement',
    ]) {
      assert.ok(field in body, field);
    }
    assert.equal(body['record'], 'Never');
    assert.deepEqual(body['notification'], { enabled: false, type: 'None' });
  });

  it('accepts the seed example with 204, fills the notification type and keeps the interval', async () => {
    const res = await call('PUT', recordingPath(1), SEED_EXAMPLE);
    assert.equal(res.status, 204);
    const body = (await (await call('GET', recordingPath(1))).json()) as Record<string, unknown>;
    assert.equal(body['record'], 'Always with Pause/Resume');
    assert.deepEqual(body['notification'], { enabled: true, type: 'Play Announcement' });
    assert.deepEqual(body['repeat'], { interval: 15, enabled: true });
    assert.deepEqual(body['startStopAnnouncement'], { internalCallsEnabled: true, pstnCallsEnabled: true });
    await call('PUT', recordingPath(2), { notification: { enabled: true } });
    const two = (await (await call('GET', recordingPath(2))).json()) as Record<string, unknown>;
    assert.deepEqual(two['notification'], { enabled: true, type: 'Beep' }, 'spec: type defaults to Beep when enabled without a type');
  });

  it('refuses invalid enums, out-of-range intervals and read-only fields with 400', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ record: 'Sometimes' }, /record/],
      [{ record: 'always' }, /record/],
      [{ notification: { type: 'None' } }, /notification\.type/],
      [{ repeat: { interval: 9 } }, /repeat\.interval/],
      [{ repeat: { interval: 1801 } }, /repeat\.interval/],
      [{ repeat: { interval: 12.5 } }, /repeat\.interval/],
      [{ enabled: 'true' }, /enabled/],
      [{ serviceProvider: 'WSWYZ25455' }, /serviceProvider/],
      [{ externalIdentifier: 'x@y' }, /externalIdentifier/],
      [{ callRecordingAccessSettings: {} }, /callRecordingAccessSettings/],
    ];
    for (const [body, pattern] of cases) {
      const res = await call('PUT', recordingPath(3), body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match((await errorOf(res)).errors.map((e) => e.description).join(' '), pattern);
    }
    for (const interval of [10, 1800]) assert.equal((await call('PUT', recordingPath(3), { repeat: { interval } })).status, 204);
    assert.equal(emu.writesPerPerson()[person(3)], 2);
  });

  it('answers 404 for an unknown person, 403 for another org, 415 without JSON', async () => {
    assert.equal((await call('GET', '/people/bm90LWEtcGVyc29u/features/callRecording')).status, 404);
    assert.equal((await call('GET', `/people/${person(999_999)}/features/callRecording`)).status, 404);
    assert.equal((await call('GET', `${recordingPath(0)}?orgId=${emu.state.orgId}`)).status, 200);
    assert.equal((await call('GET', `${recordingPath(0)}?orgId=b3RoZXI`)).status, 403);
    const text = await fetch(`${api}${recordingPath(0)}`, { method: 'PUT', headers: { ...auth, 'content-type': 'text/plain' }, body: '{}' });
    assert.equal(text.status, 415);
  });

  it('serves workspaces (plural path) and virtual lines with the same contract', async () => {
    const ws = emu.workspaceIds[0]!;
    const wsPath = `/telephony/config/workspaces/${ws}/features/callRecordings`;
    assert.equal((await call('PUT', wsPath, { enabled: true, record: 'Always' })).status, 204);
    const body = (await (await call('GET', wsPath)).json()) as Record<string, unknown>;
    assert.equal(body['record'], 'Always');
    assert.ok(!('callRecordingAccessSettings' in body));
    assert.equal((await call('GET', `/telephony/config/workspaces/${ws}/features/callRecording`)).status, 404);
    const vl = `/telephony/config/virtualLines/${emu.virtualLineIds[0]}/callRecording`;
    assert.equal((await call('PUT', vl, { record: 'On Demand with User Initiated Start' })).status, 204);
    assert.equal(((await (await call('GET', vl)).json()) as Record<string, unknown>)['record'], 'On Demand with User Initiated Start');
    assert.equal((await call('GET', `/telephony/config/virtualLines/${person(0)}/callRecording`)).status, 404);
  });

  it('lists workspaces with start/max pages and Link rel="next", the calling filter, strict parameters and its scope', async () => {
    // Three Webex Calling workspaces and one with free calling only (no telephony settings).
    const all = (await (await call('GET', '/workspaces')).json()) as { items: { id: string; calling: { type: string } }[] };
    assert.deepEqual(
      all.items.map((w) => w.calling.type),
      ['webexCalling', 'webexCalling', 'webexCalling', 'freeCalling'],
    );
    const lobby = all.items[3]!.id;
    assert.equal((await call('GET', `/telephony/config/workspaces/${lobby}/features/callRecordings`)).status, 404);
    assert.deepEqual(
      emu.workspaceIds,
      all.items.slice(0, 3).map((w) => w.id),
    );
    // Pages of 2 over the calling ones: every workspace exactly once, the filter kept in the next link.
    const seen: string[] = [];
    let url: string | null = `${api}/workspaces?calling=webexCalling&max=2`;
    let pages = 0;
    while (url) {
      const res = await call('GET', url);
      assert.equal(res.status, 200);
      seen.push(...((await res.json()) as { items: { id: string }[] }).items.map((w) => w.id));
      url = nextLink(res);
      if (url) assert.match(url, /calling=webexCalling/);
      pages++;
    }
    assert.equal(pages, 2);
    assert.deepEqual(seen, emu.workspaceIds);
    for (const bad of ['max=0', 'max=1001', 'max=ten', 'start=-1', 'calling=skype']) {
      const res = await call('GET', `/workspaces?${bad}`);
      assert.equal(res.status, 400, bad);
      assert.match((await errorOf(res)).message, /^Invalid (max|start|calling)/, bad);
    }
    assert.equal((await call('GET', '/workspaces?orgId=other')).status, 403);
    emu.grantScopes(WEBEX_DEFAULT_TOKEN, ['spark-admin:people_read']);
    const refused = await call('GET', '/workspaces');
    assert.equal(refused.status, 403);
    assert.match((await errorOf(refused)).message, /\[spark-admin:workspaces_read\]/);
    // A workspace added in Control Hub is listed.
    const added = await fetch(`${emu.url}/__sandbox/workspaces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"count":1}',
    });
    assert.equal(added.status, 201);
    assert.equal(emu.workspaceIds.length, 4);
  });

  it('answers a workspace 409 with the vendor terms of service while they are not accepted', async () => {
    await fetch(`${emu.url}/__sandbox/state/termsOfService`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"accepted":false}',
    });
    const res = await call('PUT', `/telephony/config/workspaces/${emu.workspaceIds[1]}/features/callRecordings`, { enabled: true });
    assert.equal(res.status, 409);
    assert.equal(((await res.json()) as Record<string, unknown>)['vendorName'], 'Dubber');
  });

  it('pages through all 5,000 people with max and Link rel="next", each person exactly once', async () => {
    let url: string | null = `${api}/people?max=1000`;
    const seen = new Set<string>();
    let pages = 0;
    while (url) {
      const res = await call('GET', url);
      assert.equal(res.status, 200);
      const body = (await res.json()) as { items: { id: string }[] };
      assert.ok(body.items.length <= 1000);
      for (const p of body.items) seen.add(p.id);
      pages += 1;
      url = nextLink(res);
    }
    assert.equal(pages, 5);
    assert.equal(seen.size, 5000);
    assert.ok(seen.has(person(0)) && seen.has(person(4999)));
  });

  it('defaults max to 100, filters by locationId and returns calling data only when asked', async () => {
    const first = await call('GET', '/people');
    assert.equal(((await first.json()) as { items: unknown[] }).items.length, 100);
    assert.ok(nextLink(first));
    const location = emu.locations[2]!.id;
    let url: string | null = `${api}/people?locationId=${encodeURIComponent(location)}&max=300&callingData=true`;
    let count = 0;
    while (url) {
      const res = await call('GET', url);
      const body = (await res.json()) as { items: { locationId?: string }[] };
      assert.ok(body.items.length <= 100, 'callingData caps max at 100');
      for (const p of body.items) assert.equal(p.locationId, location);
      count += body.items.length;
      url = nextLink(res);
      if (url) assert.match(url, /locationId=/);
    }
    assert.equal(count, 1000);
    const plain = (await (await call('GET', '/people?max=1')).json()) as { items: Record<string, unknown>[] };
    assert.ok(!('locationId' in plain.items[0]!));
    assert.equal((await call('GET', '/people?max=0')).status, 400);
    assert.equal((await call('GET', '/people?cursor=garbage')).status, 400);
  });

  it('answers 429 with Retry-After when the per-token rate is exceeded', async () => {
    emu.limiter.configure({ requestsPerSecond: 0.1, burst: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await call('GET', recordingPath(0))).status);
      assert.deepEqual(statuses, [200, 200, 200, 429]);
      const res = await call('GET', recordingPath(0));
      assert.equal(res.status, 429);
      assert.equal(res.headers.get('retry-after'), '10');
      assert.match((await errorOf(res)).message, /rate limited/);
    } finally {
      emu.limiter.configure(null);
    }
  });

  it('counts accepted writes per person', async () => {
    await call('PUT', recordingPath(7), { enabled: true });
    await call('PUT', recordingPath(7), { enabled: false });
    await call('PUT', recordingPath(8), { record: 'bogus' });
    await call('PUT', recordingPath(9), { record: 'Always' });
    assert.deepEqual(emu.writesPerPerson(), { [person(7)]: 2, [person(9)]: 1 });
    const http = (await (await fetch(`${emu.url}/__sandbox/writes`)).json()) as { people: Record<string, number> };
    assert.deepEqual(http.people, emu.writesPerPerson());
  });

  describe('call control', () => {
    const newCall = async (personIndex: number): Promise<WebexCall> => {
      const res = await fetch(`${emu.url}/__sandbox/calls`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ personId: person(personIndex) }),
      });
      assert.equal(res.status, 201);
      return (await res.json()) as WebexCall;
    };
    const control = (action: string, callId: string): Promise<Response> => call('POST', `/telephony/calls/${action}`, { callId });

    it('starts, pauses, resumes and stops an on-demand recording', async () => {
      await call('PUT', recordingPath(10), { enabled: true, record: 'On Demand with User Initiated Start' });
      const c = await newCall(10);
      assert.equal(c.recording, 'none');
      assert.equal((await control('pauseRecording', c.callId)).status, 400, 'nothing to pause yet');
      assert.equal((await control('startRecording', c.callId)).status, 204);
      assert.equal((await control('startRecording', c.callId)).status, 400);
      assert.equal((await control('pauseRecording', c.callId)).status, 204);
      assert.equal((await control('resumeRecording', c.callId)).status, 204);
      assert.equal((await control('stopRecording', c.callId)).status, 204);
      assert.equal(emu.call(c.callId)!.recording, 'stopped');
      const res = await control('resumeRecording', c.callId);
      assert.equal(res.status, 400);
      assert.match((await errorOf(res)).message, /not paused/);
    });

    it('allows pause and resume but not start or stop in "Always with Pause/Resume"', async () => {
      await call('PUT', recordingPath(11), { enabled: true, record: 'Always with Pause/Resume' });
      const c = await newCall(11);
      assert.equal(c.recording, 'recording');
      assert.equal((await control('stopRecording', c.callId)).status, 400);
      assert.equal((await control('startRecording', c.callId)).status, 400);
      assert.equal((await control('pauseRecording', c.callId)).status, 204);
      assert.equal((await control('resumeRecording', c.callId)).status, 204);
    });

    it('refuses pause when the mode does not allow it, and unknown or ended calls with 404', async () => {
      await call('PUT', recordingPath(12), { enabled: true, record: 'Always' });
      const c = await newCall(12);
      const res = await control('pauseRecording', c.callId);
      assert.equal(res.status, 400);
      assert.match((await errorOf(res)).message, /only valid when/);
      assert.equal((await control('pauseRecording', 'Y2FsbA')).status, 404);
      assert.equal((await call('POST', '/telephony/calls/pauseRecording', {})).status, 400);
      await fetch(`${emu.url}/__sandbox/calls/${c.callId}`, { method: 'DELETE' });
      assert.equal((await control('pauseRecording', c.callId)).status, 404);
    });
  });

  it('lets an administrator change a person behind the API (drift), with the API rules', async () => {
    const ok = await fetch(`${emu.url}/__sandbox/state/people/${person(20)}/callRecording`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: true, record: 'Always' }),
    });
    assert.equal(ok.status, 200);
    assert.equal(((await (await call('GET', recordingPath(20))).json()) as Record<string, unknown>)['record'], 'Always');
    assert.equal(emu.writesPerPerson()[person(20)], undefined);
    const bad = await fetch(`${emu.url}/__sandbox/state/people/${person(20)}/callRecording`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ repeat: { interval: 5 } }),
    });
    assert.equal(bad.status, 400);
  });

  it('injects faults: 5xx burst, 429 with an HTTP-date Retry-After, truncated body', async () => {
    emu.faults.inject({ errors: { count: 2, status: 503 } });
    assert.equal((await call('GET', recordingPath(0))).status, 503);
    const second = await call('GET', recordingPath(0));
    assert.equal(second.status, 503);
    assert.ok(Array.isArray((await errorOf(second)).errors));
    emu.faults.inject({ rateLimit: { count: 1, retryAfterSeconds: 5, retryAfterForm: 'http-date' } });
    const limited = await call('GET', recordingPath(0));
    assert.equal(limited.status, 429);
    assert.ok(Number.isFinite(Date.parse(limited.headers.get('retry-after') ?? '')));
    emu.faults.inject({ truncated: 1 });
    await assert.rejects((await call('GET', recordingPath(0))).json());
    assert.equal((await call('GET', recordingPath(0))).status, 200);
  });
});

describe('Webex Calling emulator, small configurable directory', () => {
  it('sizes the directory and locations from options and starts people from defaultSettings', async () => {
    const emu = createWebexEmulator({
      people: 7,
      locations: 2,
      rateLimit: null,
      defaultSettings: (i) => (i % 2 ? { enabled: true, record: 'Always' } : {}),
    });
    await emu.listen();
    try {
      const headers = { authorization: `Bearer ${WEBEX_DEFAULT_TOKEN}` };
      const page = await fetch(`${emu.apiBaseUrl}/people?max=5`, { headers });
      assert.equal(((await page.json()) as { items: unknown[] }).items.length, 5);
      const next = /<([^>]+)>/.exec(page.headers.get('link') ?? '')![1]!;
      const rest = await fetch(next, { headers });
      assert.equal(((await rest.json()) as { items: unknown[] }).items.length, 2);
      assert.equal(rest.headers.get('link'), null);
      assert.equal(emu.locations.length, 2);
      assert.equal(emu.settingsOf(emu.personId(1))!['record'], 'Always');
      assert.equal(emu.settingsOf(emu.personId(2))!['record'], 'Never');
    } finally {
      await emu.close();
    }
  });
});
