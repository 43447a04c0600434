import { getEventListeners } from 'node:events';

/**
 * How many operations `signal` still references: its abort listeners and the signals
 * `AbortSignal.any()` made from it (Node keeps those in a set under a private symbol, until
 * the signal aborts). A long-lived signal should hold only what is in flight.
 */
export function signalHolds(signal: AbortSignal): number {
  const dependants = Object.getOwnPropertySymbols(signal).find(
    (symbol) => symbol.description === 'kDependantSignals',
  );
  // Node's own Set (another realm than a test's), so not `instanceof Set`.
  const set =
    dependants === undefined
      ? undefined
      : (signal as unknown as Record<symbol, { readonly size?: number } | undefined>)[dependants];
  return getEventListeners(signal, 'abort').length + (set?.size ?? 0);
}
