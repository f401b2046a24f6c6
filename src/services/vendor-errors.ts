import { AppError } from '../domain/errors';
import type { StoredVendorError } from '../store/schema';

/** What is kept of a vendor failure: our code, the vendor's code and message; never a URL, body or stack. */
export function storedError(e: unknown): StoredVendorError {
  const at = new Date().toISOString();
  if (e instanceof AppError) {
    return {
      code: e.code,
      message: e.message,
      vendorCode: (e.details.vendorCode as string | number | undefined) ?? null,
      vendorMessage: (e.details.vendorMessage as string | undefined) ?? null,
      at,
    };
  }
  return { code: 'INTERNAL_SERVER_ERROR', message: 'Unexpected error while talking to the vendor', at };
}
