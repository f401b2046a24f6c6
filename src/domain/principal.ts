import { AppError } from './errors';

export const SCOPES = ['recording:read', 'recording:write', 'recording:live', 'recording:admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** Who asks: a subject, the tenants it may act on, its scopes. The server builds it from a verified token. */
export class Principal {
  constructor(
    readonly subject: string,
    /** Tenant ids the token may act on; '*' for a platform operator. */
    readonly tenants: '*' | ReadonlySet<string>,
    readonly scopes: ReadonlySet<Scope>,
  ) {}

  private key?: string;
  /** Everything about the caller an answer may depend on, as one string (the response cache's key). */
  get cacheKey(): string {
    this.key ??= JSON.stringify([this.subject, this.tenants === '*' ? '*' : [...this.tenants].sort(), [...this.scopes].sort()]);
    return this.key;
  }

  canAccessTenant(tenantId: string): boolean {
    return this.tenants === '*' || this.tenants.has(tenantId);
  }

  /** The tenant ids to filter a listing by, or null for all. */
  tenantFilter(): string[] | null {
    return this.tenants === '*' ? null : [...this.tenants];
  }

  require(scope: Scope): void {
    if (!this.scopes.has(scope) && !this.scopes.has('recording:admin')) {
      throw new AppError('FORBIDDEN', `This operation needs the ${scope} scope`, { scope });
    }
  }
}
