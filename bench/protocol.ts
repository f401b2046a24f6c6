/** Messages between the bench orchestrator and its child processes (node IPC). */

export type ContenderKind = 'raw' | 'bare' | 'stock' | 'mercurius' | 'jit' | 'service';

export interface ContenderSpec {
  kind: ContenderKind;
  /** For the service: postgres:// URL, or absent for embedded PGlite. */
  databaseUrl?: string;
  /** For the service: SANDBOX=true and development mode (the mutation run). */
  sandbox?: boolean;
  /** Extra environment for the service's config (levers: LOG_LEVEL, ...). */
  env?: Record<string, string>;
  /** Extra node flags for this process (a lever: --max-semi-space-size), and its NODE_ENV (graphql-js checks). */
  nodeArgs?: string[];
  nodeEnv?: string;
  /** For the service: commit this many no-op policy updates per second meanwhile (each one moves the read cache's version). */
  churnPerSecond?: number;
  /** Which fixture policy the churn writes (index; negative counts from the end, in the last tenant). Default 0. */
  churnPolicy?: number;
  /** For the service: the scale run's data on top of the fixture (bench/scale-seed.ts). */
  scaleSeed?: 'small' | 'scale';
  /** Optimisations turned off in this process (bench/levers.ts). */
  leversOff?: string[];
  /** Fixture shape as JSON. */
  shape: { tenants: number; connectionsPerTenant: number; policiesPerConnection: number };
}

export interface ReadyMessage {
  type: 'ready';
  url: string;
  /** Sandbox Webex person ids the mutation run can write policies for. */
  personIds?: string[];
  webexConnectionId?: string;
}

export interface StatsMessage {
  type: 'stats';
  rss: number;
  heapUsed: number;
  /** SQL statements sent so far (service only). */
  statements: number | null;
  /** Commits the churn writer has made so far (a service with churnPerSecond), else null. */
  churnCommits?: number | null;
}

export interface AllocMessage {
  type: 'alloc';
  /** Bytes allocated on the JS heap between alloc-start and alloc-stop. */
  bytes: number;
}

/** The statements one request sent, each with its plan (EXPLAIN ANALYZE for reads, EXPLAIN for writes). */
export interface ExplainedMessage {
  type: 'explained';
  statements: { sql: string; plan: string }[];
}

export type ToChild =
  | { type: 'stats' }
  | { type: 'alloc-start' }
  | { type: 'alloc-stop' }
  | { type: 'explain'; body: string; headers: Record<string, string> }
  | { type: 'exit' };
export type FromChild = ReadyMessage | StatsMessage | AllocMessage | ExplainedMessage | { type: 'error'; message: string };

export interface LoadSpec {
  url: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  /** A fixed body (reads), or the mutation mode. */
  body?: string;
  mutation?: { query: string; policies: { id: string; version: number }[] };
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Responses that carried GraphQL errors (mutation mode only). */
  graphqlErrors: number;
  /** Final versions of the policies written (mutation mode), so the next run sends the right expectedVersion. */
  versions?: Record<string, number>;
}
