import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTime } from '../common/scalars';
import { VendorKind } from '../common/enums';
import { PageInfo } from '../common/pagination';

export const ConnectionStatus = { UNTESTED: 'UNTESTED', OK: 'OK', FAILED: 'FAILED' } as const;
registerEnumType(ConnectionStatus, {
  name: 'ConnectionStatus',
  valuesConfig: {
    UNTESTED: { description: 'Credentials stored, not yet checked against the vendor.' },
    OK: { description: 'The last check against the vendor succeeded.' },
    FAILED: { description: 'The last check failed; see lastError.' },
  },
});

@ObjectType({ description: 'A vendor error as recorded: our code, the vendor\'s own code and message.' })
export class VendorError {
  @Field(() => String, { description: 'VENDOR_REJECTED, VENDOR_UNAVAILABLE, VENDOR_AUTH_FAILED, ...' }) code!: string;
  @Field(() => String) message!: string;
  @Field(() => String, { nullable: true }) vendorCode!: string | null;
  @Field(() => String, { nullable: true }) vendorMessage!: string | null;
  @Field(() => DateTime) at!: Date;
}

@ObjectType()
export class Setting {
  @Field(() => String) name!: string;
  @Field(() => String) value!: string;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: "A tenant's account at one vendor. Credentials are write-only: they are never returned." })
export class VendorConnection {
  @Field(() => ID) id!: string;
  tenantId!: string;
  @Field(() => VendorKind) vendor!: string;
  @Field(() => String) name!: string;
  @Field(() => String) baseUrl!: string;
  @Field(() => [Setting], { description: 'Non-secret vendor settings (account sid, organisation id, ...).' }) settings!: Setting[];
  @Field(() => ConnectionStatus) status!: string;
  @Field(() => DateTime, { nullable: true }) lastCheckedAt!: Date | null;
  @Field(() => VendorError, { nullable: true }) lastError!: VendorError | null;
  @Field(() => DateTime) createdAt!: Date;
  @Field(() => DateTime) updatedAt!: Date;
}

@ObjectType()
export class VendorConnectionConnection {
  @Field(() => [VendorConnection]) nodes!: VendorConnection[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}
