/**
 * The reviewer's exception filter (@hub/http-problem's ProblemFilter). Errors from the access
 * hook, the console routes and Fastify itself (body limit, bad JSON) arrive here too; the
 * `instance` is the path only, as query strings carry operator filters.
 */
import { ProblemFilter } from '@hub/http-problem';
import type { Logger } from '@hub/observability';
import type { ProblemCode } from './problem-catalog';
import { toProblem } from './to-problem';

export function reviewerProblemFilter(logger: Logger): ProblemFilter<ProblemCode> {
  return new ProblemFilter({ toProblem, logger });
}
