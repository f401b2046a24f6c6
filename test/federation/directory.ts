import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

/**
 * A second, small subgraph for federation tests: a people directory that owns User and points each user at one
 * of our tenants. It trusts whatever the gateway sends; authorization is the recording subgraph's business.
 */
export const DIRECTORY_SDL = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
type User @key(fields: "id") {
  id: ID!
  name: String!
  email: String
  tenant: Tenant
}
type Tenant @key(fields: "id", resolvable: false) {
  id: ID!
}
type Query {
  "The first users of the directory, in order."
  users(first: Int): [User!]!
}
`;

export interface DirectoryUser {
  id: string;
  name: string;
  email?: string | null;
  tenantId: string;
}

export interface Directory {
  url: string;
  /** The directory's contents; tests replace it. */
  users: DirectoryUser[];
  /** GraphQL operations received, in order (operation text and variables). */
  received: { query: string; variables?: Record<string, unknown> }[];
  close(): Promise<void>;
}

export async function startDirectory(users: DirectoryUser[] = []): Promise<Directory> {
  const received: Directory['received'] = [];
  const directory = { users } as Directory;
  const byId = (id: string) => directory.users.find((u) => u.id === id) ?? null;
  const schema = buildSubgraphSchema({
    typeDefs: parse(DIRECTORY_SDL),
    resolvers: {
      Query: { users: (_: unknown, args: { first?: number | null }): DirectoryUser[] => directory.users.slice(0, args.first ?? undefined) },
      User: {
        __resolveReference: (ref: { id: string }) => byId(ref.id),
        tenant: (u: DirectoryUser) => ({ id: u.tenantId }),
        email: (u: DirectoryUser) => u.email ?? null,
      },
    },
  });
  const server = new ApolloServer({
    schema,
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      {
        async requestDidStart({ request }) {
          received.push({ query: request.query ?? '', variables: request.variables });
        },
      },
    ],
  });
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } });
  return Object.assign(directory, { url, received, close: () => server.stop() });
}
