/**
 * A write made of several target calls (create, count, post) that resumes instead of
 * starting over: each step's result is recorded in the idempotency store as soon as the
 * step succeeded, and a retry or takeover skips the steps recorded before, handing their
 * results to the steps that follow.
 */
import type { JsonValue } from '@hub/idempotency';
import type { WriteContext } from '../../adapter/erp-adapter';

export type StepResults = Readonly<Record<string, JsonValue>>;

export interface WriteStep {
  /** Stable across releases: a retry after an upgrade looks steps up by it. */
  readonly name: string;
  /** Gets the results of every step before it (recorded by earlier attempts or just now). */
  run(previous: StepResults): Promise<JsonValue>;
}

/** Runs the steps in order, skipping those already completed; answers every step's result. */
export async function runSteps(
  context: Pick<WriteContext, 'completedSteps' | 'recordStep'>,
  steps: readonly WriteStep[],
): Promise<StepResults> {
  const results: Record<string, JsonValue> = { ...(context.completedSteps ?? {}) };
  for (const step of steps) {
    if (Object.hasOwn(results, step.name)) continue;
    const result = await step.run(results);
    await context.recordStep?.(step.name, result);
    results[step.name] = result;
  }
  return results;
}
