/** Where a retried write goes next: redelivery at its due time, or the DLQ when the schedule is spent. */
import { TARGET_HELD } from '@hub/contracts';
import type { RetryContext } from '@hub/delivery-protocol';
import { EXHAUSTED, type BackoffSchedule } from '@hub/resilience';

export type Placement =
  | { readonly kind: 'redeliver'; readonly dueAt: number }
  | { readonly kind: 'dead_letter'; readonly dueAt: number };

/**
 * The target's own failed attempts so far (operator holds not counted, see
 * scheduleBasis), so the retry to schedule is that number. Due = schedule due (moved by `pausedMs`, time the target was unreachable
 * since the first failure), and never before the target's Retry-After. Exhaustion does
 * not depend on `pausedMs`: the max age counts reachable time only.
 */
export function placeRetry(
  schedule: BackoffSchedule,
  context: RetryContext,
  pausedMs: number,
  now: number,
): Placement {
  if (heldByOperator(context)) return placeOperatorRetry(context, now);
  const basis = scheduleBasis(context);
  const due = schedule.nextDue(basis.firstFailureAt, basis.attempts, pausedMs);
  if (due === EXHAUSTED) return { kind: 'dead_letter', dueAt: now };
  return { kind: 'redeliver', dueAt: Math.max(due, context.notBefore ?? due) };
}

/**
 * An operator's retry is due now: the operator decided, so neither the backoff nor the
 * spent budget applies (an exhausted write gets its one more delivery). Retry-After still
 * does, and the dispatcher still holds it behind the breaker and the drain rate.
 */
export function placeOperatorRetry(context: RetryContext, now: number): Placement {
  return { kind: 'redeliver', dueAt: Math.max(now, context.notBefore ?? now) };
}

/**
 * A write the connector held back because an operator paused the target or forced its
 * breaker open: due now, never dead-lettered for it; the dispatcher keeps it until the
 * hold is lifted, then it goes out in due order like any other.
 */
export function heldByOperator(context: RetryContext): boolean {
  return context.history.at(-1)?.code === TARGET_HELD;
}

/**
 * What the backoff schedule counts: the target's own failures. A TARGET_HELD attempt never
 * called the target, so it uses up no step: the attempt count leaves the holds out and the
 * steps run from the first real failure. The only place attempts are counted for the schedule.
 */
export function scheduleBasis(context: RetryContext): {
  readonly attempts: number;
  readonly firstFailureAt: number;
} {
  const held = context.history.filter((attempt) => attempt.code === TARGET_HELD).length;
  const firstReal = context.history.find((attempt) => attempt.code !== TARGET_HELD);
  return {
    attempts: Math.max(1, context.attempts - held),
    firstFailureAt: firstReal?.at ?? context.firstFailureAt,
  };
}
