// The federation gateway of docker-compose.yml: Apollo Gateway on the static supergraph that
// `npm run supergraph:compose` writes. It passes the caller's bearer token (and request id) through to every
// subgraph, and proves itself to them with the router secret the subgraphs check (header x-router-secret).
//   SUPERGRAPH_PATH  the composed supergraph (default: deploy/supergraph.graphql beside this file)
//   ROUTER_SECRET    sent to every subgraph; one of the subgraphs' ROUTER_SECRETS
//   HOST, PORT       where to listen (default 0.0.0.0:4000)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';

const supergraphPath = process.env.SUPERGRAPH_PATH || fileURLToPath(new URL('./supergraph.graphql', import.meta.url));
const routerSecret = process.env.ROUTER_SECRET || '';
const host = process.env.HOST || '0.0.0.0';
const port = Number(process.env.PORT ?? 4000);

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(supergraphPath, 'utf8'),
  buildService: ({ url }) =>
    new RemoteGraphQLDataSource({
      url,
      willSendRequest({ request, context }) {
        const headers = request.http?.headers;
        if (!headers) return;
        if (context.authorization) headers.set('authorization', context.authorization);
        if (context.requestId) headers.set('x-request-id', context.requestId);
        if (routerSecret) headers.set('x-router-secret', routerSecret);
      },
    }),
});

// The default landing page loads from a CDN; the subgraphs' own playground is the place to explore.
const server = new ApolloServer({ gateway, plugins: [ApolloServerPluginLandingPageDisabled()] });
const { url } = await startStandaloneServer(server, {
  listen: { host, port },
  context: async ({ req }) => ({
    authorization: req.headers.authorization,
    requestId: typeof req.headers['x-request-id'] === 'string' ? req.headers['x-request-id'] : undefined,
  }),
});
process.stdout.write(`gateway listening on ${url} (supergraph ${supergraphPath})\n`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
