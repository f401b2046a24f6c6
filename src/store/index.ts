import type { AppDb } from './db';
import { ConnectionStore } from './connection.store';
import { PolicyStore } from './policy.store';
import { TenantStore } from './tenant.store';
import { AttachmentStore, LiveRecordingStore } from './live-recording.store';

export interface Stores {
  db: AppDb;
  tenants: TenantStore;
  connections: ConnectionStore;
  policies: PolicyStore;
  liveRecordings: LiveRecordingStore;
  attachments: AttachmentStore;
}

export function createStores(db: AppDb): Stores {
  return { db, tenants: new TenantStore(db), connections: new ConnectionStore(db), policies: new PolicyStore(db), liveRecordings: new LiveRecordingStore(db), attachments: new AttachmentStore(db) };
}
