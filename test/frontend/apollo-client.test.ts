import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ApolloClient, HttpLink, InMemoryCache, type TypedDocumentNode } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { DEMO_CONNECTION_IDS, DEMO_TENANT_ID } from '../../src/sandbox/demo-tenant';
import { auditLog } from '../../src/store/schema';
import { startTestApp, type TestApp } from '../helpers/app';
import { seedTenants } from '../helpers/seed';
import {
  AuditLogDocument,
  CancelPolicyRolloutDocument,
  DashboardDocument,
  DriftReportDocument,
  LiveRecordingsDocument,
  PauseLiveRecordingDocument,
  PolicyRolloutDocument,
  RecordingPoliciesDocument,
  StartLiveRecordingDocument,
  StartPolicyRolloutDocument,
  UpdateRecordingPolicyDocument,
  type AuditAction,
  type ErrorCode,
  type RecordingPoliciesQueryVariables,
  type SyncStatus,
} from '../generated/graphql/graphql';

/** Never called: it only has to compile. Codegen types closed sets as enums, so a typo is a compile error. */
export function enumsAreTyped(): void {
  // @ts-expect-error 'SYNCED' is not a SyncStatus
  const status: SyncStatus = 'SYNCED';
  // @ts-expect-error audit actions are enum values, not the stored "policy.update"
  const action: AuditAction = 'policy.update';
  // @ts-expect-error 'VENDOR_DOWN' is not an ErrorCode
  const code: ErrorCode = 'VENDOR_DOWN';
  // @ts-expect-error a list filter takes the enum too
  const vars: RecordingPoliciesQueryVariables = { tenantId: 'x', syncStatus: 'in_sync' };
  void [status, action, code, vars];
}

/**
 * Apollo Client 4, as a frontend team would set it up: a normalized InMemoryCache and relayStylePagination on every
 * list of schema/operations/, against the running service. Lists are paged to their end through the cache; mutations
 * update the cached lists from their payloads, with no refetch (requests are counted).
 */
describe('Apollo Client with relayStylePagination against the service', () => {
  let t: TestApp;
  let client: ApolloClient;
  let requests = 0;
  let seeded: Awaited<ReturnType<typeof seedTenants>>;
  let policyTenant: string;

  before(async () => {
    // A slow roll-out pace, so the roll-out is still running when the test cancels it.
    t = await startTestApp({ env: { SANDBOX: 'true', SANDBOX_WEBEX_PEOPLE: '60', ROLLOUT_RATE_PER_SECOND: '2' } });
    seeded = await seedTenants(t.app, 110, { prefix: 'Apollo' });
    const many = await seedTenants(t.app, 1, { policiesPerConnection: 120, prefix: 'Many policies' });
    policyTenant = many.tenants[0]!.id;
    // 130 audit entries on one tenant, as the service writes them (a closed action, a closed target type).
    const at = Date.now() - 60_000;
    await t.app.database.db.insert(auditLog).values(
      Array.from({ length: 130 }, (_, i) => ({
        id: randomUUID(),
        tenantId: policyTenant,
        at: new Date(at + i),
        actor: 'seed',
        action: i % 2 ? 'policy.update' : 'policy.create',
        targetType: 'RecordingPolicy',
        targetId: many.policies[i % many.policies.length]!.id,
      })),
    );
    const counting: typeof fetch = (input, init) => {
      requests++;
      return fetch(input, init);
    };
    client = new ApolloClient({
      link: new HttpLink({ uri: t.app.graphqlUrl, headers: { authorization: `Bearer ${t.adminToken}` }, fetch: counting }),
      cache: new InMemoryCache({
        typePolicies: {
          Query: {
            fields: {
              tenants: relayStylePagination(),
              recordingPolicies: relayStylePagination(['tenantId', 'connectionId', 'syncStatus']),
              liveRecordings: relayStylePagination(['tenantId', 'connectionId', 'callId', 'status']),
              auditLog: relayStylePagination(['tenantId', 'targetType', 'targetId', 'action']),
              driftReport: relayStylePagination(['tenantId']),
            },
          },
          PolicyRollout: { fields: { outcomes: relayStylePagination(['status']) } },
        },
      }),
    });
  });
  after(async () => {
    await client?.clearStore();
    client?.stop();
    await t?.close();
  });

  /**
   * Pages a list to its end the way a client does: the first page, then `after: pageInfo.endCursor` until
   * hasNextPage is false. Each answer is read back from the cache, where relayStylePagination merged the pages.
   */
  async function pageThrough<TData, TVars extends Record<string, unknown>>(
    query: TypedDocumentNode<TData, TVars>,
    variables: TVars,
    list: (d: TData) => { edges: { cursor: string; node: unknown }[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } },
  ): Promise<{ pages: number; merged: ReturnType<typeof list> }> {
    let pages = 0;
    let after: string | null | undefined;
    for (;;) {
      const r = await client.query({ query, variables: { ...variables, ...(after ? { after } : {}) } as TVars, fetchPolicy: 'network-only' });
      pages++;
      const page = list(r.data as TData);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
      assert.ok(after, 'a page with more after it names its endCursor');
      assert.ok(pages < 50, 'the list ends');
    }
    const cached = client.readQuery({ query, variables });
    assert.ok(cached, 'the merged list is in the cache');
    return { pages, merged: list(cached as TData) };
  }

  it('pages through 100+ tenants (Dashboard): every page merged in order, cursors and pageInfo as Relay has them', async () => {
    const { pages, merged } = await pageThrough(DashboardDocument, { first: 25 }, (d) => d.tenants);
    const ids = merged.edges.map((e) => (e.node as { id: string }).id);
    assert.ok(ids.length >= 111, `expected the 110 seeded tenants and the demo tenant, got ${ids.length}`);
    assert.equal(new Set(ids).size, ids.length, 'no tenant twice');
    for (const s of seeded.tenants) assert.ok(ids.includes(s.id), `tenant ${s.name} is listed`);
    assert.equal(pages, Math.ceil(ids.length / 25));
    assert.equal(merged.pageInfo.hasNextPage, false);
    assert.equal(merged.edges.at(-1)!.cursor, merged.pageInfo.endCursor);
  });

  it('pages through 120 policies of one tenant with totalCount, and 130 audit entries, filtered by an enum', async () => {
    const policies = await pageThrough(RecordingPoliciesDocument, { tenantId: policyTenant, first: 50 }, (d) => d.recordingPolicies);
    assert.equal(policies.pages, 3);
    assert.equal(policies.merged.edges.length, 120);
    const page = client.readQuery({ query: RecordingPoliciesDocument, variables: { tenantId: policyTenant, first: 50 } })!;
    assert.equal(page.recordingPolicies.totalCount, 120);
    assert.equal(page.recordingPolicies.pageInfo.hasPreviousPage, false, 'the merged list starts at the beginning');
    const second = await client.query({
      query: RecordingPoliciesDocument,
      variables: { tenantId: policyTenant, first: 50, after: page.recordingPolicies.edges[49]!.cursor },
      fetchPolicy: 'no-cache',
    });
    assert.equal(second.data!.recordingPolicies.pageInfo.hasPreviousPage, true, 'a page asked for after a cursor has items before it');
    assert.equal(second.data!.recordingPolicies.pageInfo.startCursor, second.data!.recordingPolicies.edges[0]!.cursor);

    const audit = await pageThrough(AuditLogDocument, { tenantId: policyTenant, first: 50 }, (d) => d.auditLog);
    assert.equal(audit.merged.edges.length, 130);
    const updates = await pageThrough(AuditLogDocument, { tenantId: policyTenant, action: 'POLICY_UPDATE', first: 50 }, (d) => d.auditLog);
    assert.equal(updates.merged.edges.length, 65);
    assert.ok(updates.merged.edges.every((e) => (e.node as { action: AuditAction }).action === 'POLICY_UPDATE'));
  });

  it('a mutation payload updates the cached list in place: no refetch', async () => {
    const [first] = client.readQuery({ query: RecordingPoliciesDocument, variables: { tenantId: policyTenant, first: 50 } })!.recordingPolicies.edges;
    const before = requests;
    const r = await client.mutate({
      mutation: UpdateRecordingPolicyDocument,
      variables: { input: { id: first!.node.id, expectedVersion: first!.node.version, name: 'Renamed through Apollo', apply: false } },
    });
    assert.equal(r.data?.updateRecordingPolicy.policy.version, first!.node.version + 1);
    assert.equal(requests, before + 1, 'one request: the mutation');
    const cached = client.readQuery({ query: RecordingPoliciesDocument, variables: { tenantId: policyTenant, first: 50 } })!;
    const node = cached.recordingPolicies.edges.find((e) => e.node.id === first!.node.id)!.node;
    assert.deepEqual(
      { name: node.name, version: node.version },
      { name: 'Renamed through Apollo', version: first!.node.version + 1 },
      'the list shows the payload',
    );
    assert.equal(cached.recordingPolicies.edges.length, 120, 'and keeps every merged page');
    assert.equal(requests, before + 1, 'reading the list sent nothing');
  });

  it('live recordings: start and pause through mutations; the cached LiveRecordings list follows the payloads', async () => {
    const vars = { tenantId: DEMO_TENANT_ID, first: 2 };
    const call = () => t.app.sandbox!.signalwire.createCall().sid;
    const started: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await client.mutate({
        mutation: StartLiveRecordingDocument,
        variables: { input: { connectionId: DEMO_CONNECTION_IDS.signalwire, callId: call() } },
      });
      started.push(r.data!.startLiveRecording.liveRecording.id);
    }
    const { merged } = await pageThrough(LiveRecordingsDocument, vars, (d) => d.liveRecordings);
    const listed = merged.edges.map((e) => (e.node as { id: string }).id);
    for (const id of started) assert.ok(listed.includes(id));
    const before = requests;
    const paused = await client.mutate({ mutation: PauseLiveRecordingDocument, variables: { input: { id: started[0]!, behavior: 'SKIP' } } });
    assert.equal(paused.data?.pauseLiveRecording.liveRecording.status, 'PAUSED');
    const node = client
      .readQuery({ query: LiveRecordingsDocument, variables: vars })!
      .liveRecordings.edges.find((e) => e.node.id === started[0])!.node;
    assert.deepEqual({ status: node.status, pauseBehavior: node.pauseBehavior }, { status: 'PAUSED', pauseBehavior: 'SKIP' });
    assert.equal(requests, before + 1);
  });

  it("a roll-out's outcomes page through the cache, and cancelling it updates the cached roll-out", async () => {
    const started = await client.mutate({
      mutation: StartPolicyRolloutDocument,
      variables: {
        input: {
          connectionId: DEMO_CONNECTION_IDS.webex,
          name: 'Apollo',
          rules: { mode: 'ALWAYS', calls: { voicemail: true } },
          scope: { all: true },
        },
      },
    });
    const id = started.data!.startPolicyRollout.rollout!.id;
    // The directory is read first; until then the person list grows.
    for (let i = 0; i < 200; i++) {
      const r = await client.query({ query: PolicyRolloutDocument, variables: { id, status: null }, fetchPolicy: 'network-only' });
      if (r.data?.policyRollout?.totalKnown) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    const { merged } = await pageThrough(PolicyRolloutDocument, { id, status: null }, (d) => d.policyRollout!.outcomes);
    assert.equal(merged.edges.length, 60, 'every person of the sandbox directory, in two pages of 50');
    const before = requests;
    const cancelled = await client.mutate({ mutation: CancelPolicyRolloutDocument, variables: { input: { id } } });
    const status = cancelled.data!.cancelPolicyRollout.rollout.status;
    assert.equal(status, 'CANCELLED');
    const cached = client.readQuery({ query: PolicyRolloutDocument, variables: { id, status: null } })!;
    assert.equal(cached.policyRollout!.status, status, 'the cached roll-out shows the payload');
    assert.equal(cached.policyRollout!.outcomes.edges.length, 60, 'with its merged outcomes');
    assert.equal(requests, before + 1);
  });

  it('the drift report is a connection too (empty here, with its pageInfo and totalCount)', async () => {
    const { merged } = await pageThrough(DriftReportDocument, { tenantId: policyTenant }, (d) => d.driftReport);
    assert.deepEqual(merged.edges, []);
    const r = client.readQuery({ query: DriftReportDocument, variables: { tenantId: policyTenant } })!;
    assert.equal(r.driftReport.totalCount, 0);
  });
});
