import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType()
export class Viewer {
  @Field(() => String) subject!: string;
  @Field(() => Boolean, { description: 'A platform operator token that sees every tenant.' }) allTenants!: boolean;
  @Field(() => [ID]) tenantIds!: string[];
  @Field(() => [String]) scopes!: string[];
}
