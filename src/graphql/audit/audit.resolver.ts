import { Args, ArgsType, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import type { RequestContext } from '../../server/context';
import { DateTime, JSONScalar } from '../common/scalars';
import { PageArgs, PageInfo } from '../common/pagination';
import { toPage } from '../mappers';
import type { AuditRow } from '../../store/schema';

@ObjectType({ description: 'One recorded change: who, when, what, before and after (secrets never included), and the vendor outcome.' })
export class AuditEntry {
  @Field(() => ID) id!: string;
  @Field(() => DateTime) at!: Date;
  @Field(() => String, { description: "The token's subject, or system:<worker> for background work." }) actor!: string;
  @Field(() => String, { description: 'e.g. policy.update, live_recording.pause, connection.create.' }) action!: string;
  @Field(() => String) targetType!: string;
  @Field(() => ID) targetId!: string;
  @Field(() => JSONScalar, { nullable: true }) before!: unknown;
  @Field(() => JSONScalar, { nullable: true }) after!: unknown;
  @Field(() => JSONScalar, { nullable: true, description: 'What the vendor answered, where a vendor was involved.' }) outcome!: unknown;
  @Field(() => String, { nullable: true }) requestId!: string | null;
}

@ObjectType()
export class AuditEntryConnection {
  @Field(() => [AuditEntry]) nodes!: AuditEntry[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ArgsType()
export class AuditLogArgs extends PageArgs {
  @Field(() => ID) @IsUUID('all', { message: 'tenantId must be a tenant id (UUID)' }) tenantId!: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[A-Za-z]{1,40}$/, { message: 'targetType is a type name such as RecordingPolicy' })
  targetType?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @Matches(/^[A-Za-z0-9_.:-]{1,200}$/, { message: 'targetId is not a valid id' }) targetId?:
    | string
    | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(/^[a-z_.]{1,60}$/, { message: 'action is a name such as policy.update' }) action?:
    | string
    | null;
}

const toEntry = (r: AuditRow): AuditEntry => ({
  id: r.id,
  at: r.at,
  actor: r.actor,
  action: r.action,
  targetType: r.targetType,
  targetId: r.targetId,
  before: r.before ?? null,
  after: r.after ?? null,
  outcome: r.outcome ?? null,
  requestId: r.requestId,
});

@Resolver()
export class AuditResolver {
  @Query(() => AuditEntryConnection, { description: "A tenant's audit trail, oldest first, filtered by target or action." })
  async auditLog(@Args(() => AuditLogArgs) args: AuditLogArgs, @Ctx() ctx: RequestContext): Promise<AuditEntryConnection> {
    const page = await ctx.services.audit.page(ctx.principal, args.tenantId, args, args);
    return toPage(page, toEntry);
  }
}
