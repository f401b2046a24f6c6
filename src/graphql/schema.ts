import 'reflect-metadata';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap } from 'type-graphql';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { RequestContext } from '../server/context';
import { TenantResolver } from './tenant/tenant.resolver';
import { ConnectionResolver } from './connection/connection.resolver';
import { PolicyResolver } from './policy/policy.resolver';
import { LiveRecordingResolver } from './live-recording/live-recording.resolver';
import { AuditResolver } from './audit/audit.resolver';
import { PolicyUsersResolver } from './user/user.resolver';
import { RolloutResolver, toRollout } from './rollout/rollout.resolver';
import { toConnection, toLiveRecording, toPolicy, toTenant } from './mappers';
import { validateArgument } from './validation';
import { resolveStandardReference, StandardComplianceResolver, StandardResolver, TenantStandardResolver } from './standard/standard.resolver';

export const RESOLVERS = [
  TenantResolver,
  ConnectionResolver,
  PolicyResolver,
  PolicyUsersResolver,
  LiveRecordingResolver,
  AuditResolver,
  RolloutResolver,
  StandardResolver,
  StandardComplianceResolver,
  TenantStandardResolver,
] as const;

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])`;

/**
 * How the router turns a representation into one of our entities. Each goes through the request's tenant-scoped
 * loader: a foreign or unknown id resolves to null, and N representations cost one SQL statement per type.
 */
const referenceResolvers = {
  Tenant: {
    async __resolveReference(ref: { id: string }, ctx: RequestContext) {
      const row = await ctx.loaders.tenant.load(String(ref.id));
      return row ? toTenant(row) : null;
    },
  },
  VendorConnection: {
    async __resolveReference(ref: { id: string }, ctx: RequestContext) {
      const row = await ctx.loaders.connection.load(String(ref.id));
      return row ? toConnection(row) : null;
    },
  },
  LiveRecording: {
    async __resolveReference(ref: { id: string }, ctx: RequestContext) {
      const row = await ctx.loaders.liveRecording.load(String(ref.id));
      return row ? toLiveRecording(row) : null;
    },
  },
  PolicyRollout: {
    async __resolveReference(ref: { id: string }, ctx: RequestContext) {
      const row = await ctx.loaders.rollout.load(String(ref.id));
      return row ? toRollout(row) : null;
    },
  },
  RecordingStandard: { __resolveReference: resolveStandardReference },
  RecordingPolicy: {
    async __resolveReference(ref: { id: string }, ctx: RequestContext) {
      const row = await ctx.loaders.policy.load(String(ref.id));
      return row ? toPolicy(row) : null;
    },
  },
};

/**
 * The schema's conventions, as descriptions of the root types (printed in the SDL and shown by every GraphQL tool;
 * a `#` comment would not survive printSubgraphSchema). README.md "Schema conventions" says the same at more length.
 */
const ROOT_DESCRIPTIONS: Record<'Query' | 'Mutation' | 'Subscription', string> = {
  Query: [
    'Reads. The conventions of this schema:',
    '- Lists are Relay connections: `edges { cursor node }`, `nodes`, `pageInfo { hasNextPage hasPreviousPage startCursor',
    '  endCursor }` and `totalCount`; page forward with `first` (1..100) and `after` (an edge cursor or',
    "  `pageInfo.endCursor`). Apollo Client's relayStylePagination and Relay page them as they are.",
    '- Every closed set is an enum (statuses, codes, kinds, audit actions); a `String` is free text or a vendor id.',
    '- A refusal is a GraphQL error whose `extensions.code` is an ErrorCode value, with `extensions.fields` naming each',
    '  offending input path (e.g. ["input", "rules", "mode"]).',
  ].join('\n'),
  Mutation: [
    'Changes. Every mutation takes one argument, `input: <Mutation>Input!`, and returns `<Mutation>Payload!` holding what',
    'changed: the entity (a normalized client cache updates from it), `deletedId` for a deletion, and the vendor outcome',
    'where a vendor was called (`sync`, `ok`/`error`). A refusal (bad input, forbidden, not found, unsupported field,',
    'invalid transition, conflict) writes nothing and is a GraphQL error with `extensions.code` (ErrorCode) and',
    '`extensions.fields`; a stored change that the vendor then refused is a payload whose outcome says so. Send an',
    'Idempotency-Key header to make a retry safe.',
  ].join('\n'),
  Subscription: 'Live changes over graphql-ws, across all replicas. Each event carries the changed entity.',
};

function describeRoots(sdl: string): string {
  let out = sdl;
  for (const [name, description] of Object.entries(ROOT_DESCRIPTIONS)) {
    out = out.replace(new RegExp(`^type ${name} \\{`, 'm'), `"""\n${description}\n"""\ntype ${name} {`);
  }
  return out;
}

let cached: Promise<{ schema: GraphQLSchema; sdl: string }> | undefined;

/** The subgraph schema, built once per process from the type-graphql classes. */
export function buildRecordingSchema(): Promise<{ schema: GraphQLSchema; sdl: string }> {
  cached ??= (async () => {
    const typeGraphqlSchema = await buildSchema({
      resolvers: [...RESOLVERS],
      validateFn: validateArgument,
      // Subscriptions bring their own event source (services/event-bus.ts); type-graphql still insists on a PubSub.
      pubSub: {
        publish: () => undefined,
        subscribe: () => {
          throw new Error('subscriptions use the event bus');
        },
      } as never,
      skipCheck: true,
    });
    const typeDefs = parse(`${FEDERATION_LINK}\n${describeRoots(printSchemaWithDirectives(typeGraphqlSchema))}`);
    const resolvers = createResolversMap(typeGraphqlSchema) as GraphQLResolverMap<unknown>;
    for (const [typeName, ref] of Object.entries(referenceResolvers)) {
      resolvers[typeName] = { ...(resolvers[typeName] as object), ...ref } as never;
    }
    const schema = buildSubgraphSchema({ typeDefs, resolvers });
    const sdl = printSubgraphSchema(schema);
    // buildSubgraphSchema's own _service prints every federation definition; routers and people want the clean
    // subgraph SDL that schema/recording.graphql holds. The field is patched in place, not copied, so entity
    // resolution (__resolveReference) is untouched.
    const serviceField = schema.getQueryType()!.getFields()._service!;
    serviceField.resolve = () => ({ sdl });
    return { schema, sdl };
  })();
  return cached;
}
