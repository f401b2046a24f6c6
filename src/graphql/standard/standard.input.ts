import { ArrayMaxSize, IsEmail, IsInt, IsOptional, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { RecordingRulesInput } from '../policy/rules.input';
import { RecordingRuleField, StandardMode } from './standard.enums';

@InputType({ description: 'A person, by exactly one of e-mail or User id.' })
export class StandardPersonInput {
  @Field(() => String, { nullable: true, description: 'E-mail address.' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Id of the federated User entity, resolved to its e-mail by the directory subgraph (USER_DIRECTORY_URL), then found at each platform by it.',
  })
  @IsOptional()
  @MaxLength(200)
  userId?: string | null;
}

@InputType({ description: 'People with other rules.' })
export class StandardExceptionInput {
  @Field(() => String, { description: 'What the exception is.' }) @MinLength(1) @MaxLength(200) name!: string;

  @Field(() => [StandardPersonInput], { description: 'The people (at most 1000).' })
  @ArrayMaxSize(1000)
  @ValidateNested()
  people!: StandardPersonInput[];

  @Field(() => RecordingRulesInput, { nullable: true, description: "Merged over the standard's rules for them; default mode NEVER." })
  @IsOptional()
  @ValidateNested()
  rules?: RecordingRulesInput | null;
}

@InputType({ description: 'Different rules on one connection.' })
export class StandardConnectionOverrideInput {
  @Field(() => ID, { description: 'The connection.' }) connectionId!: string;
  @Field(() => RecordingRulesInput, { description: 'Merged over the standard there.' }) @ValidateNested() rules!: RecordingRulesInput;
}

/** What a saved standard and a draft share: the tenant, the rules, and who and where they differ. */
@InputType()
abstract class StandardBodyInput {
  @Field(() => ID, { description: 'The tenant.' }) tenantId!: string;

  @Field(() => RecordingRulesInput, { description: 'The rules.' }) @ValidateNested() rules!: RecordingRulesInput;

  @Field(() => [RecordingRuleField], {
    nullable: true,
    description: 'Rules every platform must honour exactly; a platform that only approximates one, or cannot hold it, is blocked.',
  })
  @IsOptional()
  requiredFields?: string[] | null;

  @Field(() => [StandardExceptionInput], { nullable: true, description: 'Exceptions for named people.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested()
  exceptions?: StandardExceptionInput[] | null;

  @Field(() => [StandardConnectionOverrideInput], { nullable: true, description: 'Per-connection overrides.' })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested()
  overrides?: StandardConnectionOverrideInput[] | null;
}

@InputType({ description: "Creates the tenant's standard (no expectedVersion) or writes its next version." })
export class SaveRecordingStandardInput extends StandardBodyInput {
  @Field(() => Int, { nullable: true, description: 'The version you read; leave out to create the standard.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number | null;

  @Field(() => String, { description: 'Name.' }) @MinLength(1) @MaxLength(200) name!: string;
  @Field(() => StandardMode, { description: 'REPORT or ENFORCE.' }) mode!: 'REPORT' | 'ENFORCE';
}

@InputType({ description: 'A standard not saved yet, to preview: what saving and applying it would do, per connection.' })
export class PreviewRecordingStandardDraftInput extends StandardBodyInput {
  @Field(() => String, { nullable: true, description: 'Name (default "Draft standard").' })
  @IsOptional()
  @MaxLength(200)
  name?: string | null;

  @Field(() => StandardMode, { nullable: true, description: 'REPORT (default) or ENFORCE.' })
  @IsOptional()
  mode?: 'REPORT' | 'ENFORCE' | null;
}

@InputType({ description: 'The standard to compile to every platform.' })
export class ApplyRecordingStandardInput {
  @Field(() => ID, { description: 'The standard.' }) id!: string;
}
