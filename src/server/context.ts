import type { Logger } from 'pino';
import type { Principal } from './auth';
import { createLoaders, type Loaders } from '../store/loaders';
import { ReadView } from '../store/read-cache';
import type { Services, UseCases } from '../services';
import type { Stores } from '../store';

/** Per-request context. Authentication happens once per request; loaders are scoped to the caller's tenants. */
export class RequestContext {
  private loadersCache?: Loaders;
  private readView?: ReadView;
  /**
   * Whether this request may read through the read cache: set for query operations only (src/server/apollo.ts).
   * Mutations must see their own writes, and subscriptions outlive a cache version.
   */
  cacheReads = false;
  /** What resolvers call: the use cases, without the stores (those reach resolvers only through the loaders). */
  readonly services: UseCases;
  private readonly stores: Stores;

  constructor(
    readonly requestId: string,
    private readonly auth: { principal: Principal } | { error: Error },
    services: Services,
    readonly logger: Logger,
    /** The request's Idempotency-Key header, for mutations with a vendor effect. */
    readonly idempotencyKey?: string,
  ) {
    this.services = services;
    this.stores = services.stores;
  }

  /**
   * Runs a mutation with a vendor effect under the request's Idempotency-Key (if any), scoped to `tenantId` (the
   * tenant of the object it acts on; when that cannot be found the mutation runs as is and reports NOT_FOUND).
   */
  async idempotent<T>(operation: string, input: unknown, tenantId: string | null | undefined, fn: () => Promise<T>): Promise<T> {
    if (!this.idempotencyKey || !tenantId) return fn();
    return this.services.idempotency.run(tenantId, this.idempotencyKey, operation, input, fn);
  }

  /** The authenticated caller; throws UNAUTHENTICATED when the request carried no valid token. */
  get principal(): Principal {
    if ('error' in this.auth) throw this.auth.error;
    return this.auth.principal;
  }

  /** The request's view of the read cache (src/store/read-cache.ts); straight through unless cacheReads. */
  get reads(): ReadView {
    this.readView ??= new ReadView(this.cacheReads ? this.stores.readCache : null);
    return this.readView;
  }

  get loaders(): Loaders {
    this.loadersCache ??= createLoaders(this.stores, this.principal.tenantFilter(), this.reads);
    return this.loadersCache;
  }
}
