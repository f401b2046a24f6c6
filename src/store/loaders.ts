import DataLoader from 'dataloader';
import type { TenantScope } from './pagination';
import type { Stores } from './index';
import type { LiveRecordingRow, RecordingPolicyRow, TenantRow } from './schema';
import type { ConnectionRecord } from './connection.store';
import type { RolloutRow, RolloutStats } from './rollout.store';
import { ReadView, scopeKey } from './read-cache';

function byKey<T, K extends keyof T>(rows: T[], key: K, keys: readonly string[]): (T | null)[] {
  const map = new Map<unknown, T>();
  for (const r of rows) map.set(r[key], r);
  return keys.map((k) => map.get(k) ?? null);
}

function groupBy<T, K extends keyof T>(rows: T[], key: K, keys: readonly string[]): T[][] {
  const map = new Map<unknown, T[]>();
  for (const r of rows) {
    const list = map.get(r[key]);
    if (list) list.push(r);
    else map.set(r[key], [r]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

/**
 * Request-scoped loaders. Every batch runs at most one SQL statement (none when the read cache holds it), filtered
 * by the caller's tenant scope, so an id from another tenant loads as null, exactly like an id that does not exist.
 */
export function createLoaders(stores: Stores, scope: TenantScope, reads: ReadView = new ReadView(null)): Loaders {
  const opts = { maxBatchSize: 1000 };
  // Reads of tenants, connections and policies go through the read cache: a batch that an earlier request read with
  // the same ids and scope, while nothing has changed since, costs no statement of its own.
  const sk = scopeKey(scope);
  const cached = <T>(name: string, ids: readonly string[], load: () => Promise<T[]>) =>
    reads.read(`${name}|${sk}|${JSON.stringify(ids)}`, load, (rows) => rows.length);
  // Lists prime the by-id loaders, so following a list item back to its parent costs no statement.
  const primeAll = <T extends { id: string }>(loader: DataLoader<string, T | null>, rows: T[]) => {
    for (const r of rows) loader.prime(r.id, r);
    return rows;
  };
  // Which tenants' connection lists this request has asked for (DataLoader's own cache, keyed by tenant id).
  const connectionListsRequested = new Map<string, Promise<ConnectionRecord[]>>();
  const loaders: Loaders = {
    primeTenantLists(tenantIds, connections, policies) {
      if (connections) {
        const lists = groupBy(primeAll(loaders.connection, connections), 'tenantId', tenantIds);
        tenantIds.forEach((id, i) => loaders.connectionsByTenant.prime(id, lists[i]!));
      }
      if (policies) {
        const lists = groupBy(primeAll(loaders.policy, policies), 'tenantId', tenantIds);
        tenantIds.forEach((id, i) => loaders.policiesByTenant.prime(id, lists[i]!));
      }
    },
    connectionOf(row) {
      // A row whose tenant's connection list is already on its way takes its connection from that list: without
      // this, a policy list that returns before the connection list (two pool connections race) would cost one more
      // statement for connections the request is already reading.
      const list = connectionListsRequested.get(row.tenantId);
      if (!list) return loaders.connection.load(row.connectionId);
      return list.then((rows) => rows.find((c) => c.id === row.connectionId) ?? loaders.connection.load(row.connectionId));
    },
    tenant: new DataLoader<string, TenantRow | null>(
      async (ids) => byKey(await cached('tenants', ids, () => stores.tenants.byIds(scope, ids)), 'id', ids),
      opts,
    ),
    connection: new DataLoader<string, ConnectionRecord | null>(
      async (ids) => byKey(await cached('connections', ids, () => stores.connections.byIds(scope, ids)), 'id', ids),
      opts,
    ),
    connectionsByTenant: new DataLoader<string, ConnectionRecord[]>(
      async (ids) =>
        groupBy(
          primeAll(loaders.connection, await cached('connectionsByTenant', ids, () => stores.connections.byTenantIds(scope, ids))),
          'tenantId',
          ids,
        ),
      { ...opts, cacheMap: connectionListsRequested },
    ),
    policy: new DataLoader<string, RecordingPolicyRow | null>(
      async (ids) => byKey(await cached('policies', ids, () => stores.policies.byIds(scope, ids)), 'id', ids),
      opts,
    ),
    policiesByTenant: new DataLoader<string, RecordingPolicyRow[]>(
      async (ids) =>
        groupBy(primeAll(loaders.policy, await cached('policiesByTenant', ids, () => stores.policies.byTenantIds(scope, ids))), 'tenantId', ids),
      opts,
    ),
    liveRecording: new DataLoader<string, LiveRecordingRow | null>(
      async (ids) => byKey(await stores.liveRecordings.byIds(scope, ids), 'id', ids),
      opts,
    ),
    policiesByConnection: new DataLoader<string, RecordingPolicyRow[]>(
      async (ids) =>
        groupBy(
          primeAll(loaders.policy, await cached('policiesByConnection', ids, () => stores.policies.byConnectionIds(scope, ids))),
          'connectionId',
          ids,
        ),
      opts,
    ),
    rollout: new DataLoader<string, RolloutRow | null>(async (ids) => byKey(await stores.rollouts.byIds(scope, ids), 'id', ids), opts),
    rolloutStats: new DataLoader<string, RolloutStats | null>(async (ids) => {
      const stats = await stores.rollouts.stats(scope, ids);
      return ids.map((id) => stats.get(id) ?? null);
    }, opts),
  };
  return loaders;
}
export interface Loaders {
  /**
   * Primes the tenants' connection and policy lists with rows read together with their page (one statement for
   * the dashboard): every row of the given tenants, ordered like the lists' own reads.
   */
  primeTenantLists(tenantIds: readonly string[], connections?: ConnectionRecord[], policies?: RecordingPolicyRow[]): void;
  /** The connection a row (policy, live recording, roll-out) belongs to, from the tenant's list when it is being read. */
  connectionOf(row: { tenantId: string; connectionId: string }): Promise<ConnectionRecord | null>;
  tenant: DataLoader<string, TenantRow | null>;
  connection: DataLoader<string, ConnectionRecord | null>;
  connectionsByTenant: DataLoader<string, ConnectionRecord[]>;
  policy: DataLoader<string, RecordingPolicyRow | null>;
  policiesByTenant: DataLoader<string, RecordingPolicyRow[]>;
  policiesByConnection: DataLoader<string, RecordingPolicyRow[]>;
  liveRecording: DataLoader<string, LiveRecordingRow | null>;
  rollout: DataLoader<string, RolloutRow | null>;
  rolloutStats: DataLoader<string, RolloutStats | null>;
}
