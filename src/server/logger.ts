import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs. Anything that could carry a secret is redacted by path, and credentials never reach a logger in the
 * first place (they stay inside the vendor adapters).
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-router-secret"]',
  'headers.authorization',
  'authorization',
  'credentials',
  '*.credentials',
  'password',
  '*.password',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'access_token',
  '*.access_token',
  'refresh_token',
  '*.refresh_token',
  'variables.input.credentials',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'recording-subgraph' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
