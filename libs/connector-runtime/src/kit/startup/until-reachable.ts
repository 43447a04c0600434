/**
 * The start-up checks' one loop: ask the target until it answers. A permanent failure (a
 * refused login, a missing extension) ends it at once; a transient one (the target still
 * starting, a network blip) is asked again every `retryDelayMs` until `timeoutMs` has
 * passed. Whatever ends it is handed to `giveUp`, which names the fix in the connector's
 * words.
 */
import { classifyError, timerSleep, type HubError, type Sleep } from '@hub/resilience';

export interface ReachOptions {
  readonly timeoutMs: number;
  /** Default 2 s. */
  readonly retryDelayMs?: number;
  readonly logger: { warn(details: object, message: string): void };
  /** The target in the log line while retrying, e.g. `Odoo odoo-eu`. */
  readonly target: string;
  readonly sleep?: Sleep;
  readonly now?: () => number;
}

export async function untilReachable<T>(
  options: ReachOptions,
  attempt: () => Promise<T>,
  giveUp: (failure: HubError) => Error,
  signal: AbortSignal,
): Promise<T> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? timerSleep;
  const delay = options.retryDelayMs ?? 2_000;
  const deadline = now() + options.timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      const failure = classifyError(error);
      if (!failure.retriable || now() + delay > deadline) throw giveUp(failure);
      options.logger.warn(
        { code: failure.code },
        `${options.target} not reachable for the start-up check, trying again: ${failure.message}`,
      );
      await sleep(delay, signal);
    }
  }
}
