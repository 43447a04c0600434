/**
 * Consumer lag per group, topic and partition, as the consumer itself sees it: the
 * partition's high watermark at the last fetch minus the next offset to handle. Reported at
 * each fetched batch and after each handled message, so a handler stuck on one message shows
 * the lag it holds back; partitions that moved to another member in a rebalance are removed,
 * so the sum over members is the group's lag. A member that is down reports nothing: the
 * broker-side view (KEDA's scaler, a Kafka exporter) covers that case.
 */

export interface LagLabels {
  readonly group: string;
  readonly topic: string;
  readonly partition: string;
}

/** What the reporter needs from a gauge; a prom-client Gauge with these labels fits. */
export interface LagGauge {
  set(labels: LagLabels, value: number): void;
  remove(labels: LagLabels): void;
}

export class LagReporter {
  private readonly reported = new Map<string, LagLabels>();

  constructor(
    private readonly gauge: LagGauge | undefined,
    private readonly group: string,
  ) {}

  /** `nextOffset` is the offset of the next message to handle (the last handled + 1). */
  report(topic: string, partition: number, highWatermark: string, nextOffset: string): void {
    if (this.gauge === undefined) return;
    const labels: LagLabels = { group: this.group, topic, partition: String(partition) };
    const lag = BigInt(highWatermark) - BigInt(nextOffset);
    this.gauge.set(labels, lag > 0n ? Number(lag) : 0);
    this.reported.set(`${topic}\u0000${String(partition)}`, labels);
  }

  /** After a rebalance: only the partitions this member now holds keep a value. */
  assigned(assignment: Readonly<Record<string, readonly number[]>>): void {
    if (this.gauge === undefined) return;
    for (const [key, labels] of this.reported) {
      const kept = assignment[labels.topic]?.includes(Number(labels.partition)) ?? false;
      if (kept) continue;
      this.gauge.remove(labels);
      this.reported.delete(key);
    }
  }

  /** On stop: this member reports nothing any more. */
  clear(): void {
    this.assigned({});
  }
}
