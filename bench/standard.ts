/**
 * Company standard benchmark (issue 17): how long, and how many vendor requests, it takes to bring every person of
 * a 5,000-person Webex org under a new recording standard: compile (directory walk, policies written), the
 * roll-outs at the vendor's rate, and the roll-out outcomes settled into compliance by a reconcile run.
 *
 *   npm run build && node dist/bench/standard.js
 *   BENCH_PEOPLE=5000 BENCH_RATE=200 DATABASE_URL=postgres://...
 */
import { DEMO_TENANT_ID, Store, startReplica, waitFor } from '../test/rollout/helpers';
import { RemoteWebex } from '../test/rollout/webex-process';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 5000);
const RATE = Number(process.env.BENCH_RATE ?? 200);

const SAVE = `mutation($input: SaveRecordingStandardInput!) { saveRecordingStandard(input: $input) { standard { id } } }`;
const APPLY = `mutation($input: ApplyRecordingStandardInput!) { applyRecordingStandard(input: $input) { compiled { status scopes changed rolloutIds } } }`;
const COMPLIANCE = `query($t: ID!) { recordingStandard(tenantId: $t) { compliance { totals { conforming drifted failed pending ungoverned } } } }`;

async function main(): Promise<void> {
  const webex = await RemoteWebex.start({ people: PEOPLE, requestsPerSecond: RATE, burst: RATE });
  const store = new Store();
  const r = await startReplica(store, webex, { ratePerSecond: RATE, env: { RECONCILE_INTERVAL_SECONDS: '5', JOB_POLL_SECONDS: '1' } });
  try {
    const counts = async () => {
      const c = await (webex as unknown as { call(m: string): Promise<{ total: number; byMethod: Record<string, number> }> }).call('counts');
      return { total: c.total, writes: (c.byMethod.PUT ?? 0) + (c.byMethod.POST ?? 0) };
    };
    const saved = await r.gql(SAVE, {
      input: {
        tenantId: DEMO_TENANT_ID,
        name: 'Bench standard',
        mode: 'ENFORCE',
        rules: { mode: 'ALWAYS_WITH_PAUSE_RESUME', startStopAnnouncement: { enabled: true, externalCalls: true } },
        exceptions: [{ name: 'Legal', people: [{ email: 'user00007@sandbox.example.com' }] }],
      },
    });
    if (saved.errors) throw new Error(JSON.stringify(saved.errors));
    const before = await counts();
    const t0 = Date.now();
    const applied = await r.gql(APPLY, { input: { id: saved.data.saveRecordingStandard.standard.id } });
    if (applied.errors) throw new Error(JSON.stringify(applied.errors));
    const compiledMs = Date.now() - t0;
    const end = await waitFor(
      'every person conforming',
      async () => (await r.gql(COMPLIANCE, { t: DEMO_TENANT_ID })).data.recordingStandard.compliance.totals,
      (x: { conforming: number }) => x.conforming >= PEOPLE,
      3_600_000,
      500,
    );
    const ms = Date.now() - t0;
    const after = await counts();
    const requests = after.total - before.total;
    process.stdout.write(
      `${JSON.stringify(
        {
          people: PEOPLE,
          allowedRatePerSecond: RATE,
          compile: applied.data.applyRecordingStandard.compiled,
          compileMs: compiledMs,
          toConformingMs: ms,
          vendorRequests: requests,
          vendorWrites: after.writes - before.writes,
          requestsPerPerson: Math.round((requests / PEOPLE) * 100) / 100,
          totals: end,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await r.close();
    await store.drop();
    await webex.close();
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
