/** Resolves after `ms`, or at once when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** The promise's outcome, or a rejection as soon as the signal aborts (the promise itself runs on). */
export function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error('Runner aborted'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      reject(new Error('Runner aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => {
      signal.removeEventListener('abort', onAbort);
    });
  });
}

/** Runs `work` while heartbeating every `intervalMs`, so a slow handler does not cost the partition. */
export async function withHeartbeats<T>(
  work: Promise<T>,
  heartbeat: () => Promise<void>,
  intervalMs: number,
): Promise<T> {
  const timer = setInterval(() => {
    // A failure here (usually "rebalancing") resurfaces at the heartbeat after the message.
    heartbeat().catch(() => undefined);
  }, intervalMs);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}

/**
 * Waits `ms` in short slices, heartbeating between them; false as soon as `interrupted()`
 * (stop, abort, pause, seek), true when the full wait passed.
 */
export async function waitWithHeartbeat(
  ms: number,
  heartbeat: () => Promise<void>,
  interrupted: () => boolean,
  signal: AbortSignal,
): Promise<boolean> {
  const until = Date.now() + ms;
  for (let left = ms; left > 0; left = until - Date.now()) {
    if (interrupted()) return false;
    await sleep(Math.min(left, 250), signal);
    if (interrupted()) return false;
    await heartbeat();
  }
  return !interrupted();
}
