/**
 * Authenticates every request before routing (Fastify onRequest): a bearer token, or on
 * console pages (and the docs) the console's session. API answers: 401/403 problem+json;
 * console pages: a redirect to /signin or a 403 page. Console form posts must come from
 * this origin.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ReviewerError } from '../problem/reviewer-error';
import {
  SESSION_COOKIE,
  bearerToken,
  cookieAccepted,
  cookieValue,
  isConsolePath,
  isStateChanging,
  requiredRole,
  sameOrigin,
} from './access-rules';
import type { Authenticator } from './authenticator';
import type { ConsoleSessions } from './console-sessions';
import { rememberPrincipal, roleAllows, type Principal } from './principal';

export type ForbiddenPage = (reply: FastifyReply, message?: string) => void;

async function principalFor(
  request: FastifyRequest,
  path: string,
  authenticator: Authenticator,
  sessions: ConsoleSessions,
): Promise<Principal | undefined> {
  const bearer = bearerToken(request.headers.authorization);
  if (bearer !== undefined) return authenticator.authenticate(bearer);
  if (!cookieAccepted(request.method, path)) return undefined;
  return sessions.find(cookieValue(request.headers.cookie, SESSION_COOKIE));
}

export function registerAccessHook(
  fastify: FastifyInstance,
  access: { readonly authenticator: Authenticator; readonly sessions: ConsoleSessions },
  forbiddenPage: ForbiddenPage,
): void {
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/';
    const console = isConsolePath(path);
    if (console && isStateChanging(request.method) && !sameOrigin(request.headers)) {
      forbiddenPage(reply, 'This form was not sent from the console.');
      return reply;
    }
    const needed = requiredRole(request.method, path);
    if (needed === 'public') return undefined;
    const principal = await principalFor(request, path, access.authenticator, access.sessions);
    if (principal === undefined) {
      if (console) return reply.redirect('/signin', 303);
      void reply.header('www-authenticate', 'Bearer');
      throw new ReviewerError('UNAUTHENTICATED', 'Send a valid bearer token.');
    }
    if (!roleAllows(principal.role, needed)) {
      if (console) {
        forbiddenPage(reply);
        return reply;
      }
      throw new ReviewerError(
        'FORBIDDEN',
        `This needs the ${needed} role; ${principal.name} has ${principal.role ?? 'no role'}.`,
      );
    }
    rememberPrincipal(request, principal);
    return undefined;
  });
}
