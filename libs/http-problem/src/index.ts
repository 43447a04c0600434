// @hub/http-problem: RFC 9457 problem+json answers. Apps keep their own catalog of codes;
// the mapping from thrown errors, the response shape and the Nest/Fastify sending live here.
export {
  PROBLEM_CONTENT_TYPE,
  RETRY_AFTER_SECONDS,
  bodyProblemTypes,
  problemTypeUri,
  routingProblemTypes,
  typeUriOf,
} from './problem-types';
export type { ProblemCatalog, ProblemType } from './problem-types';
export { NO_ROUTE_DETAIL, createToProblem, httpStatusOf } from './to-problem';
export type { ProblemCause, ProblemMapping, ProblemResponse, StatusMapping } from './to-problem';
export { ProblemFilter, pathOf, sendProblem } from './problem-filter';
export type { ProblemFilterOptions } from './problem-filter';
