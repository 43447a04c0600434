/** The reconciliation admin routes' refusals as RFC 9457 problems (@hub/http-problem). */
import {
  ProblemFilter,
  createToProblem,
  routingProblemTypes,
  type ProblemCatalog,
} from '@hub/http-problem';
import type { Logger } from '@hub/observability';
import { HubError } from '@hub/resilience';
import { NotRepairableError, UnknownPairError } from './reconcile-operator';

export const reconcileProblems = {
  ...routingProblemTypes,
  BAD_REQUEST: { status: 400, slug: 'bad-request', title: 'The request is malformed' },
  UNAUTHORIZED: { status: 401, slug: 'unauthorized', title: 'Missing or invalid admin token' },
  UNKNOWN_PAIR: {
    status: 404,
    slug: 'unknown-pair',
    title: 'This connector does not reconcile that entity type',
  },
  UNKNOWN_ITEM: { status: 404, slug: 'unknown-item', title: 'No such drift item or halted run' },
  RECONCILE_OFF: {
    status: 409,
    slug: 'reconcile-off',
    title: 'Reconciliation is off for this connector',
  },
  NOT_REPAIRABLE: { status: 409, slug: 'not-repairable', title: 'Nothing can be repaired here' },
  TARGET_UNAVAILABLE: {
    status: 503,
    slug: 'target-unavailable',
    title: 'The target or the store could not be reached; retry later',
  },
} as const satisfies ProblemCatalog;

export type ReconcileProblemCode = keyof typeof reconcileProblems;

export class ReconcileRouteError extends HubError {
  constructor(
    override readonly code: ReconcileProblemCode,
    message: string,
  ) {
    super(code, message, reconcileProblems[code].status >= 500);
    this.name = 'ReconcileRouteError';
  }
}

const toProblem = createToProblem(reconcileProblems, {
  known: (error) => {
    if (error instanceof ReconcileRouteError) return { code: error.code, detail: error.message };
    if (error instanceof UnknownPairError) return { code: 'UNKNOWN_PAIR', detail: error.message };
    if (error instanceof NotRepairableError)
      return { code: 'NOT_REPAIRABLE', detail: error.message };
    // The target behind its breaker, the rate limit or the database: transient by nature.
    if (error instanceof HubError && error.retriable)
      return { code: 'TARGET_UNAVAILABLE', detail: error.message };
    return undefined;
  },
  statuses: {
    404: { code: 'NOT_FOUND', detail: 'No such route.' },
    405: { code: 'METHOD_NOT_ALLOWED', detail: 'Method not allowed.' },
  },
  otherClientError: 'BAD_REQUEST',
  internal: 'INTERNAL_ERROR',
  headers: (code): Readonly<Record<string, string>> =>
    code === 'UNAUTHORIZED' ? { 'www-authenticate': 'Bearer' } : {},
});

export function reconcileProblemFilter(logger: Logger): ProblemFilter<ReconcileProblemCode> {
  return new ProblemFilter({ toProblem, logger, failureMessage: 'reconciliation request failed' });
}
