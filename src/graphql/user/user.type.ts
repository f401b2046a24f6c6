import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * A person, owned by another subgraph (the directory). We only hold ids of users (a policy's excluded users), so
 * the stub is not resolvable here: the router asks the owning subgraph for every other field.
 */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({ description: 'A person in the directory subgraph; this subgraph only knows the id.' })
export class User {
  @Field(() => ID, { description: 'The user id (the vendor user id in the rules).' })
  id!: string;
}
