import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DateTime } from '../common/scalars';
import { PageInfo } from '../common/pagination';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A customer organisation: owns vendor connections, recording policies and live recordings.' })
export class Tenant {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => DateTime)
  createdAt!: Date;

  @Field(() => DateTime)
  updatedAt!: Date;
}

@ObjectType()
export class TenantConnection {
  @Field(() => [Tenant])
  nodes!: Tenant[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
