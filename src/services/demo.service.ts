import { eq } from 'drizzle-orm';
import { tenants, vendorConnections } from '../store/schema';
import type { SandboxConnectionSpec } from '../sandbox/runner';
import type { ServiceDeps } from './index';

/** Fixed ids, so the playground's example variables can name the demo tenant and its connections. */
export const DEMO_TENANT_ID = '00000000-0000-4000-8000-00000000d000';
export const DEMO_CONNECTION_IDS: Record<string, string> = {
  megafon: '00000000-0000-4000-8000-00000000d001',
  yeastar: '00000000-0000-4000-8000-00000000d002',
  webex: '00000000-0000-4000-8000-00000000d003',
  signalwire: '00000000-0000-4000-8000-00000000d004',
  bitrix24: '00000000-0000-4000-8000-00000000d005',
};

/**
 * Connects the demo tenant to the built-in sandbox (development only). Idempotent: each start points the demo
 * connections at the emulators' current addresses, so a restart on other ports keeps working.
 */
export class DemoService {
  constructor(private readonly deps: ServiceDeps) {}

  async connectSandbox(specs: SandboxConnectionSpec[]): Promise<{ tenantId: string; connectionIds: Record<string, string> }> {
    const { stores, secrets } = this.deps;
    const db = stores.db;
    await db.insert(tenants).values({ id: DEMO_TENANT_ID, name: 'Demo (sandbox vendors)' }).onConflictDoNothing();
    const connectionIds: Record<string, string> = {};
    for (const spec of specs) {
      const id = DEMO_CONNECTION_IDS[spec.key];
      if (!id) continue;
      const credentials = Object.fromEntries(spec.credentials.map((c) => [c.name, c.value]));
      const row = {
        baseUrl: spec.baseUrl,
        settings: Object.fromEntries(spec.settings.map((s) => [s.name, s.value])),
        credentialsSealed: secrets.seal(JSON.stringify(credentials), id),
        credentialsKeyId: secrets.currentKeyId,
        updatedAt: new Date(),
      };
      const [existing] = await db.select({ id: vendorConnections.id }).from(vendorConnections).where(eq(vendorConnections.id, id));
      if (existing) await db.update(vendorConnections).set(row).where(eq(vendorConnections.id, id));
      else await db.insert(vendorConnections).values({ id, tenantId: DEMO_TENANT_ID, vendor: spec.vendor, name: spec.name, ...row });
      connectionIds[spec.key] = id;
    }
    return { tenantId: DEMO_TENANT_ID, connectionIds };
  }
}
