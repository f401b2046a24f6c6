import pg from 'pg';

/**
 * The other writer of issue 18's churn rows, on the PostgreSQL server: a process of its own (as another replica or a
 * worker would be), so that it competes with the service for neither its event loop nor its pool. It commits no-op
 * updates (`SET name = name`: a committed write that moves the read versions, nothing a reader sees changes) to the
 * given policies in turn, paced by a clock that catches up: every tick sends as many commits as are due since the
 * start (at most MAX_IN_FLIGHT at once, over as many sessions), so a slow commit is made up for by the next ticks
 * instead of lost, and the rate is the one asked for whenever commits take less than MAX_IN_FLIGHT / rate seconds.
 * A backlog of more than one second's commits is dropped (the rate reached is what the rows report).
 *
 * Commits into one tenant queue on its read-version rows (deferred triggers, held until the commit is flushed), so
 * several sessions do not make them concurrent; they make the next one wait inside the server instead of behind a
 * client round trip.
 *
 * Environment: CHURN_URL, CHURN_SCHEMA, CHURN_IDS (comma-separated policy ids), CHURN_RATE (commits per second).
 * Sends { commits } to its parent every 100 ms and on 'stop', after the commits in flight.
 */
const MAX_IN_FLIGHT = 4;

async function main(): Promise<void> {
  const rate = Number(process.env.CHURN_RATE);
  const ids = String(process.env.CHURN_IDS).split(',');
  const pool = new pg.Pool({
    connectionString: process.env.CHURN_URL,
    options: `-c search_path=${process.env.CHURN_SCHEMA}`,
    max: MAX_IN_FLIGHT,
  });
  pool.on('error', () => undefined);
  // Open the sessions before the clock starts.
  await Promise.all(Array.from({ length: MAX_IN_FLIGHT }, () => pool.query('SELECT 1')));
  let commits = 0;
  let sent = 0;
  let inFlight = 0;
  let next = 0;
  const started = performance.now();
  let base = 0;
  const pending = new Set<Promise<unknown>>();
  const tick = () => {
    let due = Math.floor(((performance.now() - started) / 1000) * rate) - base - sent;
    if (due > rate) {
      base += due - 1;
      due = 1;
    }
    while (due-- > 0 && inFlight < MAX_IN_FLIGHT) {
      inFlight++;
      sent++;
      const id = ids[next++ % ids.length];
      const p = pool.query('UPDATE recording_policies SET name = name WHERE id = $1', [id]).then(
        () => {
          commits++;
        },
        () => undefined,
      );
      pending.add(p);
      void p.finally(() => {
        inFlight--;
        pending.delete(p);
      });
    }
  };
  const timer = setInterval(tick, 2);
  const report = setInterval(() => process.send?.({ commits }), 100);
  process.on('message', async (m: { type?: string }) => {
    if (m?.type !== 'stop') return;
    clearInterval(timer);
    clearInterval(report);
    await Promise.all(pending);
    process.send?.({ commits }, () => {
      void pool.end().finally(() => process.exit(0));
    });
  });
  process.send?.({ ready: true });
}

void main().catch((e) => {
  process.stderr.write(`churn writer: ${(e as Error).message}\n`);
  process.exit(1);
});
