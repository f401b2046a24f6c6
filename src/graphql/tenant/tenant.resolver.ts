import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { connectionNodeFields } from '../common/lookahead';
import type { RequestContext } from '../../server/context';
import { notFound } from '../../domain/errors';
import { PageArgs } from '../common/pagination';
import { toConnection, toPage, toPolicy, toTenant } from '../mappers';
import { VendorConnection } from '../connection/connection.type';
import { RecordingPolicy } from '../policy/policy.type';
import { CreateTenantPayload, DeleteTenantPayload, RenameTenantPayload, Tenant, TenantConnection } from './tenant.type';
import { CreateTenantInput, DeleteTenantInput, RenameTenantInput } from './tenant.input';
import { Viewer } from './viewer.type';

@Resolver(() => Tenant)
export class TenantResolver {
  @Query(() => Viewer, { description: 'Who the bearer token says you are.' })
  viewer(@Ctx() ctx: RequestContext): Viewer {
    const p = ctx.principal;
    return { subject: p.subject, allTenants: p.tenants === '*', tenantIds: p.tenants === '*' ? [] : [...p.tenants], scopes: [...p.scopes] };
  }

  @Query(() => TenantConnection, { description: 'The tenants your token may see, oldest first.' })
  async tenants(@Args(() => PageArgs) args: PageArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<TenantConnection> {
    // The lists the query asks for on each tenant come with the page, in its one statement (issue 18).
    const fields = connectionNodeFields(info);
    const page = await ctx.services.tenants.page(ctx.principal, args, ctx.reads, {
      connections: fields.has('connections'),
      policies: fields.has('recordingPolicies'),
    });
    for (const t of page.items) ctx.loaders.tenant.prime(t.id, t);
    ctx.loaders.primeTenantLists(
      page.items.map((t) => t.id),
      page.connections,
      page.policies,
    );
    return toPage(page, toTenant, args);
  }

  @Query(() => Tenant, { nullable: true, description: 'One tenant; NOT_FOUND when it does not exist or is not yours.' })
  async tenant(@Arg('id', () => ID, { description: 'The tenant.' }) id: string, @Ctx() ctx: RequestContext): Promise<Tenant> {
    ctx.principal.require('recording:read');
    const row = await ctx.loaders.tenant.load(id);
    if (!row) throw notFound('Tenant', id);
    return toTenant(row);
  }

  @Mutation(() => CreateTenantPayload, { description: 'Creates a tenant. Needs a platform operator token (recording:admin, tenants ["*"]).' })
  async createTenant(
    @Arg('input', () => CreateTenantInput, { description: 'The new tenant.' }) input: CreateTenantInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreateTenantPayload> {
    return { tenant: toTenant(await ctx.services.tenants.create(ctx.principal, input, ctx.requestId)) };
  }

  @Mutation(() => RenameTenantPayload, { description: 'Renames a tenant.' })
  async renameTenant(
    @Arg('input', () => RenameTenantInput, { description: 'The tenant and its new name.' }) input: RenameTenantInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RenameTenantPayload> {
    return { tenant: toTenant(await ctx.services.tenants.rename(ctx.principal, input, ctx.requestId)) };
  }

  @Mutation(() => DeleteTenantPayload, { description: 'Deletes the tenant and everything it owns (connections, policies, recordings).' })
  async deleteTenant(
    @Arg('input', () => DeleteTenantInput, { description: 'The tenant to delete.' }) input: DeleteTenantInput,
    @Ctx() ctx: RequestContext,
  ): Promise<DeleteTenantPayload> {
    await ctx.services.tenants.delete(ctx.principal, input.id, ctx.requestId);
    return { deletedId: input.id };
  }

  @FieldResolver(() => [VendorConnection], { description: "The tenant's vendor connections, oldest first." })
  async connections(@Root() tenant: Tenant, @Ctx() ctx: RequestContext): Promise<VendorConnection[]> {
    return (await ctx.loaders.connectionsByTenant.load(tenant.id)).map(toConnection);
  }

  @FieldResolver(() => [RecordingPolicy], { description: "All of the tenant's policies; use Query.recordingPolicies to page and filter." })
  async recordingPolicies(@Root() tenant: Tenant, @Ctx() ctx: RequestContext): Promise<RecordingPolicy[]> {
    return (await ctx.loaders.policiesByTenant.load(tenant.id)).map(toPolicy);
  }
}
