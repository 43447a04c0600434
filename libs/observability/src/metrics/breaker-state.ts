import type { HubMetrics } from './create-metrics';

export type BreakerState = 'closed' | 'half-open' | 'open';

/** The gauge encoding of `hub_breaker_state`, so alerts can say `== 2` for open. */
export const BREAKER_STATE_VALUE: Readonly<Record<BreakerState, number>> = Object.freeze({
  closed: 0,
  'half-open': 1,
  open: 2,
});

export function recordBreakerState(
  metrics: Pick<HubMetrics, 'breakerState'>,
  target: string,
  state: BreakerState,
): void {
  metrics.breakerState.set({ target }, BREAKER_STATE_VALUE[state]);
}
