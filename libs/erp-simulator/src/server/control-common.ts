/** Shared pieces of the `/__sim/` control API. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FaultInjector } from '../faults/fault-injector';
import { faultSpecProblems, type FaultKind, type FaultSpec } from '../faults/fault-spec';

export function badRequest(reply: FastifyReply, problems: readonly string[]): FastifyReply {
  return reply
    .code(400)
    .header('content-type', 'application/problem+json')
    .send({
      type: 'urn:hub:problem:invalid-payload',
      title: 'Invalid control request',
      status: 400,
      detail: problems.join('; '),
      errors: problems,
    });
}

export function registerFaultRoutes(
  app: FastifyInstance,
  prefix: string,
  faults: FaultInjector,
  allowed: readonly FaultKind[],
): void {
  app.post(`${prefix}/faults`, (request, reply) => {
    const problems = faultSpecProblems(request.body, allowed);
    if (problems.length > 0) return badRequest(reply, problems);
    return reply.code(201).send({ id: faults.add(request.body as FaultSpec) });
  });
  app.get(`${prefix}/faults`, () => faults.list());
  app.delete(`${prefix}/faults`, (_request, reply) => {
    faults.clear();
    return reply.code(204).send();
  });
}
