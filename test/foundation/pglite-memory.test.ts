import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';
import { openDatabase } from '../../src/store/db';
import { MIGRATIONS } from '../../src/store/migrations';

/**
 * The embedded database's memory (issue 18, item 6): PostgreSQL's default shared_buffers (128MB) were held by the
 * process from its first second, so PGlite starts with 16MB unless PGLITE_SHARED_BUFFERS says otherwise; and a new
 * DATA_DIR is a copy of the build's migrated template directory (not a tarball PGlite would keep in memory).
 * Embedded PGlite on both test runs: these settings do not exist on a PostgreSQL server.
 */
describe('embedded PGlite memory settings', () => {
  const dev = (env: Record<string, string>) => loadConfig({ NODE_ENV: 'development', DATA_DIR: mkdtempSync(join(tmpdir(), 'recsub-cfg-')), ...env });

  it('defaults shared_buffers to 16MB and takes PGLITE_SHARED_BUFFERS; a bad size is a configuration problem', () => {
    assert.equal(dev({}).pgliteSharedBuffers, '16MB');
    assert.equal(dev({ PGLITE_SHARED_BUFFERS: '64MB' }).pgliteSharedBuffers, '64MB');
    assert.throws(
      () => dev({ PGLITE_SHARED_BUFFERS: 'lots' }),
      (e: unknown) => e instanceof ConfigError && /PGLITE_SHARED_BUFFERS must be a size such as 16MB/.test(e.message),
    );
  });

  it('starts a new data directory from the template copy with the configured shared_buffers, and reopens it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'recsub-pgmem-'));
    const started = new Date();
    try {
      const first = await openDatabase({ dataDir, pgliteSharedBuffers: '24MB' });
      try {
        const [row] = await first.rawQuery<{ shared_buffers: string }>('SHOW shared_buffers');
        assert.equal(row!.shared_buffers, '24MB');
        // The build migrated the template (npm run build): every migration was recorded before this test began.
        const applied = await first.rawQuery<{ id: string; applied_at: Date | string }>('SELECT id, applied_at FROM schema_migrations');
        assert.deepEqual(applied.map((m) => m.id).sort(), MIGRATIONS.map((m) => m.id).sort());
        assert.ok(
          applied.every((m) => new Date(m.applied_at) < started),
          'the migrations came with the template copy, not run at this start',
        );
        await first.rawQuery(`INSERT INTO tenants (id, name) VALUES ('t-mem', 'kept')`);
      } finally {
        await first.close();
      }
      assert.deepEqual(
        readdirSync(dataDir).filter((f) => f.startsWith('pgdata')),
        ['pgdata'],
        'the copy was renamed into place, nothing half-copied is left',
      );
      assert.ok(existsSync(join(dataDir, 'pgdata', 'PG_VERSION')));
      const again = await openDatabase({ dataDir });
      try {
        assert.equal((await again.rawQuery<{ shared_buffers: string }>('SHOW shared_buffers'))[0]!.shared_buffers, '16MB');
        assert.deepEqual(await again.rawQuery(`SELECT name FROM tenants WHERE id = 't-mem'`), [{ name: 'kept' }]);
      } finally {
        await again.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
