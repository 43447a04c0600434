/**
 * The console's /drift page and its forms, on the reviewer's Fastify instance. The access
 * hook has authenticated the request, checked a form's origin and refused a viewer's POST;
 * each action goes through the proxy (audited) and back to /drift with what happened.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { check } from '../api/request-schemas';
import { principalOf, roleAllows } from '../auth/principal';
import { textFields } from '../console/bulk-routes';
import { toProblem } from '../problem/to-problem';
import type { ConnectorDrift, DriftItemView, DriftPair } from './drift-page';
import { driftPage } from './drift-page';
import type { DriftProxy } from './drift-proxy';
import {
  driftItemActions,
  driftItemParams,
  driftLevel,
  driftPairParams,
  driftRunId,
  runScopeOf,
} from './drift-requests';

type Send = (reply: FastifyReply, status: number, page: string) => FastifyReply;
const ITEMS_SHOWN = 50;

async function connectorDrift(
  proxy: DriftProxy,
  entry: Awaited<ReturnType<DriftProxy['overview']>>[number],
): Promise<ConnectorDrift> {
  const overview = entry.overview ?? {};
  const pairs = (overview['pairs'] ?? []) as readonly DriftPair[];
  const levels = (overview['levels'] ?? []) as readonly string[];
  const mode = typeof overview['mode'] === 'string' ? overview['mode'] : undefined;
  const withItems = await Promise.all(
    pairs.map(async (pair) => {
      const answer = (await proxy.call(
        entry.system,
        'GET',
        `/${pair.entityType}/items?status=open&limit=${String(ITEMS_SHOWN)}`,
      )) as { items?: readonly DriftItemView[] };
      return { pair, items: answer.items ?? [] };
    }),
  );
  return { overview: entry, levels, pairs: withItems, ...(mode === undefined ? {} : { mode }) };
}

async function render(
  proxy: DriftProxy,
  request: FastifyRequest,
  message?: string,
): Promise<string> {
  const principal = principalOf(request);
  const connectors = await Promise.all(
    (await proxy.overview()).map(async (entry): Promise<ConnectorDrift> =>
      entry.state === 'reachable'
        ? connectorDrift(proxy, entry).catch((error: unknown): ConnectorDrift => ({
            overview: {
              system: entry.system,
              state: 'unreachable',
              error: String(toProblem(error).body.detail),
            },
            levels: [],
            pairs: [],
          }))
        : { overview: entry, levels: [], pairs: [] },
    ),
  );
  return driftPage(connectors, principal.name, roleAllows(principal.role, 'operator'), message);
}

export function registerDriftConsole(
  fastify: FastifyInstance,
  proxy: DriftProxy,
  send: Send,
): void {
  fastify.get('/drift', async (request, reply) => send(reply, 200, await render(proxy, request)));

  /** Runs an action; a refusal (or an unreachable connector) is shown on the page, not thrown. */
  const act = async (
    request: FastifyRequest,
    reply: FastifyReply,
    action: () => Promise<unknown>,
    done: string,
  ) => {
    try {
      await action();
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status >= 500 && problem.code !== 'CONNECTOR_UNREACHABLE') throw error;
      return send(reply, problem.status, await render(proxy, request, String(problem.body.detail)));
    }
    return send(reply, 200, await render(proxy, request, done));
  };

  fastify.post<{ Params: { system: string; entityType: string; key: string; action: string } }>(
    '/drift/:system/:entityType/items/:key/:action',
    (request, reply) => {
      const { system, entityType, key } = check(driftItemParams, request.params);
      const action = check(z.enum(driftItemActions), request.params.action);
      return act(
        request,
        reply,
        () => proxy.itemAction(system, entityType, key, action, principalOf(request)),
        `${action}: ${key} (${entityType} → ${system}) done.`,
      );
    },
  );

  fastify.post<{ Params: { system: string; runId: string } }>(
    '/drift/:system/runs/:runId/approve',
    (request, reply) => {
      const system = check(driftPairParams.shape.system, request.params.system);
      const runId = check(driftRunId, request.params.runId);
      return act(
        request,
        reply,
        () => proxy.approve(system, runId, principalOf(request)),
        `Run ${runId} of ${system} approved.`,
      );
    },
  );

  fastify.post<{ Params: { system: string; level: string } }>(
    '/drift/:system/run/:level',
    (request, reply) => {
      const system = check(driftPairParams.shape.system, request.params.system);
      const level = check(driftLevel, request.params.level);
      // A bad scope is shown on the page with the reason, like a connector's refusal.
      const scoped = () => runScopeOf(level, textFields(request.body));
      return act(
        request,
        reply,
        () => proxy.run(system, level, principalOf(request), scoped()),
        `${level} of ${system} ran.`,
      );
    },
  );
}
