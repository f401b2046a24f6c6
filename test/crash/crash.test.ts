import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runCrash, type CrashOptions } from './harness';

/**
 * Crash consistency (issue 14 point 6): the real service, SIGKILLed at seeded random moments under a mixed workload
 * while the vendors misbehave. Short in CI; longer with CRASH_KILLS=50 (and CRASH_SEED=<n> to replay a run: the seed
 * is printed first). On PGlite one replica (the embedded database is one process's); on PostgreSQL (DATABASE_URL)
 * two replicas on one database.
 */
const seed = process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) : Math.floor(Math.random() * 2 ** 31);
const kills = Number(process.env.CRASH_KILLS ?? (process.env.DATABASE_URL ? 6 : 4));
const log = (line: string) => process.stdout.write(`${line}\n`);

describe(`crash consistency (seed ${seed}, ${kills} kills)`, () => {
  it(`survives ${kills} SIGKILLs on ${process.env.DATABASE_URL ? 'PostgreSQL, two replicas' : 'PGlite, one replica'}`, {
    timeout: 30 * 60_000,
  }, async () => {
    const opts: CrashOptions = {
      database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
      replicas: process.env.DATABASE_URL ? 2 : 1,
      kills,
      seed,
      people: 200,
      rolloutPeople: Number(process.env.CRASH_PEOPLE ?? 120),
      policies: 4,
      calls: Math.max(12, kills * 3),
      log,
    };
    log(`CRASH_SEED=${seed} CRASH_KILLS=${kills} (replay with these)`);
    const report = await runCrash(opts);
    log(
      `kills: ${report.kills}, restarts: ${report.restarts}, faults injected: ${report.faults}, requests answered ${report.requests.ok} / refused or cut ${report.requests.failed}`,
    );
    log(`figures: ${JSON.stringify(report.figures)}`);
    for (const inv of report.invariants) log(`invariant ${inv.ok ? 'HOLDS' : 'BROKEN'}: ${inv.name}: ${inv.detail}`);
    assert.equal(report.kills, kills, 'every planned kill happened');
    assert.deepEqual(
      report.invariants.filter((i) => !i.ok).map((i) => `${i.name}: ${i.detail}`),
      [],
    );
  });
});
