/** The console's /change-requests page (viewer), on the reviewer's Fastify instance. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { textFields } from '../console/bulk-routes';
import { principalOf } from '../auth/principal';
import { toProblem } from '../problem/to-problem';
import { parseChangeRequestQuery } from './change-request-query';
import type { ChangeRequestStore } from './change-request-store';
import { changeRequestsPage } from './change-requests-page';

export function registerChangeRequestPage(
  fastify: FastifyInstance,
  store: ChangeRequestStore,
  sendPage: (reply: FastifyReply, status: number, page: string) => FastifyReply,
): void {
  fastify.get('/change-requests', async (request, reply) => {
    const user = principalOf(request).name;
    const query = textFields(request.query);
    let status = 200;
    let page: string;
    try {
      const { filter, page: number, pageSize } = parseChangeRequestQuery(query);
      page = changeRequestsPage(await store.page(filter, number, pageSize), query, user);
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status >= 500) throw error;
      status = problem.status;
      const empty = { items: [], total: 0, page: 1, pageSize: 50 };
      page = changeRequestsPage(empty, query, user, String(problem.body.detail));
    }
    return sendPage(reply, status, page);
  });
}
