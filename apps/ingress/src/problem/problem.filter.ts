/**
 * The ingress's exception filter (@hub/http-problem's ProblemFilter): `instance` and the
 * logged route are the route pattern, not the URL, because Odoo's URL carries its token;
 * every refusal is counted per reason.
 */
import { ProblemFilter, pathOf } from '@hub/http-problem';
import type { Logger } from '@hub/observability';
import type { WebhookMetrics } from '../metrics/webhook-metrics';
import type { ProblemCode } from './problem-catalog';
import { toProblem } from './to-problem';

export function ingressProblemFilter(
  logger: Logger,
  metrics: WebhookMetrics,
): ProblemFilter<ProblemCode> {
  return new ProblemFilter({
    toProblem,
    logger,
    instanceOf: (request) => request.routeOptions.url ?? pathOf(request),
    logFields: (request) => ({ route: request.routeOptions.url }),
    onProblem: (request, problem) => {
      metrics.rejected(request, problem.code);
    },
  });
}
