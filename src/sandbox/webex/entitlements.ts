import type { Reply } from '../common';

/**
 * What a Webex token may do and who may be recorded, kept apart from the token lifecycle: scopes per token, and
 * seed 002's licence rule. NOTES.md, "Scopes" and "Licences".
 */

export const WEBEX_SCOPES = {
  peopleRead: 'spark-admin:people_read',
  peopleWrite: 'spark-admin:people_write',
  telephonyRead: 'spark-admin:telephony_config_read',
  telephonyWrite: 'spark-admin:telephony_config_write',
  /** List Workspaces (developer.webex.com Workspace Call Settings: "/v1/workspaces ... spark-admin:workspaces_read"). */
  workspacesRead: 'spark-admin:workspaces_read',
  callsWrite: 'spark:calls_write',
} as const;

/** What the sandbox's admin integration was authorised with: everything the adapters call. */
export const WEBEX_SANDBOX_SCOPES: string[] = Object.values(WEBEX_SCOPES);

export type WebexLicense = 'Webex Calling Professional' | 'Webex Calling Standard';
export type WebexRecordingVendor = 'Webex' | 'Dubber';

/** Default licence of person i: every tenth is a Standard user (seed 002's rule needs some). */
export function defaultStandardLicensed(index: number): boolean {
  return index % 10 === 9;
}

/**
 * Webex's answer to a token without the scope an operation needs: 403 and this text (developer.webex.com; the seed's
 * 403 row, "refused or access is not allowed").
 */
export function missingScopeDescription(scope: string): string {
  return (
    'The server understood the request, but refused to fulfill it because the access token is missing required scopes ' +
    `or the user is missing required roles or licenses implied by these scopes: [${scope}].`
  );
}

export class TokenScopes {
  private readonly granted = new Map<string, string[]>();

  constructor(
    initial: Record<string, string[]> | undefined,
    private readonly fallback: string[],
  ) {
    for (const [token, scopes] of Object.entries(initial ?? {})) this.granted.set(token, [...scopes]);
  }

  /** Tokens never configured here carry the fallback (the sandbox integration's scopes). */
  of(token: string): string[] {
    return this.granted.get(token) ?? this.fallback;
  }

  grant(token: string, scopes: string[]): void {
    this.granted.set(token, [...scopes]);
  }

  missing(token: string, scope: string): boolean {
    return !this.of(token).includes(scope);
  }
}

/** Seed 002: "A person with a Webex Calling Standard license is eligible for the Call Recording feature only when the Call Recording vendor is Webex." */
export function licenceRefusal(license: WebexLicense, vendor: WebexRecordingVendor, enabling: boolean): string | null {
  if (!enabling || license !== 'Webex Calling Standard' || vendor === 'Webex') return null;
  return `Call recording is not available for a person with a Webex Calling Standard license while the call recording vendor is ${vendor}: only the Webex vendor records Standard users.`;
}
