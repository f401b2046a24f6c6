import type { Migration } from './types';

/**
 * Per-tenant read versions (issue 18, src/store/read-cache.ts): beside the one counter of migration 0006, a counter
 * per tenant that every committed change to that tenant, its vendor connections or its recording policies moves
 * forward. A caller whose token names tenants reads the sum of its tenants' counters: commits in other tenants
 * leave it where it was, so their writes no longer stale its cached rows and answers. The sum moves whenever one
 * of its counters does, since counters only grow and rows are never removed (a deleted tenant's counter stays).
 *
 * Like 0006 the triggers are deferred constraint triggers (taken at COMMIT, after the transaction's other locks);
 * a transaction moves each tenant's counter once, however many of its rows it changed (the tenants already moved
 * are remembered in a transaction-local setting). The tenant's column is the trigger's argument.
 */
export const migration: Migration = {
  id: '0012_read_version_tenant',
  sql: `
CREATE TABLE read_version_tenant (
  tenant_id text PRIMARY KEY,
  version bigint NOT NULL
);

CREATE FUNCTION bump_read_version_tenant() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tx text := txid_current()::text || '.' || TG_TABLE_SCHEMA || ':';
  seen text := coalesce(current_setting('recsub.read_version_tenant_tx', true), '');
  tenant text;
BEGIN
  IF position(tx in seen) <> 1 THEN
    seen := tx;
  END IF;
  FOR tenant IN
    SELECT DISTINCT v FROM (VALUES
      (CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) ->> TG_ARGV[0] END),
      (CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) ->> TG_ARGV[0] END)
    ) AS s(v) WHERE v IS NOT NULL
  LOOP
    IF position(',' || tenant || ',' in seen) = 0 THEN
      seen := seen || ',' || tenant || ',';
      EXECUTE format(
        'INSERT INTO %I.read_version_tenant AS r (tenant_id, version) VALUES ($1, 1) ON CONFLICT (tenant_id) DO UPDATE SET version = r.version + 1',
        TG_TABLE_SCHEMA
      ) USING tenant;
    END IF;
  END LOOP;
  PERFORM set_config('recsub.read_version_tenant_tx', seen, true);
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER tenants_read_version_tenant AFTER INSERT OR UPDATE OR DELETE ON tenants
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_read_version_tenant('id');
CREATE CONSTRAINT TRIGGER vendor_connections_read_version_tenant AFTER INSERT OR UPDATE OR DELETE ON vendor_connections
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_read_version_tenant('tenant_id');
CREATE CONSTRAINT TRIGGER recording_policies_read_version_tenant AFTER INSERT OR UPDATE OR DELETE ON recording_policies
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_read_version_tenant('tenant_id');
`,
};
