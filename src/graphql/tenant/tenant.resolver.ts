import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../server/context';
import { notFound } from '../../domain/errors';
import { DeletePayload, PageArgs } from '../common/pagination';
import { toConnection, toPage, toPolicy, toTenant } from '../mappers';
import { VendorConnection } from '../connection/connection.type';
import { RecordingPolicy } from '../policy/policy.type';
import { Tenant, TenantConnection } from './tenant.type';
import { CreateTenantInput, RenameTenantInput } from './tenant.input';
import { Viewer } from './viewer.type';

@Resolver(() => Tenant)
export class TenantResolver {
  @Query(() => Viewer, { description: 'Who the bearer token says you are.' })
  viewer(@Ctx() ctx: RequestContext): Viewer {
    const p = ctx.principal;
    return { subject: p.subject, allTenants: p.tenants === '*', tenantIds: p.tenants === '*' ? [] : [...p.tenants], scopes: [...p.scopes] };
  }

  @Query(() => TenantConnection, { description: 'The tenants your token may see, oldest first.' })
  async tenants(@Args(() => PageArgs) args: PageArgs, @Ctx() ctx: RequestContext): Promise<TenantConnection> {
    const page = await ctx.services.tenants.page(ctx.principal, args, ctx.reads);
    for (const t of page.items) ctx.loaders.tenant.prime(t.id, t);
    return toPage(page, toTenant);
  }

  @Query(() => Tenant, { nullable: true, description: 'One tenant; NOT_FOUND when it does not exist or is not yours.' })
  async tenant(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Tenant> {
    ctx.principal.require('recording:read');
    const row = await ctx.loaders.tenant.load(id);
    if (!row) throw notFound('Tenant', id);
    return toTenant(row);
  }

  @Mutation(() => Tenant, { description: 'Needs a platform operator token (recording:admin, tenants ["*"]).' })
  async createTenant(@Arg('input', () => CreateTenantInput) input: CreateTenantInput, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return toTenant(await ctx.services.tenants.create(ctx.principal, input, ctx.requestId));
  }

  @Mutation(() => Tenant)
  async renameTenant(@Arg('input', () => RenameTenantInput) input: RenameTenantInput, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return toTenant(await ctx.services.tenants.rename(ctx.principal, input, ctx.requestId));
  }

  @Mutation(() => DeletePayload, { description: 'Deletes the tenant and everything it owns (connections, policies, recordings).' })
  async deleteTenant(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<DeletePayload> {
    await ctx.services.tenants.delete(ctx.principal, id, ctx.requestId);
    return { id, deleted: true };
  }

  @FieldResolver(() => [VendorConnection])
  async connections(@Root() tenant: Tenant, @Ctx() ctx: RequestContext): Promise<VendorConnection[]> {
    return (await ctx.loaders.connectionsByTenant.load(tenant.id)).map(toConnection);
  }

  @FieldResolver(() => [RecordingPolicy], { description: "All of the tenant's policies; use Query.recordingPolicies to page and filter." })
  async recordingPolicies(@Root() tenant: Tenant, @Ctx() ctx: RequestContext): Promise<RecordingPolicy[]> {
    return (await ctx.loaders.policiesByTenant.load(tenant.id)).map(toPolicy);
  }
}
