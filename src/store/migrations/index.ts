import { createHash } from 'node:crypto';
import type { Migration } from './types';
import { migration as m0001 } from './0001_tenants_connections_policies';
import { migration as m0002 } from './0002_live_recordings_attachments';
import { migration as m0003 } from './0003_policy_sync_jobs';
import { migration as m0004 } from './0004_audit_idempotency';
import { migration as m0005 } from './0005_rollouts';
import { migration as m0006 } from './0006_read_version';
import { migration as m0007 } from './0007_rollout_holds';
import { migration as m0008 } from './0008_live_intents';
import { migration as m0009 } from './0009_credential_tokens';
import { migration as m0011 } from './0011_recording_standards';
import { migration as m0012 } from './0012_read_version_tenant';
import { migration as m0014 } from './0014_read_version_tenant_set';
import { migration as m0015 } from './0015_policy_sync_leases';

export type { Migration };

/**
 * The one ordered set of migrations, applied at start on PGlite and on a PostgreSQL server alike, one file each.
 * Never edit a migration that has shipped: add the next file and list it here.
 */
export const MIGRATIONS: Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0011, m0012, m0014, m0015];

/**
 * A name for this exact set of migrations (ids and SQL): the build's PGlite template directory is migrated and
 * carries it, so a new data directory starts migrated and one from other migrations is never used.
 */
export function migrationsKey(): string {
  return createHash('sha256')
    .update(JSON.stringify(MIGRATIONS.map((m) => [m.id, m.sql])))
    .digest('hex')
    .slice(0, 12);
}
