import { randomUUID } from 'node:crypto';
import type { Principal } from '../domain/principal';
import { AppError, notFound } from '../domain/errors';
import type { TenantRow } from '../store/schema';
import type { PageArgs } from '../store/pagination';
import type { TenantLists, TenantPageWithLists } from '../store/tenant.store';
import { scopeKey, type ReadView } from '../store/read-cache';
import type { ServiceDeps } from './deps';

export class TenantService {
  constructor(private readonly deps: ServiceDeps) {}

  async create(actor: Principal, input: { name: string }, requestId?: string): Promise<TenantRow> {
    actor.require('recording:admin');
    if (actor.tenants !== '*') throw new AppError('FORBIDDEN', 'Only a platform operator token (tenants: ["*"]) can create tenants');
    const { stores } = this.deps;
    return stores.db.transaction(async (tx) => {
      const row = await stores.tenants.insert(tx, { id: randomUUID(), name: input.name.trim() });
      await stores.audit.record(tx, {
        tenantId: row.id,
        actor: actor.subject,
        action: 'tenant.create',
        targetType: 'Tenant',
        targetId: row.id,
        after: row,
        requestId,
      });
      return row;
    });
  }

  async rename(actor: Principal, input: { id: string; name: string }, requestId?: string): Promise<TenantRow> {
    actor.require('recording:write');
    const { stores } = this.deps;
    const scope = actor.tenantFilter();
    // Reads happen before the transaction: the embedded database serialises everything behind an open one.
    const [before] = await stores.tenants.byIds(scope, [input.id]);
    if (!before) throw notFound('Tenant', input.id);
    return stores.db.transaction(async (tx) => {
      const row = await stores.tenants.rename(tx, scope, input.id, input.name.trim());
      if (!row) throw notFound('Tenant', input.id);
      await stores.audit.record(tx, {
        tenantId: row.id,
        actor: actor.subject,
        action: 'tenant.rename',
        targetType: 'Tenant',
        targetId: row.id,
        before,
        after: row,
        requestId,
      });
      return row;
    });
  }

  /** Deletes the tenant with everything it owns (connections, policies, recordings); its audit trail is kept. */
  async delete(actor: Principal, id: string, requestId?: string): Promise<void> {
    actor.require('recording:admin');
    const { stores } = this.deps;
    const scope = actor.tenantFilter();
    const [before] = await stores.tenants.byIds(scope, [id]);
    if (!before) throw notFound('Tenant', id);
    await stores.db.transaction(async (tx) => {
      if (!(await stores.tenants.delete(tx, scope, id))) throw notFound('Tenant', id);
      await stores.audit.record(tx, {
        tenantId: id,
        actor: actor.subject,
        action: 'tenant.delete',
        targetType: 'Tenant',
        targetId: id,
        before,
        requestId,
      });
    });
  }

  /**
   * A page of the caller's tenants; through `reads` (the request's read-cache view) when given. With `lists`, the
   * page's tenants' connections and/or policies come in the same statement (the dashboard: one statement).
   */
  async page(actor: Principal, args: PageArgs, reads?: ReadView, lists?: TenantLists): Promise<TenantPageWithLists> {
    actor.require('recording:read');
    const scope = actor.tenantFilter();
    const withLists = lists && (lists.connections || lists.policies) ? lists : undefined;
    const load = (): Promise<TenantPageWithLists> =>
      withLists ? this.deps.stores.tenants.pageWithLists(scope, args, withLists) : this.deps.stores.tenants.page(scope, args);
    if (!reads) return load();
    const which = withLists ? `${withLists.connections ? 'c' : ''}${withLists.policies ? 'p' : ''}` : '';
    return reads.read(
      `tenantsPage|${scopeKey(scope)}|${args.first}|${args.after ?? ''}|${which}`,
      load,
      (p) => p.items.length + (p.connections?.length ?? 0) + (p.policies?.length ?? 0),
      // For every tenant's scope the page with lists carries its own version (the page's tenants), so commits in
      // tenants off the page do not stale it (src/store/read-cache.ts readStamped).
      withLists ? (p) => p.stamp : undefined,
    );
  }
}
