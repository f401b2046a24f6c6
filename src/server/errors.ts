import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import { type ApiErrorCode, AppError, type ErrorCode, type FieldProblem, PROTOCOL_ERROR_CODES } from '../domain/errors';
import { QueryLimitError, TOKEN_LIMIT_MESSAGE } from './limits';
import { validationProblems } from '../graphql/validation';

/**
 * How each of our codes travels: whether a client may retry it. A Record over the closed code list: adding a code
 * without deciding this fails to compile.
 */
export const CODE_POLICY: Record<ErrorCode, { retryable: boolean; expose: boolean }> = {
  BAD_USER_INPUT: { retryable: false, expose: true },
  UNAUTHENTICATED: { retryable: false, expose: true },
  FORBIDDEN: { retryable: false, expose: true },
  NOT_FOUND: { retryable: false, expose: true },
  CONFLICT: { retryable: false, expose: true },
  VENDOR_UNSUPPORTED_FIELD: { retryable: false, expose: true },
  VENDOR_REJECTED: { retryable: false, expose: true },
  VENDOR_UNAVAILABLE: { retryable: true, expose: true },
  VENDOR_AUTH_FAILED: { retryable: false, expose: true },
  VENDOR_AUTH_EXPIRED: { retryable: false, expose: true },
  INVALID_TRANSITION: { retryable: false, expose: true },
  IDEMPOTENCY_KEY_REUSED: { retryable: false, expose: true },
  INTERNAL_SERVER_ERROR: { retryable: true, expose: false },
};

/**
 * Codes graphql-js and Apollo Server raise before our resolvers run; passed through as they are. Apollo's
 * BAD_USER_INPUT, UNAUTHENTICATED and FORBIDDEN are also ours (ERROR_CODES).
 */
const PROTOCOL_CODES = new Set<string>([...PROTOCOL_ERROR_CODES, 'BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN'] satisfies ApiErrorCode[]);

/** extensions.code is only ever one of the SDL's ErrorCode values: the compiler holds every literal below to it. */
const coded = (code: ApiErrorCode, rest: Record<string, unknown> = {}): Record<string, unknown> => ({ code, ...rest });

/** graphql-js prints input paths as `input.rules.targets.trunks[0].id`: as segments, list indices as numbers. */
function parsePath(printed: string): (string | number)[] {
  return printed
    .split(/\.|\[(\d+)\]/)
    .filter((p) => p !== undefined && p !== '')
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * graphql-js's variable coercion messages name the failing path: `... at "input.rules.mode"; ...`, or the whole
 * variable when it is null or missing.
 */
function coercionProblem(message: string): FieldProblem[] | undefined {
  const whole = /^Variable "\$([^"]+)" of (?:non-null|required) type "[^"]+" (must not be null|was not provided)\.?$/.exec(message);
  if (whole) return [{ path: [whole[1]!], message: whole[2]! }];
  const m = /^Variable "\$([^"]+)" got invalid value .*?(?: at "([^"]+)")?; (.*)$/s.exec(message);
  if (!m) return undefined;
  const path = m[2] ? parsePath(m[2]) : [m[1]!];
  return [{ path, message: m[3]!.trim() }];
}

function fromAppError(e: AppError, formatted: GraphQLFormattedError): GraphQLFormattedError {
  const { fields, ...details } = e.details;
  const ext = coded(e.code);
  if (fields?.length) ext.fields = fields;
  for (const k of ['field', 'vendor', 'vendorCode', 'vendorMessage', 'currentVersion', 'retryAfterSeconds'] as const) {
    if (details[k] !== undefined) ext[k] = details[k];
  }
  if (CODE_POLICY[e.code].retryable) ext.retryable = true;
  return {
    message: CODE_POLICY[e.code].expose ? e.message : 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: ext,
  };
}

export interface FormatOptions {
  production: boolean;
}

/** A refused query limit anywhere in the error's chain (Apollo wraps validation errors in its own class). */
function queryLimitOf(error: unknown): QueryLimitError | undefined {
  for (let e = error, i = 0; e && i < 5; e = (e as { originalError?: unknown }).originalError, i++) {
    if (e instanceof QueryLimitError) return e;
  }
  return undefined;
}

/**
 * graphql-js quotes the whole invalid variable value in its coercion message (`got invalid value { ..., value:
 * "<a credential>" }`): the value is the caller's input, possibly a secret, and would travel into logs and error
 * trackers. The path and the reason stay.
 */
function withoutEchoedValue(message: string): string {
  const m = /^Variable "\$([^"]+)" got invalid value /.exec(message);
  if (!m) return message;
  const rest = message.slice(m[0].length);
  // The path starts with the variable's name; without a path the reason follows the last "; ".
  const at = rest.lastIndexOf(` at "${m[1]}`);
  const cut = at >= 0 ? at : rest.lastIndexOf('; ');
  return cut >= 0 ? `Variable "$${m[1]}" got invalid value${rest.slice(cut)}` : `Variable "$${m[1]}" got invalid value`;
}

/** graphql-js and class-validator suggest names ("Did you mean ...?"); in production they map the schema out. */
const withoutSuggestions = (message: string) => message.replace(/\s*Did you mean [^?]*\??/g, '').trim();

/** The one place where errors become GraphQL errors: coded, with field paths, no stack, URL or vendor body. */
export function createFormatError(opts: FormatOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const limit = queryLimitOf(error);
    if (limit) return { message: limit.message, locations: formatted.locations, extensions: coded('QUERY_TOO_COMPLEX', { limit: limit.limit }) };
    if (formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' && TOKEN_LIMIT_MESSAGE.test(formatted.message)) {
      return { message: formatted.message.replace(/^Syntax Error: /, ''), extensions: coded('QUERY_TOO_COMPLEX', { limit: 'tokens' }) };
    }
    const original = unwrapResolverError(error);
    if (original instanceof AppError) return fromAppError(original, formatted);
    if (original instanceof ArgumentValidationError) {
      const fields = validationProblems(original.extensions.validationErrors as unknown as ValidationError[], []);
      return fromAppError(
        new AppError('BAD_USER_INPUT', `Invalid input: ${fields.map((f) => `${f.path.join('.')}: ${f.message}`).join('; ')}`, { fields }),
        formatted,
      );
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PROTOCOL_CODES.has(code)) {
      const ext = coded(code as ApiErrorCode);
      const fields = code === 'BAD_USER_INPUT' ? coercionProblem(formatted.message) : undefined;
      if (fields) ext.fields = opts.production ? fields.map((f) => ({ ...f, message: withoutSuggestions(f.message) })) : fields;
      if (formatted.extensions?.cost !== undefined) ext.cost = formatted.extensions.cost;
      const message = withoutEchoedValue(opts.production ? withoutSuggestions(formatted.message) : formatted.message);
      return { message, locations: formatted.locations, path: formatted.path, extensions: ext };
    }
    if (
      original instanceof GraphQLError &&
      original.extensions?.code &&
      typeof original.extensions.code === 'string' &&
      PROTOCOL_CODES.has(original.extensions.code)
    ) {
      const message = opts.production ? withoutSuggestions(original.message) : original.message;
      return { message, locations: formatted.locations, path: formatted.path, extensions: coded(original.extensions.code as ApiErrorCode) };
    }
    return {
      message: opts.production ? 'Internal server error' : `Internal server error: ${(original as Error)?.message ?? 'unknown'}`,
      locations: formatted.locations,
      path: formatted.path,
      extensions: coded('INTERNAL_SERVER_ERROR'),
    };
  };
}
