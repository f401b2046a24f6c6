import type { Migration } from './types';

/**
 * The read cache's version (issue 9, src/store/read-cache.ts): one counter that every committed change to tenants,
 * vendor connections or recording policies moves forward, whoever made it (any replica, a worker, an operator
 * with psql). A reader that finds the counter where it was when it cached rows knows those rows are still what the
 * tables hold.
 *
 * The triggers are deferred constraint triggers, so the counter is taken at COMMIT, after every other lock the
 * transaction holds: writers only queue on it for the instant of their commit and can never deadlock on it. A
 * transaction moves it once however many rows it changed (a transaction-local setting remembers that it did).
 * The function names the counter through the changed table's schema, so one database can hold several schemas.
 */
export const migration: Migration = {
  id: '0006_read_version',
  sql: `
CREATE TABLE read_version (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  version bigint NOT NULL
);
INSERT INTO read_version (id, version) VALUES (true, 1);

CREATE FUNCTION bump_read_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tx text := txid_current()::text || '.' || TG_TABLE_SCHEMA;
BEGIN
  IF current_setting('recsub.read_version_tx', true) IS NOT DISTINCT FROM tx THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('recsub.read_version_tx', tx, true);
  EXECUTE format('UPDATE %I.read_version SET version = version + 1', TG_TABLE_SCHEMA);
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER tenants_read_version AFTER INSERT OR UPDATE OR DELETE ON tenants
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_read_version();
CREATE CONSTRAINT TRIGGER vendor_connections_read_version AFTER INSERT OR UPDATE OR DELETE ON vendor_connections
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_read_version();
CREATE CONSTRAINT TRIGGER recording_policies_read_version AFTER INSERT OR UPDATE OR DELETE ON recording_policies
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_read_version();
`,
};
