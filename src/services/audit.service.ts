import type { Principal } from '../domain/principal';
import type { AuditFilter } from '../store/audit.store';
import type { Page, PageArgs } from '../store/pagination';
import type { AuditRow } from '../store/schema';
import type { ServiceDeps } from './deps';

/** Reading the audit trail (it is written by each use case, in the transaction of its change). */
export class AuditService {
  constructor(private readonly deps: ServiceDeps) {}

  async page(actor: Principal, tenantId: string, filter: AuditFilter, args: PageArgs): Promise<Page<AuditRow>> {
    actor.require('recording:read');
    return this.deps.stores.audit.page(actor.tenantFilter(), tenantId, filter, args);
  }
}
