import type { Logger } from 'pino';
import type { Database } from '../store/db';
import type { Stores } from '../store';
import type { SecretBox } from '../crypto/secrets';
import { TenantService } from './tenant.service';
import { ConnectionService } from './connection.service';
import { PolicyService } from './policy.service';
import { DemoService } from './demo.service';
import { EventBus } from './event-bus';
import { LiveRecordingService, type LiveRecoverySettings } from './live-recording.service';
import { AttachmentService } from './attachment.service';
import { PolicySyncService, type PolicySyncSettings } from './policy-sync.service';
import type PgBoss from 'pg-boss';
import { DEFAULT_ROLLOUT_SETTINGS, RolloutService, type RolloutSettings } from './rollout.service';
import { DEFAULT_RECONCILE_SETTINGS, ReconcileService, type ReconcileSettings } from './reconcile.service';
import { IdempotencyService } from './idempotency.service';
import type { CredentialEvent } from './credential-tokens';
import { StandardService } from './standard.service';

export interface ServiceDeps {
  database: Database;
  stores: Stores;
  secrets: SecretBox;
  logger: Logger;
  /** Vendor base URLs may point at loopback/private hosts (the built-in sandbox, tests). */
  allowPrivateVendorHosts: boolean;
  /** Vendor token renewals, refusals and releases, for metrics (services/credential-tokens.ts). */
  onCredentialEvent?: (e: CredentialEvent) => void;
}

export interface Services {
  stores: Stores;
  tenants: TenantService;
  connections: ConnectionService;
  policies: PolicyService;
  demo: DemoService;
  events: EventBus;
  liveRecordings: LiveRecordingService;
  attachments: AttachmentService;
  policySync: PolicySyncService;
  rollouts: RolloutService;
  reconcile: ReconcileService;
  idempotency: IdempotencyService;
  standards: StandardService;
}

export interface QueueDeps {
  boss: PgBoss;
  sync: PolicySyncSettings;
  applyWaitMs: number;
  rollout?: Partial<RolloutSettings>;
  reconcile?: Partial<ReconcileSettings>;
  liveRecovery?: Partial<LiveRecoverySettings>;
}

export function createServices(deps: ServiceDeps, queue: QueueDeps): Services {
  const connections = new ConnectionService(deps);
  const events = new EventBus(deps.database);
  const policySync = new PolicySyncService(deps, connections, events, queue.boss, queue.sync);
  const policies = new PolicyService(deps, connections, policySync, events, queue.applyWaitMs);
  const rollouts = new RolloutService(deps, connections, events, queue.boss, { ...DEFAULT_ROLLOUT_SETTINGS, ...queue.rollout });
  const reconcile = new ReconcileService(deps, policies, queue.boss, { ...DEFAULT_RECONCILE_SETTINGS, ...queue.reconcile });
  const standards = new StandardService(deps, connections, policySync, rollouts, events);
  // Compliance of the company standards is kept current by the scheduled reconcile (issue 17).
  reconcile.afterRun = () => standards.tick();
  return {
    policySync,
    rollouts,
    reconcile,
    standards,
    idempotency: new IdempotencyService(deps),
    events,
    liveRecordings: new LiveRecordingService(deps, connections, events, queue.liveRecovery),
    attachments: new AttachmentService(deps, connections, events),
    stores: deps.stores,
    tenants: new TenantService(deps),
    connections,
    policies,
    demo: new DemoService(deps),
  };
}
