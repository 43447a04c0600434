/**
 * Checks a bearer token: a static API token from DLQ_API_TOKENS (compared in constant
 * time), else a JWT verified with jose against the configured issuer's JWKS: signature by a
 * pinned algorithm, `iss`, `aud`, `exp` and `iat` present, `nbf`, and an `iat` no older than
 * the configured maximum age. Undefined means "not authenticated".
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { roles, type ApiToken, type Role } from '../app/access-settings';
import { jwtPrincipalId, tokenPrincipalId, type Principal } from './principal';

export interface JwtSettings {
  readonly issuer?: string | undefined;
  readonly jwksUrl?: string | undefined;
  readonly audience?: string | undefined;
  readonly algorithms?: readonly string[];
  readonly maxAgeMs?: number;
  readonly rolesClaim: string;
}

const DEFAULT_ALGORITHMS = ['RS256', 'ES256'];
const DEFAULT_MAX_AGE_MS = 3_600_000;

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export class Authenticator {
  private readonly tokens: readonly { digest: Buffer; token: ApiToken }[];
  private readonly jwks: JWTVerifyGetKey | undefined;

  /** `keySet` replaces the remote JWKS (unit tests sign with local keys). */
  constructor(
    apiTokens: readonly ApiToken[],
    private readonly jwt: JwtSettings,
    keySet?: JWTVerifyGetKey,
  ) {
    this.tokens = apiTokens.map((token) => ({ digest: digest(token.token), token }));
    this.jwks =
      keySet ??
      (jwt.jwksUrl === undefined
        ? undefined
        : createRemoteJWKSet(new URL(jwt.jwksUrl), { timeoutDuration: 5_000 }));
  }

  async authenticate(presented: string): Promise<Principal | undefined> {
    const presentedDigest = digest(presented);
    // Every token is compared, so the time taken does not tell which one came close.
    let match: ApiToken | undefined;
    for (const entry of this.tokens)
      if (timingSafeEqual(entry.digest, presentedDigest)) match = entry.token;
    if (match !== undefined)
      return {
        name: match.name,
        id: tokenPrincipalId(match.name),
        role: match.role,
        via: 'api-token',
      };
    if (this.jwks === undefined || !JWT_SHAPE.test(presented)) return undefined;
    try {
      if (this.jwt.issuer === undefined || this.jwt.audience === undefined) return undefined;
      const { payload } = await jwtVerify(presented, this.jwks, {
        issuer: this.jwt.issuer,
        audience: this.jwt.audience,
        algorithms: [...(this.jwt.algorithms ?? DEFAULT_ALGORITHMS)],
        requiredClaims: ['exp', 'iat'],
        maxTokenAge: `${String(Math.floor((this.jwt.maxAgeMs ?? DEFAULT_MAX_AGE_MS) / 1000))}s`,
      });
      return {
        name: nameOf(payload),
        id: jwtPrincipalId(payload.iss, payload.sub),
        role: roleOf(payload[this.jwt.rolesClaim]),
        via: 'jwt',
      };
    } catch {
      return undefined;
    }
  }
}

function nameOf(payload: JWTPayload): string {
  const preferred = payload.preferred_username ?? payload.email ?? payload.sub;
  return typeof preferred === 'string' && preferred.length > 0
    ? preferred.slice(0, 200)
    : 'unknown';
}

/** The strongest reviewer role the claim grants (a string or an array of strings). */
export function roleOf(claim: unknown): Role | null {
  const granted = (Array.isArray(claim) ? claim : [claim]).filter(
    (value): value is Role =>
      typeof value === 'string' && (roles as readonly string[]).includes(value),
  );
  if (granted.includes('operator')) return 'operator';
  return granted.includes('viewer') ? 'viewer' : null;
}
