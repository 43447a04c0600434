/**
 * The ingress's exception filter (@hub/http-problem's ProblemFilter): `instance` and the
 * logged route are the route pattern, not the URL, because Odoo's URL carries its token;
 * every refusal is counted per reason. A refusal of an unknown system is answered exactly
 * like its route's wrong credential; only the metric reason (`unknown-system`) and the warn
 * line every failed authentication gets (same work for both, so no timing tell) say which.
 */
import { ProblemFilter, pathOf, type ProblemResponse } from '@hub/http-problem';
import type { Logger } from '@hub/observability';
import type { WebhookMetrics } from '../metrics/webhook-metrics';
import { isFromUnconfiguredSystem } from '../webhook-common/known-system';
import { problemCatalog, type ProblemCode } from './problem-catalog';
import { toProblem } from './to-problem';

export function ingressProblemFilter(
  logger: Logger,
  metrics: WebhookMetrics,
): ProblemFilter<ProblemCode> {
  const forUnconfiguredSystem = new WeakSet<ProblemResponse<ProblemCode>>();
  return new ProblemFilter({
    toProblem: (error, instance) => {
      const problem = toProblem(error, instance);
      if (isFromUnconfiguredSystem(error)) forUnconfiguredSystem.add(problem);
      return problem;
    },
    logger,
    instanceOf: (request) => request.routeOptions.url ?? pathOf(request),
    logFields: (request) => ({ route: request.routeOptions.url }),
    onProblem: (request, problem) => {
      const reason = forUnconfiguredSystem.has(problem)
        ? 'unknown-system'
        : problemCatalog[problem.code].slug;
      metrics.rejected(request, reason);
      if (problem.status === 401)
        logger.warn(
          { route: request.routeOptions.url, ...metrics.systemFields(request), reason },
          'webhook authentication failed',
        );
    },
  });
}
