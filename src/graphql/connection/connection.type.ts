import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTime } from '../common/scalars';
import { VendorKind } from '../common/enums';
import { connectionOf } from '../common/pagination';
import { ErrorCode } from '../common/enums';
import type { ApiErrorCode } from '../../domain/errors';

export const ConnectionStatus = { UNTESTED: 'UNTESTED', OK: 'OK', FAILED: 'FAILED', AUTH_EXPIRED: 'AUTH_EXPIRED' } as const;
registerEnumType(ConnectionStatus, {
  name: 'ConnectionStatus',
  description: 'Whether a connection works, as last checked.',
  valuesConfig: {
    UNTESTED: { description: 'Credentials stored, not yet checked against the vendor.' },
    OK: { description: 'The last check against the vendor succeeded.' },
    FAILED: { description: 'The last check failed; see lastError.' },
    AUTH_EXPIRED: {
      description:
        'The vendor refused the refresh token (a Webex integration or Bitrix24 application no longer authorized): work on this connection waits until it is reconnected with new credentials (updateVendorConnection).',
    },
  },
});

/** One value per cause testVendorConnection can name (vendors/port.ts CONNECTION_PROBLEMS). */
export const ConnectionProblemCode = {
  CREDENTIALS_REFUSED: 'CREDENTIALS_REFUSED',
  SCOPE_MISSING: 'SCOPE_MISSING',
  IP_NOT_ALLOWED: 'IP_NOT_ALLOWED',
  TOKEN_CAP_REACHED: 'TOKEN_CAP_REACHED',
  LICENSE_MISSING: 'LICENSE_MISSING',
  AUTHORIZATION_EXPIRED: 'AUTHORIZATION_EXPIRED',
  VENDOR_UNAVAILABLE: 'VENDOR_UNAVAILABLE',
  VENDOR_REJECTED: 'VENDOR_REJECTED',
} as const;
registerEnumType(ConnectionProblemCode, {
  name: 'ConnectionProblemCode',
  description: 'Why a connection test failed, as a stable code; ConnectionProblem.hint says what to do.',
  valuesConfig: {
    CREDENTIALS_REFUSED: { description: 'The vendor refused the credentials (wrong, regenerated or revoked).' },
    SCOPE_MISSING: { description: 'The credentials work but lack a permission (OAuth scope, application right).' },
    IP_NOT_ALLOWED: { description: "The vendor refuses calls from this service's address (API IP allow-list)." },
    TOKEN_CAP_REACHED: { description: 'The API client holds as many live tokens as the vendor allows.' },
    LICENSE_MISSING: { description: 'The user or account lacks the licence the feature needs.' },
    AUTHORIZATION_EXPIRED: { description: 'The vendor refused the refresh token: reconnect the integration or application.' },
    VENDOR_UNAVAILABLE: { description: 'The vendor did not answer or is throttling; nothing to fix, test again later.' },
    VENDOR_REJECTED: { description: 'The vendor refused the test request itself (base URL, settings).' },
  },
});

@ObjectType({ description: 'What a person needs to fix for a connection to work.' })
export class ConnectionProblem {
  @Field(() => ConnectionProblemCode, { description: 'The cause, as a stable code.' }) code!: string;
  @Field(() => String, { description: 'What to do about it, in words.' }) hint!: string;
}

@ObjectType({ description: "A vendor error as recorded: our code, the vendor's own code and message." })
export class VendorError {
  @Field(() => ErrorCode, { description: 'Our code for it: VENDOR_REJECTED, VENDOR_UNAVAILABLE, VENDOR_AUTH_FAILED, ...' }) code!: ApiErrorCode;
  @Field(() => String, { description: 'What happened, in words (no URLs or credentials).' }) message!: string;
  @Field(() => String, { description: "The vendor's own error code.", nullable: true }) vendorCode!: string | null;
  @Field(() => String, { description: "The vendor's own message.", nullable: true }) vendorMessage!: string | null;
  @Field(() => DateTime, { description: 'When it happened.' }) at!: Date;
}

@ObjectType({ description: 'A non-secret vendor setting.' })
export class Setting {
  @Field(() => String, { description: 'The setting name, as Query.vendors lists it.' }) name!: string;
  @Field(() => String, { description: 'Its value.' }) value!: string;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: "A tenant's account at one vendor. Credentials are write-only: they are never returned." })
export class VendorConnection {
  @Field(() => ID, { description: 'The connection.' }) id!: string;
  tenantId!: string;
  @Field(() => VendorKind, { description: 'The vendor.' }) vendor!: VendorKind;
  @Field(() => String, { description: 'Display name.' }) name!: string;
  @Field(() => String, { description: "The vendor API's base URL." }) baseUrl!: string;
  @Field(() => [Setting], { description: 'Non-secret vendor settings (account sid, organisation id, ...).' }) settings!: Setting[];
  @Field(() => ConnectionStatus, { description: 'Whether the stored credentials work, as last checked.' }) status!: string;
  @Field(() => DateTime, { description: 'When the credentials were last checked against the vendor.', nullable: true }) lastCheckedAt!: Date | null;
  @Field(() => VendorError, { description: 'What the vendor answered to the last failed check or call.', nullable: true })
  lastError!: VendorError | null;
  @Field(() => DateTime, { description: 'When it was created.' }) createdAt!: Date;
  @Field(() => DateTime, { description: 'When it last changed.' }) updatedAt!: Date;
}

/** Not VendorConnectionConnection: the list of vendor connections reads as a page. */
@ObjectType({ description: "A page of a tenant's vendor connections (Relay connection)." })
export class VendorConnectionPage extends connectionOf(VendorConnection, 'VendorConnection', 'vendor connection') {}

@ObjectType({ description: 'The vendor connection created (credentials stored encrypted, not yet tested).' })
export class ConnectVendorPayload {
  @Field(() => VendorConnection, { description: 'The new connection (status UNTESTED).' }) connection!: VendorConnection;
}

@ObjectType({ description: 'The vendor connection changed.' })
export class UpdateVendorConnectionPayload {
  @Field(() => VendorConnection, { description: 'The connection as stored now.' }) connection!: VendorConnection;
}

@ObjectType({ description: 'The vendor connection removed, with its policies.' })
export class RemoveVendorConnectionPayload {
  @Field(() => ID, { description: 'The id of the removed connection (evict it from a client cache).' }) deletedId!: string;
}
