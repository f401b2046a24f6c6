import DataLoader from 'dataloader';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { AppError, notFound } from '../../domain/errors';
import type { RecordingRules as RecordingRulesT, RuleField } from '../../domain/policy';
import type { ConnectionOverride, FieldCoverage, StandardException as StandardExceptionT } from '../../domain/standard';
import type { RequestContext } from '../../server/context';
import type { DomainEvent } from '../../domain/events';
import type {
  CompileOutcome,
  ComplianceReport,
  ConnectionCoverage as CoverageT,
  ConnectionPreview as PreviewT,
  SaveStandardInput,
} from '../../services/standard.service';
import type { RecordingStandardRow } from '../../store/schema';
import { SyncStatus } from '../common/enums';
import { toConnection, toPolicy, toTenant, toVendorRequest } from '../mappers';
import { Tenant } from '../tenant/tenant.type';
import { ApplyRecordingStandardInput, PreviewRecordingStandardDraftInput, SaveRecordingStandardInput } from './standard.input';
import { ruleFieldName, ruleFieldOf } from './standard.enums';
import {
  ApplyRecordingStandardPayload,
  ConnectionCompliance,
  ConnectionCoverage,
  ConnectionStandardPreview,
  RecordingStandard,
  SaveRecordingStandardPayload,
  StandardCompliance,
  StandardCompileOutcome,
  StandardPolicyConnection,
} from './standard.type';

export const toStandard = (r: RecordingStandardRow): RecordingStandard => ({
  row: r,
  id: r.id,
  name: r.name,
  mode: r.mode,
  rules: r.rules as RecordingStandard['rules'],
  requiredFields: (r.requiredFields as RuleField[]).map(ruleFieldName),
  exceptions: (r.exceptions as StandardExceptionT[]).map((e) => ({
    name: e.name,
    people: e.people.map((p) => ({ email: p.email ?? null, userId: p.userId ?? null, user: p.userId ? { id: p.userId } : null })),
    rules: e.rules as RecordingStandard['rules'],
  })),
  overrides: (r.overrides as ConnectionOverride[]).map((o) => ({ connectionId: o.connectionId, rules: o.rules as RecordingStandard['rules'] })),
  version: r.version,
  applied: r.applied,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const toRuleCoverage = (f: FieldCoverage) => ({ field: ruleFieldName(f.field), path: f.field, status: f.status, required: f.required, note: f.note });

const toCoverage = (c: CoverageT): ConnectionCoverage => ({
  connectionId: c.connection.id,
  connection: toConnection(c.connection),
  vendor: c.vendor,
  fields: c.coverage.fields.map(toRuleCoverage),
  scopeKinds: c.coverage.byKind.map((k) => ({
    kind: k.kind,
    fields: k.fields.map(toRuleCoverage),
    compiledRules: k.compiled as ConnectionCoverage['compiledRules'],
  })),
  blocked: c.blocked ? { code: c.blocked.code, message: c.blocked.message, fields: c.blocked.fields.map(ruleFieldName) } : null,
  compiledRules: c.coverage.compiled as ConnectionCoverage['compiledRules'],
  unresolvedPeople: c.unresolved,
});

const toPreview = (p: PreviewT): ConnectionStandardPreview => ({
  coverage: toCoverage(p),
  scopes: p.scopes,
  changing: p.changing,
  sample: p.sample.map((s) => ({ scope: s.scope, requests: s.requests.map(toVendorRequest) })),
  warnings: p.warnings,
  unlistedScopeKinds: p.unlisted,
});

const toOutcome = (o: CompileOutcome): StandardCompileOutcome => ({
  connectionId: o.connectionId,
  status: o.status,
  scopes: o.scopes,
  changed: o.changed,
  rolloutIds: o.rolloutIds,
  errorCode: o.error?.code ?? null,
  errorMessage: o.error?.message ?? null,
  unlistedScopeKinds: o.unlisted,
});

const toCompliance = (r: ComplianceReport): StandardCompliance => ({
  standard: toStandard(r.standard),
  totals: r.totals,
  blockedConnections: r.totals.blockedConnections,
  connections: r.connections.map((c) => ({
    standard: r.standard,
    connectionId: c.connection.id,
    connection: toConnection(c.connection),
    vendor: c.vendor,
    blocked: c.blocked,
    counts: { conforming: c.conforming, drifted: c.drifted, failed: c.failed, pending: c.pending, ungoverned: c.ungoverned },
    scopeKinds: c.byKind.map(({ kind, ...counts }) => ({ kind, counts })),
    ungovernedScopes: c.ungovernedScopes.slice(0, 100),
    lastCheckedAt: c.lastCheckedAt,
  })),
});

const toSaveInput = (input: Omit<SaveRecordingStandardInput, 'expectedVersion'> & { expectedVersion?: number | null }): SaveStandardInput => ({
  tenantId: input.tenantId,
  expectedVersion: input.expectedVersion ?? null,
  name: input.name,
  mode: input.mode,
  rules: input.rules as RecordingRulesT,
  requiredFields: (input.requiredFields ?? []).map(ruleFieldOf),
  exceptions: (input.exceptions ?? []).map((e) => ({
    name: e.name,
    people: e.people.map((p) => ({ email: p.email ?? null, userId: p.userId ?? null })),
    rules: (e.rules ?? { mode: 'NEVER' }) as RecordingRulesT,
  })),
  overrides: (input.overrides ?? []).map((o) => ({ connectionId: o.connectionId, rules: o.rules as RecordingRulesT })),
});

/** One loader per request: N representations of standards cost one SQL statement, through the tenant filter. */
const loaders = new WeakMap<RequestContext, DataLoader<string, RecordingStandardRow | null>>();
function standardLoader(ctx: RequestContext): DataLoader<string, RecordingStandardRow | null> {
  let l = loaders.get(ctx);
  if (!l) {
    l = new DataLoader(async (ids) => {
      const rows = await ctx.services.standards.byIds(ctx.principal.tenantFilter(), ids);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    loaders.set(ctx, l);
  }
  return l;
}

/** `_entities` for RecordingStandard: a foreign tenant's or an unknown id resolves to null. */
export async function resolveStandardReference(ref: { id: string }, ctx: RequestContext): Promise<RecordingStandard | null> {
  ctx.principal.require('recording:read');
  const row = await standardLoader(ctx).load(String(ref.id));
  return row ? toStandard(row) : null;
}

@ArgsType()
class StandardPoliciesArgs {
  @Field(() => SyncStatus, { description: 'Which state: DRIFTED lists the field diffs in each policy drift.' })
  status!: 'DRIFTED' | 'FAILED' | 'PENDING' | 'IN_SYNC';

  @Field(() => Int, { defaultValue: 20, description: 'Page size, 1..100.' })
  @Min(1, { message: 'first must be at least 1' })
  @Max(100, { message: 'first must be at most 100' })
  first: number = 20;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  after?: string | null;
}

const offsetOf = (after: string | null | undefined): number => {
  if (!after) return 0;
  const m = /^o:(\d{1,9})$/.exec(Buffer.from(after, 'base64url').toString('utf8'));
  if (!m)
    throw new AppError('BAD_USER_INPUT', 'after is not a cursor of this list', {
      fields: [{ path: ['after'], message: 'not a cursor of this list' }],
    });
  return Number(m[1]);
};
const cursorAt = (n: number) => Buffer.from(`o:${n}`, 'utf8').toString('base64url');

@Resolver(() => RecordingStandard)
export class StandardResolver {
  @Query(() => RecordingStandard, { nullable: true, description: "The tenant's recording standard, or null when it has none." })
  async recordingStandard(@Arg('tenantId', () => ID, { description: 'The tenant.' }) tenantId: string, @Ctx() ctx: RequestContext) {
    const row = await ctx.services.standards.ofTenant(ctx.principal, tenantId);
    return row ? toStandard(row) : null;
  }

  @Query(() => [ConnectionStandardPreview], {
    description:
      'What applying the standard would do, per connection, before anything is written: coverage, scopes that change, sample requests, lint warnings.',
  })
  async recordingStandardPreview(@Arg('id', () => ID, { description: 'The standard.' }) id: string, @Ctx() ctx: RequestContext) {
    return (await ctx.services.standards.preview(ctx.principal, id, ctx.requestId)).map(toPreview);
  }

  @Query(() => [ConnectionStandardPreview], {
    description:
      "The same for a standard not saved yet (rules, exceptions and overrides inline), compared with the tenant's current standard if it has one. Reads the vendors' directories; writes nothing.",
  })
  async recordingStandardDraftPreview(
    @Arg('input', () => PreviewRecordingStandardDraftInput, { description: 'The draft.' }) input: PreviewRecordingStandardDraftInput,
    @Ctx() ctx: RequestContext,
  ) {
    const { expectedVersion: _, ...draft } = toSaveInput({ ...input, name: input.name ?? '', mode: input.mode ?? 'REPORT' });
    return (await ctx.services.standards.previewDraft(ctx.principal, draft, ctx.requestId)).map(toPreview);
  }

  @Mutation(() => SaveRecordingStandardPayload, {
    description: "Creates the tenant's standard or writes its next version (optimistic concurrency); an applied standard is compiled again at once.",
  })
  async saveRecordingStandard(
    @Arg('input', () => SaveRecordingStandardInput, { description: 'The standard.' }) input: SaveRecordingStandardInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SaveRecordingStandardPayload> {
    const r = await ctx.services.standards.save(ctx.principal, toSaveInput(input), ctx.requestId);
    return { standard: toStandard(r.standard), compiled: r.compiled.map(toOutcome) };
  }

  @Mutation(() => ApplyRecordingStandardPayload, {
    description:
      'Compiles the standard to every platform it governs (policies owned by the standard; people through roll-outs at the vendor rate) and keeps it there from now on.',
  })
  async applyRecordingStandard(
    @Arg('input', () => ApplyRecordingStandardInput, { description: 'Which standard.' }) input: ApplyRecordingStandardInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ApplyRecordingStandardPayload> {
    const r = await ctx.services.standards.apply(ctx.principal, input.id, ctx.requestId);
    return { standard: toStandard(r.standard), compiled: r.compiled.map(toOutcome) };
  }

  @FieldResolver(() => Tenant, { description: 'The tenant it belongs to.' })
  async tenant(@Root() s: RecordingStandard, @Ctx() ctx: RequestContext): Promise<Tenant> {
    const row = await ctx.loaders.tenant.load(s.row.tenantId);
    if (!row) throw notFound('Tenant', s.row.tenantId);
    return toTenant(row);
  }

  @FieldResolver(() => [ConnectionCoverage], { description: "Per governed connection, field by field, from the adapters' capabilities." })
  async coverage(@Root() s: RecordingStandard, @Ctx() ctx: RequestContext): Promise<ConnectionCoverage[]> {
    return (await ctx.services.standards.coverage(ctx.principal, s.id)).map(toCoverage);
  }

  @FieldResolver(() => StandardCompliance, { description: 'Conforming, drifted, failed, pending and ungoverned scopes, per connection and in all.' })
  async compliance(@Root() s: RecordingStandard, @Ctx() ctx: RequestContext): Promise<StandardCompliance> {
    return toCompliance(await ctx.services.standards.compliance(ctx.principal, s.id));
  }

  @Subscription(() => StandardCompliance, {
    description: "The tenant's compliance each time it changes (after a reconcile run finds drift, a correction, new people).",
    subscribe: async ({ args, context }) => {
      const ctx = context as RequestContext;
      ctx.principal.require('recording:read');
      const tenantId = String(args.tenantId);
      if (!ctx.principal.canAccessTenant(tenantId)) throw notFound('Tenant', tenantId);
      return ctx.services.events.subscribe((e) => e.type === 'RECORDING_STANDARD' && e.tenantId === tenantId);
    },
  })
  async recordingStandardComplianceChanged(
    @Root() event: DomainEvent,
    @Arg('tenantId', () => ID, { description: 'The tenant.' }) _tenantId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<StandardCompliance> {
    return toCompliance(await ctx.services.standards.compliance(ctx.principal, event.id));
  }
}

@Resolver(() => ConnectionCompliance)
export class StandardComplianceResolver {
  @FieldResolver(() => StandardPolicyConnection, { description: "The standard's policies here in one state; DRIFTED ones carry their field diffs." })
  async policies(
    @Root() c: ConnectionCompliance,
    @Args(() => StandardPoliciesArgs) args: StandardPoliciesArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<StandardPolicyConnection> {
    const offset = offsetOf(args.after);
    const { rows } = await ctx.services.standards.policiesWithStatus(c.standard, c.connectionId, args.status, offset, args.first);
    const page = rows.slice(0, args.first);
    const key = args.status === 'IN_SYNC' ? 'conforming' : (args.status.toLowerCase() as 'drifted' | 'failed' | 'pending');
    return {
      edges: page.map((r, i) => ({ cursor: cursorAt(offset + i + 1), node: toPolicy(r) })),
      nodes: page.map(toPolicy),
      pageInfo: {
        hasNextPage: rows.length > args.first,
        hasPreviousPage: offset > 0,
        startCursor: page.length ? cursorAt(offset + 1) : null,
        endCursor: page.length ? cursorAt(offset + page.length) : (args.after ?? null),
      },
      totalCount: c.counts[key],
    };
  }
}

const byTenantLoaders = new WeakMap<RequestContext, DataLoader<string, RecordingStandardRow | null>>();

@Resolver(() => Tenant)
export class TenantStandardResolver {
  @FieldResolver(() => RecordingStandard, { nullable: true, description: "The tenant's company recording standard, if it has one." })
  async recordingStandard(@Root() t: Tenant, @Ctx() ctx: RequestContext): Promise<RecordingStandard | null> {
    ctx.principal.require('recording:read');
    let l = byTenantLoaders.get(ctx);
    if (!l) {
      l = new DataLoader(async (ids) => {
        const rows = await ctx.services.standards.ofTenants(ctx.principal.tenantFilter(), ids);
        const byTenant = new Map(rows.map((r) => [r.tenantId, r]));
        return ids.map((id) => byTenant.get(id) ?? null);
      });
      byTenantLoaders.set(ctx, l);
    }
    const row = await l.load(t.id);
    return row ? toStandard(row) : null;
  }
}
