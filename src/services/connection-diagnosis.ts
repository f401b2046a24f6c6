import { AppError } from '../domain/errors';
import type { ConnectionProblem, RecordingVendor } from '../vendors/port';

export interface Diagnosis {
  code: ConnectionProblem;
  /** What a person does about it, naming the vendor's screen where we know it. */
  hint: string;
}

/** One hint per cause; `{vendor}` is the vendor's display name. */
const HINTS: Record<ConnectionProblem, string> = {
  CREDENTIALS_REFUSED: '{vendor} refused the credentials: check them at {vendor} (they may have been regenerated or revoked) and save them again.',
  SCOPE_MISSING:
    '{vendor} accepted the credentials but they lack a permission this API needs: grant the missing scope to the integration or application, then authorize it again.',
  IP_NOT_ALLOWED: "{vendor} refuses calls from this service's address: add our egress IP addresses to the account's API allow-list.",
  TOKEN_CAP_REACHED:
    '{vendor} holds as many live API tokens for this client as it allows: revoke unused tokens or wait for them to expire (at most 30 minutes), and do not share the API client with other applications.',
  LICENSE_MISSING:
    '{vendor} refuses this for the licence the user or account holds: assign the licence the feature needs (for Webex call recording, a Professional Calling licence).',
  AUTHORIZATION_EXPIRED:
    "{vendor} no longer accepts this connection's refresh token: reconnect the integration (authorize it again and save the new refresh token).",
  VENDOR_UNAVAILABLE: '{vendor} did not answer or is throttling: nothing to fix on our side; test again later.',
  VENDOR_REJECTED: '{vendor} refused the test request: check the base URL and settings of this connection.',
};

/**
 * The cause of a failed test, for a person: the adapter names vendor-specific causes (scope, IP allow-list, licence,
 * token cap) from its vendor's codes; our own codes cover the rest.
 */
export function diagnose(vendor: RecordingVendor, e: unknown): Diagnosis {
  const code = e instanceof AppError ? e.code : 'INTERNAL_SERVER_ERROR';
  let problem: ConnectionProblem | null = null;
  if (code === 'VENDOR_AUTH_EXPIRED') problem = 'AUTHORIZATION_EXPIRED';
  else if (e instanceof AppError && (code === 'VENDOR_AUTH_FAILED' || code === 'VENDOR_REJECTED')) {
    problem =
      vendor.diagnose?.({
        code,
        vendorCode: (e.details.vendorCode as string | number | undefined) ?? null,
        vendorMessage: (e.details.vendorMessage as string | undefined) ?? null,
        httpStatus: (e.details.httpStatus as number | undefined) ?? null,
      }) ?? null;
  }
  problem ??= code === 'VENDOR_AUTH_FAILED' ? 'CREDENTIALS_REFUSED' : code === 'VENDOR_REJECTED' ? 'VENDOR_REJECTED' : 'VENDOR_UNAVAILABLE';
  return { code: problem, hint: HINTS[problem].replaceAll('{vendor}', vendor.displayName) };
}
