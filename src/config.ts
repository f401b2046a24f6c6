import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, validateSync } from 'class-validator';

/** Names of the fields that hold secrets: masked wherever the configuration is printed or logged. */
export const SECRET_CONFIG_FIELDS = [
  'databaseUrl',
  'credentialsKey',
  'previousCredentialsKeys',
  'jwtSecret',
  'routerSecrets',
  'userDirectoryToken',
] as const;

const BASE64_32 = /^[A-Za-z0-9+/]{43}=$/;

/**
 * Every environment variable the code reads, in one table: README.md's configuration section is generated from it
 * (`npm run docs:config`) and test/foundation/config-docs.test.ts fails when a variable read anywhere in src/ is
 * missing here, or when the README is stale. `default` is checked against loadConfig() when it is a number or a
 * boolean; a string is only shown.
 */
export interface EnvVariable {
  name: string;
  default: string | number | boolean;
  description: string;
  /** The Config field it sets, when the service reads it (the documented default is checked against it). */
  field?: keyof Config;
  /** Older names read as the same variable. */
  aliases?: string[];
  /** Who reads it: the service (src/config.ts), the roll-out CLI, or the stand-alone sandbox. */
  reader?: 'service' | 'rollout CLI' | 'stand-alone sandbox';
}

export const ENVIRONMENT: readonly EnvVariable[] = [
  {
    name: 'NODE_ENV',
    default: '`development`',
    description: '`development`, `test` or `production`; production refuses insecure settings and turns off the developer aids',
  },
  { name: 'HOST', field: 'host', default: '`127.0.0.1` (`0.0.0.0` in production)', description: 'address the subgraph listens on' },
  { name: 'PORT', field: 'port', default: 4000, description: 'port the subgraph listens on (`0` picks a free one)' },
  {
    name: 'DATA_DIR',
    field: 'dataDir',
    default: '`./.data`',
    description:
      'embedded database files, the generated development keys, and `service.json` (the URL the service last printed, read by the roll-out CLI)',
  },
  {
    name: 'DATABASE_URL',
    field: 'databaseUrl',
    default: 'unset: embedded PGlite',
    description: 'a PostgreSQL server, `postgres://user:password@host:5432/db` (secret: masked in logs)',
  },
  {
    name: 'DATABASE_SCHEMA',
    field: 'databaseSchema',
    default: '`public`',
    description: "PostgreSQL schema for this deployment's tables (several deployments can share one database)",
  },
  {
    name: 'PGLITE_SHARED_BUFFERS',
    field: 'pgliteSharedBuffers',
    default: '`16MB`',
    description:
      "embedded PGlite's `shared_buffers` (PostgreSQL's page cache, held in the process's memory from the start; PostgreSQL's own default of `128MB` is about a quarter of the idle process): `32MB`, `256MB`, ...",
  },
  {
    name: 'CREDENTIALS_KEY',
    field: 'credentialsKey',
    default: 'generated once in development',
    description: '32 random bytes, base64 (`openssl rand -base64 32`): the AES-256-GCM key that seals vendor credentials; required in production',
  },
  {
    name: 'CREDENTIALS_KEY_PREVIOUS',
    field: 'previousCredentialsKeys',
    default: '',
    description: 'comma-separated older keys still accepted for reading (rotation, see `rotate-credentials`)',
  },
  {
    name: 'DEV_SECRETS',
    default: 'on outside production',
    description: '`off` stops a non-production service with `DATABASE_URL` from generating a key and a JWT secret in `DATA_DIR`',
  },
  {
    name: 'JWT_SECRET',
    field: 'jwtSecret',
    default: 'generated in development',
    description: 'HS256 secret (at least 32 characters) that bearer tokens are verified with; this or `JWT_JWKS_URL` is required in production',
  },
  { name: 'JWT_JWKS_URL', field: 'jwtJwksUrl', default: '', description: "the identity provider's JWKS (https in production, with `JWT_AUDIENCE`)" },
  { name: 'JWT_ISSUER', field: 'jwtIssuer', default: '', description: 'required `iss` claim, when set' },
  { name: 'JWT_AUDIENCE', field: 'jwtAudience', default: '', description: 'required `aud` claim, when set' },
  {
    name: 'USER_DIRECTORY_URL',
    field: 'userDirectoryUrl',
    default: '',
    description:
      "GraphQL endpoint of the directory subgraph that owns `User` (or of the router): a recording standard's people named by User id are resolved there, one `_entities` request per compile (the User needs `email` and `tenant { id }`); unset, such people are listed as not resolved",
  },
  {
    name: 'USER_DIRECTORY_TOKEN',
    field: 'userDirectoryToken',
    default: '',
    description: 'sent as `Authorization: Bearer` to `USER_DIRECTORY_URL`, when set',
  },
  {
    name: 'ROUTER_SECRETS',
    field: 'routerSecrets',
    aliases: ['ROUTER_SECRET'],
    default: '',
    description:
      'if set, only requests carrying `x-router-secret` equal to one of these (comma-separated, at most two, for rotation) are served; `ROUTER_SECRET` is accepted as the same',
  },
  {
    name: 'LOG_LEVEL',
    field: 'logLevel',
    default: '`info` (`silent` in tests)',
    description: 'pino level (`debug` also logs the configuration, secrets masked); secrets are redacted from every line',
  },
  {
    name: 'LOG_FORMAT',
    field: 'logFormat',
    default: '`pretty` on a terminal outside production, else `json`',
    description: '`json`: one JSON object a line on stdout (for log collectors); `pretty`: readable lines (pino-pretty)',
  },
  {
    name: 'SANDBOX',
    field: 'sandbox',
    default: 'on outside production',
    description: 'start the vendor emulators in-process and connect the demo tenant to them',
  },
  { name: 'SANDBOX_PORT_BASE', field: 'sandboxPortBase', default: 0, description: 'first port of the in-process emulators (`0`: free ports)' },
  {
    name: 'SANDBOX_WEBEX_PEOPLE',
    field: 'sandboxWebexPeople',
    default: 5000,
    description: 'people in the Webex sandbox directory (what a roll-out works through)',
  },
  { name: 'SANDBOX_HOST', default: '`127.0.0.1`', description: 'address the stand-alone sandbox listens on', reader: 'stand-alone sandbox' },
  {
    name: 'SANDBOX_PORT_BASE',
    default: 4100,
    description: 'first port of the stand-alone sandbox (one port per emulator)',
    reader: 'stand-alone sandbox',
  },
  { name: 'SANDBOX_WEBEX_PEOPLE', default: 5000, description: 'people in its Webex directory', reader: 'stand-alone sandbox' },
  {
    name: 'SANDBOX_MEGAFON_ALLOWED_IPS',
    default: 'loopback only',
    description: 'addresses its MegaFon emulator allows (a comma list, or `any` to switch the allow-list off; docker-compose sets `any`)',
    reader: 'stand-alone sandbox',
  },
  { name: 'PLAYGROUND', field: 'playground', default: 'on outside production', description: 'the GraphiQL page at `/graphql`' },
  { name: 'INTROSPECTION', field: 'introspection', default: 'on outside production', description: 'schema introspection' },
  {
    name: 'MAX_PAGE_SIZE',
    field: 'maxPageSize',
    default: 100,
    description: 'validated (1 to 1000) but not used yet: page sizes are capped at 100 by the query limits',
  },
  {
    name: 'EXECUTION_TIMEOUT_MS',
    field: 'executionTimeoutMs',
    default: 30000,
    description: 'an operation still running after this long answers `503 EXECUTION_TIMEOUT` (`0`: no limit)',
  },
  {
    name: 'SHUTDOWN_GRACE_SECONDS',
    field: 'shutdownGraceSeconds',
    default: 10,
    description:
      "on SIGINT/SIGTERM, how long in-flight requests, jobs and roll-out lanes may finish before the process closes anyway; unfinished work stays queued for the next start or another replica (keep it below the platform's stop timeout: docker-compose.yml sets `stop_grace_period: 20s`)",
  },
  {
    name: 'READ_CACHE_ROWS',
    field: 'readCacheRows',
    default: 50000,
    description:
      "rows of tenants, connections and policies kept between requests while the database's change counter says they are unchanged (never stale, across replicas included); `0` turns it off",
  },
  {
    name: 'RESPONSE_CACHE_BYTES',
    field: 'responseCacheBytes',
    default: 16777216,
    description:
      "bytes of whole query answers kept per caller and request body and served again while the read cache's change counter is unchanged (only queries that read tenants, connections and policies alone); `0` turns it off, as does `READ_CACHE_ROWS=0`",
  },
  {
    name: 'ALLOW_PRIVATE_VENDOR_HOSTS',
    field: 'allowPrivateVendorHosts',
    default: 'on with the sandbox and in tests',
    description: 'vendor hosts may be (or resolve to) loopback, private or link-local addresses; refused in production',
  },
  {
    name: 'VENDOR_PRIVATE_HOSTS',
    field: 'vendorPrivateHosts',
    default: '',
    description: 'comma-separated hostnames that may resolve to private addresses (a vendor sandbox on the same network, e.g. `sandbox`)',
  },
  { name: 'WORKERS', field: 'workers', default: true, description: 'run job workers (policy sync, roll-outs, drift checks) in this replica' },
  { name: 'JOB_POLL_SECONDS', field: 'jobPollSeconds', default: 2, description: "seconds between the job queue's polls when nothing woke it" },
  {
    name: 'APPLY_WAIT_MS',
    field: 'applyWaitMs',
    default: 10000,
    description: "how long a policy mutation waits for the vendor's first answer before answering `PENDING`",
  },
  { name: 'SYNC_RETRY_DELAY_SECONDS', field: 'syncRetryDelaySeconds', default: 2, description: 'first retry delay of a policy sync job' },
  { name: 'SYNC_RETRY_BACKOFF', field: 'syncRetryBackoff', default: true, description: 'double the retry delay on every attempt' },
  {
    name: 'SYNC_DEADLINE_SECONDS',
    field: 'syncDeadlineSeconds',
    default: 86400,
    description:
      'how long one desired version is retried after our own unexpected errors before it is marked `FAILED`; a vendor that is away leaves the policy `PENDING` however long it takes (logged as overdue)',
  },
  {
    name: 'SYNC_JOB_EXPIRE_SECONDS',
    field: 'syncJobExpireSeconds',
    default: 300,
    description: 'a sync job whose worker died is retried after this long',
  },
  {
    name: 'RECONCILE_INTERVAL_SECONDS',
    field: 'reconcileIntervalSeconds',
    default: 0,
    description: 'seconds between scheduled drift checks of every policy (`0`: off)',
  },
  {
    name: 'STANDARD_CHECK_SECONDS',
    field: 'standardCheckSeconds',
    default: '30 with the sandbox, 300 otherwise, 0 in tests',
    description:
      "seconds between the recording standards' own checks (roll-outs settled, vendor directories walked for new people, compliance announced; drift needs a reconcile run); `0`: only after reconcile runs",
  },
  {
    name: 'ROLLOUT_RATE_PER_SECOND',
    field: 'rolloutRatePerSecond',
    default: 0,
    description:
      "caps a roll-out's request rate; otherwise it is the connection's own `http.ratePerSecond` (else the vendor default), shared by every replica (`0`: no cap)",
  },
  {
    name: 'ROLLOUT_JOBS',
    field: 'rolloutJobs',
    default: 4,
    description: 'jobs per roll-out: how many workers, across replicas, may share one roll-out',
  },
  { name: 'ROLLOUT_WORKERS', field: 'rolloutWorkers', default: 2, description: 'roll-out jobs this replica runs at once' },
  {
    name: 'ROLLOUT_LANES',
    field: 'rolloutLanes',
    default: 8,
    description: 'people one roll-out job works on at once (requests still wait for the shared pace)',
  },
  {
    name: 'ROLLOUT_LEASE_SECONDS',
    field: 'rolloutLeaseSeconds',
    default: 10,
    description:
      "lease on a claimed person (or the directory listing), renewed every third of it while the work runs; a dead replica's people are taken over once it lapses",
  },
  {
    name: 'ROLLOUT_SLICE_SECONDS',
    field: 'rolloutSliceSeconds',
    default: 120,
    description: "a roll-out job hands over to a fresh job after this long, so a dead replica's job expires quickly",
  },
  {
    name: 'LIVE_RECOVERY_SECONDS',
    field: 'liveRecoverySeconds',
    default: 5,
    description: 'how often each replica settles live-recording and attachment intents a dead process left (also once at start)',
  },
  {
    name: 'RECORDING_API_URL',
    default: 'unset: the URL in `DATA_DIR/service.json`, else `http://127.0.0.1:4000/graphql`',
    description: 'the GraphQL endpoint the roll-out CLI talks to (a replica or the router); `--url` overrides it',
    reader: 'rollout CLI',
  },
  {
    name: 'RECORDING_API_TOKEN',
    default: 'unset: the development token in `DATA_DIR/service.json`',
    description: 'bearer token of the roll-out CLI (`recording:write` to start a roll-out); `--token` overrides it',
    reader: 'rollout CLI',
  },
  {
    name: 'DATA_DIR',
    default: '`./.data`',
    description: "where the CLI looks for the service's `service.json` (the same folder as the service's `DATA_DIR`)",
    reader: 'rollout CLI',
  },
];

/**
 * The service's whole configuration: the only place that reads process.env. Every problem is reported at once.
 */
export class Config {
  @IsIn(['development', 'test', 'production'])
  nodeEnv!: 'development' | 'test' | 'production';

  @IsString()
  host!: string;

  @IsInt()
  @Min(0)
  @Max(65535)
  port!: number;

  @IsString()
  dataDir!: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  databaseUrl?: string;

  /** PostgreSQL schema for this deployment's tables (several deployments can share one database). */
  @Matches(/^[a-z_][a-z0-9_]{0,40}$/, { message: 'DATABASE_SCHEMA must be a lower-case identifier' })
  databaseSchema!: string;

  /** shared_buffers of embedded PGlite (a PostgreSQL memory size). */
  @Matches(/^[1-9][0-9]*(kB|MB|GB)$/, { message: 'PGLITE_SHARED_BUFFERS must be a size such as 16MB (kB, MB or GB)' })
  pgliteSharedBuffers!: string;

  @Matches(BASE64_32, { message: 'CREDENTIALS_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)' })
  credentialsKey!: string;

  @Matches(BASE64_32, { each: true, message: 'CREDENTIALS_KEY_PREVIOUS must be a comma-separated list of base64 32-byte keys' })
  previousCredentialsKeys!: string[];

  @IsOptional()
  @IsString()
  @Matches(/^.{32,}$/s, { message: 'JWT_SECRET must be at least 32 characters' })
  jwtSecret?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'JWT_JWKS_URL must be an http(s) URL' })
  jwtJwksUrl?: string;

  @IsOptional()
  @IsString()
  jwtIssuer?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'USER_DIRECTORY_URL must be an http(s) URL' })
  userDirectoryUrl?: string;

  @IsOptional()
  @IsString()
  userDirectoryToken?: string;

  @IsOptional()
  @IsString()
  jwtAudience?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  logLevel!: string;

  /** JSON lines, or pino-pretty's readable ones (the default on a terminal outside production). */
  @IsIn(['json', 'pretty'], { message: 'LOG_FORMAT must be json or pretty' })
  logFormat!: 'json' | 'pretty';

  /** Start the built-in vendor emulators and connect a demo tenant to them. */
  @IsBoolean()
  sandbox!: boolean;

  /** First port of the in-process sandbox emulators; 0 picks free ports. */
  @IsInt()
  @Min(0)
  @Max(65535)
  sandboxPortBase!: number;

  /** People in the Webex sandbox directory. */
  @IsInt()
  @Min(1)
  @Max(200000)
  sandboxWebexPeople!: number;

  @IsBoolean()
  playground!: boolean;

  @IsBoolean()
  introspection!: boolean;

  /** Shared secrets a router must present (header `x-router-secret`); two allowed at once for rotation. */
  @IsString({ each: true })
  routerSecrets!: string[];

  /** Print a development bearer token at start (never in production). */
  @IsBoolean()
  printDevToken!: boolean;

  @IsInt()
  @Min(1)
  @Max(1000)
  maxPageSize!: number;

  /** Policy sync jobs: first retry delay (s), exponential backoff, deadline per version (s), lease of a job (s). */
  @IsInt()
  @Min(1)
  @Max(3600)
  syncRetryDelaySeconds!: number;

  @IsBoolean()
  syncRetryBackoff!: boolean;

  @IsInt()
  @Min(5)
  @Max(30 * 24 * 3600)
  syncDeadlineSeconds!: number;

  @IsInt()
  @Min(5)
  @Max(24 * 3600)
  syncJobExpireSeconds!: number;

  /** Seconds between the job queue's polls when nothing woke it. */
  @IsInt()
  @Min(1)
  @Max(60)
  jobPollSeconds!: number;

  /** Run job workers in this replica. */
  @IsBoolean()
  workers!: boolean;

  /** How long a policy mutation waits for the vendor's first answer before answering PENDING (ms). */
  @IsInt()
  @Min(0)
  @Max(120000)
  applyWaitMs!: number;

  /** An operation still running after this many ms is answered EXECUTION_TIMEOUT; 0 turns the limit off. */
  @IsInt()
  @Min(0)
  @Max(600000)
  executionTimeoutMs!: number;

  /** On SIGINT/SIGTERM, how long in-flight work may finish before the process closes anyway (s). */
  @IsInt()
  @Min(0)
  @Max(3600)
  shutdownGraceSeconds!: number;

  /** Rows of tenants, connections and policies the read cache may hold (src/store/read-cache.ts); 0 turns it off. */
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  readCacheRows!: number;

  @IsInt()
  @Min(0)
  @Max(1_073_741_824)
  responseCacheBytes!: number;

  /** Vendor hosts may be (or resolve to) loopback, private or link-local addresses: the sandbox and tests only. */
  @IsBoolean()
  allowPrivateVendorHosts!: boolean;

  /** Hostnames that may resolve to private addresses (a vendor sandbox on the same network, e.g. `sandbox`). */
  @IsString({ each: true })
  vendorPrivateHosts!: string[];

  /**
   * Policy roll-outs (issue 10). The pace is the connection's own request rate (`http.ratePerSecond`, else the
   * vendor default), shared by every replica through PostgreSQL; this caps it (0 = no cap).
   */
  @Min(0)
  @Max(10000)
  rolloutRatePerSecond!: number;

  /** Roll-out jobs (pg-boss) per roll-out: how many workers, across replicas, may share one roll-out. */
  @IsInt()
  @Min(1)
  @Max(64)
  rolloutJobs!: number;

  /** Roll-out jobs this replica runs at once. */
  @IsInt()
  @Min(0)
  @Max(64)
  rolloutWorkers!: number;

  /** People one roll-out job works on at once (requests still wait for the shared pace). */
  @IsInt()
  @Min(1)
  @Max(64)
  rolloutLanes!: number;

  /** A claimed person (or the directory listing) is taken over by another worker after this long without a renewal (renewed every third of it). */
  @IsInt()
  @Min(2)
  @Max(3600)
  rolloutLeaseSeconds!: number;

  /** A roll-out job hands over to a fresh job after this long, so a dead replica's job expires quickly. */
  @IsInt()
  @Min(5)
  @Max(3600)
  rolloutSliceSeconds!: number;

  /** Seconds between scheduled drift checks of every policy; 0 turns them off. */
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 3600)
  reconcileIntervalSeconds!: number;

  @IsInt()
  @Min(0)
  @Max(24 * 3600)
  standardCheckSeconds!: number;
  /** How often each replica settles live-recording and attachment intents left by a dead process (issue 14). */
  liveRecoverySeconds!: number;

  /** Which problems loading found; filled by loadConfig. */
  problems: string[] = [];

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }

  /** A copy safe to log. */
  redacted(): Record<string, unknown> {
    const out: Record<string, unknown> = { ...(this as object) };
    delete out.problems;
    for (const k of SECRET_CONFIG_FIELDS) if (out[k] !== undefined) out[k] = '[redacted]';
    return out;
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function bool(value: string | undefined, fallback: boolean, name: string, problems: string[]): boolean {
  if (value === undefined || value === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  problems.push(`${name} must be true or false (got "${value}")`);
  return fallback;
}

function int(value: string | undefined, fallback: number, name: string, problems: string[]): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) {
    problems.push(`${name} must be a whole number (got "${value}")`);
    return fallback;
  }
  return Number(value);
}

function num(value: string | undefined, fallback: number, name: string, problems: string[]): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+(\.\d+)?$/.test(value)) {
    problems.push(`${name} must be a number (got "${value}")`);
    return fallback;
  }
  return Number(value);
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

interface DevSecrets {
  credentialsKey: string;
  jwtSecret: string;
}

/**
 * In development the service must start with no set-up: keys are generated once and kept beside the data, so
 * a restart can still decrypt what it stored and the printed token stays valid.
 */
function devSecrets(dataDir: string): DevSecrets {
  const file = join(dataDir, 'dev-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DevSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets: DevSecrets = {
    credentialsKey: randomBytes(32).toString('base64'),
    jwtSecret: randomBytes(48).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const c = new Config();
  const nodeEnv = env.NODE_ENV ?? 'development';
  c.nodeEnv = nodeEnv as Config['nodeEnv'];
  const production = nodeEnv === 'production';
  c.host = env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1');
  c.port = int(env.PORT, 4000, 'PORT', problems);
  c.dataDir = resolve(env.DATA_DIR ?? '.data');
  c.databaseUrl = env.DATABASE_URL || undefined;
  c.databaseSchema = env.DATABASE_SCHEMA || 'public';
  c.pgliteSharedBuffers = env.PGLITE_SHARED_BUFFERS || '16MB';
  c.jwtSecret = env.JWT_SECRET || undefined;
  c.jwtJwksUrl = env.JWT_JWKS_URL || undefined;
  c.jwtIssuer = env.JWT_ISSUER || undefined;
  c.userDirectoryUrl = env.USER_DIRECTORY_URL || undefined;
  c.userDirectoryToken = env.USER_DIRECTORY_TOKEN || undefined;
  c.jwtAudience = env.JWT_AUDIENCE || undefined;
  c.logLevel = env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info');
  c.logFormat = (env.LOG_FORMAT || (!production && process.stdout.isTTY ? 'pretty' : 'json')) as Config['logFormat'];
  c.sandbox = bool(env.SANDBOX, !production, 'SANDBOX', problems);
  c.sandboxPortBase = int(env.SANDBOX_PORT_BASE, 0, 'SANDBOX_PORT_BASE', problems);
  c.sandboxWebexPeople = int(env.SANDBOX_WEBEX_PEOPLE, 5000, 'SANDBOX_WEBEX_PEOPLE', problems);
  c.playground = bool(env.PLAYGROUND, !production, 'PLAYGROUND', problems);
  c.introspection = bool(env.INTROSPECTION, !production, 'INTROSPECTION', problems);
  c.routerSecrets = list(env.ROUTER_SECRETS ?? env.ROUTER_SECRET);
  c.maxPageSize = int(env.MAX_PAGE_SIZE, 100, 'MAX_PAGE_SIZE', problems);
  c.previousCredentialsKeys = list(env.CREDENTIALS_KEY_PREVIOUS);
  c.syncRetryDelaySeconds = int(env.SYNC_RETRY_DELAY_SECONDS, 2, 'SYNC_RETRY_DELAY_SECONDS', problems);
  c.syncRetryBackoff = bool(env.SYNC_RETRY_BACKOFF, true, 'SYNC_RETRY_BACKOFF', problems);
  c.syncDeadlineSeconds = int(env.SYNC_DEADLINE_SECONDS, 24 * 3600, 'SYNC_DEADLINE_SECONDS', problems);
  c.syncJobExpireSeconds = int(env.SYNC_JOB_EXPIRE_SECONDS, 300, 'SYNC_JOB_EXPIRE_SECONDS', problems);
  c.jobPollSeconds = int(env.JOB_POLL_SECONDS, 2, 'JOB_POLL_SECONDS', problems);
  c.workers = bool(env.WORKERS, true, 'WORKERS', problems);
  c.applyWaitMs = int(env.APPLY_WAIT_MS, 10_000, 'APPLY_WAIT_MS', problems);
  c.rolloutRatePerSecond = num(env.ROLLOUT_RATE_PER_SECOND, 0, 'ROLLOUT_RATE_PER_SECOND', problems);
  c.rolloutJobs = int(env.ROLLOUT_JOBS, 4, 'ROLLOUT_JOBS', problems);
  c.rolloutWorkers = int(env.ROLLOUT_WORKERS, 2, 'ROLLOUT_WORKERS', problems);
  c.rolloutLanes = int(env.ROLLOUT_LANES, 8, 'ROLLOUT_LANES', problems);
  c.rolloutLeaseSeconds = int(env.ROLLOUT_LEASE_SECONDS, 10, 'ROLLOUT_LEASE_SECONDS', problems);
  c.rolloutSliceSeconds = int(env.ROLLOUT_SLICE_SECONDS, 120, 'ROLLOUT_SLICE_SECONDS', problems);
  c.reconcileIntervalSeconds = int(env.RECONCILE_INTERVAL_SECONDS, 0, 'RECONCILE_INTERVAL_SECONDS', problems);
  c.standardCheckSeconds = int(env.STANDARD_CHECK_SECONDS, nodeEnv === 'test' ? 0 : c.sandbox ? 30 : 300, 'STANDARD_CHECK_SECONDS', problems);
  c.liveRecoverySeconds = int(env.LIVE_RECOVERY_SECONDS, 5, 'LIVE_RECOVERY_SECONDS', problems);
  c.executionTimeoutMs = int(env.EXECUTION_TIMEOUT_MS, 30_000, 'EXECUTION_TIMEOUT_MS', problems);
  c.shutdownGraceSeconds = int(env.SHUTDOWN_GRACE_SECONDS, 10, 'SHUTDOWN_GRACE_SECONDS', problems);
  c.readCacheRows = int(env.READ_CACHE_ROWS, 50_000, 'READ_CACHE_ROWS', problems);
  c.responseCacheBytes = c.readCacheRows > 0 ? int(env.RESPONSE_CACHE_BYTES, 16_777_216, 'RESPONSE_CACHE_BYTES', problems) : 0;
  c.allowPrivateVendorHosts = bool(env.ALLOW_PRIVATE_VENDOR_HOSTS, c.sandbox || nodeEnv === 'test', 'ALLOW_PRIVATE_VENDOR_HOSTS', problems);
  c.vendorPrivateHosts = list(env.VENDOR_PRIVATE_HOSTS);

  const embeddedDev = !production && !c.databaseUrl;
  let credentialsKey = env.CREDENTIALS_KEY;
  if (!credentialsKey || (!c.jwtSecret && !c.jwtJwksUrl)) {
    if (embeddedDev || (nodeEnv !== 'production' && env.DEV_SECRETS !== 'off')) {
      const dev = devSecrets(c.dataDir);
      credentialsKey ??= dev.credentialsKey;
      if (!c.jwtSecret && !c.jwtJwksUrl) c.jwtSecret = dev.jwtSecret;
    }
  }
  c.credentialsKey = credentialsKey ?? '';
  if (!credentialsKey) problems.push('CREDENTIALS_KEY is required: 32 random bytes, base64-encoded (openssl rand -base64 32)');
  if (!c.jwtSecret && !c.jwtJwksUrl) problems.push('JWT configuration is required: set JWT_SECRET or JWT_JWKS_URL');
  if (c.routerSecrets.length > 2) problems.push('ROUTER_SECRETS takes at most two secrets (current and next)');
  c.printDevToken = !production && !!c.jwtSecret;
  if (production && c.sandbox) problems.push('SANDBOX cannot be on in production');
  if (production && c.allowPrivateVendorHosts) {
    problems.push('ALLOW_PRIVATE_VENDOR_HOSTS cannot be on in production: name the hosts that may resolve privately in VENDOR_PRIVATE_HOSTS');
  }
  if (production && c.jwtJwksUrl && !/^https:/i.test(c.jwtJwksUrl))
    problems.push('JWT_JWKS_URL must use https in production (keys fetched over http can be replaced in transit)');
  if (production && c.jwtJwksUrl && !c.jwtAudience) {
    problems.push(
      'JWT_AUDIENCE is required in production with JWT_JWKS_URL (else tokens the identity provider issued for other applications are accepted)',
    );
  }

  for (const err of validateSync(c, { skipMissingProperties: false })) {
    for (const msg of Object.values(err.constraints ?? {})) {
      if (!problems.some((p) => p.startsWith(msg.split(' ')[0]))) problems.push(msg);
    }
  }
  c.problems = problems;
  if (problems.length) throw new ConfigError(problems);
  return c;
}
