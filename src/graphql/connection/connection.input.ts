import { Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, IsNotEmpty, IsOptional, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { VendorKind } from '../common/enums';

@InputType({ description: 'A named value: a credential (write-only) or a setting.' })
export class NameValueInput {
  @Field(() => String, { description: 'The field name, as Query.vendors lists it.' })
  @Matches(/^[A-Za-z][A-Za-z0-9_.]{0,63}$/, { message: 'name must be a field name such as "token", "accountSid" or "http.totalTimeoutMs"' })
  name!: string;

  @Field(() => String, { description: 'Its value (1..4096 characters).' })
  @IsNotEmpty({ message: 'value must not be empty' })
  @MaxLength(4096, { message: 'value must be at most 4096 characters' })
  value!: string;
}

const URL_RULE = /^https?:\/\/[^\s]+$/i;

@InputType({ description: 'A vendor account to connect to a tenant.' })
export class ConnectVendorInput {
  @Field(() => ID, { description: 'The tenant.' })
  @IsUUID('all', { message: 'tenantId must be a tenant id (UUID)' })
  tenantId!: string;

  @Field(() => VendorKind, { description: 'The vendor.' })
  vendor!: VendorKind;

  @Field(() => String, { description: 'Display name, 1..200 characters.' })
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name!: string;

  @Field(() => String, { description: "The vendor API's base URL, e.g. https://simple-api.cp.megafon.ru" })
  @Matches(URL_RULE, { message: 'baseUrl must be an absolute http(s) URL' })
  @MaxLength(2000)
  baseUrl!: string;

  @Field(() => [NameValueInput], { nullable: true, description: 'Non-secret settings; see Query.vendors for the names each vendor takes.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  settings?: NameValueInput[] | null;

  @Field(() => [NameValueInput], { description: 'Credentials: stored encrypted, never readable back.' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  credentials!: NameValueInput[];
}

@InputType({ description: 'A connection and what changes; null fields stay as they are.' })
export class UpdateVendorConnectionInput {
  @Field(() => ID, { description: 'The connection.' })
  @IsUUID('all', { message: 'id must be a connection id (UUID)' })
  id!: string;

  @Field(() => String, { description: 'A new display name.', nullable: true })
  @IsOptional()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(200)
  name?: string | null;

  @Field(() => String, { description: 'A new base URL.', nullable: true })
  @IsOptional()
  @Matches(URL_RULE, { message: 'baseUrl must be an absolute http(s) URL' })
  @MaxLength(2000)
  baseUrl?: string | null;

  @Field(() => [NameValueInput], { nullable: true, description: 'Replaces all settings.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  settings?: NameValueInput[] | null;

  @Field(() => [NameValueInput], { nullable: true, description: 'Replaces all credentials (they cannot be read, so they are never merged).' })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  credentials?: NameValueInput[] | null;
}

@InputType({ description: 'The connection to remove.' })
export class RemoveVendorConnectionInput {
  @Field(() => ID, { description: 'The connection.' })
  @IsUUID('all', { message: 'id must be a connection id (UUID)' })
  id!: string;
}

@InputType({ description: 'The connection to test.' })
export class TestVendorConnectionInput {
  @Field(() => ID, { description: 'The connection.' })
  @IsUUID('all', { message: 'id must be a connection id (UUID)' })
  id!: string;
}
