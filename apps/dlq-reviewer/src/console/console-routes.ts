/**
 * The web console, server-rendered on the app's Fastify instance. The access hook has
 * already authenticated every route but /signin and checked every form's origin. Signing in
 * opens a server-side session; the cookie carries only its random id (HttpOnly, Secure,
 * SameSite=Strict), never the token.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DeadLetterActions } from '../actions/dead-letter-actions';
import type { ItemQueries } from '../api/item-queries';
import { check, itemId, parseListQuery } from '../api/request-schemas';
import { SESSION_COOKIE, cookieValue } from '../auth/access-rules';
import type { Authenticator } from '../auth/authenticator';
import type { ConsoleSessions } from '../auth/console-sessions';
import { principalOf, roleAllows } from '../auth/principal';
import { ReviewerError } from '../problem/reviewer-error';
import { toProblem } from '../problem/to-problem';
import { CONTENT_SECURITY_POLICY } from './layout';
import { bulkConfirmPage, groupsTable } from './group-pages';
import { detailPage, listPage, messagePage, signinPage } from './pages';

export interface ConsoleDeps {
  readonly queries: ItemQueries;
  readonly actions: DeadLetterActions;
  readonly authenticator: Authenticator;
  readonly sessions: ConsoleSessions;
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

/** Form and query values as plain strings; empty fields mean "no filter". */
function textFields(input: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (typeof input !== 'object' || input === null) return fields;
  for (const [name, value] of Object.entries(input))
    if (typeof value === 'string' && value.trim() !== '') fields[name] = value;
  return fields;
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
      const [items, groups] = await Promise.all([
        deps.queries.page(listQuery),
        deps.queries.groups(grouped),
      ]);
      page = listPage(
        items,
        query,
        user,
        undefined,
        groupsTable(groups, roleAllows(principal.role, 'operator')),
      );
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status >= 500) throw error;
      status = problem.status;
      page = listPage(undefined, query, user, String(problem.body.detail));
    }
    return sendPage(reply, status, page);
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

  registerBulkRetryRoutes(fastify, deps);
}

/** The filter fields of a form or query (what parseListQuery accepts), without paging. */
function filterFields(input: unknown): Record<string, string> {
  const { expected: _expected, note: _note, cursor: _cursor, ...fields } = textFields(input);
  return fields;
}

function registerBulkRetryRoutes(fastify: FastifyInstance, deps: ConsoleDeps): void {
  const confirm = async (
    request: FastifyRequest,
    fields: Record<string, string>,
    problem?: string,
  ) => {
    const { filter } = parseListQuery(fields);
    const principal = principalOf(request);
    const { matched } = await deps.actions.bulkRetry(filter, true, principal, null);
    return bulkConfirmPage({
      fields,
      matched,
      limit: deps.actions.bulkRetryLimit,
      user: principal.name,
      ...(problem === undefined ? {} : { problem }),
    });
  };

  fastify.get('/bulk-retry', async (request, reply) =>
    sendPage(reply, 200, await confirm(request, filterFields(request.query))),
  );

  fastify.post('/bulk-retry', async (request, reply) => {
    const body = textFields(request.body);
    const fields = filterFields(body);
    const { filter } = parseListQuery(fields);
    const principal = principalOf(request);
    const { matched } = await deps.actions.bulkRetry(filter, true, principal, null);
    if (String(matched) !== body['expected'])
      return sendPage(
        reply,
        409,
        await confirm(
          request,
          fields,
          `The group changed since you looked: ${String(matched)} items match now. Nothing was retried.`,
        ),
      );
    try {
      await deps.actions.bulkRetry(filter, false, principal, body['note']?.trim() ?? null);
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status >= 500 && problem.code !== 'KAFKA_UNAVAILABLE') throw error;
      return sendPage(
        reply,
        problem.status,
        await confirm(request, fields, String(problem.body.detail)),
      );
    }
    const { status: _status, ...rest } = fields;
    return reply.redirect(`/?${new URLSearchParams(rest).toString()}`, 303);
  });
}
