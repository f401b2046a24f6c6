import { FieldResolver, Resolver, Root } from 'type-graphql';
import { RecordingPolicy } from '../policy/policy.type';
import { User } from './user.type';

@Resolver(() => RecordingPolicy)
export class PolicyUsersResolver {
  /** A reference per id in the rules: no lookup here, the router resolves the rest from the directory. */
  @FieldResolver(() => [User], { description: 'The users whose calls this policy never records (rules.excludedUserIds as directory references).' })
  excludedUsers(@Root() policy: RecordingPolicy): User[] {
    return (policy.rules?.excludedUserIds ?? []).map((id) => ({ id }));
  }
}
