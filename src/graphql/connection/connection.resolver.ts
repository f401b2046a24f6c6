import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../server/context';
import { notFound } from '../../domain/errors';
import { PageArgs } from '../common/pagination';
import { toConnection, toPage, toPolicy, toTenant, toVendorError } from '../mappers';
import { Tenant } from '../tenant/tenant.type';
import { RecordingPolicy } from '../policy/policy.type';
import { VendorCapabilities, VendorInfo } from '../vendor/vendor.type';
import { toVendorInfo } from '../vendor/vendor.mapper';
import {
  ConnectionProblem,
  ConnectVendorPayload,
  RemoveVendorConnectionPayload,
  UpdateVendorConnectionPayload,
  VendorConnection,
  VendorConnectionPage,
  VendorError,
} from './connection.type';
import { ConnectVendorInput, RemoveVendorConnectionInput, TestVendorConnectionInput, UpdateVendorConnectionInput } from './connection.input';
import { ArgsType } from 'type-graphql';
import { IsUUID } from 'class-validator';

@ObjectType({ description: 'What the vendor answered to a check of the stored credentials.' })
class TestVendorConnectionPayload {
  @Field(() => VendorConnection, { description: 'The connection, with its new status and lastCheckedAt.' }) connection!: VendorConnection;
  @Field(() => Boolean, { description: 'The vendor accepted the credentials.' }) ok!: boolean;
  @Field(() => VendorError, { nullable: true, description: 'What the vendor answered when it did not.' }) error!: VendorError | null;
  @Field(() => ConnectionProblem, { nullable: true, description: 'When the test failed: its cause as a stable code, and what to do.' })
  problem!: ConnectionProblem | null;
}

@ArgsType()
class ConnectionsArgs extends PageArgs {
  @Field(() => ID, { description: 'The tenant whose connections to list.' })
  @IsUUID('all', { message: 'tenantId must be a tenant id (UUID)' })
  tenantId!: string;
}

@Resolver(() => VendorConnection)
export class ConnectionResolver {
  @Query(() => [VendorInfo], { description: 'Every vendor this service speaks to, with what it can express.' })
  vendors(@Ctx() ctx: RequestContext): VendorInfo[] {
    return ctx.services.vendors.list().map(toVendorInfo);
  }

  @Query(() => VendorConnection, { nullable: true, description: 'One vendor connection; NOT_FOUND when it does not exist or is not yours.' })
  async vendorConnection(@Arg('id', () => ID, { description: 'The connection.' }) id: string, @Ctx() ctx: RequestContext): Promise<VendorConnection> {
    ctx.principal.require('recording:read');
    const row = await ctx.loaders.connection.load(id);
    if (!row) throw notFound('VendorConnection', id);
    return toConnection(row);
  }

  @Query(() => VendorConnectionPage, { description: "A tenant's vendor connections, oldest first." })
  async vendorConnections(@Args(() => ConnectionsArgs) args: ConnectionsArgs, @Ctx() ctx: RequestContext): Promise<VendorConnectionPage> {
    return toPage(await ctx.services.connections.page(ctx.principal, args.tenantId, args), toConnection, args);
  }

  @Mutation(() => ConnectVendorPayload, {
    description: 'Connects a vendor account to a tenant. Credentials are stored encrypted and never returned.',
  })
  async connectVendor(
    @Arg('input', () => ConnectVendorInput, { description: 'The vendor account.' }) input: ConnectVendorInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ConnectVendorPayload> {
    return {
      connection: toConnection(await ctx.services.connections.connect(ctx.principal, input, ctx.requestId)),
    };
  }

  @Mutation(() => UpdateVendorConnectionPayload, {
    description: "Changes a connection's name, base URL, settings or credentials (a reconnect after AUTH_EXPIRED).",
  })
  async updateVendorConnection(
    @Arg('input', () => UpdateVendorConnectionInput, { description: 'The connection and what changes.' }) input: UpdateVendorConnectionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UpdateVendorConnectionPayload> {
    return { connection: toConnection(await ctx.services.connections.update(ctx.principal, input, ctx.requestId)) };
  }

  @Mutation(() => RemoveVendorConnectionPayload, { description: 'Removes the connection and its policies.' })
  async removeVendorConnection(
    @Arg('input', () => RemoveVendorConnectionInput, { description: 'The connection to remove.' }) input: RemoveVendorConnectionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RemoveVendorConnectionPayload> {
    await ctx.services.connections.remove(ctx.principal, input.id, ctx.requestId);
    return { deletedId: input.id };
  }

  @Mutation(() => TestVendorConnectionPayload, { description: 'Checks the stored credentials against the vendor.' })
  async testVendorConnection(
    @Arg('input', () => TestVendorConnectionInput, { description: 'The connection to test.' }) input: TestVendorConnectionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<TestVendorConnectionPayload> {
    const r = await ctx.services.connections.test(ctx.principal, input.id, ctx.requestId);
    return { connection: toConnection(r.record), ok: r.ok, error: toVendorError(r.error), problem: r.problem };
  }

  @FieldResolver(() => Tenant, { description: 'The tenant that owns it.' })
  async tenant(@Root() conn: VendorConnection, @Ctx() ctx: RequestContext): Promise<Tenant> {
    const row = await ctx.loaders.tenant.load(conn.tenantId);
    if (!row) throw notFound('Tenant', conn.tenantId);
    return toTenant(row);
  }

  @FieldResolver(() => VendorCapabilities, { description: "What the connection's vendor can express." })
  capabilities(@Root() conn: VendorConnection, @Ctx() ctx: RequestContext): VendorCapabilities {
    return toVendorInfo(ctx.services.vendors.describe(conn.vendor)).capabilities;
  }

  @FieldResolver(() => [RecordingPolicy], { description: 'The policies on this connection.' })
  async recordingPolicies(@Root() conn: VendorConnection, @Ctx() ctx: RequestContext): Promise<RecordingPolicy[]> {
    return (await ctx.loaders.policiesByConnection.load(conn.id)).map(toPolicy);
  }
}
