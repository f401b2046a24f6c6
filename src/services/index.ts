import type { Stores } from '../store';
import { TenantService } from './tenant.service';
import { ConnectionService } from './connection.service';
import { PolicyService } from './policy.service';
import { EventBus } from '../store/event-bus';
import { LiveRecordingService, type LiveRecoverySettings } from './live-recording.service';
import { AttachmentService } from './attachment.service';
import { PolicySyncService, type PolicySyncSettings } from './policy-sync.service';
import type PgBoss from 'pg-boss';
import { DEFAULT_ROLLOUT_SETTINGS, RolloutService, type RolloutSettings } from './rollout.service';
import { DEFAULT_RECONCILE_SETTINGS, ReconcileService, type ReconcileSettings } from './reconcile.service';
import { IdempotencyService } from './idempotency.service';
import type { ServiceDeps } from './deps';
import { VendorService } from './vendor.service';
import { AuditService } from './audit.service';
import { StandardService } from './standard.service';

export type { ServiceDeps } from './deps';

export interface Services {
  stores: Stores;
  tenants: TenantService;
  connections: ConnectionService;
  policies: PolicyService;
  events: EventBus;
  liveRecordings: LiveRecordingService;
  attachments: AttachmentService;
  policySync: PolicySyncService;
  rollouts: RolloutService;
  reconcile: ReconcileService;
  idempotency: IdempotencyService;
  vendors: VendorService;
  audit: AuditService;
  standards: StandardService;
}

/** The use cases alone, as resolvers see them (server/context.ts): no store is reachable from a resolver. */
export type UseCases = Omit<Services, 'stores'>;

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
  rollouts.onFinished = (rolloutId) => standards.rolloutFinished(rolloutId);
  return {
    policySync,
    rollouts,
    reconcile,
    standards,
    idempotency: new IdempotencyService(deps),
    vendors: new VendorService(),
    audit: new AuditService(deps),
    events,
    liveRecordings: new LiveRecordingService(deps, connections, events, queue.liveRecovery),
    attachments: new AttachmentService(deps, connections, events),
    stores: deps.stores,
    tenants: new TenantService(deps),
    connections,
    policies,
  };
}
