export interface HandlerRetryPolicy {
  /** Delay before the first retry (ms). */
  readonly initialMs: number;
  /** The bound: no wait between attempts is longer (ms). */
  readonly maxMs: number;
}

export const defaultHandlerRetryPolicy: HandlerRetryPolicy = { initialMs: 500, maxMs: 30_000 };

/**
 * Wait before retry number `attempt` (1-based) of a message whose handler threw: doubling
 * from initialMs up to maxMs, with "equal jitter" (half fixed, half random) so partitions
 * that failed together do not retry in lockstep.
 */
export function handlerRetryDelay(
  attempt: number,
  policy: HandlerRetryPolicy,
  random: () => number,
): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** exponent);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
