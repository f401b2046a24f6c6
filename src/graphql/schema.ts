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
    const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(typeGraphqlSchema)}`);
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
