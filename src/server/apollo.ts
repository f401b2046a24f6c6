import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginUsageReportingDisabled,
  ApolloServerPluginSchemaReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { RequestContext } from './context';
import { createFormatError } from './errors';
import { DEFAULT_QUERY_LIMITS, limitRules, limitsPlugin, parseOptions, type QueryLimits } from './limits';
import { createJitExecutor, staticSchemaGateway } from './executor';
import type { ResponseCache } from './response-cache';

export interface ApolloOptions {
  schema: GraphQLSchema;
  logger: Logger;
  production: boolean;
  introspection: boolean;
  extraPlugins?: ApolloServerPlugin<RequestContext>[];
  /** Depth, aliases, directives, tokens, cost and list sizes (src/server/limits.ts). */
  limits?: QueryLimits;
  /** 'jit' (default) compiles repeated queries with graphql-jit (src/server/executor.ts); 'graphql-js' for comparison. */
  executor?: 'jit' | 'graphql-js';
  /** Marks the requests whose answers src/server/http.ts may keep (src/server/response-cache.ts). */
  responseCache?: ResponseCache;
}

/** Adds the request id to every error, logs errors that are not the caller's doing, and lets queries use the read cache. */
const requestIdPlugin = (logger: Logger, responseCache: ResponseCache | undefined): ApolloServerPlugin<RequestContext> => ({
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, operationName, document, request, contextValue }) {
        contextValue.outcome.operationName = operationName ?? undefined;
        // Only a query reads through the read cache (src/store/read-cache.ts); a mutation must see its own writes.
        contextValue.cacheReads = operation?.operation === 'query';
        contextValue.outcome.responseCacheable =
          contextValue.cacheReads && !!responseCache?.enabled && responseCache.isCacheableOperation(document, operation!, request.variables);
      },
      async didEncounterErrors({ contextValue, errors }) {
        contextValue.outcome.responseCacheable = false;
        for (const err of errors) {
          const original = err.originalError;
          const coded = original && 'code' in original;
          // INTERNAL_SERVER_ERROR raised on purpose (e.g. credentials that no configured key opens) is hidden from
          // the client like any unexpected error, so it is logged like one.
          const internal = (original as { code?: unknown } | undefined)?.code === 'INTERNAL_SERVER_ERROR';
          if (internal || (!coded && !err.extensions?.code)) {
            logger.error({ requestId: contextValue.requestId, err: original ?? err, path: err.path }, 'unexpected error');
          }
        }
      },
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind !== 'single' || response.body.singleResult.errors) contextValue.outcome.responseCacheable = false;
        if (response.body.kind === 'single' && response.body.singleResult.errors) {
          for (const e of response.body.singleResult.errors) {
            (e as { extensions?: Record<string, unknown> }).extensions = { ...(e.extensions ?? {}), requestId: contextValue.requestId };
          }
        }
      },
    };
  },
});

export function createApollo(opts: ApolloOptions): ApolloServer<RequestContext> {
  // The executor hook exists only on the gateway interface: a static "gateway" hands Apollo our schema and executor.
  const execution =
    opts.executor === 'graphql-js' ? { schema: opts.schema } : { gateway: staticSchemaGateway(opts.schema, createJitExecutor(opts.schema)) };
  return new ApolloServer<RequestContext>({
    ...execution,
    // src/main.ts owns SIGINT/SIGTERM and stops everything in order. Apollo's own handler would call stop() first,
    // and a second stop() during it waits on a barrier Apollo never resolves (@apollo/server 5), so app.close() hung.
    stopOnTerminationSignals: false,
    introspection: opts.introspection,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: opts.production,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    parseOptions: parseOptions(opts.limits ?? DEFAULT_QUERY_LIMITS),
    validationRules: limitRules(opts.limits ?? DEFAULT_QUERY_LIMITS),
    formatError: createFormatError({ production: opts.production }),
    logger: {
      debug: (m) => opts.logger.debug(m),
      info: (m) => opts.logger.info(m),
      warn: (m) => opts.logger.warn(m),
      error: (m) => opts.logger.error(m),
    },
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      // Neither is used by this subgraph; together they cost about a third of read throughput (issue 9).
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      requestIdPlugin(opts.logger, opts.responseCache),
      limitsPlugin<RequestContext>(opts.limits ?? DEFAULT_QUERY_LIMITS),
      ...(opts.extraPlugins ?? []),
    ],
  });
}
