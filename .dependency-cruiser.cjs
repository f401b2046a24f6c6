// The layers of ../shared/DESIGN.md ("Layers"), checked in `npm test` (scripts/run-tests.mjs) and by `npm run layers`:
//   server -> graphql (thin resolvers) -> services (use cases) -> domain, store, vendors (through the port)
//   sandbox (emulators) and vendors (adapters) never see each other; one vendor never sees another.
// Type-only imports count: a type is a dependency a newcomer has to follow too.
const layer = (name) => `^src/${name}(/|\\.ts$)`;

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'No import circles.', from: {}, to: { circular: true } },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'The vendor-neutral model imports no infrastructure and no package.',
      from: { path: layer('domain') },
      to: { pathNot: layer('domain') },
    },
    {
      name: 'services-know-no-transport',
      severity: 'error',
      comment: 'Use cases know no HTTP or GraphQL, and no emulator: the principal comes from domain/.',
      from: { path: layer('services') },
      to: { path: [layer('server'), layer('graphql'), layer('sandbox'), '^src/app\\.ts$'] },
    },
    {
      name: 'services-use-stores-and-ports',
      severity: 'error',
      comment: 'Use cases write SQL through store/ and reach vendors through the port: no raw Drizzle, SQL driver or HTTP here.',
      from: { path: layer('services') },
      to: { path: ['^node_modules/(drizzle-orm|undici|pg)/', '^(node:)?(net|dns|http|https)$'] },
    },
    {
      name: 'rollout-engine-knows-no-use-case',
      severity: 'error',
      comment: 'The roll-out engine (services/rollout/: worker, job run) calls no use case: the connection context is handed in.',
      from: { path: '^src/services/rollout/' },
      to: { path: '^src/services/[^/]+\\.service\\.ts$' },
    },
    {
      name: 'rollout-engine-behind-its-service',
      severity: 'error',
      comment: 'Only the roll-out service starts the engine and queues its jobs; everything else asks the service.',
      from: { path: '^src/', pathNot: '^src/services/(rollout/|rollout\\.service\\.ts$)' },
      to: { path: '^src/services/rollout/' },
    },
    {
      name: 'resolvers-call-services',
      severity: 'error',
      comment: 'Resolvers call services; they reach no store, vendor or emulator at run time.',
      from: { path: layer('graphql') },
      to: { path: [layer('vendors'), layer('sandbox'), layer('store')], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'resolvers-know-no-vendor',
      severity: 'error',
      comment: 'Nothing in graphql/ knows an adapter, even as a type: vendor facts come from services.',
      from: { path: layer('graphql') },
      to: { path: layer('vendors') },
    },
    {
      name: 'graphql-below-server',
      severity: 'error',
      comment: 'graphql/ takes only the request context from server/ (errors are mapped in server/, not used here).',
      from: { path: layer('graphql') },
      to: { path: layer('server'), pathNot: '^src/server/context\\.ts$' },
    },
    {
      name: 'store-below-services',
      severity: 'error',
      comment: 'The store serves use cases; it knows none of them, nor HTTP, GraphQL or vendors.',
      from: { path: layer('store') },
      to: { path: [layer('services'), layer('server'), layer('graphql'), layer('vendors'), layer('sandbox')] },
    },
    {
      name: 'vendors-below-services',
      severity: 'error',
      comment: 'Adapters know the port and the domain, not the use cases, the store or the transport.',
      from: { path: layer('vendors') },
      to: { path: [layer('services'), layer('store'), layer('server'), layer('graphql'), layer('sandbox')] },
    },
    {
      name: 'emulators-stand-alone',
      severity: 'error',
      comment: 'An emulator is written from the vendor documents: it shares nothing with the adapters or the app.',
      from: { path: layer('sandbox') },
      to: { path: [layer('vendors'), layer('services'), layer('store'), layer('graphql'), layer('server'), layer('domain')] },
    },
    {
      name: 'one-vendor-one-folder',
      severity: 'error',
      comment: "A vendor's folder imports no other vendor's folder.",
      from: { path: '^src/vendors/([^/]+)/', pathNot: '^src/vendors/outbound/' },
      to: { path: '^src/vendors/(?!outbound/)[^/]+/', pathNot: '^src/vendors/$1/' },
    },
    {
      name: 'shared-outbound-knows-no-vendor',
      severity: 'error',
      comment: "The shared vendor layer (the registry aside) knows no vendor's folder: each vendor's figures live in it.",
      from: { path: '^src/vendors/([^/]+\\.ts$|outbound/)', pathNot: '^src/vendors/registry\\.ts$' },
      to: { path: '^src/vendors/(?!outbound/)[^/]+/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
