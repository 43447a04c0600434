import type { ConsumedMessage } from '../consumer/consumed-message';

/**
 * Models "the effect is recorded" as the tests' idempotency store: a message id (the value)
 * is recorded once; a redelivery of a recorded message is seen but not recorded again.
 */
export class IdempotentRecorder {
  readonly recorded = new Set<string>();
  readonly firstRecordedBy = new Map<string, string>();
  /** Per key, values in the order their effect was first recorded. */
  readonly orderPerKey = new Map<string, number[]>();
  readonly deliveries: { consumer: string; partition: number; offset: number; value: string }[] =
    [];
  recordings = 0;

  record(consumer: string, message: ConsumedMessage<string, unknown>): void {
    this.deliveries.push({
      consumer,
      partition: message.partition,
      offset: Number(message.offset),
      value: message.value,
    });
    if (this.recorded.has(message.value)) return;
    this.recorded.add(message.value);
    this.recordings += 1;
    this.firstRecordedBy.set(message.value, consumer);
    const key = message.key ?? '';
    this.orderPerKey.set(key, [...(this.orderPerKey.get(key) ?? []), Number(message.value)]);
  }

  deliveriesTo(consumer: string): { partition: number; offset: number }[] {
    return this.deliveries.filter((delivery) => delivery.consumer === consumer);
  }
}
