import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/**
 * What one GraphQL request may ask for (issue 8). Each limit sits well above what a router plans or the frontend
 * operations in schema/operations/ need (test/hardening/limits.test.ts proves both sides), and well below what
 * would let one request cost the database or the event loop much.
 *
 * Measured on schema/operations/ (graphql-armor's counting): the deepest is 9 (CreateRecordingPolicy through its
 * fragment), the costliest 1,165 (the same), the longest 170 tokens; a router's `_entities` fetch of a policy's
 * rules is depth 7 and carries its representations as a variable.
 *
 * - depth 15: room for the routers' extra inline fragments above the deepest planned shape; what depth stops is
 *   the cycle `tenant > connections > tenant > connections > ...`.
 * - aliases 50: routers alias only to tell apart fields with different arguments (a handful per plan); 1,000
 *   aliases of one field is the classic batching attack.
 * - directives 50: @include/@skip on every field of a large plan stays below; floods of directives do not.
 * - tokens 5,000 (30x the longest operation): counted by graphql-js while parsing (the `maxTokens` parse option),
 *   so a flood never becomes an AST. (graphql-armor's own Apollo token plugin re-parses in parsingDidStart and
 *   throws, which Apollo Server 5 turns into a 500.)
 * - cost 20,000 (17x the costliest operation; graphql-armor's static model: 1 per scalar, 2 per object, x1.5 per
 *   level, x`first` for a literal page size): wide nested lists and literal `first: 100000` exceed it.
 * - representations 5,000 per request (5x the 1,000 a router may batch into one `_entities` fetch), and 10,000
 *   items in any list variable (the largest list inputs take 10,000: excludedUserIds, extension targets); the
 *   1 MB body cap bounds the rest.
 */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
  maxRepresentations: number;
  maxListItems: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 15,
  maxAliases: 50,
  maxDirectives: 50,
  maxTokens: 5_000,
  maxCost: 20_000,
  maxRepresentations: 5_000,
  maxListItems: 10_000,
};

export const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

/** A refused query: coded, with the limit's name, passed through formatError as it is. */
export class QueryLimitError extends GraphQLError {
  constructor(
    message: string,
    readonly limit: string,
  ) {
    super(message, { extensions: { code: QUERY_TOO_COMPLEX, limit, http: { status: 400 } } });
  }
}

/** graphql-armor reports through this: the rule keeps validating, the request is refused before execution. */
const reporter = (limit: string) => (ctx: ValidationContext | null, error: GraphQLError) => {
  ctx?.reportError(new QueryLimitError(error.message.replace(/^Syntax Error: /, ''), limit));
};

/** The validation rules every operation runs through, over HTTP and over WebSocket alike. */
export function limitRules(limits: QueryLimits = DEFAULT_QUERY_LIMITS): ValidationRule[] {
  const common = { propagateOnRejection: false, exposeLimits: true } as const;
  return [
    maxDepthRule({ ...common, n: limits.maxDepth, onReject: [reporter('depth')] }),
    maxAliasesRule({ ...common, n: limits.maxAliases, onReject: [reporter('aliases')] }),
    maxDirectivesRule({ ...common, n: limits.maxDirectives, onReject: [reporter('directives')] }),
    costLimitRule({ ...common, maxCost: limits.maxCost, onReject: [reporter('cost')] }),
  ] as ValidationRule[];
}

/** graphql-js's token limit; its message is mapped to QUERY_TOO_COMPLEX in formatError. */
export const parseOptions = (limits: QueryLimits = DEFAULT_QUERY_LIMITS) => ({ maxTokens: limits.maxTokens });

export const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more th\w* \d+ tokens/;

function longestList(value: unknown, budget = { nodes: 0 }): number {
  // The body is at most 1 MB, so this walk is bounded; the budget stops pathological nesting early.
  if (++budget.nodes > 200_000) return Number.POSITIVE_INFINITY;
  if (Array.isArray(value)) {
    let max = value.length;
    for (const v of value) max = Math.max(max, longestList(v, budget));
    return max;
  }
  if (value && typeof value === 'object') {
    let max = 0;
    for (const v of Object.values(value)) max = Math.max(max, longestList(v, budget));
    return max;
  }
  return 0;
}

function representationCount(op: OperationDefinitionNode, variables: Record<string, unknown>): number {
  let n = 0;
  for (const sel of op.selectionSet.selections) {
    if (sel.kind !== Kind.FIELD || sel.name.value !== '_entities') continue;
    const arg = sel.arguments?.find((a) => a.name.value === 'representations');
    if (!arg) continue;
    if (arg.value.kind === Kind.VARIABLE) {
      const v = variables[arg.value.name.value];
      n += Array.isArray(v) ? v.length : 0;
    } else if (arg.value.kind === Kind.LIST) {
      n += arg.value.values.length;
    }
  }
  return n;
}

/** Checks what validation rules cannot see: the size of the variables (representations, long lists). */
export function checkVariables(
  op: OperationDefinitionNode | undefined,
  variables: Record<string, unknown> | undefined,
  limits: QueryLimits = DEFAULT_QUERY_LIMITS,
): void {
  const vars = variables ?? {};
  if (op) {
    const reps = representationCount(op, vars);
    if (reps > limits.maxRepresentations) {
      throw new QueryLimitError(`_entities takes at most ${limits.maxRepresentations} representations per request, got ${reps}`, 'representations');
    }
  }
  const longest = longestList(vars);
  if (longest > limits.maxListItems) {
    throw new QueryLimitError(`A list in the variables holds more than ${limits.maxListItems} items`, 'listItems');
  }
}

export function limitsPlugin<T>(limits: QueryLimits = DEFAULT_QUERY_LIMITS): ApolloServerPlugin<T & object> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          checkVariables(operation, request.variables, limits);
        },
      };
    },
  };
}

/** For graphql-ws: parse with the token limit and validate with the same rules as HTTP. */
export function parseWithLimits(source: string, limits: QueryLimits = DEFAULT_QUERY_LIMITS): DocumentNode {
  return parse(source, parseOptions(limits));
}

export function validateWithLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  limits: QueryLimits = DEFAULT_QUERY_LIMITS,
): readonly GraphQLError[] {
  return validate(schema, document, [...specifiedRules, ...limitRules(limits)]);
}
