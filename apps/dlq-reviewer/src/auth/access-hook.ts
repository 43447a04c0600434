/**
 * Authenticates every request before routing (Fastify onRequest): bearer token first,
 * else the console's session cookie. API answers: 401/403 problem+json; console pages:
 * a redirect to /signin or a 403 page.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ReviewerError } from '../problem/reviewer-error';
import {
  SESSION_COOKIE,
  bearerToken,
  cookieValue,
  isConsolePath,
  requiredRole,
} from './access-rules';
import type { Authenticator } from './authenticator';
import { rememberPrincipal, roleAllows } from './principal';

export type ForbiddenPage = (reply: FastifyReply) => void;

export function registerAccessHook(
  fastify: FastifyInstance,
  authenticator: Authenticator,
  forbiddenPage: ForbiddenPage,
): void {
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/';
    const needed = requiredRole(request.method, path);
    if (needed === 'public') return;
    const token =
      bearerToken(request.headers.authorization) ??
      cookieValue(request.headers.cookie, SESSION_COOKIE);
    const principal = token === undefined ? undefined : await authenticator.authenticate(token);
    const console = isConsolePath(path);
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
