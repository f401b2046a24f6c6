import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { ROOT_DIR } from '../src/app';
import { encodeCursor } from '../src/store/pagination';

/**
 * The one data set every contender serves. Ids and timestamps are deterministic, so the in-memory contenders and
 * the service on either database answer byte-identical responses (the bench checks that before it measures).
 */
export interface FixtureShape {
  tenants: number;
  connectionsPerTenant: number;
  policiesPerConnection: number;
}

/**
 * The dashboard shows its default page of 20 tenants; with one connection and two policies each that answer is
 * about 12 KB (five connections with a policy each would be 35 KB). 50 tenants are seeded so that the _entities
 * call can name 100 distinct policies.
 */
export const DEFAULT_SHAPE: FixtureShape = { tenants: 50, connectionsPerTenant: 1, policiesPerConnection: 2 };

export interface FixtureTenant {
  id: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}
export interface FixtureConnection {
  id: string;
  tenantId: string;
  vendor: 'MEGAFON';
  name: string;
  status: string;
  createdAt: Date;
}
export interface FixtureError {
  code: string;
  message: string;
  at: string;
}
export interface FixturePolicy {
  id: string;
  tenantId: string;
  connectionId: string;
  name: string;
  scopeKind: string;
  scopeId: string;
  rules: { mode: string; calls: { internal: boolean; external: boolean } };
  version: number;
  syncStatus: string;
  lastSyncError: FixtureError | null;
  createdAt: Date;
}
export interface Fixture {
  tenants: FixtureTenant[];
  connections: FixtureConnection[];
  policies: FixturePolicy[];
}

const uuid = (kind: number, n: number) => `00000000-0000-4000-8${kind.toString(16).padStart(3, '0')}-${n.toString(16).padStart(12, '0')}`;
const EPOCH = Date.UTC(2025, 0, 1);

export function buildFixture(shape: FixtureShape = DEFAULT_SHAPE): Fixture {
  const tenants: FixtureTenant[] = [];
  const connections: FixtureConnection[] = [];
  const policies: FixturePolicy[] = [];
  let clock = EPOCH;
  const tick = () => new Date((clock += 1000));
  for (let t = 0; t < shape.tenants; t++) {
    const at = tick();
    const tenant = { id: uuid(1, t + 1), name: `Tenant ${t + 1}`, createdAt: at, updatedAt: at };
    tenants.push(tenant);
    for (let c = 0; c < shape.connectionsPerTenant; c++) {
      const conn = {
        id: uuid(2, connections.length + 1),
        tenantId: tenant.id,
        vendor: 'MEGAFON' as const,
        name: `PBX ${c + 1}`,
        status: c % 4 === 3 ? 'FAILED' : 'OK',
        createdAt: tick(),
      };
      connections.push(conn);
      for (let p = 0; p < shape.policiesPerConnection; p++) {
        const n = policies.length + 1;
        // Every tenth policy failed at the vendor, so the dashboard carries some error objects too.
        const failed = n % 10 === 0;
        policies.push({
          id: uuid(3, n),
          tenantId: tenant.id,
          connectionId: conn.id,
          name: `Policy ${n}`,
          scopeKind: 'SETTINGS_RECORD',
          scopeId: String(p + 1),
          rules: { mode: 'ALWAYS', calls: { internal: n % 3 !== 0, external: true } },
          version: 1 + (n % 4),
          syncStatus: failed ? 'FAILED' : 'IN_SYNC',
          lastSyncError: failed ? { code: 'VENDOR_REJECTED', message: 'Rejected by the vendor', at: new Date(EPOCH).toISOString() } : null,
          createdAt: tick(),
        });
      }
    }
  }
  return { tenants, connections, policies };
}

/** The dashboard query, exactly as the frontend sends it (schema/operations/02-Dashboard.graphql). */
export const DASHBOARD_QUERY = readFileSync(join(ROOT_DIR, 'schema', 'operations', '02-Dashboard.graphql'), 'utf8');

/** What a router sends to resolve RecordingPolicy references: the dashboard's policy fields. */
export const ENTITIES_QUERY = `query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on RecordingPolicy {
      id
      name
      version
      syncStatus
      scope { kind id }
      rules { mode calls { internal external } }
      lastSyncError { code message }
    }
  }
}`;

export function entitiesVariables(fixture: Fixture, count = 100): { representations: { __typename: string; id: string }[] } {
  if (fixture.policies.length < count) throw new Error(`the fixture has ${fixture.policies.length} policies, fewer than ${count}`);
  return { representations: fixture.policies.slice(0, count).map((p) => ({ __typename: 'RecordingPolicy', id: p.id })) };
}

/**
 * What a user writes in an afternoon: the printed subgraph SDL with in-memory resolvers. Contenders (b) and (c)
 * both execute against this schema.
 */
export function buildInMemorySchema(fixture: Fixture): GraphQLSchema {
  const sdl = readFileSync(join(ROOT_DIR, 'schema', 'recording.graphql'), 'utf8');
  const connectionsByTenant = new Map<string, FixtureConnection[]>();
  const policiesByTenant = new Map<string, FixturePolicy[]>();
  const policyById = new Map<string, FixturePolicy>();
  for (const c of fixture.connections) connectionsByTenant.set(c.tenantId, [...(connectionsByTenant.get(c.tenantId) ?? []), c]);
  for (const p of fixture.policies) {
    policiesByTenant.set(p.tenantId, [...(policiesByTenant.get(p.tenantId) ?? []), p]);
    policyById.set(p.id, p);
  }
  const resolvers = {
    Query: {
      tenants: (_: unknown, args: { first: number; after?: string | null }) => {
        const start = args.after ? fixture.tenants.findIndex((t) => encodeCursor(t.createdAt, t.id) === args.after) + 1 : 0;
        const nodes = fixture.tenants.slice(start, start + args.first);
        const edges = nodes.map((node) => ({ cursor: encodeCursor(node.createdAt, node.id), node }));
        return {
          nodes,
          edges,
          totalCount: fixture.tenants.length,
          pageInfo: {
            hasNextPage: start + args.first < fixture.tenants.length,
            hasPreviousPage: start > 0,
            startCursor: edges[0]?.cursor ?? null,
            endCursor: edges[edges.length - 1]?.cursor ?? null,
          },
        };
      },
    },
    Tenant: {
      connections: (t: FixtureTenant) => connectionsByTenant.get(t.id) ?? [],
      recordingPolicies: (t: FixtureTenant) => policiesByTenant.get(t.id) ?? [],
    },
    RecordingPolicy: {
      __resolveReference: (ref: { id: string }) => policyById.get(ref.id) ?? null,
      scope: (p: FixturePolicy) => ({ kind: p.scopeKind, id: p.scopeId }),
    },
  };
  return buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers as unknown as GraphQLResolverMap<unknown> });
}
