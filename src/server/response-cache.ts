import {
  getNamedType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { LRUCache } from 'lru-cache';

/**
 * The response cache (issue 18): the exact bytes of a query's answer, served again to the same request while the
 * data it read is unchanged. A hit skips Apollo Server's pipeline, execution and serialisation: it costs the body
 * read, the token lookup and the shared version check (src/store/read-cache.ts), one statement for all requests of
 * an event-loop turn.
 *
 * It can never serve a stale or a foreign answer, because of what an entry is keyed by and what it is stamped with:
 * - the key holds the caller (the token's subject, tenant scope and scopes, from the verified principal), the
 *   `Accept` header (Apollo negotiates the content type from it) and the whole request body (the document, its
 *   operation name and variables, byte for byte): another tenant's token, narrower scopes or one changed variable
 *   is another key;
 * - the entry is stamped with the read cache's version, the commit-time change counter of the tables it read
 *   (tenants, connections, policies; any writer, any replica), and served only while that counter has not moved;
 * - only operations whose every field reads those tables alone are stored (`isCacheableOperation` below: an
 *   allowlist of root fields and of the object types they reach, with the fields that read anything else
 *   excluded), only answers without errors, and only when the request read the version;
 * - limits (depth, cost, representations) were checked when the entry was stored, and the same bytes pass them again.
 * Tests: test/perf/response-cache.test.ts (another replica's write, another tenant's token, narrower scopes, bytes
 * equal to graphql-js's).
 */

/** Root fields whose answers come from the versioned tables through the request's ReadView. */
const ROOT_FIELDS = new Set(['tenants', 'tenant', 'vendorConnection', 'recordingPolicy', '_entities', '__typename']);
/** The entity types `_entities` may resolve for a cacheable request (each through a read-cached loader). */
const ENTITY_TYPES = new Set(['Tenant', 'VendorConnection', 'RecordingPolicy']);
/** Fields on the allowed types that read something other than the versioned rows (a vendor's directory, reconcile state). */
// TenantConnection.totalCount is a count statement outside the ReadView: kept out rather than reviewed.
const EXCLUDED_FIELDS = new Set(['RecordingPolicy.excludedUsers', 'RecordingPolicy.drift', 'TenantConnection.totalCount']);

/**
 * The object types whose fields are read from the versioned rows (or are static, like a vendor's capabilities), as
 * reviewed: a type added to the schema later is not cacheable until it is reviewed and listed here (fail safe). A
 * new field on a listed type must read through the request's ReadView (ctx.reads, ctx.loaders) or be listed in
 * EXCLUDED_FIELDS.
 */
const REVIEWED_TYPES = new Set(
  (
    'TenantConnection TenantEdge PageInfo Tenant RecordingPolicy VendorConnection VendorCapabilities ConnectionFieldInfo ' +
    'AttachmentCapabilities LiveRecordingCapabilities RuleFieldNote VendorError Setting RecordingRules PeriodicBeep ' +
    'PauseResumeNotification StartStopAnnouncement Announcement DirectionPrompts MediaRef RecordingTargets NamedTarget ' +
    'ExtensionTarget TrunkTarget CallSelection PolicyScope'
  ).split(' '),
);

/** The reviewed object types reachable from the entity types (and the tenants page) through allowed fields. */
function allowedTypes(schema: GraphQLSchema): Set<string> {
  const seen = new Set<string>();
  const queue = [...ENTITY_TYPES, 'TenantConnection'];
  while (queue.length) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    const type = schema.getType(name);
    if (!isObjectType(type) || !REVIEWED_TYPES.has(name)) continue;
    seen.add(name);
    for (const [fieldName, field] of Object.entries(type.getFields())) {
      if (EXCLUDED_FIELDS.has(`${name}.${fieldName}`)) continue;
      const named = getNamedType(field.type);
      if (isObjectType(named)) queue.push(named.name);
    }
  }
  return seen;
}

export class ResponseCache {
  private readonly entries: LRUCache<string, ResponseEntry>;
  private readonly types: Set<string>;
  private readonly verdicts = new WeakMap<DocumentNode, Map<string, boolean>>();
  readonly stats = { hits: 0, misses: 0, stored: 0, stale: 0 };

  constructor(
    private readonly schema: GraphQLSchema,
    readonly maxBytes: number,
  ) {
    this.entries = new LRUCache<string, ResponseEntry>({
      maxSize: Math.max(1, maxBytes),
      sizeCalculation: (e, key) => Math.max(1, e.body.length + key.length),
    });
    this.types = allowedTypes(schema);
  }

  get enabled(): boolean {
    return this.maxBytes > 0;
  }

  static key(principal: string, accept: string | undefined, body: string): string {
    return `${principal}\n${accept ?? ''}\n${body}`;
  }

  get(key: string): ResponseEntry | undefined {
    return this.entries.get(key);
  }

  /** Drops an entry whose version is no longer current. */
  forget(key: string, entry: ResponseEntry): void {
    this.stats.stale++;
    if (this.entries.peek(key) === entry) this.entries.delete(key);
  }

  set(key: string, entry: ResponseEntry): void {
    if (key.length + entry.body.length > this.maxBytes / 4) return;
    this.stats.stored++;
    this.entries.set(key, entry);
  }

  /**
   * Whether the answer to this operation depends only on the versioned tables, the caller and the request: a query
   * whose fields are all allowed and, for `_entities`, whose representations all name allowed entity types.
   */
  isCacheableOperation(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): boolean {
    if (operation.operation !== 'query') return false;
    let perDocument = this.verdicts.get(document);
    if (!perDocument) {
      perDocument = new Map();
      this.verdicts.set(document, perDocument);
    }
    const name = operation.name?.value ?? '';
    let verdict = perDocument.get(name);
    if (verdict === undefined) {
      verdict = this.staticallyCacheable(document, operation);
      perDocument.set(name, verdict);
    }
    return verdict && this.representationsAllowed(operation, variables ?? {});
  }

  private staticallyCacheable(document: DocumentNode, operation: OperationDefinitionNode): boolean {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    const query = this.schema.getQueryType();
    if (!query) return false;
    const visiting = new Set<string>();
    const walk = (type: GraphQLObjectType, set: SelectionSetNode, root: boolean): boolean => {
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          const fieldName = sel.name.value;
          if (fieldName === '__typename') continue;
          if (fieldName.startsWith('__')) return false; // introspection
          if (root ? !ROOT_FIELDS.has(fieldName) : !this.types.has(type.name) || EXCLUDED_FIELDS.has(`${type.name}.${fieldName}`)) return false;
          const field = type.getFields()[fieldName];
          if (!field) return false;
          if (!sel.selectionSet) continue;
          const named = getNamedType(field.type);
          if (isObjectType(named)) {
            if (!this.types.has(named.name) || !walk(named, sel.selectionSet, false)) return false;
          } else if (!walkAbstract(sel.selectionSet)) {
            return false; // _entities: an abstract type, its fragments must name allowed entities
          }
        } else if (root) {
          return false; // fragments at the root could hide `_entities` from representationsAllowed
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          const on = sel.typeCondition ? this.schema.getType(sel.typeCondition.name.value) : type;
          if (!isObjectType(on) || !this.types.has(on.name) || !walk(on, sel.selectionSet, false)) return false;
        } else {
          const fragment = fragments.get(sel.name.value);
          if (!fragment || visiting.has(fragment.name.value)) return false;
          const on = this.schema.getType(fragment.typeCondition.name.value);
          if (!isObjectType(on) || !this.types.has(on.name)) return false;
          visiting.add(fragment.name.value);
          const ok = walk(on, fragment.selectionSet, false);
          visiting.delete(fragment.name.value);
          if (!ok) return false;
        }
      }
      return true;
    };
    const walkAbstract = (set: SelectionSetNode): boolean => {
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          if (sel.name.value !== '__typename') return false;
          continue;
        }
        const condition = sel.kind === Kind.INLINE_FRAGMENT ? sel.typeCondition?.name.value : fragments.get(sel.name.value)?.typeCondition.name.value;
        const selectionSet = sel.kind === Kind.INLINE_FRAGMENT ? sel.selectionSet : fragments.get(sel.name.value)?.selectionSet;
        const on = condition ? this.schema.getType(condition) : undefined;
        if (!selectionSet || !isObjectType(on) || !ENTITY_TYPES.has(on.name) || !walk(on, selectionSet, false)) return false;
      }
      return true;
    };
    return walk(query, operation.selectionSet, true);
  }

  /** Every `_entities` representation names an allowed entity type (another type would be read by another loader). */
  private representationsAllowed(operation: OperationDefinitionNode, variables: Record<string, unknown>): boolean {
    for (const sel of operation.selectionSet.selections) {
      if (sel.kind !== Kind.FIELD) return false;
      if (sel.name.value !== '_entities') continue;
      const arg = sel.arguments?.find((a) => a.name.value === 'representations');
      if (!arg || arg.value.kind !== Kind.VARIABLE) return false;
      const reps = variables[arg.value.name.value];
      if (!Array.isArray(reps)) return false;
      for (const r of reps) {
        if (!r || typeof r !== 'object' || !ENTITY_TYPES.has((r as { __typename?: unknown }).__typename as string)) return false;
      }
    }
    return true;
  }

  size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.entries.calculatedSize };
  }

  clear(): void {
    this.entries.clear();
  }
}

export interface ResponseEntry {
  /** The read cache's version the answer was read at. */
  version: number;
  /** Set when that version is an operator's page version: the tenants it covers (src/store/read-cache.ts). */
  tenants?: readonly string[];
  status: number;
  headers: Record<string, string>;
  body: string;
  /** For the operation metrics of a hit. */
  operationName?: string;
}
