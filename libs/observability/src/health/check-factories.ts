import type { CheckResult, ReadinessCheck } from './run-check';

/**
 * Ready while `isConnected()` says so, e.g. a flag a Kafka client's connect/disconnect
 * events keep: `connectedCheck(() => consumerConnected)`.
 */
export function connectedCheck(
  isConnected: () => boolean | Promise<boolean>,
  description = 'connected',
): ReadinessCheck {
  return async (): Promise<CheckResult> =>
    (await isConnected())
      ? { ok: true, detail: description }
      : { ok: false, detail: `not ${description}` };
}

/**
 * Ready when `ping()` resolves; its rejection message becomes the detail. E.g.
 * `pingCheck(() => dataSource.query('select 1'))` or `pingCheck(() => admin.describeCluster())`.
 */
export function pingCheck(ping: () => Promise<unknown>): ReadinessCheck {
  return async (): Promise<CheckResult> => {
    await ping();
    return { ok: true };
  };
}
