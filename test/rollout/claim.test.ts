import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ok, startTestApp, type TestApp } from '../helpers/app';

const server = !!process.env.DATABASE_URL;

/**
 * A job claims a bounded batch (its lanes' worth), however the planner joins the claim. The first claim of a roll-out
 * meets a table the planner has no statistics for; planned as a nested loop with the SKIP LOCKED selection on the
 * inner side, the selection ran again for every outer row, and each run locked the next people: one job was seen
 * holding 60-76 people (a whole directory page of 100 in one statement) with 8 lanes.
 */
describe(`roll-out claims are bounded (${server ? 'PostgreSQL server' : 'embedded database'})`, () => {
  let t: TestApp;
  let tenantId: string;
  let connectionId: string;
  before(async () => {
    t = await startTestApp({ env: { WORKERS: 'false', LOG_LEVEL: 'silent' } });
    tenantId = ok(await t.gql(`mutation { createTenant(input: { name: "Claims" }) { tenant { id } } }`)).createTenant.tenant.id;
    connectionId = ok(
      await t.gql(`mutation($input: ConnectVendorInput!) { connectVendor(input: $input) { connection { id } } }`, {
        input: {
          tenantId,
          vendor: 'WEBEX',
          name: 'Webex',
          baseUrl: 'http://127.0.0.1:9/v1',
          credentials: [{ name: 'accessToken', value: 'x' }],
        },
      }),
    ).connectVendor.connection.id;
  });
  after(async () => {
    await t?.close();
  });

  const newRollout = async () => {
    const { stores } = t.app.services;
    const id = randomUUID();
    await stores.db.transaction((tx) =>
      stores.rollouts.insert(tx, {
        id,
        tenantId,
        connectionId,
        name: 'claims',
        rules: { mode: 'ALWAYS' },
        scope: { all: true },
        status: 'RUNNING',
        ratePerSecond: 5,
        listed: false,
        total: 0,
        createdBy: 'tester',
      }),
    );
    return id;
  };
  const page = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ personId: `person-${from + i}`, seq: from + i }));

  it('each claim answers at most n people, each once, in directory order, while the directory is still being listed', async () => {
    const { stores } = t.app.services;
    const id = await newRollout();
    const LANES = 8;
    const claimed: string[] = [];
    const sizes: number[] = [];
    // As a listing job does: a page of 100 arrives, lanes claim; the next page arrives while people are claimed.
    for (let p = 0; p < 3; p++) {
      await stores.rollouts.insertItems(stores.db, id, page(p * 100, 100));
      for (let c = 0; c < 3; c++) {
        const got = await stores.rollouts.claim(id, `job-${c % 2}`, LANES, 10_000);
        sizes.push(got.length);
        claimed.push(...got.map((g) => g.personId));
      }
    }
    assert.deepEqual(sizes, Array(9).fill(LANES), `claim sizes ${sizes.join(', ')}`);
    assert.equal(new Set(claimed).size, claimed.length, 'nobody claimed twice');
    assert.deepEqual(
      claimed.slice(0, LANES),
      page(0, LANES).map((x) => x.personId),
      'directory order',
    );
    const rows = await t.app.database.rawQuery<{ n: number }>(
      'SELECT count(*)::int AS n FROM policy_rollout_items WHERE rollout_id = $1 AND lease_owner IS NOT NULL',
      [id],
    );
    assert.equal(rows[0]!.n, claimed.length, 'the database holds exactly the claims answered');
  });
});
