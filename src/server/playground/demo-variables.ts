/**
 * Placeholders in the example variables (`"{{liveRecording.IN_PROGRESS}}"`) for ids that exist only at run time: a
 * sandbox call to record, the recording a previous tab started, the newest roll-out. The playground resolves them
 * when a tab runs, not when the page is served, because GraphiQL keeps tabs in localStorage and a value fixed at
 * serve time (a call already recorded, a roll-out since finished) would be stale on the next visit.
 *
 * Everything goes through the public GraphQL API with the caller's own Authorization header, so a placeholder can
 * reveal or prepare only what the caller's token may see and do. When nothing in the demo tenant fits (the tab that
 * pauses a recording runs before any was started), the resolver prepares it: that is the playground being helpful,
 * and the audit log records it under the caller's subject like any other call.
 */
import type { Sandbox } from '../../sandbox/runner';

export interface DemoVariablesOptions {
  /** Read at each call: the service's address is known only once it listens. */
  graphqlUrl: () => string;
  sandbox: () => Sandbox | undefined;
  tenantId: string;
  connectionIds: Record<string, string>;
  /** Sent on the internal GraphQL calls when the service requires a router secret. */
  routerSecret?: string;
}

export type ResolvePlaceholders = (names: string[], authorization: string | undefined) => Promise<Record<string, unknown>>;

/** An error a user can act on; its message goes to the result pane as a GraphQL error. */
export class PlaceholderError extends Error {}

export const PLACEHOLDER = /^\{\{([A-Za-z0-9_.]+)\}\}$/;

const LIVE_STATUSES = ['IN_PROGRESS', 'PAUSED', 'STOPPED'] as const;
const ROLLOUT_FINAL = new Set(['CANCELLED', 'COMPLETED', 'COMPLETED_WITH_ERRORS']);

/** What a prepared roll-out applies (the same rules as the StartPolicyRollout example). */
const ROLLOUT_RULES = { mode: 'ALWAYS', calls: { voicemail: true } };

export function createDemoVariableResolver(opts: DemoVariablesOptions): ResolvePlaceholders {
  const { tenantId, connectionIds } = opts;

  return async (names, authorization) => {
    const gql = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (authorization) headers.authorization = authorization;
      if (opts.routerSecret) headers['x-router-secret'] = opts.routerSecret;
      const res = await fetch(opts.graphqlUrl(), { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
      if (body.errors?.length) throw new PlaceholderError(`while preparing the example: ${body.errors.map((e) => e.message).join('; ')}`);
      return body.data as T;
    };
    const sandbox = () => {
      const s = opts.sandbox();
      if (!s)
        throw new PlaceholderError('this example needs the built-in sandbox: start the service with SANDBOX=true (the default under npm start)');
      return s;
    };

    /** Every node of a tenant's connection field, oldest first (the API's order). */
    const all = async <N>(field: string, selection: string): Promise<N[]> => {
      const nodes: N[] = [];
      let after: string | null = null;
      for (;;) {
        const data: Record<string, { nodes: N[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }> = await gql(
          `query ($tenantId: ID!, $after: String) { page: ${field}(tenantId: $tenantId, first: 100, after: $after) { nodes { ${selection} } pageInfo { hasNextPage endCursor } } }`,
          { tenantId, after },
        );
        nodes.push(...data.page.nodes);
        if (!data.page.pageInfo.hasNextPage) return nodes;
        after = data.page.pageInfo.endCursor;
      }
    };

    type Live = { id: string; status: string };
    const newestLive = async (statuses: string[]): Promise<Live | undefined> => {
      const found = await all<Live>('liveRecordings', 'id status');
      return found.filter((r) => statuses.includes(r.status)).at(-1);
    };
    const startLive = async (): Promise<Live> => {
      const call = sandbox().signalwire.createCall();
      const data = await gql<{ startLiveRecording: { liveRecording: Live } }>(
        'mutation ($input: StartLiveRecordingInput!) { startLiveRecording(input: $input) { liveRecording { id status } } }',
        { input: { connectionId: connectionIds.signalwire, callId: call.sid, channels: 2 } },
      );
      return data.startLiveRecording.liveRecording;
    };
    const liveRecording = async (want: string): Promise<string> => {
      const statuses = want === 'active' ? ['IN_PROGRESS', 'PAUSED'] : [want];
      const existing = await newestLive(statuses);
      if (existing) return existing.id;
      const started = await startLive();
      if (want === 'PAUSED') await gql('mutation ($id: ID!) { pauseLiveRecording(input: { id: $id }) { liveRecording { id } } }', { id: started.id });
      if (want === 'STOPPED') await gql('mutation ($id: ID!) { stopLiveRecording(input: { id: $id }) { liveRecording { id } } }', { id: started.id });
      return started.id;
    };

    type Policy = { id: string; version: number; scope: { kind: string; id: string } };
    const policies = async (): Promise<Policy[]> => {
      const data = await gql<{ tenant: { recordingPolicies: Policy[] } | null }>(
        'query ($id: ID!) { tenant(id: $id) { recordingPolicies { id version scope { kind id } } } }',
        { id: tenantId },
      );
      if (!data.tenant) throw new PlaceholderError(`the demo tenant ${tenantId} is not visible to this token`);
      return data.tenant.recordingPolicies;
    };
    let policy: Policy | undefined;
    const newestPolicy = async (): Promise<Policy> => {
      if (policy) return policy;
      const existing = (await policies()).at(-1);
      if (existing) return (policy = existing);
      const spec = sandbox().connections.find((c) => c.key === 'megafon');
      const data = await gql<{ createRecordingPolicy: { policy: Policy } }>(
        'mutation ($input: CreateRecordingPolicyInput!) { createRecordingPolicy(input: $input) { policy { id version scope { kind id } } } }',
        {
          input: {
            connectionId: connectionIds.megafon,
            name: 'Playground: record every call of the example MegaFon number',
            scope: spec?.exampleScope ?? { kind: 'SETTINGS_RECORD', id: '51' },
            rules: { mode: 'ALWAYS', calls: { internal: true, external: true } },
          },
        },
      );
      return (policy = data.createRecordingPolicy.policy);
    };

    type Rollout = { id: string; status: string };
    const rollout = async (want: string): Promise<string> => {
      const found = await all<Rollout>('policyRollouts', 'id status');
      const fits = (r: Rollout) => (want === 'id' ? true : want === 'active' ? !ROLLOUT_FINAL.has(r.status) : r.status === want);
      const existing = found.filter(fits).at(-1);
      if (existing) return existing.id;
      if (want === 'COMPLETED_WITH_ERRORS') return finishedWithErrors();
      const data = await gql<{ startPolicyRollout: { rollout: Rollout } }>(
        'mutation ($input: StartPolicyRolloutInput!) { startPolicyRollout(input: $input) { rollout { id status } } }',
        {
          input: {
            connectionId: connectionIds.webex,
            name: 'Playground: everyone records, voicemail too',
            rules: ROLLOUT_RULES,
            scope: { all: true },
            dryRun: false,
          },
        },
      );
      const started = data.startPolicyRollout.rollout;
      if (want === 'PAUSED') await gql('mutation ($id: ID!) { pausePolicyRollout(input: { id: $id }) { rollout { id } } }', { id: started.id });
      return started.id;
    };

    // A roll-out with a failed person to retry: one real sandbox person and one the directory does not know (the
    // vendor answers 404 for that person alone), finished within a few requests.
    const finishedWithErrors = async (): Promise<string> => {
      const data = await gql<{ startPolicyRollout: { rollout: Rollout } }>(
        'mutation ($input: StartPolicyRolloutInput!) { startPolicyRollout(input: $input) { rollout { id status } } }',
        {
          input: {
            connectionId: connectionIds.webex,
            name: 'Playground: one person the directory does not know',
            rules: ROLLOUT_RULES,
            scope: { personIds: [sandbox().webex.personId(0), 'Y2lzY29zcGFyazovL3VzL1BFT1BMRS9ub2JvZHk'] },
            dryRun: false,
          },
        },
      );
      const id = data.startPolicyRollout.rollout.id;
      for (let i = 0; i < 100; i++) {
        const r = await gql<{ policyRollout: Rollout | null }>('query ($id: ID!) { policyRollout(id: $id) { id status } }', { id });
        if (r.policyRollout && ROLLOUT_FINAL.has(r.policyRollout.status)) return id;
        await new Promise((done) => setTimeout(done, 200));
      }
      throw new PlaceholderError('the prepared roll-out did not finish within 20 s');
    };

    const one = async (name: string): Promise<unknown> => {
      const [head, rest] = [name.slice(0, name.indexOf('.')), name.slice(name.indexOf('.') + 1)];
      switch (head) {
        case 'sandbox':
          switch (rest) {
            case 'signalwire.newCall':
              return sandbox().signalwire.createCall().sid;
            case 'bitrix24.newCall':
              return sandbox().bitrix24.seedFinishedCall().CALL_ID;
            case 'webex.baseUrl':
              return sandbox().webex.apiBaseUrl;
            case 'webex.token':
              return sandbox()
                .connections.find((c) => c.key === 'webex')
                ?.credentials.find((c) => c.name === 'accessToken')?.value;
            case 'webex.freePersonId': {
              const webex = sandbox().webex;
              const taken = new Set((await policies()).filter((p) => p.scope.kind === 'PERSON').map((p) => p.scope.id));
              for (let i = 0; i < 1000; i++) {
                const id = webex.personId(i);
                if (!taken.has(id)) return id;
              }
              throw new PlaceholderError('every one of the first 1,000 sandbox Webex people already has a demo policy');
            }
          }
          break;
        case 'policy':
          if (rest === 'id' || rest === 'version') return (await newestPolicy())[rest];
          break;
        case 'liveRecording':
          if ((LIVE_STATUSES as readonly string[]).includes(rest) || rest === 'active') return liveRecording(rest);
          break;
        case 'standard':
          // The demo tenant's company standard (seeded with the sandbox): its id and the version to send back.
          if (rest === 'id' || rest === 'version') {
            const data = await gql<{ recordingStandard: { id: string; version: number } | null }>(
              'query ($tenantId: ID!) { recordingStandard(tenantId: $tenantId) { id version } }',
              { tenantId },
            );
            if (!data.recordingStandard) throw new PlaceholderError('the demo tenant has no recording standard: run "Save recording standard" first');
            return data.recordingStandard[rest];
          }
          break;
        case 'rollout':
          if (['id', 'active', 'RUNNING', 'PAUSED', 'COMPLETED_WITH_ERRORS'].includes(rest)) return rollout(rest);
          break;
      }
      throw new PlaceholderError(`unknown placeholder {{${name}}}`);
    };

    // Even the placeholders that touch only the sandbox want a token the API accepts, as the tab's operation will.
    const { viewer } = await gql<{ viewer: { subject: string } | null }>('{ viewer { subject } }');
    if (!viewer) throw new PlaceholderError('sign in first: put a valid token in the Headers pane');
    const values: Record<string, unknown> = {};
    // One after another: later placeholders may see what earlier ones prepared (policy.id then policy.version).
    for (const name of names) values[name] = await one(name);
    return values;
  };
}
