import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { getNamedType, isUnionType } from 'graphql';
import { errorOf, ok, startTestApp, type GqlResult, type TestApp } from '../helpers/app';
import { collect, wsClient } from '../helpers/ws';
import { buildRecordingSchema } from '../../src/graphql/schema';
import { DEMO_CONNECTION_IDS, DEMO_TENANT_ID } from '../../src/sandbox/demo-tenant';
import { databaseState, documentFor, rootFields, type RootKind } from './helpers';

/**
 * The isolation matrix (issue 8, 4a): every root field of the schema, called with tenant A's token on tenant B's
 * objects, answers NOT_FOUND or nothing, shows none of B's data, and changes no row of any table. The list of
 * operations comes from the schema: an operation added without a case here fails the first test.
 */

interface World {
  b: {
    tenant: string;
    megafon: string;
    webex: string;
    signalwire: string;
    bitrix: string;
    policy: string;
    liveRunning: string;
    liveStopped: string;
    rollout: string;
    crmCallId: string;
    standard: string;
  };
  a: { tenant: string; bitrix: string; signalwire: string };
  newCallSid: () => string;
}

interface Case {
  args: (w: World) => Record<string, unknown>;
  /** Codes that are a correct refusal here besides NOT_FOUND (creating a tenant needs an operator). */
  allow?: string[];
  /** The operation returns the caller's own data (e.g. tenants): only the absence of B's data is checked. */
  own?: boolean;
}

const MARK = `B-ONLY-${randomUUID().slice(0, 8)}`;
const RULES = { mode: 'ALWAYS', calls: { internal: true, external: true } };
const WEBEX_RULES = { mode: 'ALWAYS', calls: { voicemail: true } };
const byId = (pick: (w: World) => string): Case[] => [{ args: (w) => ({ id: pick(w) }) }];
/** A mutation's one argument: `input: { id }`. */
const byInputId = (pick: (w: World) => string): Case[] => [{ args: (w) => ({ input: { id: pick(w) } }) }];
const byTenant = (extra: (w: World) => Record<string, unknown> = () => ({})): Case[] => [
  { args: (w) => ({ tenantId: w.b.tenant, first: 100, ...extra(w) }) },
];

const CASES: Record<string, Case[]> = {
  // Queries
  viewer: [{ args: () => ({}), own: true }],
  vendors: [{ args: () => ({}), own: true }],
  _service: [{ args: () => ({}), own: true }],
  tenants: [{ args: () => ({ first: 100 }), own: true }],
  tenant: byId((w) => w.b.tenant),
  vendorConnection: byId((w) => w.b.megafon),
  vendorConnections: byTenant(),
  recordingPolicy: byId((w) => w.b.policy),
  recordingPolicies: [...byTenant(), { args: (w) => ({ tenantId: w.a.tenant, connectionId: w.b.megafon }), own: true }],
  liveRecording: byId((w) => w.b.liveRunning),
  liveRecordings: [...byTenant(), { args: (w) => ({ tenantId: w.a.tenant, connectionId: w.b.signalwire }), own: true }],
  attachments: [...byTenant(), { args: (w) => ({ tenantId: w.b.tenant, crmCallId: w.b.crmCallId }) }],
  auditLog: [...byTenant(), { args: (w) => ({ tenantId: w.a.tenant, targetId: w.b.policy, first: 100 }), own: true }],
  policyRollout: byId((w) => w.b.rollout),
  policyRollouts: byTenant(),
  driftReport: byTenant(),
  // _entities is expanded per entity type below.
  // Mutations
  createTenant: [{ args: () => ({ input: { name: 'A creates a tenant' } }), allow: ['FORBIDDEN'] }],
  renameTenant: [{ args: (w) => ({ input: { id: w.b.tenant, name: 'renamed by A' } }) }],
  deleteTenant: byInputId((w) => w.b.tenant),
  connectVendor: [
    {
      args: (w) => ({
        input: {
          tenantId: w.b.tenant,
          vendor: 'MEGAFON',
          name: 'A in B',
          baseUrl: 'https://simple-api.cp.megafon.ru',
          credentials: [{ name: 'token', value: 'a-token' }],
        },
      }),
    },
  ],
  updateVendorConnection: [
    { args: (w) => ({ input: { id: w.b.megafon, name: 'renamed by A' } }) },
    { args: (w) => ({ input: { id: w.b.megafon, credentials: [{ name: 'token', value: 'replaced-by-a' }] } }) },
  ],
  removeVendorConnection: byInputId((w) => w.b.megafon),
  testVendorConnection: byInputId((w) => w.b.megafon),
  createRecordingPolicy: [
    { args: (w) => ({ input: { connectionId: w.b.megafon, name: 'A policy', scope: { kind: 'SETTINGS_RECORD', id: '52' }, rules: RULES } }) },
  ],
  updateRecordingPolicy: [{ args: (w) => ({ input: { id: w.b.policy, expectedVersion: 1, name: 'changed by A', rules: { mode: 'NEVER' } } }) }],
  retrySync: byInputId((w) => w.b.policy),
  previewRecordingPolicy: [
    { args: (w) => ({ input: { policyId: w.b.policy } }) },
    { args: (w) => ({ input: { connectionId: w.b.megafon, scope: { kind: 'SETTINGS_RECORD', id: '51' }, rules: RULES } }) },
  ],
  reconcileRecordingPolicy: byInputId((w) => w.b.policy),
  deleteRecordingPolicy: byInputId((w) => w.b.policy),
  startLiveRecording: [{ args: (w) => ({ input: { connectionId: w.b.signalwire, callId: w.newCallSid() } }) }],
  pauseLiveRecording: [{ args: (w) => ({ input: { id: w.b.liveRunning, behavior: 'SKIP' } }) }],
  resumeLiveRecording: byInputId((w) => w.b.liveRunning),
  stopLiveRecording: byInputId((w) => w.b.liveRunning),
  refreshLiveRecording: byInputId((w) => w.b.liveRunning),
  attachRecording: [
    {
      args: (w) => ({
        input: { connectionId: w.b.bitrix, crmCallId: w.b.crmCallId, fileName: 'a.mp3', contentBase64: Buffer.from('ID3 a').toString('base64') },
      }),
    },
    // A's own CRM connection, B's recording: the recording must stay out of reach.
    { args: (w) => ({ input: { connectionId: w.a.bitrix, crmCallId: w.b.crmCallId, fileName: 'a.wav', liveRecordingId: w.b.liveStopped } }) },
  ],
  startPolicyRollout: [
    { args: (w) => ({ input: { connectionId: w.b.webex, name: 'A rollout', rules: WEBEX_RULES, scope: { all: true } } }) },
    { args: (w) => ({ input: { connectionId: w.b.webex, name: 'A dry run', rules: WEBEX_RULES, scope: { all: true }, dryRun: true } }) },
  ],
  pausePolicyRollout: byInputId((w) => w.b.rollout),
  resumePolicyRollout: byInputId((w) => w.b.rollout),
  cancelPolicyRollout: byInputId((w) => w.b.rollout),
  retryFailedRolloutPeople: [{ args: (w) => ({ input: { rolloutId: w.b.rollout } }) }],
  recordingStandard: [{ args: (w) => ({ tenantId: w.b.tenant }) }],
  recordingStandardPreview: byId((w) => w.b.standard),
  recordingStandardDraftPreview: [{ args: (w) => ({ input: { tenantId: w.b.tenant, rules: RULES } }) }],
  saveRecordingStandard: [
    { args: (w) => ({ input: { tenantId: w.b.tenant, expectedVersion: 1, name: 'changed by A', mode: 'ENFORCE', rules: RULES } }) },
    { args: (w) => ({ input: { tenantId: w.b.tenant, name: 'created by A', mode: 'ENFORCE', rules: RULES } }) },
  ],
  applyRecordingStandard: [{ args: (w) => ({ input: { id: w.b.standard } }) }],
  recordingStandardComplianceChanged: [{ args: (w) => ({ tenantId: w.b.tenant }) }],
  // Subscriptions
  liveRecordingChanged: [{ args: (w) => ({ tenantId: w.b.tenant }) }],
  policyRolloutProgress: byId((w) => w.b.rollout),
  recordingPolicyDrifted: [{ args: (w) => ({ tenantId: w.b.tenant }) }],
};

/** `null`: a reference-only entity (`resolvable: false`, owned by another subgraph) that holds no tenant data. */
const ENTITY_CASES: Record<string, ((w: World) => string) | null> = {
  User: null,
  PolicyRollout: (w) => w.b.rollout,
  Tenant: (w) => w.b.tenant,
  VendorConnection: (w) => w.b.megafon,
  RecordingPolicy: (w) => w.b.policy,
  RecordingStandard: (w) => w.b.standard,
  LiveRecording: (w) => w.b.liveRunning,
};

/** Refused (NOT_FOUND, or an allowed code) or empty: null, a list of nulls, or a page with no nodes. */
function isolated(r: GqlResult, field: string, c: Case): string | null {
  if (r.errors?.length) {
    const codes = r.errors.map((e) => e.extensions?.code);
    return codes.every((code) => code === 'NOT_FOUND' || c.allow?.includes(code))
      ? null
      : `codes ${JSON.stringify(codes)}: ${JSON.stringify(r.errors)}`;
  }
  if (c.own) return null;
  const v = r.data?.[field];
  if (v === null || v === undefined) return null;
  if (Array.isArray(v) && v.every((x) => x === null)) return null;
  // A page or report: every list it holds is empty.
  const lists = Object.values(v as Record<string, unknown>).filter(Array.isArray);
  if (typeof v === 'object' && lists.length > 0 && lists.every((l) => l.length === 0)) return null;
  return `answered ${JSON.stringify(v).slice(0, 300)}`;
}

describe('tenant isolation matrix', () => {
  let t: TestApp;
  let w: World;
  let tokenA: string;
  let fields: ReturnType<typeof rootFields>;
  let entityTypes: string[];
  let tried = 0;

  before(async () => {
    t = await startTestApp({ env: { SANDBOX: 'true', SANDBOX_WEBEX_PEOPLE: '20' } });
    const { schema } = await buildRecordingSchema();
    fields = rootFields(schema);
    const entities = schema.getType('_Entity');
    entityTypes = entities && isUnionType(entities) ? entities.getTypes().map((x) => x.name) : [];
    const sandbox = t.app.sandbox!;

    // Tenant B: the demo tenant, with one of everything, named so a leak is visible.
    const B = DEMO_TENANT_ID;
    ok(
      await t.gql(`mutation($input: RenameTenantInput!) { renameTenant(input: $input) { tenant { id } } }`, {
        input: { id: B, name: `${MARK} tenant` },
      }),
    );
    ok(
      await t.gql(`mutation($input: UpdateVendorConnectionInput!) { updateVendorConnection(input: $input) { connection { id } } }`, {
        input: { id: DEMO_CONNECTION_IDS.megafon, name: `${MARK} megafon` },
      }),
    );
    const policy = ok(
      await t.gql(
        `mutation($input: CreateRecordingPolicyInput!) { createRecordingPolicy(input: $input) { policy { id version } sync { status } } }`,
        {
          input: { connectionId: DEMO_CONNECTION_IDS.megafon, name: `${MARK} policy`, scope: { kind: 'SETTINGS_RECORD', id: '52' }, rules: RULES },
        },
      ),
    ).createRecordingPolicy;
    assert.equal(policy.sync.status, 'IN_SYNC');
    const START = `mutation($input: StartLiveRecordingInput!) { startLiveRecording(input: $input) { liveRecording { id } } }`;
    const liveRunning = ok(
      await t.gql(START, { input: { connectionId: DEMO_CONNECTION_IDS.signalwire, callId: sandbox.signalwire.createCall().sid } }),
    ).startLiveRecording.liveRecording.id;
    const liveStopped = ok(
      await t.gql(START, { input: { connectionId: DEMO_CONNECTION_IDS.signalwire, callId: sandbox.signalwire.createCall().sid } }),
    ).startLiveRecording.liveRecording.id;
    ok(await t.gql(`mutation($id: ID!) { stopLiveRecording(input: { id: $id }) { liveRecording { id } } }`, { id: liveStopped }));
    const crmCallId = sandbox.bitrix24.seedFinishedCall().CALL_ID;
    ok(
      await t.gql(`mutation($input: AttachRecordingInput!) { attachRecording(input: $input) { attachment { id } } }`, {
        input: {
          connectionId: DEMO_CONNECTION_IDS.bitrix24,
          crmCallId,
          fileName: `${MARK}.mp3`,
          contentBase64: Buffer.from('ID3 b').toString('base64'),
        },
      }),
    );
    const rollout = ok(
      await t.gql(`mutation($input: StartPolicyRolloutInput!) { startPolicyRollout(input: $input) { rollout { id } } }`, {
        input: {
          connectionId: DEMO_CONNECTION_IDS.webex,
          name: `${MARK} rollout`,
          rules: WEBEX_RULES,
          scope: { personIds: [sandbox.webex.personId(1)] },
        },
      }),
    ).startPolicyRollout.rollout.id;
    // Let the roll-out finish, so no background work changes rows while the matrix runs.
    for (let i = 0; i < 300; i++) {
      const s = ok(await t.gql(`query($id: ID!) { policyRollout(id: $id) { status } }`, { id: rollout })).policyRollout.status;
      if (!['PENDING', 'RUNNING', 'QUEUED'].includes(s)) break;
      await new Promise((r) => setTimeout(r, 100));
    }

    // Tenant A: its own tenant and CRM connection, and a token for it alone (every scope).
    const A = ok(await t.gql(`mutation { createTenant(input: { name: "Tenant A" }) { tenant { id } } }`)).createTenant.tenant.id;
    const spec = (key: string) => sandbox.connections.find((c) => c.key === key)!;
    const connectA = async (key: string) =>
      ok(
        await t.gql(`mutation($input: ConnectVendorInput!) { connectVendor(input: $input) { connection { id } } }`, {
          input: {
            tenantId: A,
            vendor: spec(key).vendor,
            name: `A ${key}`,
            baseUrl: spec(key).baseUrl,
            settings: spec(key).settings,
            credentials: spec(key).credentials,
          },
        }),
      ).connectVendor.connection.id as string;
    w = {
      b: {
        tenant: B,
        megafon: DEMO_CONNECTION_IDS.megafon!,
        webex: DEMO_CONNECTION_IDS.webex!,
        signalwire: DEMO_CONNECTION_IDS.signalwire!,
        bitrix: DEMO_CONNECTION_IDS.bitrix24!,
        policy: policy.policy.id,
        liveRunning,
        liveStopped,
        rollout,
        crmCallId,
        // The sandbox seeds the demo tenant's company standard.
        standard: ok(await t.gql(`query($t: ID!) { recordingStandard(tenantId: $t) { id } }`, { t: B })).recordingStandard.id,
      },
      a: { tenant: A, bitrix: await connectA('bitrix24'), signalwire: await connectA('signalwire') },
      newCallSid: () => sandbox.signalwire.createCall().sid,
    };
    tokenA = await t.token({ sub: 'tenant-a-user', tenants: [A] });
  });
  after(async () => {
    t.app.logger.info({ tried }, 'isolation cases tried');
    await t.close();
  });

  it('has a case for every query, mutation and subscription in the schema, and for every entity type', () => {
    const missing = fields.map((f) => f.field.name).filter((n) => n !== '_entities' && !CASES[n]);
    assert.deepEqual(missing, [], 'operations without an isolation case: add them to CASES');
    assert.deepEqual(
      entityTypes.filter((n) => !(n in ENTITY_CASES)),
      [],
      'entity types without an isolation case',
    );
    assert.deepEqual(
      Object.keys(CASES).filter((n) => !fields.some((f) => f.field.name === n)),
      [],
      'cases for operations that no longer exist',
    );
  });

  it("answers NOT_FOUND or nothing for B's objects, shows none of B's data, and changes no row", async (ctx) => {
    const baseline = await databaseState(t);
    const failures: string[] = [];
    const check = async (label: string, run: () => Promise<string | null>) => {
      tried++;
      const problem = await run();
      if (problem) failures.push(`${label}: ${problem}`);
      const now = await databaseState(t);
      for (const [table, s] of Object.entries(now)) {
        const was = baseline[table];
        if (!was || was.digest !== s.digest) failures.push(`${label}: changed table ${table} (${was?.rows} -> ${s.rows} rows)`);
      }
    };
    for (const { kind, field } of fields) {
      if (field.name === '_entities') continue;
      for (const [i, c] of (CASES[field.name] ?? []).entries()) {
        const label = `${kind} ${field.name} #${i + 1}`;
        const variables = c.args(w);
        const doc = documentFor(kind as RootKind, field, variables);
        if (kind === 'subscription') {
          await check(label, async () => {
            const client = wsClient(t.app.graphqlUrl, tokenA);
            try {
              const sub = collect(client, doc, variables);
              await sub.until((r) => r.length > 0 || sub.complete || sub.error !== undefined, 5_000).catch(() => undefined);
              sub.stop();
              const text = JSON.stringify(sub.error ?? sub.results);
              if (text.includes(MARK)) return `leaked: ${text.slice(0, 300)}`;
              return /NOT_FOUND/.test(text) ? null : `not refused: ${text.slice(0, 300)}`;
            } finally {
              await client.dispose();
            }
          });
          continue;
        }
        await check(label, async () => {
          const r = await t.gql(doc, variables, { token: tokenA });
          const text = JSON.stringify({ data: r.data, errors: r.errors });
          if (text.includes(MARK)) return `leaked B's data: ${text.slice(0, 300)}`;
          return isolated(r, field.name, c);
        });
      }
    }
    const entitiesField = fields.find((f) => f.field.name === '_entities')!.field;
    for (const type of entityTypes) {
      await check(`_entities ${type}`, async () => {
        const pick = ENTITY_CASES[type];
        const variables = { representations: [{ __typename: type, id: pick ? pick(w) : 'someone' }] };
        const r = await t.gql(documentFor('query', entitiesField, variables), variables, { token: tokenA });
        if (JSON.stringify(r).includes(MARK)) return 'leaked';
        if (!pick) return null;
        return JSON.stringify(ok(r)._entities) === '[null]' ? null : `answered ${JSON.stringify(r.data)}`;
      });
    }
    assert.deepEqual(failures, []);
    const operations = fields.length - 1 + entityTypes.length;
    ctx.diagnostic(
      `isolation matrix: ${operations} operations (${fields.length - 1} root fields + ${entityTypes.length} entity types), ${tried} cases`,
    );
    assert.ok(tried >= operations, `${tried} cases over ${operations} operations`);
  });

  it("B's objects are intact and B still sees them", async () => {
    const data = ok(
      await t.gql(`query($id: ID!, $p: ID!) { tenant(id: $id) { name connections { id name } } recordingPolicy(id: $p) { name version } }`, {
        id: w.b.tenant,
        p: w.b.policy,
      }),
    );
    assert.equal(data.tenant.name, `${MARK} tenant`);
    assert.equal(data.recordingPolicy.version, 1);
    assert.ok(data.tenant.connections.some((c: { name: string }) => c.name === `${MARK} megafon`));
    const live = ok(await t.gql(`query($id: ID!) { liveRecording(id: $id) { status } }`, { id: w.b.liveRunning })).liveRecording;
    assert.equal(live.status, 'IN_PROGRESS');
    // The tenants listing shows A only.
    const listed = ok(await t.gql(`{ tenants(first: 100) { nodes { id } } }`, {}, { token: tokenA })).tenants.nodes;
    assert.deepEqual(
      listed.map((n: { id: string }) => n.id),
      [w.a.tenant],
    );
    assert.equal(errorOf(await t.gql(`query($id: ID!) { tenant(id: $id) { id } }`, { id: w.b.tenant }, { token: tokenA })).code, 'NOT_FOUND');
  });
});
