import { Args, ArgsType, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import type { RequestContext } from '../../server/context';
import { DateTime, JSONScalar } from '../common/scalars';
import { connectionOf, PageArgs } from '../common/pagination';
import { AuditAction, auditActionName, auditActionOf, AuditTargetType } from '../common/enums';
import type { AuditTargetType as AuditTargetTypeT } from '../../domain/audit';
import { toPage } from '../mappers';
import type { AuditRow } from '../../store/schema';

@ObjectType({ description: 'One recorded change: who, when, what, before and after (secrets never included), and the vendor outcome.' })
export class AuditEntry {
  @Field(() => ID, { description: 'The entry.' }) id!: string;
  @Field(() => DateTime, { description: 'When the change was made.' }) at!: Date;
  @Field(() => String, { description: "The token's subject, or system:<worker> for background work." }) actor!: string;
  @Field(() => AuditAction, { description: 'What was done, e.g. POLICY_UPDATE, LIVE_RECORDING_PAUSE, CONNECTION_CREATE.' }) action!: string;
  @Field(() => AuditTargetType, { description: 'The type of the object changed.' }) targetType!: AuditTargetTypeT;
  @Field(() => ID, { description: 'The id of the object changed.' }) targetId!: string;
  @Field(() => JSONScalar, { nullable: true, description: 'The object before the change (secrets never included).' }) before!: unknown;
  @Field(() => JSONScalar, { nullable: true, description: 'The object after the change (secrets never included).' }) after!: unknown;
  @Field(() => JSONScalar, { nullable: true, description: 'What the vendor answered, where a vendor was involved.' }) outcome!: unknown;
  @Field(() => String, { nullable: true, description: 'The request that made the change (the x-request-id answered to it).' }) requestId!:
    | string
    | null;
}

@ObjectType({ description: "A page of a tenant's audit trail (Relay connection)." })
export class AuditEntryConnection extends connectionOf(AuditEntry, 'AuditEntry', 'audit entry') {}

@ArgsType()
export class AuditLogArgs extends PageArgs {
  @Field(() => ID, { description: 'The tenant whose trail to read.' })
  @IsUUID('all', { message: 'tenantId must be a tenant id (UUID)' })
  tenantId!: string;
  @Field(() => AuditTargetType, { nullable: true, description: 'Only entries about objects of this type.' })
  targetType?: AuditTargetTypeT | null;
  @Field(() => ID, { nullable: true, description: 'Only entries about this object.' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.:-]{1,200}$/, { message: 'targetId is not a valid id' })
  targetId?: string | null;
  @Field(() => AuditAction, { nullable: true, description: 'Only entries of this action.' }) action?: string | null;
}

const toEntry = (r: AuditRow): AuditEntry => ({
  id: r.id,
  at: r.at,
  actor: r.actor,
  action: auditActionName.get(r.action) ?? r.action,
  targetType: r.targetType as AuditTargetTypeT,
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
    const filter = { targetType: args.targetType, targetId: args.targetId, action: args.action ? auditActionOf.get(args.action) : null };
    const page = await ctx.services.audit.page(ctx.principal, args.tenantId, filter, args);
    return toPage(page, toEntry, args);
  }
}
