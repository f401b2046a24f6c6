import type { Logger } from 'pino';
import type { Principal } from './auth';
import { createLoaders, type Loaders } from '../store/loaders';
import type { Services } from '../services';

/** Per-request context. Authentication happens once per request; loaders are scoped to the caller's tenants. */
export class RequestContext {
  private loadersCache?: Loaders;

  constructor(
    readonly requestId: string,
    private readonly auth: { principal: Principal } | { error: Error },
    readonly services: Services,
    readonly logger: Logger,
  ) {}

  /** The authenticated caller; throws UNAUTHENTICATED when the request carried no valid token. */
  get principal(): Principal {
    if ('error' in this.auth) throw this.auth.error;
    return this.auth.principal;
  }

  get loaders(): Loaders {
    this.loadersCache ??= createLoaders(this.services.stores, this.principal.tenantFilter());
    return this.loadersCache;
  }
}
