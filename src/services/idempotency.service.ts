import { createHash } from 'node:crypto';
import { AppError, badInput } from '../domain/errors';
import type { ServiceDeps } from './deps';

const KEY_RULE = /^[\x21-\x7e]{1,255}$/;
export const IDEMPOTENCY_TTL_HOURS = 24;
const WAIT_FOR_FIRST_MS = 60_000;

/** A canonical JSON form: keys sorted, undefined dropped, so equal inputs hash equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * Idempotency-Key (the HTTP header, as Stripe does): a repeat with the same key and the same input answers the
 * stored result without touching the vendor again; the same key with another input is refused. Keys live 24 hours,
 * per tenant. The first request claims the key with an insert, so concurrent repeats wait for its result instead of
 * racing it. A request that fails releases its key: a failure is not a result worth replaying.
 */
export class IdempotencyService {
  constructor(private readonly deps: ServiceDeps) {}

  async run<T>(tenantId: string, key: string | undefined, operation: string, input: unknown, fn: () => Promise<T>): Promise<T> {
    if (!key) return fn();
    if (!KEY_RULE.test(key)) {
      throw badInput(
        [{ path: ['Idempotency-Key'], message: 'must be 1..255 printable ASCII characters' }],
        'The Idempotency-Key header must be 1..255 printable ASCII characters',
      );
    }
    const store = this.deps.stores.idempotency;
    const hash = createHash('sha256')
      .update(`${operation}\n${canonicalJson(input)}`)
      .digest('hex');
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (let wait = 20; ; wait = Math.min(wait * 2, 250)) {
      if (await store.claim(tenantId, key, operation, hash, IDEMPOTENCY_TTL_HOURS)) {
        try {
          const result = await fn();
          // Stored as JSON and answered from JSON, so the first answer and every replay are the same bytes.
          const stored = JSON.parse(JSON.stringify(result)) as T;
          await store.complete(tenantId, key, stored);
          return stored;
        } catch (e) {
          await store.release(tenantId, key);
          throw e;
        }
      }
      const existing = await store.byKey(tenantId, key);
      if (!existing) continue; // released by a failed first request: claim it now
      if (existing.requestHash !== hash || existing.operation !== operation) {
        throw new AppError(
          'IDEMPOTENCY_KEY_REUSED',
          `Idempotency-Key "${key}" was already used with a different request (${existing.operation}); use a new key`,
          {
            fields: [{ path: ['Idempotency-Key'], message: 'already used with a different request' }],
          },
        );
      }
      if (existing.state === 'DONE') return existing.response as T;
      if (Date.now() > deadline)
        throw new AppError('CONFLICT', 'The first request with this Idempotency-Key is still running; retry later', { retryable: true });
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
