import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../server/context';
import { notFound } from '../../domain/errors';
import type { VendorKind as VendorKindT } from '../../domain/vendor-kind';
import { DeletePayload, PageArgs } from '../common/pagination';
import { toConnection, toPage, toPolicy, toTenant, toVendorError } from '../mappers';
import { Tenant } from '../tenant/tenant.type';
import { RecordingPolicy } from '../policy/policy.type';
import { VendorCapabilities, VendorInfo } from '../vendor/vendor.type';
import { toVendorInfo } from '../vendor/vendor.mapper';
import { ConnectionProblem, VendorConnection, VendorConnectionConnection, VendorError } from './connection.type';
import { ConnectVendorInput, UpdateVendorConnectionInput } from './connection.input';
import { ArgsType } from 'type-graphql';
import { IsUUID } from 'class-validator';

@ObjectType()
class TestVendorConnectionPayload {
  @Field(() => VendorConnection) connection!: VendorConnection;
  @Field(() => Boolean) ok!: boolean;
  @Field(() => VendorError, { nullable: true }) error!: VendorError | null;
  @Field(() => ConnectionProblem, { nullable: true, description: 'When the test failed: its cause as a stable code, and what to do.' })
  problem!: ConnectionProblem | null;
}

@ArgsType()
class ConnectionsArgs extends PageArgs {
  @Field(() => ID) @IsUUID('all', { message: 'tenantId must be a tenant id (UUID)' }) tenantId!: string;
}

@Resolver(() => VendorConnection)
export class ConnectionResolver {
  @Query(() => [VendorInfo], { description: 'Every vendor this service speaks to, with what it can express.' })
  vendors(@Ctx() ctx: RequestContext): VendorInfo[] {
    return ctx.services.vendors.list().map(toVendorInfo);
  }

  @Query(() => VendorConnection, { nullable: true })
  async vendorConnection(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<VendorConnection> {
    ctx.principal.require('recording:read');
    const row = await ctx.loaders.connection.load(id);
    if (!row) throw notFound('VendorConnection', id);
    return toConnection(row);
  }

  @Query(() => VendorConnectionConnection, { description: "A tenant's vendor connections, oldest first." })
  async vendorConnections(@Args(() => ConnectionsArgs) args: ConnectionsArgs, @Ctx() ctx: RequestContext): Promise<VendorConnectionConnection> {
    return toPage(await ctx.services.connections.page(ctx.principal, args.tenantId, args), toConnection);
  }

  @Mutation(() => VendorConnection, { description: 'Connects a vendor account to a tenant. Credentials are stored encrypted and never returned.' })
  async connectVendor(@Arg('input', () => ConnectVendorInput) input: ConnectVendorInput, @Ctx() ctx: RequestContext): Promise<VendorConnection> {
    return toConnection(await ctx.services.connections.connect(ctx.principal, { ...input, vendor: input.vendor as VendorKindT }, ctx.requestId));
  }

  @Mutation(() => VendorConnection)
  async updateVendorConnection(
    @Arg('input', () => UpdateVendorConnectionInput) input: UpdateVendorConnectionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<VendorConnection> {
    return toConnection(await ctx.services.connections.update(ctx.principal, input, ctx.requestId));
  }

  @Mutation(() => DeletePayload, { description: 'Removes the connection and its policies.' })
  async removeVendorConnection(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<DeletePayload> {
    await ctx.services.connections.remove(ctx.principal, id, ctx.requestId);
    return { id, deleted: true };
  }

  @Mutation(() => TestVendorConnectionPayload, { description: 'Checks the stored credentials against the vendor.' })
  async testVendorConnection(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<TestVendorConnectionPayload> {
    const r = await ctx.services.connections.test(ctx.principal, id, ctx.requestId);
    return { connection: toConnection(r.record), ok: r.ok, error: toVendorError(r.error), problem: r.problem };
  }

  @FieldResolver(() => Tenant)
  async tenant(@Root() conn: VendorConnection, @Ctx() ctx: RequestContext): Promise<Tenant> {
    const row = await ctx.loaders.tenant.load(conn.tenantId);
    if (!row) throw notFound('Tenant', conn.tenantId);
    return toTenant(row);
  }

  @FieldResolver(() => VendorCapabilities)
  capabilities(@Root() conn: VendorConnection, @Ctx() ctx: RequestContext): VendorCapabilities {
    return toVendorInfo(ctx.services.vendors.describe(conn.vendor as VendorKindT)).capabilities;
  }

  @FieldResolver(() => [RecordingPolicy])
  async recordingPolicies(@Root() conn: VendorConnection, @Ctx() ctx: RequestContext): Promise<RecordingPolicy[]> {
    return (await ctx.loaders.policiesByConnection.load(conn.id)).map(toPolicy);
  }
}
