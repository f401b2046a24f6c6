import { ArgsType, Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: `Page size, 1..${MAX_PAGE_SIZE}.` })
  @Min(1, { message: 'first must be at least 1' })
  @Max(MAX_PAGE_SIZE, { message: `first must be at most ${MAX_PAGE_SIZE}` })
  first: number = 20;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string | null;
}

@Directive('@shareable')
@ObjectType({ description: 'Relay-style page information; shareable, as other subgraphs define the same type.' })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType()
export class DeletePayload {
  @Field(() => ID, { description: 'The id of the deleted object.' })
  id!: string;

  @Field(() => Boolean)
  deleted!: boolean;
}
