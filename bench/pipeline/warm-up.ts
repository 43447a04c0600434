/**
 * One level per SKU before anything is measured: the apps' code paths get compiled, the
 * connector's product lookups get cached, and Kafka's consumer groups settle. Checked like
 * the measured phases (one apply per event), not timed.
 */
import { applyCall, keyOf, settleTimeoutMs, type PhaseContext } from './phase-context';

export async function warmUp(
  context: PhaseContext,
  events: number,
  concurrency: number,
): Promise<{ events: number; applied: number; applyCalls: number; notAccepted: number }> {
  const { hub, load, watcher } = context;
  const callsBefore = await hub.sim.callCount(applyCall);
  const batch = Array.from({ length: events }, () => load.next());
  let next = 0;
  let notAccepted = 0;
  // One level per SKU: no two of one SKU, so any number may be in flight.
  const worker = async (): Promise<void> => {
    while (next < batch.length) {
      const event = batch[next];
      next += 1;
      if (event !== undefined && (await load.post(event)).status !== 202) notAccepted += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const applied = await watcher.waitFor(batch.map(keyOf), settleTimeoutMs(events));
  const applyCalls = (await hub.sim.callCount(applyCall)) - callsBefore;
  return { events, applied, applyCalls, notAccepted };
}
