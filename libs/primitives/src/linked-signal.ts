import { setMaxListeners } from 'node:events';

/**
 * A signal that aborts when any of several does, for one operation, detached from them when
 * the operation ends.
 *
 * `AbortSignal.any()` is not usable for that on Node 20: it adds a WeakRef to every signal it
 * makes into each source's set of dependants, and removes none until the source aborts. A
 * source that lives as long as the process (the runtime's stop signal, a consumer's) kept one
 * entry per call: connector-odoo's two long-lived signals held 144,277 WeakRefs each after
 * ten minutes at 80 events/s, its heap floor rising with every event. Listeners added here
 * are removed when the operation settles, so a long-lived source holds only the operations in
 * flight.
 */
export async function withLinkedSignal<T>(
  signals: readonly AbortSignal[],
  operation: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const aborted = signals.find((signal) => signal.aborted);
  if (aborted !== undefined) {
    controller.abort(aborted.reason);
    return operation(controller.signal);
  }
  const onAbort = (event: Event): void => {
    controller.abort((event.target as AbortSignal).reason);
  };
  for (const signal of signals) {
    setMaxListeners(0, signal);
    signal.addEventListener('abort', onAbort, { once: true });
  }
  try {
    return await operation(controller.signal);
  } finally {
    for (const signal of signals) signal.removeEventListener('abort', onAbort);
  }
}
