import { Field, ID, InputType } from 'type-graphql';
import { IsNotEmpty, IsUUID, MaxLength } from 'class-validator';

@InputType({ description: 'A new tenant.' })
export class CreateTenantInput {
  @Field(() => String, { description: 'Display name, 1..200 characters.' })
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name!: string;
}

@InputType({ description: 'A new name for a tenant.' })
export class RenameTenantInput {
  @Field(() => ID, { description: 'The tenant.' })
  @IsUUID('all', { message: 'id must be a tenant id (UUID)' })
  id!: string;

  @Field(() => String, { description: 'The new display name, 1..200 characters.' })
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name!: string;
}

@InputType({ description: 'The tenant to delete.' })
export class DeleteTenantInput {
  @Field(() => ID, { description: 'The tenant.' })
  @IsUUID('all', { message: 'id must be a tenant id (UUID)' })
  id!: string;
}
