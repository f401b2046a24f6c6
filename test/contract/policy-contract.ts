import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { AppError } from '../../src/domain/errors';
import { diffRules, fieldsSet, type PolicyScope, type RecordingRules } from '../../src/domain/policy';
import type { VendorKind } from '../../src/domain/vendor-kind';
import { unsupportedFields } from '../../src/vendors/capabilities';
import type { AdapterHttpOptions, DeepPartial, HttpSettings } from '../../src/vendors/http';
import type { ConnectionContext, RecordingVendor, VendorRequestPreview } from '../../src/vendors/port';
import type { Emulator } from '../../src/sandbox/common';
import type { LoggedRequest } from '../../src/sandbox/common/request-log';
import type { FaultSpec } from '../../src/sandbox/common/faults';
import { specCheckFor, type SpecCheck } from './spec-validator';

/**
 * The one contract suite every policy adapter runs against its emulator over HTTP (STYLE habit 3). A vendor file
 * builds a fixture; the suite counts requests at the emulator and never looks at the clock.
 */

/** Short delays so retries and backoff stay fast; the shape (attempts, Retry-After, caps) is the production one. */
export const TEST_HTTP_SETTINGS: DeepPartial<HttpSettings> = {
  connectTimeoutMs: 2_000,
  totalTimeoutMs: 5_000,
  retry: { maxRetries: 2, baseDelayMs: 5, maxDelayMs: 20, retryAfterCapMs: 3_000 },
  breaker: { consecutiveFailures: 1_000, halfOpenAfterMs: 1_000 },
  limiter: { ratePerSecond: 1_000, burst: 1_000 },
};

export interface SeedCase {
  /** e.g. "seed 000: PUT /settings/recording/51". */
  name: string;
  scope?: PolicyScope;
  /** The neutral policy equivalent to the seed's example request. */
  rules: RecordingRules;
  /** The seed's example request, with any rule the adapter follows instead of the example applied (see `deviations`). */
  expected: VendorRequestPreview | ((scope: PolicyScope) => VendorRequestPreview);
  /** Where the seed's example breaks its own documented rules: which rule wins and why. */
  deviations: string[];
  /** Adjusts the example before comparing, to show the deviation explicitly (e.g. "id": "51" -> 51). */
  exampleAsSent?: (example: VendorRequestPreview, scope: PolicyScope) => VendorRequestPreview;
  /** The example exactly as the seed prints it. */
  example: VendorRequestPreview;
}

export interface CredentialExpiry {
  /** Makes the credentials the connection holds expired or revoked at the emulator. */
  expire(): void | Promise<void>;
  /** VENDOR_AUTH_FAILED with no retry, or recovered by the adapter (Yeastar: refresh and retry once). */
  outcome: 'VENDOR_AUTH_FAILED' | 'recovered';
  /** Checks what the emulator received for one readPolicy after expiry. */
  assertRequests(entries: LoggedRequest[]): void;
}

export interface PolicyContractFixture {
  kind: VendorKind;
  /** A fresh emulator (not listening yet). */
  createEmulator(): Emulator<unknown>;
  createAdapter(options: AdapterHttpOptions): RecordingVendor;
  connection(emulator: Emulator<unknown>, credentials?: Record<string, string>): ConnectionContext;
  scope(emulator: Emulator<unknown>): PolicyScope;
  /** Policies that must read back as applied, one after another. */
  policies: RecordingRules[];
  /** A policy with at least one field the vendor cannot express. */
  unsupported: RecordingRules;
  /** A value the adapter's checkPolicy refuses, and the path it must name. */
  invalidValue: { rules: RecordingRules; path: (string | number)[] };
  /** A policy that passes checkPolicy but the vendor refuses; its message must reach the error. */
  vendorRejects: { rules: RecordingRules; message: RegExp; fieldPath?: (string | number)[] };
  badCredentials: Record<string, string>;
  credentialExpiry(emulator: Emulator<unknown>): CredentialExpiry;
  /** Routes (as the emulator names them) that a write goes to, to count what apply sent. */
  writeRoute: string;
  seeds: SeedCase[];
  /** Resets state the adapter caches per connection (e.g. tokens) when the emulator is reset. */
  afterReset?(adapter: RecordingVendor): void;
}

const vendorEntries = (e: Emulator<unknown>) => e.requests().entries;

async function rejects(p: Promise<unknown>, code: string): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof AppError, `expected an AppError, got ${String(e)}`);
    assert.equal(e.code, code, `expected ${code}, got ${e.code}: ${e.message}`);
    return e;
  }
  assert.fail(`expected ${code}, but the call succeeded`);
}

/** Nothing that leaves an adapter may carry a URL, a query string or a credential. */
function assertNoLeak(err: AppError, conn: ConnectionContext) {
  const text = JSON.stringify({ message: err.message, details: err.details, stack: undefined });
  assert.ok(!text.includes('http://') && !text.includes('https://'), `error leaks a URL: ${text}`);
  assert.ok(!text.includes('access_token='), `error leaks a query string: ${text}`);
  for (const secret of Object.values(conn.credentials)) {
    if (secret && secret.length >= 6) assert.ok(!text.includes(secret), `error leaks a credential: ${text}`);
  }
}

/**
 * Helper the suite uses for unsupported fields: what the service does before any vendor call (capabilities check),
 * asserting the emulator saw nothing.
 */
export function assertUnsupported(kind: VendorKind, adapter: RecordingVendor, rules: RecordingRules, emulator: Emulator<unknown>): void {
  const before = emulator.requests().counts.total;
  const problems = unsupportedFields(kind, rules);
  const supported = new Set<string>(adapter.capabilities.ruleFields);
  const unsupported = fieldsSet(rules).filter((f) => !supported.has(f));
  assert.ok(unsupported.length > 0, 'the fixture must set at least one unsupported field');
  assert.deepEqual(
    problems.map((p) => p.path.join('.')),
    unsupported.map((f) => `rules.${f}`),
  );
  for (const p of problems) assert.match(p.message, new RegExp(adapter.displayName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.equal(emulator.requests().counts.total, before, 'no vendor request for an unsupported field');
}

export function runPolicyContract(fixture: PolicyContractFixture): void {
  describe(`${fixture.kind} policy adapter contract`, () => {
    let emulator: Emulator<unknown>;
    let adapter: RecordingVendor;
    let conn: ConnectionContext;
    let scope: PolicyScope;

    let spec: SpecCheck | null = null;

    before(async () => {
      emulator = fixture.createEmulator();
      await emulator.listen(0, '127.0.0.1');
      spec = specCheckFor(fixture.kind, emulator);
      await spec?.ready;
    });
    after(async () => {
      spec?.stop();
      await emulator.close();
      if (spec) assert.ok(spec.checked > 0, 'the spec check saw the exchanges');
    });
    // Published specs (Webex, SignalWire): every request the adapter sent and every answer, test by test.
    afterEach(async () => {
      await spec?.assertClean();
    });
    beforeEach(() => {
      emulator.reset({ state: true });
      adapter = fixture.createAdapter({ settings: TEST_HTTP_SETTINGS });
      conn = fixture.connection(emulator);
      scope = fixture.scope(emulator);
    });

    it('declares capabilities that match the port', () => {
      const c = adapter.capabilities;
      assert.equal(adapter.kind, fixture.kind);
      assert.equal(c.policies, true);
      assert.ok(c.policyScopes.includes(scope.kind));
      assert.ok(c.ruleFields.length > 0);
      for (const f of Object.keys(c.fieldNotes)) assert.ok((c.ruleFields as string[]).includes(f), `note for unexpressed field ${f}`);
      assert.ok(c.credentialFields.some((f) => f.secret));
    });

    it('tests the connection with a harmless read', async () => {
      await adapter.testConnection(conn);
      assert.ok(vendorEntries(emulator).length >= 1);
      assert.ok(vendorEntries(emulator).every((e) => e.status < 400));
    });

    it('applies each policy and reads it back equal to the desired policy', async () => {
      for (const [i, rules] of fixture.policies.entries()) {
        assert.deepEqual(unsupportedFields(fixture.kind, rules), [], `policy ${i} uses only supported fields`);
        assert.deepEqual(adapter.checkPolicy?.(scope, rules) ?? [], [], `policy ${i} passes checkPolicy`);
        const outcome = await adapter.applyPolicy!(conn, scope, rules);
        assert.ok(outcome.requests.length >= 1);
        const read = await adapter.readPolicy!(conn, scope);
        assert.deepEqual(diffRules(rules, read), [], `policy ${i} reads back as applied`);
      }
    });

    it('previews exactly the requests apply sends, credentials redacted', async () => {
      const rules = fixture.policies[0]!;
      const preview = await adapter.previewPolicy!(conn, scope, rules);
      const writesBefore = emulator.requests().counts.byRoute[fixture.writeRoute] ?? 0;
      assert.equal(writesBefore, 0, 'preview writes nothing');
      const outcome = await adapter.applyPolicy!(conn, scope, rules);
      assert.deepEqual(outcome.requests, preview);
      const write = preview[preview.length - 1]!;
      const sent = vendorEntries(emulator).filter((e) => e.route === fixture.writeRoute);
      assert.equal(sent.length, 1);
      assert.deepEqual(sent[0]!.body, write.body, 'the emulator received the previewed body');
      const shown = JSON.stringify(preview);
      for (const secret of Object.values(conn.credentials)) if (secret.length >= 6) assert.ok(!shown.includes(secret), 'preview redacts credentials');
    });

    it('refuses an unsupported field before any vendor call', () => {
      assertUnsupported(fixture.kind, adapter, fixture.unsupported, emulator);
      assert.equal(vendorEntries(emulator).length, 0);
    });

    it('reports value problems from checkPolicy with the field path', () => {
      const problems = adapter.checkPolicy!(scope, fixture.invalidValue.rules);
      assert.ok(
        problems.some((p) => JSON.stringify(p.path) === JSON.stringify(fixture.invalidValue.path)),
        `expected a problem at ${fixture.invalidValue.path.join('.')}, got ${JSON.stringify(problems)}`,
      );
    });

    it("surfaces the vendor's validation error as VENDOR_REJECTED with its message, without retrying", async () => {
      const err = await rejects(adapter.applyPolicy!(conn, scope, fixture.vendorRejects.rules), 'VENDOR_REJECTED');
      assert.match(String(err.details.vendorMessage ?? err.message), fixture.vendorRejects.message);
      assert.match(err.message, fixture.vendorRejects.message);
      if (fixture.vendorRejects.fieldPath) {
        const fields = (err.details.fields ?? []).map((f) => JSON.stringify(f.path));
        assert.ok(fields.includes(JSON.stringify(fixture.vendorRejects.fieldPath)), `fields ${fields.join(' ')}`);
      }
      assert.equal(emulator.requests().counts.byRoute[fixture.writeRoute], 1, 'a refusal is not retried');
      assertNoLeak(err, conn);
    });

    it('fails with VENDOR_AUTH_FAILED on invalid credentials, once', async () => {
      const bad = fixture.connection(emulator, fixture.badCredentials);
      const err = await rejects(adapter.readPolicy!(bad, scope), 'VENDOR_AUTH_FAILED');
      assert.equal(vendorEntries(emulator).length, 1, 'refused credentials are not retried');
      assertNoLeak(err, bad);
    });

    it('handles expired credentials', async () => {
      await adapter.readPolicy!(conn, scope);
      const expiry = fixture.credentialExpiry(emulator);
      await expiry.expire();
      const since = emulator.requests().entries.length;
      if (expiry.outcome === 'recovered') await adapter.readPolicy!(conn, scope);
      else assertNoLeak(await rejects(adapter.readPolicy!(conn, scope), 'VENDOR_AUTH_FAILED'), conn);
      expiry.assertRequests(emulator.requests().entries.slice(since));
    });

    const inject = (spec: FaultSpec) => emulator.faults.inject(spec);

    it('waits out a 429 with Retry-After in seconds and retries', async () => {
      await adapter.readPolicy!(conn, scope);
      const n = vendorEntries(emulator).length;
      inject({ rateLimit: { count: 2, retryAfterSeconds: 0, retryAfterForm: 'seconds' } });
      const read = await adapter.readPolicy!(conn, scope);
      assert.ok(read);
      const later = vendorEntries(emulator).slice(n);
      assert.equal(later.filter((e) => e.status === 429).length, 2);
      assert.equal(later.filter((e) => e.status < 400).length, later.length - 2);
    });

    it('honours Retry-After as an HTTP date, and retries a write after a 429', async () => {
      await adapter.readPolicy!(conn, scope);
      inject({ rateLimit: { count: 1, retryAfterSeconds: 1, retryAfterForm: 'http-date' }, match: { route: fixture.writeRoute } });
      await adapter.applyPolicy!(conn, scope, fixture.policies[0]!);
      const writes = vendorEntries(emulator).filter((e) => e.route === fixture.writeRoute);
      assert.deepEqual(
        writes.map((e) => e.status),
        [429, writes[1]!.status],
      );
      assert.ok(writes[1]!.status < 400);
    });

    it('does not wait out a Retry-After beyond the cap: VENDOR_UNAVAILABLE, retryable', async () => {
      await adapter.readPolicy!(conn, scope);
      const n = vendorEntries(emulator).length;
      inject({ rateLimit: { count: 5, retryAfterSeconds: 3_600 } });
      const err = await rejects(adapter.readPolicy!(conn, scope), 'VENDOR_UNAVAILABLE');
      assert.equal(err.details.retryable, true);
      assert.equal(vendorEntries(emulator).length - n, 1);
      inject({ rateLimit: { count: 0 } });
    });

    it('gives up on a 5xx burst after bounded retries with VENDOR_UNAVAILABLE', async () => {
      await adapter.readPolicy!(conn, scope);
      const n = vendorEntries(emulator).length;
      inject({ errors: { count: 10, status: 503 } });
      const err = await rejects(adapter.readPolicy!(conn, scope), 'VENDOR_UNAVAILABLE');
      assert.equal(vendorEntries(emulator).length - n, 1 + (TEST_HTTP_SETTINGS.retry!.maxRetries ?? 0));
      assert.equal(err.details.retryable, true);
      assertNoLeak(err, conn);
    });

    it('recovers from a short 5xx burst, reset connections and a truncated body', async () => {
      await adapter.readPolicy!(conn, scope);
      inject({ errors: { count: 2, status: 502 } });
      await adapter.readPolicy!(conn, scope);
      inject({ resetConnections: 1 });
      await adapter.readPolicy!(conn, scope);
      inject({ truncated: 1 });
      await adapter.readPolicy!(conn, scope);
      inject({ malformed: 1 });
      await adapter.readPolicy!(conn, scope);
    });

    it('opens the breaker after consecutive failures and answers without calling the vendor', async () => {
      const strict = fixture.createAdapter({
        settings: {
          ...TEST_HTTP_SETTINGS,
          retry: { ...TEST_HTTP_SETTINGS.retry, maxRetries: 0 },
          breaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 },
        },
      });
      await strict.readPolicy!(conn, scope);
      inject({ errors: { count: 2, status: 500 } });
      await rejects(strict.readPolicy!(conn, scope), 'VENDOR_UNAVAILABLE');
      await rejects(strict.readPolicy!(conn, scope), 'VENDOR_UNAVAILABLE');
      const n = vendorEntries(emulator).length;
      const err = await rejects(strict.readPolicy!(conn, scope), 'VENDOR_UNAVAILABLE');
      assert.match(err.message, /too many recent failures/);
      assert.equal(vendorEntries(emulator).length, n, 'an open breaker sends nothing');
    });

    for (const seed of fixture.seeds) {
      it(`sends the seed's own example for the equivalent policy (${seed.name})`, async () => {
        const s = seed.scope ?? scope;
        assert.deepEqual(unsupportedFields(fixture.kind, seed.rules), []);
        assert.deepEqual(adapter.checkPolicy?.(s, seed.rules) ?? [], []);
        const preview = await adapter.previewPolicy!(conn, s, seed.rules);
        const write = preview[preview.length - 1]!;
        const expected = typeof seed.expected === 'function' ? seed.expected(s) : seed.expected;
        const example = seed.exampleAsSent ? seed.exampleAsSent(seed.example, s) : seed.example;
        assert.ok(seed.deviations.length > 0 || seed.exampleAsSent === undefined, 'every change to the example is documented');
        assert.deepEqual(example, expected, 'the deviations from the example are exactly the documented ones');
        assert.deepEqual(write, expected);
        // Key order too: the body serialises as the example does.
        assert.equal(JSON.stringify(write.body), JSON.stringify(expected.body));
        await adapter.applyPolicy!(conn, s, seed.rules);
        const sent = vendorEntries(emulator).filter((e) => e.route === fixture.writeRoute);
        assert.equal(sent.length, 1);
        assert.deepEqual(sent[0]!.body, expected.body);
        assert.ok(sent[0]!.status < 400, `the emulator accepted it (${sent[0]!.status})`);
      });
    }
  });
}
