import type { Migration } from './types';

/**
 * The tenant-set counter (issue 18, src/store/read-cache.ts): one counter that every committed insert or delete of a
 * tenant, and every update of the columns a page of tenants is ordered by (`id`, `created_at`), moves forward.
 * With it, the operator's dashboard (a `tenants: *` token) is stamped with this counter plus the per-tenant
 * counters (migration 0012) of the tenants on its page, all read in the dashboard's own statement: a commit in a
 * tenant on the page moves that tenant's counter, a tenant that could enter or leave the page moves this one, and
 * commits in the other tenants move neither, so they no longer stale the operator's cached dashboard.
 *
 * A deferred constraint trigger like 0006's: taken at COMMIT, after the transaction's other locks, once per
 * transaction. Only transactions that insert, delete or reorder tenants queue on it (rare: policy and connection
 * writes never touch it).
 *
 * Also the index that serves every tenant's policies in keyset pages (src/store/pagination.ts afterCursor).
 */
export const migration: Migration = {
  id: '0014_read_version_tenant_set',
  sql: `
CREATE TABLE read_version_tenant_set (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  version bigint NOT NULL
);
INSERT INTO read_version_tenant_set (id, version) VALUES (true, 1);

CREATE FUNCTION bump_read_version_tenant_set() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tx text := txid_current()::text || '.' || TG_TABLE_SCHEMA;
BEGIN
  IF current_setting('recsub.read_version_tenant_set_tx', true) IS NOT DISTINCT FROM tx THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('recsub.read_version_tenant_set_tx', tx, true);
  EXECUTE format('UPDATE %I.read_version_tenant_set SET version = version + 1', TG_TABLE_SCHEMA);
  RETURN NULL;
END
$$;

-- Every tenant's policies in keyset pages (PolicyStore.pageAll: scheduled reconciliation), by (created_at, id).
CREATE INDEX recording_policies_page_idx ON recording_policies (created_at, id);

CREATE CONSTRAINT TRIGGER tenants_read_version_tenant_set AFTER INSERT OR DELETE OR UPDATE OF id, created_at ON tenants
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_read_version_tenant_set();
`,
};
