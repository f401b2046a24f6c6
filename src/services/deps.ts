import type { Logger } from 'pino';
import type { SecretBox } from '../crypto/secrets';
import type { VendorKind } from '../domain/vendor-kind';
import type { Database } from '../store/db';
import type { Stores } from '../store';
import type { UserDirectory } from '../directory/user-directory';

/** What every use case is built with (the composition root, services/index.ts, hands it out). */
export interface ServiceDeps {
  database: Database;
  stores: Stores;
  secrets: SecretBox;
  logger: Logger;
  /** Vendor base URLs may point at loopback/private hosts (the built-in sandbox, tests). */
  allowPrivateVendorHosts: boolean;
  /** Vendor token renewals, refusals and releases, for metrics (services/credential-tokens.ts). */
  onCredentialEvent?: (e: CredentialEvent) => void;
  /** The directory subgraph that owns `User` (USER_DIRECTORY_URL): a standard's people named by User id. */
  userDirectory?: UserDirectory | null;
}

/** What the metrics count (src/server/metrics.ts): never a tenant, connection or token. */
export interface CredentialEvent {
  vendor: VendorKind;
  outcome: 'obtained' | 'refreshed' | 'refused' | 'failed' | 'released';
}
