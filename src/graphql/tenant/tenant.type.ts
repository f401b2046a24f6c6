import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DateTime } from '../common/scalars';
import { connectionOf } from '../common/pagination';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A customer organisation: owns vendor connections, recording policies and live recordings.' })
export class Tenant {
  @Field(() => ID, { description: 'The tenant.' })
  id!: string;

  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Field(() => DateTime, { description: 'When it was created.' })
  createdAt!: Date;

  @Field(() => DateTime, { description: 'When it last changed.' })
  updatedAt!: Date;
}

@ObjectType({ description: 'A page of tenants (Relay connection).' })
export class TenantConnection extends connectionOf(Tenant, 'Tenant', 'tenant') {}

@ObjectType({ description: 'The tenant created.' })
export class CreateTenantPayload {
  @Field(() => Tenant, { description: 'The new tenant.' }) tenant!: Tenant;
}

@ObjectType({ description: 'The tenant renamed.' })
export class RenameTenantPayload {
  @Field(() => Tenant, { description: 'The tenant, with its new name.' }) tenant!: Tenant;
}

@ObjectType({ description: 'The tenant deleted, with everything it owned.' })
export class DeleteTenantPayload {
  @Field(() => ID, { description: 'The id of the deleted tenant (evict it from a client cache).' }) deletedId!: string;
}
