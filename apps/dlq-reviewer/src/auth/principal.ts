/** Who is calling, as the access hook established it; the audit log names `name`. */
import type { FastifyRequest } from 'fastify';
import type { Role } from '../app/access-settings';
import { ReviewerError } from '../problem/reviewer-error';

export interface Principal {
  /** What people read in the audit log and console: a JWT's preferred_username or email, a token's name. */
  readonly name: string;
  /**
   * Who it is, stably: `jwt:<iss>#<sub>` (a name or email can change or be reused; issuer and
   * subject cannot) or `api-token:<name>`. The audit log keeps both.
   */
  readonly id: string;
  /** Null: authenticated, but without a reviewer role (every route answers 403). */
  readonly role: Role | null;
  readonly via: 'jwt' | 'api-token';
}

const principals = new WeakMap<object, Principal>();

export function rememberPrincipal(request: FastifyRequest, principal: Principal): void {
  principals.set(request.raw, principal);
}

export function principalOf(request: FastifyRequest): Principal {
  const principal = principals.get(request.raw);
  if (principal === undefined)
    throw new ReviewerError('UNAUTHENTICATED', 'No credentials were checked for this request.');
  return principal;
}

/** operator includes viewer. */
export function roleAllows(role: Role | null, needed: Role): boolean {
  if (role === null) return false;
  return role === 'operator' || needed === 'viewer';
}

export function jwtPrincipalId(issuer: unknown, subject: unknown): string {
  const part = (value: unknown): string =>
    typeof value === 'string' && value !== '' ? value : '?';
  return `jwt:${part(issuer)}#${part(subject)}`.slice(0, 500);
}

export function tokenPrincipalId(name: string): string {
  return `api-token:${name}`;
}
