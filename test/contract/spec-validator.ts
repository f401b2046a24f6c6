import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { OpenAPIBackend, type Document, type Operation } from 'openapi-backend';
import type { Emulator, Exchange } from '../../src/sandbox/common';

/**
 * Every exchange between an adapter and the Webex or SignalWire emulator, checked against the vendor's published
 * OpenAPI excerpts (test/fixtures/specs, copied from shared/vendors/specs) with openapi-backend: the request's path,
 * query and body, and the emulator's answer for its status. A field, type or enum the spec does not allow is a
 * violation; request bodies are closed (a property the spec does not define is refused), since an adapter that sends
 * one relies on something the vendor never promised.
 */

export type SpecVendor = 'webex' | 'signalwire';

export interface Violation {
  vendor: SpecVendor;
  where: 'request' | 'response';
  operation: string;
  method: string;
  path: string;
  status?: number;
  errors: string[];
}

interface Spec {
  file: string;
  api: OpenAPIBackend;
}

/** Where each vendor's API sits under the emulator's origin, and how a path maps onto the spec's. */
const PREFIX: Record<SpecVendor, RegExp> = {
  webex: /^\/v1(?=\/)/,
  signalwire: /^\/api\/laml\/2010-04-01(?=\/)/,
};

/**
 * Where the emulator follows the seed and not the newer spec, as shared/vendors/README.md §003 decides ("the emulator
 * follows the seed, the adapter accepts both"): response fields whose type the two documents disagree on. Listed
 * here one by one so that any other difference fails.
 */
const SEED_OVER_SPEC: Record<SpecVendor, { instancePath: RegExp; keyword: string; missing?: string; why: string }[]> = {
  webex: [],
  signalwire: [
    // specs/signalwire/SOURCE.md: "extra fields channel, start_time, trim, encryption_details" that seed 003's resource lacks.
    // A recording resource, alone or as an item of a list (`recordings/N`).
    { instancePath: /^(\/recordings\/\d+)?$/, keyword: 'required', missing: 'channel', why: 'newer than seed 003' },
    { instancePath: /^(\/recordings\/\d+)?$/, keyword: 'required', missing: 'trim', why: 'newer than seed 003' },
    { instancePath: /^(\/recordings\/\d+)?$/, keyword: 'required', missing: 'encryption_details', why: 'newer than seed 003' },
    { instancePath: /^(\/recordings\/\d+)?\/channels$/, keyword: 'type', why: 'seed 003: channels is an integer 1|2; spec: string enum' },
    { instancePath: /^(\/recordings\/\d+)?\/channels$/, keyword: 'enum', why: 'seed 003: channels is an integer 1|2; spec: string enum' },
    { instancePath: /^(\/recordings\/\d+)?\/duration$/, keyword: 'type', why: 'seed 003: duration is a string; spec: integer' },
  ],
};

function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'test', 'fixtures', 'specs'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no repository root (package.json + test/fixtures/specs) above ${__dirname}`);
    dir = up;
  }
}

/**
 * Closes every object schema that names its properties and says nothing of others, following local $refs (request
 * bodies only). Schemas combined with allOf/anyOf/oneOf are left open: closing a part would refuse the other parts.
 */
function closeObjects(schema: unknown, root: Record<string, unknown>, seen = new Set<unknown>()): void {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return;
  seen.add(schema);
  if (Array.isArray(schema)) {
    for (const item of schema) closeObjects(item, root, seen);
    return;
  }
  const s = schema as Record<string, unknown>;
  if (typeof s['$ref'] === 'string' && s['$ref'].startsWith('#/')) {
    const target = s['$ref']
      .slice(2)
      .split('/')
      .reduce<unknown>(
        (node, key) =>
          node && typeof node === 'object' ? (node as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined,
        root,
      );
    closeObjects(target, root, seen);
  }
  if (s['allOf'] || s['anyOf'] || s['oneOf']) return;
  if (s['properties'] && typeof s['properties'] === 'object' && s['additionalProperties'] === undefined && s['unevaluatedProperties'] === undefined) {
    s['additionalProperties'] = false;
  }
  for (const [k, v] of Object.entries(s)) if (k !== '$ref') closeObjects(v, root, seen);
}

function resolve(schema: unknown, root: Record<string, unknown>): Record<string, unknown> | undefined {
  const s = schema as Record<string, unknown> | undefined;
  if (!s || typeof s['$ref'] !== 'string' || !s['$ref'].startsWith('#/')) return s;
  return s['$ref']
    .slice(2)
    .split('/')
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), root) as
    | Record<string, unknown>
    | undefined;
}

/**
 * Where an operation's own request example carries a top-level field its schema omits, the documentation allows it
 * (person PUT: `startStopAnnouncementEnabled`, in the example and in seed 002's body table, not in CallRecordingPut).
 * The field is admitted with the example value's type, so closing the schema refuses only what no document shows.
 */
function admitExampleFields(schema: unknown, example: unknown, root: Record<string, unknown>): void {
  const target = resolve(schema, root);
  if (!target || !example || typeof example !== 'object' || Array.isArray(example)) return;
  const props = (target['properties'] ??= {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(example)) {
    if (props[key] !== undefined) continue;
    props[key] = value === null ? {} : { type: Array.isArray(value) ? 'array' : typeof value === 'number' ? 'number' : typeof value };
  }
}

type QueryParameter = { in?: string; explode?: boolean; schema?: unknown; $ref?: string };

function resolveRef(node: unknown, root: Record<string, unknown>): unknown {
  let n = node as { $ref?: string } | undefined;
  for (let i = 0; i < 10 && n?.$ref?.startsWith('#/'); i++) {
    n = n.$ref
      .slice(2)
      .split('/')
      .reduce<any>((o, k) => o?.[k], root);
  }
  return n;
}

/** Every query parameter object of the document (inline or under components), resolved. */
function queryParameters(root: Record<string, unknown>): QueryParameter[] {
  const out = new Set<QueryParameter>();
  const visit = (list: unknown) => {
    for (const p of (Array.isArray(list) ? list : []) as unknown[]) {
      const param = resolveRef(p, root) as QueryParameter | undefined;
      if (param?.in === 'query') out.add(param);
    }
  };
  for (const item of Object.values((root.paths ?? {}) as Record<string, Record<string, { parameters?: unknown }>>)) {
    visit((item as { parameters?: unknown }).parameters);
    for (const op of Object.values(item ?? {})) visit((op as { parameters?: unknown } | undefined)?.parameters);
  }
  const components = (root.components as { parameters?: Record<string, unknown> } | undefined)?.parameters ?? {};
  for (const p of Object.values(components)) {
    const param = resolveRef(p, root) as QueryParameter | undefined;
    if (param?.in === 'query') out.add(param);
  }
  return [...out];
}

function loadSpecs(vendor: SpecVendor): Spec[] {
  const dir = path.join(repoRoot(), 'test', 'fixtures', 'specs', vendor);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const definition = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Document & { info?: unknown; openapi: string };
      // The excerpts keep only paths and components; openapi-backend wants the mandatory info object.
      definition.info ??= { title: `${vendor} ${file}`, version: 'excerpt' };
      // `explode: false` only shapes arrays and objects; on a scalar query parameter openapi-backend would still read
      // the value as a list and refuse it as "must be string".
      for (const param of queryParameters(definition as unknown as Record<string, unknown>)) {
        const type = (resolveRef(param.schema, definition as unknown as Record<string, unknown>) as { type?: string } | undefined)?.type;
        if (param.explode === false && type !== 'array' && type !== 'object') delete param.explode;
      }
      for (const item of Object.values(definition.paths ?? {})) {
        for (const op of Object.values(item ?? {})) {
          const body = (op as { requestBody?: { content?: Record<string, { schema?: unknown }> } } | undefined)?.requestBody;
          for (const media of Object.values(body?.content ?? {}) as { schema?: unknown; example?: unknown }[]) {
            admitExampleFields(media.schema, media.example, definition as unknown as Record<string, unknown>);
            closeObjects(media.schema, definition as unknown as Record<string, unknown>);
          }
        }
      }
      const is31 = definition.openapi.startsWith('3.1');
      const api = new OpenAPIBackend({
        definition,
        strict: false,
        // 3.1 documents are JSON Schema 2020-12: openapi-backend's own check of the document knows 3.0 only, so it is
        // skipped (quick) and the validators are built with Ajv 2020.
        quick: is31,
        validate: true,
        ajvOpts: { strict: false, allErrors: true, logger: false, coerceTypes: vendor === 'signalwire' ? 'array' : false },
        customizeAjv: (original, ajvOpts) => {
          const ajv = is31 ? new Ajv2020({ ...ajvOpts, strict: false, allErrors: true, logger: false }) : original;
          if (is31) addFormats(ajv as unknown as Parameters<typeof addFormats>[0]);
          return ajv;
        },
      });
      return { file, api };
    });
}

const cache = new Map<SpecVendor, Promise<Spec[]>>();

async function specsOf(vendor: SpecVendor): Promise<Spec[]> {
  let p = cache.get(vendor);
  if (!p) {
    p = (async () => {
      const specs = loadSpecs(vendor);
      for (const s of specs) {
        await s.api.init();
        // Compiled now, not at the first exchange: compiling blocks the event loop the emulator and adapter share.
        s.api.validator.preCompileRequestValidators();
        s.api.validator.preCompileResponseValidators();
      }
      return specs;
    })();
    cache.set(vendor, p);
  }
  return p;
}

function specPath(vendor: SpecVendor, p: string): string | null {
  if (!PREFIX[vendor].test(p)) return null;
  // A ".json" suffix on a LaML path selects the JSON representation (README 003), ".wav"/".mp3" the recording's media
  // (the Twilio convention the LaML API keeps); the spec's paths carry no suffix.
  const rest = p.replace(PREFIX[vendor], '');
  return vendor === 'signalwire' ? rest.replace(/\.(json|wav|mp3)$/, '') : rest;
}

function describeErrors(errors: { instancePath?: string; message?: string; params?: unknown }[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'invalid'} ${JSON.stringify(e.params ?? {})}`);
}

export interface SpecCheck {
  /** Resolves once the spec is loaded and its validators compiled; await it before the first exchange. */
  readonly ready: Promise<unknown>;
  /** Exchanges that matched an operation of the spec, and those that did not (e.g. the directory, outside the excerpts). */
  readonly checked: number;
  readonly unmatched: string[];
  readonly violations: Violation[];
  /** Validates one exchange now (also used by the test that proves a wrong request fails). */
  validate(exchange: Exchange): Promise<Violation[]>;
  /** Waits for pending checks and fails with every violation seen since the last call. */
  assertClean(): Promise<void>;
  stop(): void;
}

/** Starts checking every exchange of the emulator against the vendor's spec. */
export function checkAgainstSpec(vendor: SpecVendor, emulator: Emulator<unknown>): SpecCheck {
  const violations: Violation[] = [];
  const unmatched = new Set<string>();
  const pending: Promise<unknown>[] = [];
  let checked = 0;

  const validate = async (x: Exchange): Promise<Violation[]> => {
    const out: Violation[] = [];
    const p = specPath(vendor, x.path);
    if (p === null) return out;
    const specs = await specsOf(vendor);
    const request = { method: x.method.toLowerCase(), path: p, query: x.query, headers: x.headers as Record<string, string>, body: x.body as object };
    let spec: Spec | undefined;
    let operation: Operation | undefined;
    for (const s of specs) {
      const op = s.api.matchOperation(request);
      if (op) {
        spec = s;
        operation = op;
        break;
      }
    }
    if (!spec || !operation) {
      unmatched.add(`${x.method} ${p.replace(/\/[^/]{16,}/g, '/{id}')}`);
      return out;
    }
    checked += 1;
    const name = `${operation.method.toUpperCase()} ${operation.path} (${spec.file})`;
    const req = spec.api.validateRequest(request, operation);
    if (!req.valid) out.push({ vendor, where: 'request', operation: name, method: x.method, path: x.path, errors: describeErrors(req.errors) });
    // Injected faults (5xx, 429, resets, garbage) are the test's doing, not the vendor's documented answers.
    const body = x.responseBody;
    if (!x.fault && x.status > 0 && body !== undefined && body !== null && typeof body === 'object' && !Buffer.isBuffer(body)) {
      const res = spec.api.validateResponse(body, operation, x.status);
      const allowed = SEED_OVER_SPEC[vendor];
      const errors = (res.errors ?? []).filter(
        (e) =>
          !allowed.some(
            (a) =>
              a.keyword === e.keyword &&
              a.instancePath.test(e.instancePath ?? '') &&
              (a.missing === undefined || (e.params as { missingProperty?: string }).missingProperty === a.missing),
          ),
      );
      if (errors.length)
        out.push({ vendor, where: 'response', operation: name, method: x.method, path: x.path, status: x.status, errors: describeErrors(errors) });
    }
    return out;
  };

  const stop = emulator.tap((x) => {
    pending.push(validate(x).then((v) => violations.push(...v)));
  });

  return {
    ready: specsOf(vendor),
    get checked() {
      return checked;
    },
    get unmatched() {
      return [...unmatched];
    },
    violations,
    validate,
    async assertClean() {
      await Promise.all(pending.splice(0));
      const seen = violations.splice(0);
      assert.deepEqual(seen, [], `exchanges the ${vendor} spec does not allow:\n${JSON.stringify(seen, null, 2)}`);
    },
    stop,
  };
}

/** The check for a vendor that publishes a spec; null for the others (MegaFon, Yeastar, Bitrix24: golden fixtures). */
export function specCheckFor(kind: string, emulator: Emulator<unknown>): SpecCheck | null {
  if (kind === 'WEBEX') return checkAgainstSpec('webex', emulator);
  if (kind === 'SIGNALWIRE') return checkAgainstSpec('signalwire', emulator);
  return null;
}
