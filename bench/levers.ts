import { and, inArray } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { pageOrder, tenantCondition, toPage, type PageArgs, type TenantScope } from '../src/store/pagination';
import { recordingPolicies, tenants, vendorConnections } from '../src/store/schema';
import type { AppDb } from '../src/store/db';

/**
 * Turning one optimisation off in a contender process, to measure what it is worth (BENCH_LEVERS=1). Each lever
 * restores the code as it was before issue 9, so "off" is the measured before and "on" the shipped after.
 */
export const LEVERS = ['jit', 'prepared', 'authCache', 'sharedVersionCheck', 'pageWithLists', 'coalesce', 'pageVersion'] as const;
export type Lever = (typeof LEVERS)[number];

type Db = { db: AppDb };

export async function turnOff(lever: Lever): Promise<void> {
  switch (lever) {
    case 'jit': {
      // createApollo is read from the module's exports at call time (CommonJS), so wrapping it reaches app.ts.
      const apollo = await import('../src/server/apollo');
      const original = apollo.createApollo;
      (apollo as { createApollo: typeof original }).createApollo = (opts) => original({ ...opts, executor: 'graphql-js' });
      break;
    }
    case 'prepared': {
      // The builder-per-call reads the loaders used before (commit 805f4de).
      const { PolicyStore } = await import('../src/store/policy.store');
      const { ConnectionStore } = await import('../src/store/connection.store');
      const { TenantStore } = await import('../src/store/tenant.store');
      const policyRead = (col: PgColumn, ordered: boolean) =>
        async function (this: Db, scope: TenantScope, ids: readonly string[]) {
          if (ids.length === 0) return [];
          const q = this.db
            .select()
            .from(recordingPolicies)
            .where(and(inArray(col, [...ids]), tenantCondition(recordingPolicies.tenantId, scope)));
          return ordered ? q.orderBy(...pageOrder(recordingPolicies.createdAt, recordingPolicies.id)) : q;
        };
      Object.assign(PolicyStore.prototype, {
        byIds: policyRead(recordingPolicies.id, false),
        byTenantIds: policyRead(recordingPolicies.tenantId, true),
        byConnectionIds: policyRead(recordingPolicies.connectionId, true),
      });
      // connection.store.ts's publicColumns: the sealed credentials stay out of ordinary reads.
      const connectionColumns = {
        id: vendorConnections.id,
        tenantId: vendorConnections.tenantId,
        vendor: vendorConnections.vendor,
        name: vendorConnections.name,
        baseUrl: vendorConnections.baseUrl,
        settings: vendorConnections.settings,
        credentialsKeyId: vendorConnections.credentialsKeyId,
        status: vendorConnections.status,
        lastCheckedAt: vendorConnections.lastCheckedAt,
        lastError: vendorConnections.lastError,
        createdAt: vendorConnections.createdAt,
        updatedAt: vendorConnections.updatedAt,
      };
      Object.assign(ConnectionStore.prototype, {
        async byIds(this: Db, scope: TenantScope, ids: readonly string[]) {
          if (ids.length === 0) return [];
          return this.db
            .select(connectionColumns)
            .from(vendorConnections)
            .where(and(inArray(vendorConnections.id, [...ids]), tenantCondition(vendorConnections.tenantId, scope)));
        },
        async byTenantIds(this: Db, scope: TenantScope, ids: readonly string[]) {
          if (ids.length === 0) return [];
          return this.db
            .select(connectionColumns)
            .from(vendorConnections)
            .where(and(inArray(vendorConnections.tenantId, [...ids]), tenantCondition(vendorConnections.tenantId, scope)))
            .orderBy(...pageOrder(vendorConnections.createdAt, vendorConnections.id));
        },
      });
      Object.assign(TenantStore.prototype, {
        async byIds(this: Db, scope: TenantScope, ids: readonly string[]) {
          if (ids.length === 0) return [];
          return this.db
            .select()
            .from(tenants)
            .where(and(inArray(tenants.id, [...ids]), tenantCondition(tenants.id, scope)));
        },
        async page(this: Db, scope: TenantScope, args: PageArgs) {
          const rows = await this.db
            .select()
            .from(tenants)
            .where(tenantCondition(tenants.id, scope))
            .orderBy(...pageOrder(tenants.createdAt, tenants.id))
            .limit(args.first + 1);
          return toPage(rows, args.first);
        },
      });
      break;
    }
    case 'authCache': {
      const { Authenticator } = await import('../src/server/auth');
      const original = Authenticator.prototype.authenticate;
      Authenticator.prototype.authenticate = function (this: { verified: Map<string, unknown> }, authorization: string | undefined) {
        this.verified.clear();
        return original.call(this as never, authorization);
      } as typeof original;
      break;
    }
    case 'pageVersion': {
      // An operator's dashboard stamped with the global read version again (before its page's own version).
      const { ReadView } = await import('../src/store/read-cache');
      const original = ReadView.prototype.read;
      const without = function (this: InstanceType<typeof ReadView>, key: string, load: () => Promise<unknown>, count: (v: unknown) => number) {
        return original.call(this, key, load, count);
      };
      ReadView.prototype.read = without as typeof original;
      break;
    }
    case 'coalesce': {
      // With the read cache off, every read sends its own statement (before issue 18's cold path).
      const { ReadCache } = await import('../src/store/read-cache');
      ReadCache.prototype.coalesce = (_key, load) => load();
      break;
    }
    case 'pageWithLists': {
      // Issue 18's cold path undone: the page of tenants, then its connections and its policies (three statements).
      const { TenantService } = await import('../src/services/tenant.service');
      const original = TenantService.prototype.page;
      TenantService.prototype.page = function (this: InstanceType<typeof TenantService>, actor, args, reads) {
        return original.call(this, actor, args, reads);
      };
      break;
    }
    case 'sharedVersionCheck': {
      // The read cache as first written: every request reads the version with a statement of its own.
      const { ReadCache } = await import('../src/store/read-cache');
      type Internals = { versionQuery: { execute(): Promise<{ version: number }[]> }; stats: { versionChecks: number } };
      ReadCache.prototype.currentVersion = async function (this: Internals) {
        this.stats.versionChecks++;
        const [row] = await this.versionQuery.execute();
        return row?.version ?? -1;
      } as never;
      break;
    }
  }
}
