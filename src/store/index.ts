import type { AppDb } from './db';
import type { PgliteQuiet } from './pglite-quiet';
import { ConnectionStore } from './connection.store';
import { PolicyStore } from './policy.store';
import { TenantStore } from './tenant.store';
import { AttachmentStore, LiveRecordingStore } from './live-recording.store';
import { AuditStore } from './audit.store';
import { RolloutStore } from './rollout.store';
import { RequestScheduleStore } from './request-schedule.store';
import { ReadCache } from './read-cache';
import { IdempotencyStore } from './idempotency.store';
import { StandardStore } from './standard.store';

export interface Stores {
  db: AppDb;
  tenants: TenantStore;
  connections: ConnectionStore;
  policies: PolicyStore;
  liveRecordings: LiveRecordingStore;
  attachments: AttachmentStore;
  audit: AuditStore;
  rollouts: RolloutStore;
  /** The request schedule each vendor connection shares over every replica (bulk work's pace). */
  requestSchedule: RequestScheduleStore;
  idempotency: IdempotencyStore;
  standards: StandardStore;
  /** Rows of tenants, connections and policies kept between requests while unchanged (src/store/read-cache.ts). */
  readCache: ReadCache;
}

export function createStores(db: AppDb, opts: { readCacheRows?: number; freezeCachedRows?: boolean; quiet?: PgliteQuiet } = {}): Stores {
  return {
    readCache: new ReadCache(db, opts.readCacheRows ?? 0, { freeze: opts.freezeCachedRows, quiet: opts.quiet }),
    db,
    tenants: new TenantStore(db),
    connections: new ConnectionStore(db),
    policies: new PolicyStore(db),
    liveRecordings: new LiveRecordingStore(db),
    attachments: new AttachmentStore(db),
    audit: new AuditStore(db),
    rollouts: new RolloutStore(db),
    requestSchedule: new RequestScheduleStore(db),
    idempotency: new IdempotencyStore(db),
    standards: new StandardStore(db),
  };
}
