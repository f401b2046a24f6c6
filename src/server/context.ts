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
  /**
   * What the HTTP layer learns about this request's answer once it is sent: whether the response cache may keep it
   * (src/server/response-cache.ts; set by apollo.ts) and the read view it was read through. An object of its own:
   * Apollo Server executes on a shallow copy of the context, which shares this object with the original.
   */
  readonly outcome: { responseCacheable: boolean; view?: ReadView; operationName?: string } = { responseCacheable: false };

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
    if (!this.readView) {
      // The view's version covers the caller's tenants only (a token naming tenants reads their own counters):
      // every read through it is filtered by that scope. No caller, no cache.
      const scope = 'principal' in this.auth ? this.auth.principal.tenantFilter() : null;
      const cache = this.cacheReads && 'principal' in this.auth ? this.stores.readCache : null;
      this.readView = new ReadView(cache, scope);
      this.outcome.view = this.readView;
    }
    return this.readView;
  }

  /** The read cache version all of this request's cached reads were served at (undefined: none was). */
  get readVersion(): number | undefined {
    return this.outcome.view?.versionRead;
  }

  get loaders(): Loaders {
    this.loadersCache ??= createLoaders(this.stores, this.principal.tenantFilter(), this.reads);
    return this.loadersCache;
  }
}
