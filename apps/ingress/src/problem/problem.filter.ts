/**
 * The ingress's exception filter (@hub/http-problem's ProblemFilter): `instance` and the
 * logged route are the route pattern, not the URL, because Odoo's URL carries its token;
 * every refusal is counted per reason. A refusal of an unknown system is answered exactly
 * like its route's wrong credential; only the metric reason (`unknown-system`) and a warn
 * line tell the operator.
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
      if (!forUnconfiguredSystem.has(problem)) {
        metrics.rejected(request, problemCatalog[problem.code].slug);
        return;
      }
      metrics.rejected(request, 'unknown-system');
      logger.warn(
        { route: request.routeOptions.url, ...metrics.systemFields(request) },
        'webhook for a system not configured for this route; answered as a wrong credential',
      );
    },
  });
}
