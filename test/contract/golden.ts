import assert from 'node:assert/strict';
import type { VendorRequestPreview } from '../../src/vendors/port';

/** One documented request and its documented answer (test/contract/fixtures/README.md). */
export interface GoldenExample {
  source: string;
  request: { method: string; path: string; query?: Record<string, string>; headers?: Record<string, string>; body?: unknown };
  response: { status: number; body: unknown };
  responseMatch: 'exact' | 'shape';
  exactFields?: string[];
}

/** The documented request as a preview (what the policy contract's seed cases compare the adapter's request with). */
export function exampleOf(golden: GoldenExample): VendorRequestPreview {
  const { method, path, query, body } = golden.request;
  return { method, path, ...(query ? { query } : {}), body } as VendorRequestPreview;
}

/** JSON types at every level: objects by key, arrays by their items, numbers as numbers (integer or not). */
export function shapeOf(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.map(shapeOf);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, shapeOf(v)]));
  return typeof value;
}

function at(value: unknown, dotted: string): unknown {
  return dotted
    .split('.')
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), value);
}

/** The emulator's answer against the documented one. */
export function assertDocumentedAnswer(golden: GoldenExample, status: number, body: unknown): void {
  assert.equal(status, golden.response.status, `${golden.source}: status`);
  if (golden.responseMatch === 'exact') assert.deepEqual(body, golden.response.body, golden.source);
  else assert.deepEqual(shapeOf(body), shapeOf(golden.response.body), `${golden.source}: the documented response shape`);
  for (const field of golden.exactFields ?? []) assert.deepEqual(at(body, field), at(golden.response.body, field), `${golden.source}: ${field}`);
}
