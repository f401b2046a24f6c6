import { AppError } from '../domain/errors';

/**
 * Which vendor failures hold work instead of failing it (issue 14), shared by roll-outs, the sync queue and the
 * scheduled reconcile. Only an answer about the item itself fails it: the vendor refused these settings for this
 * person, or the person does not exist. Everything about the connection (the vendor down or throttling, the
 * breaker open, the credentials refused or expired, whatever auth state a connection may be in) says nothing about
 * the item, so the work waits and is tried again. Unknown errors hold too: a bug is not the person's fault either.
 */
const ITEM_CODES: ReadonlySet<string> = new Set(['VENDOR_REJECTED', 'VENDOR_UNSUPPORTED_FIELD', 'BAD_USER_INPUT', 'NOT_FOUND']);

export function holdsWork(e: unknown): boolean {
  if (!(e instanceof AppError)) return true;
  return !ITEM_CODES.has(e.code);
}

/** The vendor's own Retry-After, when it gave one the outbound layer did not wait out. */
export function retryAfterOf(e: unknown): number | undefined {
  const v = e instanceof AppError ? e.details.retryAfterMs : undefined;
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

/** Why work waits, in words for the roll-out's `waiting.reason` and the logs (no URL, body or credential). */
export function holdReason(e: unknown): { code: string; message: string } {
  if (!(e instanceof AppError)) return { code: 'INTERNAL_SERVER_ERROR', message: 'Unexpected error while talking to the vendor' };
  if (e.code.startsWith('VENDOR_AUTH')) return { code: e.code, message: `${e.message}: waiting for the connection's credentials to work again` };
  return { code: e.code, message: e.message };
}
