import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Who the bearer token says you are: its subject, tenants and scopes.' })
export class Viewer {
  @Field(() => String, { description: "The token's subject (a person, or a service)." }) subject!: string;
  @Field(() => Boolean, { description: 'A platform operator token that sees every tenant.' }) allTenants!: boolean;
  @Field(() => [ID], { description: 'The tenants the token may see (empty when allTenants).' }) tenantIds!: string[];
  @Field(() => [String], { description: 'What the token may do: recording:read, recording:write, recording:live, recording:admin.' })
  scopes!: string[];
}
