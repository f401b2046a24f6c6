import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { AppError } from '../domain/errors';
import { Principal, SCOPES, type Scope } from '../domain/principal';

// The principal is a domain type (use cases receive it); re-exported for the server's callers.
export { Principal, SCOPES, type Scope } from '../domain/principal';

export interface AuthOptions {
  jwtSecret?: string;
  jwtJwksUrl?: string;
  issuer?: string;
  audience?: string;
}

const unauthenticated = (why: string) => new AppError('UNAUTHENTICATED', why);

/**
 * Verified tokens are remembered for a short while (issue 9): jose verifies an HS256 token through WebCrypto, an
 * async job off the event loop that cost about 5% of a dashboard request's CPU. A token is remembered by its full
 * text, only after it verified, never past its `exp`, and for at most a minute (so a key removed from the JWKS
 * stops being honoured within a minute). The map is bounded; the oldest entry makes room.
 */
const VERIFIED_TTL_MS = 60_000;
const VERIFIED_MAX = 10_000;

export class Authenticator {
  private readonly verifyKey: Parameters<typeof jwtVerify>[1];
  private readonly algorithms: string[];
  private readonly verified = new Map<string, { principal: Principal; until: number }>();

  constructor(private readonly opts: AuthOptions) {
    if (opts.jwtJwksUrl) {
      this.verifyKey = createRemoteJWKSet(new URL(opts.jwtJwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
      this.algorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'];
    } else if (opts.jwtSecret) {
      this.verifyKey = new TextEncoder().encode(opts.jwtSecret);
      this.algorithms = ['HS256', 'HS384', 'HS512'];
    } else {
      throw new Error('JWT configuration is required');
    }
  }

  /** Verifies `Authorization: Bearer <jwt>`; any problem is UNAUTHENTICATED without saying more than needed. */
  async authenticate(authorization: string | undefined): Promise<Principal> {
    if (!authorization) throw unauthenticated('Missing bearer token: send Authorization: Bearer <token>');
    const m = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i.exec(authorization.trim());
    if (!m) throw unauthenticated('Malformed Authorization header: expected Bearer <jwt>');
    const now = Date.now();
    const known = this.verified.get(m[1]!);
    if (known && known.until > now) return known.principal;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(m[1]!, this.verifyKey as never, {
        algorithms: this.algorithms,
        issuer: this.opts.issuer,
        audience: this.opts.audience,
        clockTolerance: 30,
      }));
    } catch {
      throw unauthenticated('Invalid or expired token');
    }
    const principal = principalFromClaims(payload);
    if (this.verified.size >= VERIFIED_MAX) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(m[1]!, {
      principal,
      until: Math.min(now + VERIFIED_TTL_MS, typeof payload.exp === 'number' ? payload.exp * 1000 : now + VERIFIED_TTL_MS),
    });
    return principal;
  }
}

export function principalFromClaims(payload: JWTPayload): Principal {
  if (typeof payload.sub !== 'string' || !payload.sub) throw unauthenticated('Token has no subject');
  const rawTenants = payload.tenants;
  let tenants: '*' | Set<string>;
  if (rawTenants === '*' || (Array.isArray(rawTenants) && rawTenants.includes('*'))) tenants = '*';
  else if (Array.isArray(rawTenants) && rawTenants.every((t) => typeof t === 'string')) tenants = new Set(rawTenants as string[]);
  else throw unauthenticated('Token names no tenants');
  const scopeClaim = typeof payload.scope === 'string' ? payload.scope.split(' ') : Array.isArray(payload.scp) ? payload.scp : [];
  const scopes = new Set(scopeClaim.filter((s): s is Scope => (SCOPES as readonly string[]).includes(s as string)));
  return new Principal(payload.sub, tenants, scopes);
}

export interface TokenClaims {
  sub: string;
  tenants: string[] | '*';
  scopes: Scope[];
  expiresIn?: string;
  issuer?: string;
  audience?: string;
}

/** Signs an HS256 token: the development token printed at start, and tests. */
export async function signToken(secret: string, claims: TokenClaims): Promise<string> {
  let jwt = new SignJWT({ tenants: claims.tenants === '*' ? ['*'] : claims.tenants, scope: claims.scopes.join(' ') })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn ?? '30d');
  if (claims.issuer) jwt = jwt.setIssuer(claims.issuer);
  if (claims.audience) jwt = jwt.setAudience(claims.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
