import { randomUUID } from 'node:crypto';
import type { Principal } from '../server/auth';
import { AppError, notFound } from '../domain/errors';
import type { TenantRow } from '../store/schema';
import type { Page, PageArgs } from '../store/pagination';
import type { ServiceDeps } from './index';

export class TenantService {
  constructor(private readonly deps: ServiceDeps) {}

  async create(actor: Principal, input: { name: string }): Promise<TenantRow> {
    actor.require('recording:admin');
    if (actor.tenants !== '*') throw new AppError('FORBIDDEN', 'Only a platform operator token (tenants: ["*"]) can create tenants');
    const { stores } = this.deps;
    return stores.tenants.insert(stores.db, { id: randomUUID(), name: input.name.trim() });
  }

  async rename(actor: Principal, input: { id: string; name: string }): Promise<TenantRow> {
    actor.require('recording:write');
    const { stores } = this.deps;
    const row = await stores.tenants.rename(stores.db, actor.tenantFilter(), input.id, input.name.trim());
    if (!row) throw notFound('Tenant', input.id);
    return row;
  }

  /** Deletes the tenant with everything it owns (connections, policies, recordings) in one statement. */
  async delete(actor: Principal, id: string): Promise<void> {
    actor.require('recording:admin');
    const { stores } = this.deps;
    if (!(await stores.tenants.delete(stores.db, actor.tenantFilter(), id))) throw notFound('Tenant', id);
  }

  async page(actor: Principal, args: PageArgs): Promise<Page<TenantRow>> {
    actor.require('recording:read');
    return this.deps.stores.tenants.page(actor.tenantFilter(), args);
  }
}
