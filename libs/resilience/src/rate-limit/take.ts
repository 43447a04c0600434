/**
 * Waiting on a TokenBucket: the only part of the rate limiter that touches timers.
 * Callers are not served in arrival order; each waits and re-checks.
 */
import { PermanentError } from '@hub/primitives';
import type { TokenBucket } from './token-bucket';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const timerSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export interface TakeOptions {
  readonly sleep?: Sleep;
  readonly signal?: AbortSignal;
}

/** Resolves once `n` tokens were taken; rejects if n exceeds the burst or on abort. */
export async function take(bucket: TokenBucket, n = 1, options: TakeOptions = {}): Promise<void> {
  const { sleep = timerSleep, signal } = options;
  for (;;) {
    if (signal?.aborted === true) throw abortReason(signal);
    if (bucket.tryTake(n)) return;
    const wait = bucket.msUntilAvailable(n);
    if (wait === Infinity) {
      throw new PermanentError(
        'INVALID_RATE_LIMIT',
        `cannot take ${n} tokens from a bucket of burst ${bucket.burst}`,
      );
    }
    await sleep(Math.max(1, wait), signal);
  }
}

// Rejects with the signal's reason when it is an Error, as timers/promises does.
function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error
    ? reason
    : new DOMException('The operation was aborted', 'AbortError');
}
