/**
 * The console's target controls: GET /targets/:target/:order shows what the order does and
 * asks for a confirmation (and a note); POST does it and goes back to /targets. Operators
 * only (the access hook refuses a viewer's POST); a refusal is shown on the confirmation page.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { principalOf } from '../auth/principal';
import { textFields } from '../console/bulk-routes';
import { targetOrderPage } from '../console/targets-page';
import { check } from '../api/request-schemas';
import { ReviewerError } from '../problem/reviewer-error';
import { toProblem } from '../problem/to-problem';
import { consoleOrder, type ConsoleOrder } from './console-orders';
import { targetParam } from './control-requests';
import type { TargetControlActions } from './target-control-actions';

type Send = (reply: FastifyReply, status: number, page: string) => FastifyReply;
type Params = { Params: { target: string; order: string } };

function orderOf(name: string): ConsoleOrder {
  const order = consoleOrder(name);
  if (order === undefined) throw new ReviewerError('NOT_FOUND', `No target control ${name}.`);
  return order;
}

export function registerTargetControlRoutes(
  fastify: FastifyInstance,
  controls: TargetControlActions,
  send: Send,
): void {
  fastify.get<Params>('/targets/:target/:order', (request, reply) => {
    const target = check(targetParam, request.params.target);
    const order = orderOf(request.params.order);
    return send(reply, 200, targetOrderPage(target, order, principalOf(request).name));
  });

  fastify.post<Params>('/targets/:target/:order', async (request, reply) => {
    const target = check(targetParam, request.params.target);
    const order = orderOf(request.params.order);
    const principal = principalOf(request);
    const note = textFields(request.body)['note']?.trim() ?? null;
    try {
      await controls.order(target, order.order, principal, note);
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status >= 500 && problem.code !== 'KAFKA_UNAVAILABLE') throw error;
      return send(
        reply,
        problem.status,
        targetOrderPage(target, order, principal.name, String(problem.body.detail)),
      );
    }
    return reply.redirect('/targets', 303);
  });
}
