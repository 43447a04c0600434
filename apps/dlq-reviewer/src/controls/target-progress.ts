/**
 * Per target, how far its connector is, from the broker: lag (the events its consumer
 * groups, `connector-<target>` and `connector-<target>-redelivery`, have not finished) and
 * rate (events they finished per second over about the last minute, from their committed
 * offsets read now and earlier). Sampled every 10 s and at each request; the rate is null
 * until two readings at least a second apart exist. Committed offsets trail what the
 * connector finished by up to its commit interval (one second, `commitEvery` in
 * @hub/messaging), so a lag of a second's events may be events already written.
 */
import type { GroupProgressReader } from '@hub/messaging';
import type { Logger } from '@hub/observability';
import { errorMessage } from '@hub/resilience';

export interface TargetFlow {
  /** Events waiting for the connector (both of its groups). */
  readonly lag: number;
  /** Events finished per second recently; null until there is a second reading. */
  readonly ratePerSecond: number | null;
}

interface Sample {
  readonly at: number;
  readonly committed: number;
}

const WINDOW_MS = 60_000;
const SAMPLE_EVERY_MS = 10_000;

export function connectorGroups(target: string): [string, string] {
  return [`connector-${target}`, `connector-${target}-redelivery`];
}

export class TargetProgress {
  private readonly samples = new Map<string, Sample[]>();
  private readonly known = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly reader: GroupProgressReader,
    private readonly now: () => number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.of([...this.known]).catch((error: unknown) => {
        this.logger.warn({ error: errorMessage(error) }, 'Reading the connectors’ progress failed');
      });
    }, SAMPLE_EVERY_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.reader.close();
  }

  /** Reads the targets' groups now; throws when the broker cannot be read. */
  async of(targets: readonly string[]): Promise<Map<string, TargetFlow>> {
    for (const target of targets) this.known.add(target);
    const progress = await this.reader.read(targets.flatMap(connectorGroups));
    const at = this.now();
    const flows = new Map<string, TargetFlow>();
    for (const target of targets) {
      const groups = new Set(connectorGroups(target));
      const own = progress.filter((entry) => groups.has(entry.groupId));
      const committed = own.reduce((sum, entry) => sum + entry.committed, 0);
      const kept = (this.samples.get(target) ?? []).filter((sample) => at - sample.at <= WINDOW_MS);
      const oldest = kept[0];
      const rate =
        oldest === undefined || at - oldest.at < 1_000
          ? null
          : Math.max(0, committed - oldest.committed) / ((at - oldest.at) / 1_000);
      this.samples.set(target, [...kept, { at, committed }]);
      flows.set(target, {
        lag: own.reduce((sum, entry) => sum + entry.lag, 0),
        ratePerSecond: rate === null ? null : Math.round(rate * 100) / 100,
      });
    }
    return flows;
  }
}
