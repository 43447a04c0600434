/**
 * Is any broker accepting TCP connections? The publisher asks this before handing the
 * connect to kafkajs, because a kafkajs connect cannot be cancelled: against a dead broker
 * it keeps retrying on its own timers after disconnect(), holding the process open for
 * seconds after shutdown. This probe is one socket per broker, destroyed on abort.
 */
import { connect } from 'node:net';

const PROBE_TIMEOUT_MS = 1_000;

export function parseBroker(broker: string): { host: string; port: number } {
  const colon = broker.lastIndexOf(':');
  const host = broker.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
  return { host, port: Number(broker.slice(colon + 1)) };
}

function reachable(broker: string, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ ...parseBroker(broker), timeout: PROBE_TIMEOUT_MS });
    const finish = (result: boolean): void => {
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(result);
    };
    const onAbort = (): void => {
      finish(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => {
      finish(true);
    });
    socket.once('timeout', () => {
      finish(false);
    });
    socket.once('error', () => {
      finish(false);
    });
  });
}

/** True as soon as one broker accepts a connection; false when none does or on abort. */
export async function anyBrokerReachable(
  brokers: readonly string[],
  signal: AbortSignal,
): Promise<boolean> {
  for (const broker of brokers) {
    if (signal.aborted) return false;
    if (await reachable(broker, signal)) return true;
  }
  return false;
}
