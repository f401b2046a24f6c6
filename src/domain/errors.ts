/**
 * The closed set of error codes the API speaks. Every code is mapped exactly once in
 * server/errors.ts (formatError); adding a code without mapping it fails to compile.
 */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'VENDOR_UNSUPPORTED_FIELD',
  'VENDOR_REJECTED',
  'VENDOR_UNAVAILABLE',
  'VENDOR_AUTH_FAILED',
  /** The vendor refused the connection's refresh token: nothing works on it until someone reconnects it. */
  'VENDOR_AUTH_EXPIRED',
  'INVALID_TRANSITION',
  'IDEMPOTENCY_KEY_REUSED',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Codes that graphql-js, Apollo Server and the query limits raise before a resolver runs; formatError passes them
 * through as they are. With ERROR_CODES they are every value `extensions.code` can carry (the SDL's ErrorCode enum).
 */
export const PROTOCOL_ERROR_CODES = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'QUERY_TOO_COMPLEX',
  'PAYLOAD_TOO_LARGE',
  'EXECUTION_TIMEOUT',
] as const;
export type ProtocolErrorCode = (typeof PROTOCOL_ERROR_CODES)[number];

/** Every value of `extensions.code`, in one list: ours first, then the protocol's. */
export const API_ERROR_CODES = [...ERROR_CODES, ...PROTOCOL_ERROR_CODES] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface FieldProblem {
  /** Path of the offending input field, e.g. ["input", "rules", "periodicBeep", "intervalSeconds"]. */
  path: (string | number)[];
  message: string;
}

/** An error the service raises on purpose: a stable code, a message a person understands, optional details. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: {
      fields?: FieldProblem[];
      field?: string;
      vendor?: string;
      vendorCode?: string | number;
      vendorMessage?: string;
      retryable?: boolean;
      [key: string]: unknown;
    } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, id: string) => new AppError('NOT_FOUND', `${what} ${id} was not found`, { id });
export const forbidden = (message: string) => new AppError('FORBIDDEN', message);
export const badInput = (fields: FieldProblem[], message?: string) =>
  new AppError('BAD_USER_INPUT', message ?? `Invalid input: ${fields.map((f) => `${f.path.join('.')}: ${f.message}`).join('; ')}`, { fields });
