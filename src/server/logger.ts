import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs (readable lines on a developer's terminal: createLogDestination). Anything that could carry a secret is
 * redacted by path, and credentials never reach a logger in the first place (they stay inside the vendor adapters).
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

/**
 * Where the service's logs go: JSON lines on stdout, or, when LOG_FORMAT is `pretty` (the default on a terminal
 * outside production), pino-pretty's readable lines. pino-pretty is loaded only then, so a production process never
 * loads it. It runs in this thread and writes synchronously: a transport's worker thread would lose the last lines
 * at process.exit().
 */
export function createLogDestination(format: 'json' | 'pretty', out?: NodeJS.WritableStream): pino.DestinationStream | undefined {
  if (format === 'json') return out as pino.DestinationStream | undefined;
  const pretty = require('pino-pretty') as typeof import('pino-pretty');
  return pretty({
    destination: out ?? 1,
    sync: true,
    colorize: out ? false : undefined,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,service',
  });
}
