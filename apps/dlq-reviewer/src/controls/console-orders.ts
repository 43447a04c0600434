/** The target controls the console offers, each with the words its confirmation page shows. */
import type { ControlOrder } from './target-control-actions';

export interface ConsoleOrder {
  /** The URL segment: /targets/<target>/<name>. */
  readonly name: string;
  readonly label: string;
  readonly order: ControlOrder;
  explain(target: string): string;
}

export const CONSOLE_ORDERS: readonly ConsoleOrder[] = [
  {
    name: 'pause',
    label: 'Pause',
    order: { kind: 'pause' },
    explain: (target) =>
      `Its connectors stop writing to ${target}: new writes wait in the retry queue (nothing is dropped) and the retry scheduler sends none until you resume it.`,
  },
  {
    name: 'resume',
    label: 'Resume',
    order: { kind: 'resume' },
    explain: (target) =>
      `The writes held for ${target} go out in order, through the scheduler's breaker and drain rate.`,
  },
  {
    name: 'force-open',
    label: 'Force breaker open',
    order: { kind: 'breaker', force: 'open' },
    explain: (target) =>
      `Nothing calls ${target} until you release the breaker: writes wait in the retry queue.`,
  },
  {
    name: 'force-closed',
    label: 'Force breaker closed',
    order: { kind: 'breaker', force: 'closed' },
    explain: (target) =>
      `Calls to ${target} go ahead whatever its breakers say (the rate limits still apply).`,
  },
  {
    name: 'release-breaker',
    label: 'Release breaker',
    order: { kind: 'breaker', force: 'auto' },
    explain: (target) => `The breakers of ${target} decide again.`,
  },
  {
    name: 'pull-forward',
    label: 'Pull retries forward',
    order: { kind: 'pull-forward' },
    explain: (target) =>
      `Every pending retry of ${target} taken in until now is due now (still through the breaker and drain rate).`,
  },
];

export function consoleOrder(name: string): ConsoleOrder | undefined {
  return CONSOLE_ORDERS.find((order) => order.name === name);
}
