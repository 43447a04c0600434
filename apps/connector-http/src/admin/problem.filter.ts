/** The admin routes' exception filter: RFC 9457 problem+json via @hub/http-problem. */
import { ProblemFilter } from '@hub/http-problem';
import type { Logger } from '@hub/observability';
import type { ProblemCode } from './admin-error';
import { toProblem } from './to-problem';

export function adminProblemFilter(logger: Logger): ProblemFilter<ProblemCode> {
  return new ProblemFilter({
    toProblem,
    logger,
    logFields: () => ({}),
    failureMessage: 'admin request failed',
  });
}
