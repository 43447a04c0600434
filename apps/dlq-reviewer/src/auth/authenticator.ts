/**
 * Checks a bearer token: a static API token from DLQ_API_TOKENS (compared in constant
 * time), else a JWT verified with jose against the configured issuer's JWKS (signature,
 * `iss`, `exp`/`nbf`, and `aud` when configured). Undefined means "not authenticated".
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { roles, type ApiToken, type Role } from '../app/access-settings';
import type { Principal } from './principal';

export interface JwtSettings {
  readonly issuer?: string | undefined;
  readonly jwksUrl?: string | undefined;
  readonly audience?: string | undefined;
  readonly rolesClaim: string;
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export class Authenticator {
  private readonly tokens: readonly { digest: Buffer; token: ApiToken }[];
  private readonly jwks: ReturnType<typeof createRemoteJWKSet> | undefined;

  constructor(
    apiTokens: readonly ApiToken[],
    private readonly jwt: JwtSettings,
  ) {
    this.tokens = apiTokens.map((token) => ({ digest: digest(token.token), token }));
    this.jwks =
      jwt.jwksUrl === undefined
        ? undefined
        : createRemoteJWKSet(new URL(jwt.jwksUrl), { timeoutDuration: 5_000 });
  }

  async authenticate(presented: string): Promise<Principal | undefined> {
    const presentedDigest = digest(presented);
    // Every token is compared, so the time taken does not tell which one came close.
    let match: ApiToken | undefined;
    for (const entry of this.tokens)
      if (timingSafeEqual(entry.digest, presentedDigest)) match = entry.token;
    if (match !== undefined) return { name: match.name, role: match.role, via: 'api-token' };
    if (this.jwks === undefined || !JWT_SHAPE.test(presented)) return undefined;
    try {
      const { payload } = await jwtVerify(presented, this.jwks, {
        ...(this.jwt.issuer === undefined ? {} : { issuer: this.jwt.issuer }),
        ...(this.jwt.audience === undefined ? {} : { audience: this.jwt.audience }),
      });
      return { name: nameOf(payload), role: roleOf(payload[this.jwt.rolesClaim]), via: 'jwt' };
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
