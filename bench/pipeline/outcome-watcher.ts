/**
 * When each write completed: the connector publishes one `hub.delivery-outcome.v1` per
 * delivery attempt right after Odoo's call returned. This watcher reads the topic from its
 * end with a group of its own and keeps, per event (entity key + source version, from the
 * hub headers), the producer's CreateTime of its first `succeeded` outcome for the run's
 * Odoo, and counts any further success of the same event as a duplicate. Values are
 * decoded by the hub's own schema-registry serde (writer schema from the registry).
 */
import { createSchemaRegistrySerde, type SchemaRegistrySerde } from '@hub/messaging';
import { Kafka, logLevel, type Admin, type Consumer, type IHeaders } from 'kafkajs';

const outcomeTopic = 'hub.delivery-outcome.v1';

export interface WatcherOptions {
  readonly brokers: string;
  readonly registryUrl: string;
  /** The run's Odoo system id: outcomes for other targets (other runs) are skipped. */
  readonly target: string;
  /**
   * The run's WMS id: connectors of other runs on the shared topics see this run's events
   * and refuse them (not the owner in their policy), and this run's connector theirs; those
   * outcomes are not the bench's.
   */
  readonly source: string;
  readonly groupId: string;
}

interface OutcomeValue {
  readonly payload?: { readonly target?: string; readonly outcome?: string };
}

export const eventKey = (entityKey: string, sourceVersion: number): string =>
  `${entityKey}|${String(sourceVersion)}`;

function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

export class OutcomeWatcher {
  /** Event key → CreateTime (epoch ms) of its first success. */
  readonly succeeded = new Map<string, number>();
  duplicates = 0;
  /** Outcomes other than `succeeded` for the target, by kind. */
  readonly others: Record<string, number> = {};
  private readonly serde: SchemaRegistrySerde;

  private constructor(
    private readonly options: WatcherOptions,
    private readonly admin: Admin,
    private readonly consumer: Consumer,
  ) {
    this.serde = createSchemaRegistrySerde({ url: options.registryUrl });
  }

  static async start(options: WatcherOptions): Promise<OutcomeWatcher> {
    const kafka = new Kafka({
      clientId: options.groupId,
      brokers: options.brokers.split(','),
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    await admin.connect();
    // The group starts where the topic ends now, whenever its join completes.
    const ends = await admin.fetchTopicOffsets(outcomeTopic);
    await admin.setOffsets({
      groupId: options.groupId,
      topic: outcomeTopic,
      partitions: ends.map((end) => ({ partition: end.partition, offset: end.high })),
    });
    const consumer = kafka.consumer({ groupId: options.groupId, maxWaitTimeInMs: 100 });
    const watcher = new OutcomeWatcher(options, admin, consumer);
    await consumer.connect();
    await consumer.subscribe({ topic: outcomeTopic, fromBeginning: false });
    const joined = new Promise<void>((done) => {
      consumer.on(consumer.events.GROUP_JOIN, () => {
        done();
      });
    });
    await consumer.run({
      partitionsConsumedConcurrently: 3,
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          await watcher.take(message.headers, message.value, Number(message.timestamp));
        }
      },
    });
    await joined;
    return watcher;
  }

  private async take(headers: IHeaders | undefined, value: Buffer | null, at: number) {
    if (headerText(headers, 'hub-target') !== this.options.target || value === null) return;
    if (headerText(headers, 'hub-source-system') !== this.options.source) return;
    const decoded = (await this.serde.decode(value)) as OutcomeValue;
    const outcome = decoded.payload?.outcome ?? 'unknown';
    if (decoded.payload?.target !== this.options.target) return;
    if (outcome !== 'succeeded') {
      this.others[outcome] = (this.others[outcome] ?? 0) + 1;
      return;
    }
    const key = eventKey(
      headerText(headers, 'hub-entity-key') ?? '',
      Number(headerText(headers, 'hub-source-version')),
    );
    if (this.succeeded.has(key)) this.duplicates += 1;
    else this.succeeded.set(key, at);
  }

  /** How many of `keys` have succeeded. */
  countOf(keys: readonly string[]): number {
    return keys.reduce((sum, key) => (this.succeeded.has(key) ? sum + 1 : sum), 0);
  }

  /** Resolves with the count applied once all of `keys` succeeded, or at the deadline. */
  async waitFor(keys: readonly string[], timeoutMs: number, stalledMs = 60_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    let last = -1;
    let lastChange = Date.now();
    for (;;) {
      const count = this.countOf(keys);
      if (count !== last) {
        last = count;
        lastChange = Date.now();
      }
      if (count >= keys.length || Date.now() > deadline) return count;
      // Nothing new for a minute: the rest is not coming.
      if (Date.now() - lastChange > stalledMs) return count;
      await new Promise((done) => setTimeout(done, 200));
    }
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect().catch(() => undefined);
    await this.admin.deleteGroups([this.options.groupId]).catch(() => undefined);
    await this.admin.disconnect().catch(() => undefined);
  }
}
