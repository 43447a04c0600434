/**
 * Where the owner's event arrived among the events of its entity: its offset on the
 * canonical topic's partition (one entity, one partition, so offsets order its events).
 * A connector stamps it when it first consumes the event; retries, redeliveries, dead
 * letters and operator retries carry it unchanged, so a retried fact still knows whether it
 * came before or after another fact with the same source version.
 */
import type { RawHeaders } from '@hub/messaging';

export const arrivalOrderHeader = 'hub-arrival-order';

/** The headers of an event consumed from a canonical topic, stamped with its arrival. */
export function withArrivalOrder(raw: RawHeaders, offset: string): Record<string, string> {
  return { ...raw, [arrivalOrderHeader]: offset };
}

/** The arrival order a redelivered message carries; 0 (unknown: loses ties) when absent or corrupt. */
export function arrivalOrderOf(raw: RawHeaders): number {
  const text = raw[arrivalOrderHeader];
  const value = text === undefined ? NaN : Number(text);
  return Number.isSafeInteger(value) && value >= 0 ? value : 0;
}
