import { Field, ID, InputType } from 'type-graphql';
import { IsNotEmpty, IsUUID, MaxLength } from 'class-validator';

@InputType()
export class CreateTenantInput {
  @Field(() => String, { description: 'Display name, 1..200 characters.' })
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name!: string;
}

@InputType()
export class RenameTenantInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a tenant id (UUID)' })
  id!: string;

  @Field(() => String)
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name!: string;
}
