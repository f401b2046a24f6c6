import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;

/** Forward paging, as Relay and Apollo Client's relayStylePagination send it. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: `How many items to return after \`after\`, 1..${MAX_PAGE_SIZE}.` })
  @Min(1, { message: 'first must be at least 1' })
  @Max(MAX_PAGE_SIZE, { message: `first must be at most ${MAX_PAGE_SIZE}` })
  first: number = 20;

  @Field(() => String, { nullable: true, description: "Return the items after this cursor (an edge's cursor or pageInfo.endCursor)." })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string | null;
}

@Directive('@shareable')
@ObjectType({ description: 'Relay page information; shareable, as other subgraphs define the same type.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'More items follow this page: ask again with after: endCursor.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, {
    description: 'Items come before this page (true when the page was asked for with after). Lists page forward only: there is no last/before.',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "The first edge's cursor; null on an empty page." })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: "The last edge's cursor, to pass as after for the next page; null on an empty page." })
  endCursor!: string | null;
}

export interface EdgeShape<T> {
  cursor: string;
  node: T;
}

/** What every list resolver returns: the page, and the count to run only if totalCount is selected. */
export interface ConnectionShape<T> {
  edges: EdgeShape<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  count: () => Promise<number>;
}

/**
 * A Relay connection type for one node type: `edges { cursor node }`, `nodes` (the same nodes, for clients that do
 * not need cursors), `pageInfo` and `totalCount`. `name` is the readable list name (Tenant -> TenantConnection).
 */
export function connectionOf<T extends object>(Node: ClassType<T>, name: string, what: string) {
  @ObjectType(`${name}Edge`, { description: `One ${what} in a page, with the cursor to page on from it.` })
  class Edge {
    @Field(() => String, { description: `Pass it as after to get the ${what}s that follow this one.` })
    cursor!: string;

    @Field(() => Node, { description: `The ${what}.` })
    node!: T;
  }

  // Not emitted by itself: only the named subclasses are reachable from the schema.
  @ObjectType()
  abstract class Connection {
    @Field(() => [Edge], { description: `The page's ${what}s with their cursors, in order.` })
    edges!: Edge[];

    @Field(() => [Node], { description: `The page's ${what}s, in order (edges without the cursors).` })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Where this page is in the list.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: `How many ${what}s the list holds with these filters, on every page (one indexed count).` })
    totalCount!: number | Promise<number>;

    count!: () => Promise<number>;
  }
  return Connection;
}
