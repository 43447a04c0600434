/**
 * Bulk retry, resolve and discard by filter from the console: GET shows how many items the
 * action will change (a dry run), POST carries that count back and is refused with 409 when
 * the matches changed meanwhile, so nobody acts on more (or other) items than they saw.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { BulkAction } from '../actions/dead-letter-actions';
import { parseListQuery } from '../api/request-schemas';
import type { AuditActor } from '../store/audit-store';
import type { ItemFilter } from '../store/item-types';
import { principalOf } from '../auth/principal';
import { ReviewerError } from '../problem/reviewer-error';
import { toProblem } from '../problem/to-problem';
import type { ConsoleDeps } from './console-routes';
import { bulkConfirmPage } from './group-pages';

type Send = (reply: FastifyReply, status: number, page: string) => FastifyReply;

const BULK_ACTIONS: readonly BulkAction[] = ['retry', 'resolve', 'discard'];

function bulkActionOf(name: string): BulkAction {
  const action = BULK_ACTIONS.find((candidate) => candidate === name);
  if (action === undefined) throw new ReviewerError('NOT_FOUND', `No bulk action ${name}.`);
  return action;
}

/** Form and query values as plain strings; empty fields mean "no filter". */
export function textFields(input: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (typeof input !== 'object' || input === null) return fields;
  for (const [name, value] of Object.entries(input))
    if (typeof value === 'string' && value.trim() !== '') fields[name] = value;
  return fields;
}

/** The filter fields of a form or query (what parseListQuery accepts), without paging. */
export function filterFields(input: unknown): Record<string, string> {
  const {
    expected: _expected,
    note: _note,
    cursor: _cursor,
    before: _before,
    last: _last,
    limit: _limit,
    ...fields
  } = textFields(input);
  return fields;
}

function run(
  deps: ConsoleDeps,
  action: BulkAction,
  filter: ItemFilter,
  dryRun: boolean,
  actor: AuditActor,
  note: string | null,
): Promise<{ matched: number }> {
  return action === 'retry'
    ? deps.actions.bulkRetry(filter, dryRun, actor, note)
    : deps.actions.bulkFinish(action, filter, dryRun, actor, note);
}

export function registerBulkRoutes(fastify: FastifyInstance, deps: ConsoleDeps, send: Send): void {
  const confirm = async (
    request: FastifyRequest,
    action: BulkAction,
    fields: Record<string, string>,
    problem?: string,
  ) => {
    const { filter } = parseListQuery(fields);
    const principal = principalOf(request);
    const { matched } = await run(deps, action, filter, true, principal, null);
    return bulkConfirmPage({
      action,
      fields,
      matched,
      limit: deps.actions.bulkRetryLimit,
      user: principal.name,
      ...(problem === undefined ? {} : { problem }),
    });
  };

  fastify.get<{ Params: { action: string } }>('/bulk/:action', async (request, reply) => {
    const action = bulkActionOf(request.params.action);
    return send(reply, 200, await confirm(request, action, filterFields(request.query)));
  });

  fastify.post<{ Params: { action: string } }>('/bulk/:action', async (request, reply) => {
    const action = bulkActionOf(request.params.action);
    const body = textFields(request.body);
    const fields = filterFields(body);
    const { filter } = parseListQuery(fields);
    const principal = principalOf(request);
    const note = body['note']?.trim() ?? null;
    const refuse = async (status: number, problem: string) =>
      send(reply, status, await confirm(request, action, fields, problem));
    const { matched } = await run(deps, action, filter, true, principal, null);
    if (String(matched) !== body['expected'])
      return refuse(
        409,
        `The matches changed since you looked: ${String(matched)} items match now. Nothing was changed.`,
      );
    if (action !== 'retry' && note === null)
      return refuse(400, `A note is required to ${action} items.`);
    try {
      await run(deps, action, filter, false, principal, note);
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status >= 500 && problem.code !== 'KAFKA_UNAVAILABLE') throw error;
      return refuse(problem.status, String(problem.body.detail));
    }
    const { status: _status, ...rest } = fields;
    return reply.redirect(`/?${new URLSearchParams(rest).toString()}`, 303);
  });
}
