import { randomUUID } from 'node:crypto';
import type { App } from '../../src/app';
import { recordingPolicies, tenants, vendorConnections } from '../../src/store/schema';

/** Seed builders: rows straight into the store, for tests that measure reads rather than writes. */
export async function seedTenants(
  app: App,
  count: number,
  opts: { connectionsPerTenant?: number; policiesPerConnection?: number; prefix?: string } = {},
) {
  const db = app.database.db;
  const tenantRows = Array.from({ length: count }, (_, i) => ({ id: randomUUID(), name: `${opts.prefix ?? 'Seeded'} ${i}` }));
  const connRows = tenantRows.flatMap((t) =>
    Array.from({ length: opts.connectionsPerTenant ?? 1 }, (_, j) => ({
      id: randomUUID(),
      tenantId: t.id,
      vendor: 'MEGAFON' as const,
      name: `${t.name} conn ${j}`,
      baseUrl: 'https://simple-api.cp.megafon.ru',
      settings: {},
      credentialsSealed: 'v1.none.x.x.x',
      credentialsKeyId: 'none',
    })),
  );
  const policyRows = connRows.flatMap((c) =>
    Array.from({ length: opts.policiesPerConnection ?? 1 }, (_, k) => ({
      id: randomUUID(),
      tenantId: c.tenantId,
      connectionId: c.id,
      name: `${c.name} policy ${k}`,
      scopeKind: 'SETTINGS_RECORD',
      scopeId: String(k + 1),
      rules: { mode: 'ALWAYS', calls: { internal: true, external: true } },
    })),
  );
  for (let i = 0; i < tenantRows.length; i += 500) await db.insert(tenants).values(tenantRows.slice(i, i + 500));
  for (let i = 0; i < connRows.length; i += 500) await db.insert(vendorConnections).values(connRows.slice(i, i + 500));
  for (let i = 0; i < policyRows.length; i += 500) await db.insert(recordingPolicies).values(policyRows.slice(i, i + 500));
  return { tenants: tenantRows, connections: connRows, policies: policyRows };
}
