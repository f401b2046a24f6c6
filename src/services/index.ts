import type { Logger } from 'pino';
import type { Database } from '../store/db';
import type { Stores } from '../store';
import type { SecretBox } from '../crypto/secrets';
import { TenantService } from './tenant.service';
import { ConnectionService } from './connection.service';
import { PolicyService } from './policy.service';
import { DemoService } from './demo.service';

export interface ServiceDeps {
  database: Database;
  stores: Stores;
  secrets: SecretBox;
  logger: Logger;
  /** Vendor base URLs may point at loopback/private hosts (the built-in sandbox, tests). */
  allowPrivateVendorHosts: boolean;
}

export interface Services {
  stores: Stores;
  tenants: TenantService;
  connections: ConnectionService;
  policies: PolicyService;
  demo: DemoService;
}

export function createServices(deps: ServiceDeps): Services {
  const connections = new ConnectionService(deps);
  return {
    stores: deps.stores,
    tenants: new TenantService(deps),
    connections,
    policies: new PolicyService(deps, connections),
    demo: new DemoService(deps),
  };
}
