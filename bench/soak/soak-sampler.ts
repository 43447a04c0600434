/**
 * What the soak samples over time: each app's resident set (VmRSS from /proc/<pid>/status),
 * its JS heap in use (from its /metrics) and the consumer lag of the hub's groups on the topics the load flows through (the
 * group's committed offset behind the partition's end, summed over partitions).
 */
import { readFileSync } from 'node:fs';
import { Kafka, logLevel, type Admin } from 'kafkajs';

/** Resident set of a process in megabytes; undefined once it is gone. */
export function rssMegabytes(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match?.[1] === undefined ? undefined : Number(match[1]) / 1024;
  } catch {
    return undefined;
  }
}

const heapUsedLine = /^nodejs_heap_size_used_bytes(?:\{[^}]*\})?\s+(\S+)$/m;

/**
 * The app's JS heap in use in megabytes, prom-client's default `nodejs_heap_size_used_bytes`
 * on `<origin>/metrics`; undefined when it does not answer within 2 s or has no such metric
 * (the ERP simulator).
 */
export async function heapUsedMegabytes(origin: string): Promise<number | undefined> {
  try {
    const response = await fetch(new URL('/metrics', origin), {
      signal: AbortSignal.timeout(2_000),
    });
    if (!response.ok) return undefined;
    const bytes = heapUsedLine.exec(await response.text())?.[1];
    return bytes === undefined ? undefined : Number(bytes) / 1024 / 1024;
  } catch {
    return undefined;
  }
}

export interface LagGroup {
  readonly groupId: string;
  readonly topic: string;
}

export class LagReader {
  private constructor(private readonly admin: Admin) {}

  static async connect(brokers: string): Promise<LagReader> {
    const kafka = new Kafka({ brokers: brokers.split(','), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    return new LagReader(admin);
  }

  /**
   * Messages the group has not committed yet on the topic; undefined while it has committed
   * nothing there (not joined yet, or not a group this build uses).
   */
  async lag({ groupId, topic }: LagGroup): Promise<number | undefined> {
    const [ends, committed] = await Promise.all([
      this.admin.fetchTopicOffsets(topic),
      this.admin.fetchOffsets({ groupId, topics: [topic] }),
    ]);
    const done = new Map(
      committed.flatMap((entry) =>
        entry.partitions.map(({ partition, offset }) => [partition, Number(offset)] as const),
      ),
    );
    if (![...done.values()].some((offset) => offset >= 0)) return undefined;
    return ends.reduce((sum, { partition, high, low }) => {
      const at = done.get(partition) ?? -1;
      return sum + Number(high) - (at >= 0 ? at : Number(low));
    }, 0);
  }

  async close(): Promise<void> {
    await this.admin.disconnect();
  }
}
