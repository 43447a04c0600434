/**
 * The web console, server-rendered on the app's Fastify instance. The access hook has
 * already authenticated every route but /signin and checked every form's origin. Signing in
 * opens a server-side session; the cookie carries only its random id (HttpOnly, Secure,
 * SameSite=Strict), never the token.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DeadLetterActions } from '../actions/dead-letter-actions';
import type { ItemQueries } from '../api/item-queries';
import type { TargetOverviews } from '../api/target-overview';
import { check, itemId, parseListQuery } from '../api/request-schemas';
import { SESSION_COOKIE, cookieValue } from '../auth/access-rules';
import type { Authenticator } from '../auth/authenticator';
import type { ConsoleSessions } from '../auth/console-sessions';
import { principalOf, roleAllows } from '../auth/principal';
import { ReviewerError } from '../problem/reviewer-error';
import { toProblem } from '../problem/to-problem';
import { CONTENT_SECURITY_POLICY } from './layout';
import { filterFields, registerBulkRoutes, textFields } from './bulk-routes';
import { groupsTable } from './group-pages';
import { targetsPage } from './targets-page';
import { registerTargetControlRoutes } from '../controls/control-console';
import type { TargetControlActions } from '../controls/target-control-actions';
import { registerChangeRequestPage } from '../change-requests/change-request-routes';
import type { ChangeRequestStore } from '../change-requests/change-request-store';
import { registerDriftConsole } from '../drift/drift-console';
import type { DriftProxy } from '../drift/drift-proxy';
import { detailPage, listPage, messagePage, signinPage } from './pages';

export interface ConsoleDeps {
  readonly queries: ItemQueries;
  readonly actions: DeadLetterActions;
  readonly overviews: TargetOverviews;
  readonly targetControls: TargetControlActions;
  readonly authenticator: Authenticator;
  readonly sessions: ConsoleSessions;
  readonly changeRequests: ChangeRequestStore;
  readonly drift: DriftProxy;
}

function sendPage(reply: FastifyReply, status: number, page: string): FastifyReply {
  return reply
    .code(status)
    .headers({
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    })
    .type('text/html; charset=utf-8')
    .send(page);
}

export function forbiddenPage(
  reply: FastifyReply,
  message = 'Your role does not allow this action.',
): void {
  void sendPage(reply, 403, messagePage('Not allowed', message));
}

const LOOPBACK = /^(127\.0\.0\.1|\[::1\]|localhost)(:\d+)?$/;

/**
 * Secure always, except for a browser on this very machine (Host and TCP peer both
 * loopback, e.g. a port-forward or a test), where http never leaves the host and Chromium
 * would drop a Secure cookie from http://127.0.0.1.
 */
function onThisMachine(request: FastifyRequest): boolean {
  const peer = request.raw.socket.remoteAddress ?? '';
  const loopbackPeer = peer === '127.0.0.1' || peer === '::1' || peer === '::ffff:127.0.0.1';
  return loopbackPeer && LOOPBACK.test(request.headers.host ?? '');
}

function sessionCookie(request: FastifyRequest, value: string, maxAgeMs: number): string {
  const maxAge = String(Math.floor(maxAgeMs / 1000));
  const secure = onThisMachine(request) ? '' : '; Secure';
  return `${SESSION_COOKIE}=${value}; HttpOnly${secure}; SameSite=Strict; Path=/; Max-Age=${maxAge}`;
}

export function registerConsoleRoutes(fastify: FastifyInstance, deps: ConsoleDeps): void {
  fastify.get('/signin', (_request, reply) => sendPage(reply, 200, signinPage()));

  fastify.post('/signin', async (request, reply) => {
    const token = textFields(request.body).token?.trim();
    const principal =
      token === undefined ? undefined : await deps.authenticator.authenticate(token);
    if (token === undefined || principal === undefined)
      return sendPage(reply, 401, signinPage('That token was not accepted.'));
    const session = await deps.sessions.open(principal);
    return reply
      .header('set-cookie', sessionCookie(request, session, deps.sessions.ttlMs))
      .redirect('/', 303);
  });

  fastify.post('/signout', async (request, reply) => {
    await deps.sessions.revoke(cookieValue(request.headers.cookie, SESSION_COOKIE));
    return reply.header('set-cookie', sessionCookie(request, '', 0)).redirect('/signin', 303);
  });

  fastify.get('/', async (request, reply) => {
    const principal = principalOf(request);
    const user = principal.name;
    const query = textFields(request.query);
    let page: string;
    let status = 200;
    try {
      const listQuery = parseListQuery(query);
      // Grouped like the list, open items unless a status is chosen.
      const grouped = { ...listQuery, filter: { status: ['open' as const], ...listQuery.filter } };
      const [{ page: items, position }, groups] = await Promise.all([
        deps.queries.pageWithPosition(listQuery),
        deps.queries.groups(grouped),
      ]);
      const canAct = roleAllows(principal.role, 'operator');
      page = listPage({
        page: items,
        position,
        query,
        filter: filterFields(query),
        user,
        canAct,
        groups: groupsTable(groups, canAct, filterFields(query)),
      });
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status >= 500) throw error;
      status = problem.status;
      page = listPage({
        query,
        filter: filterFields(query),
        user,
        problem: String(problem.body.detail),
      });
    }
    return sendPage(reply, status, page);
  });

  fastify.get('/targets', async (request, reply) => {
    const principal = principalOf(request);
    const operator = roleAllows(principal.role, 'operator');
    return sendPage(
      reply,
      200,
      targetsPage(await deps.overviews.overview(), principal.name, operator),
    );
  });

  fastify.get<{ Params: { id: string } }>('/items/:id', async (request, reply) => {
    const principal = principalOf(request);
    const detail = await deps.queries.detail(check(itemId, request.params.id));
    return sendPage(
      reply,
      200,
      detailPage(detail, principal.name, roleAllows(principal.role, 'operator')),
    );
  });

  fastify.post<{ Params: { id: string; action: string } }>(
    '/items/:id/:action',
    async (request, reply) => {
      const principal = principalOf(request);
      const id = check(itemId, request.params.id);
      const note = textFields(request.body).note?.trim() ?? null;
      const { action } = request.params;
      try {
        if (action === 'retry') await deps.actions.retry(id, principal, note);
        else if (action === 'resolve' || action === 'discard') {
          if (note === null) throw new ReviewerError('INVALID_REQUEST', 'A note is required.');
          await deps.actions.finish(id, action, principal, note);
        } else throw new ReviewerError('NOT_FOUND', `No action ${action}.`);
      } catch (error) {
        const problem = toProblem(error);
        if (problem.status >= 500 && problem.code !== 'KAFKA_UNAVAILABLE') throw error;
        const detail = await deps.queries.detail(id);
        return sendPage(
          reply,
          problem.status,
          detailPage(detail, principal.name, true, String(problem.body.detail)),
        );
      }
      return reply.redirect(`/items/${id}`, 303);
    },
  );

  registerBulkRoutes(fastify, deps, sendPage);
  registerTargetControlRoutes(fastify, deps.targetControls, sendPage);
  registerChangeRequestPage(fastify, deps.changeRequests, sendPage);
  registerDriftConsole(fastify, deps.drift, sendPage);
}
