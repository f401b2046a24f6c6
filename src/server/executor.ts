import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { execute, getVariableValues, type DocumentNode, type ExecutionResult, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { GatewayExecutor, GatewayGraphQLRequestContext, GatewayInterface } from '@apollo/server-gateway-interface';

/**
 * Compiled execution of repeated queries (issue 9). graphql-jit turns a validated operation into one JavaScript
 * function per query shape; on the dashboard that is about twice graphql-js's speed and half its allocation
 * (bench/RESULTS.md). It reaches Apollo Server through the gateway interface's `executor`, the only hook that
 * replaces execution while keeping Apollo's parse cache, validation, plugins and error formatting.
 *
 * Results and errors are exactly graphql-js's (test/perf/jit-equivalence.test.ts runs every operation in
 * schema/operations through both):
 * - only queries are compiled: a mutation's resolvers have effects and run once, through graphql-js;
 * - variables are coerced by graphql-js first, so a bad variable gets graphql-js's own message;
 * - a compiled run that produced any error is discarded and the query executed again by graphql-js, whose
 *   errors are the ones returned (queries have no effects; errors are rare, so this costs little);
 * - an operation graphql-jit cannot compile stays on graphql-js.
 * An operation is compiled the second time it is seen (routers and frontends repeat a few shapes; one-off
 * queries do not pay for compilation), and at most `maxCompiled` compiled shapes are kept (least recently used
 * dropped), so arbitrary queries cannot grow memory.
 */
export interface JitExecutorOptions {
  maxCompiled?: number;
  compileAfter?: number;
}

type Entry = { hits: number; compiled?: CompiledQuery | null };

export function createJitExecutor(
  schema: GraphQLSchema,
  opts: JitExecutorOptions = {},
): GatewayExecutor & { stats: { compiled: number; jit: number; graphqlJs: number; fallbacks: number } } {
  const maxCompiled = opts.maxCompiled ?? 500;
  const compileAfter = opts.compileAfter ?? 2;
  // Map iteration order is insertion order: re-inserting on use makes the first key the least recently used.
  const entries = new Map<string, Entry>();
  const stats = { compiled: 0, jit: 0, graphqlJs: 0, fallbacks: 0 };

  const graphqlJs = (ctx: GatewayGraphQLRequestContext, variables: Record<string, unknown> | undefined) => {
    stats.graphqlJs++;
    return execute({
      schema,
      document: ctx.document,
      contextValue: ctx.context,
      variableValues: variables,
      operationName: ctx.request.operationName,
    }) as Promise<ExecutionResult> | ExecutionResult;
  };

  const compiledFor = (key: string, document: DocumentNode, operationName: string | undefined): CompiledQuery | null => {
    let entry = entries.get(key);
    if (entry) entries.delete(key);
    else entry = { hits: 0 };
    entries.set(key, entry);
    if (entries.size > maxCompiled * 4) entries.delete(entries.keys().next().value!);
    if (entry.compiled !== undefined) return entry.compiled;
    if (++entry.hits < compileAfter) return null;
    try {
      const c = compileQuery(schema, document, operationName);
      entry.compiled = isCompiledQuery(c) ? c : null;
    } catch {
      entry.compiled = null;
    }
    if (entry.compiled) stats.compiled++;
    return entry.compiled;
  };

  const executor = async (ctx: GatewayGraphQLRequestContext): Promise<ExecutionResult> => {
    const variables = ctx.request.variables;
    const operation: OperationDefinitionNode | undefined = ctx.operation;
    if (!operation || operation.operation !== 'query') return graphqlJs(ctx, variables);
    const compiled = compiledFor(`${ctx.queryHash}:${ctx.request.operationName ?? ''}`, ctx.document, ctx.request.operationName);
    if (!compiled) return graphqlJs(ctx, variables);
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
    if (coerced.errors) return { errors: coerced.errors };
    stats.jit++;
    const result = (await compiled.query(undefined, ctx.context, variables ?? {})) as ExecutionResult;
    if (!result.errors?.length) return result;
    stats.fallbacks++;
    return graphqlJs(ctx, variables);
  };
  return Object.assign(executor as GatewayExecutor, { stats });
}

/** A one-schema "gateway": how Apollo Server 5 accepts an executor of its own. */
export function staticSchemaGateway(schema: GraphQLSchema, executor: GatewayExecutor): GatewayInterface {
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    async load() {
      return { executor };
    },
    async stop() {},
  };
}
