/**
 * Reads the whole control topic into a TargetControls, in every process that obeys it.
 * Each process is its own consumer group (every replica must see every record), reading
 * from the beginning. start() resolves only once the reader has caught up: it writes a
 * marker of its own (key `sync/<id>`) and waits to read it back, so every record written
 * before the start is applied first; then it writes the marker's tombstone, so compaction
 * drops it. Records that do not decode are logged and skipped, never applied. stop() deletes
 * the process's group once the consumer has left: a group per process life would otherwise
 * pile up on the broker at every restart (a crash still leaves one, until its offsets expire).
 */
import { randomUUID } from 'node:crypto';
import { targetControlCodec, targetControlTopic, type TargetControl } from '@hub/contracts';
import {
  createConsumerRunner,
  deleteConsumerGroups,
  type ConsumedMessage,
  type ConsumerRunner,
  type KafkaClient,
  type MessageSender,
  type RawHeaders,
} from '@hub/messaging';
import type { Logger } from '@hub/observability';
import { errorMessage } from '@hub/resilience';
import { SYNC_KEY_PREFIX, TargetControls } from './target-controls';

export interface ControlReaderOptions {
  readonly client: KafkaClient;
  /** Writes the start-up marker and its tombstone. */
  readonly sender: MessageSender;
  /** Names this process's group: `<groupPrefix>.control.<random>`. */
  readonly groupPrefix: string;
  /** Where a record the consumer cannot even read goes (the hub's dead-letter topic). */
  readonly deadLetterTopic: string;
  readonly topic?: string;
  readonly logger: Logger;
  /** How long start() waits for its marker; default 30 s. */
  readonly syncTimeoutMs?: number;
  /**
   * Called with each record once applied (on a replay from the beginning too, so it must be
   * idempotent); a throw retries the record like any failed handler.
   */
  readonly onRecord?: (control: TargetControl) => Promise<void>;
  /** Where the orders are kept; a reader made again after a failed start may share it. */
  readonly controls?: TargetControls;
}

export class ControlReader {
  readonly controls: TargetControls;
  private readonly topic: string;
  private readonly runner: ConsumerRunner;
  private readonly markers = new Map<string, () => void>();
  /** This process's own group: every replica reads every record. */
  readonly groupId: string;

  constructor(private readonly options: ControlReaderOptions) {
    this.controls = options.controls ?? new TargetControls();
    this.topic = options.topic ?? targetControlTopic;
    this.groupId = `${options.groupPrefix}.control.${randomUUID()}`;
    this.runner = createConsumerRunner<Buffer | null, RawHeaders>(options.client, {
      groupId: this.groupId,
      topics: [this.topic],
      fromBeginning: true,
      decode: { headers: (raw) => raw, value: (bytes) => bytes },
      deadLetter: { topic: options.deadLetterTopic },
      handler: async (message) => {
        const control = this.apply(message);
        if (control !== undefined) await options.onRecord?.(control);
      },
      logger: options.logger,
    });
  }

  async start(): Promise<void> {
    await this.runner.start();
    const marker = `${SYNC_KEY_PREFIX}${randomUUID()}`;
    const timeoutMs = this.options.syncTimeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    const seen = new Promise<void>((resolve, reject) => {
      this.markers.set(marker, resolve);
      timer = setTimeout(() => {
        reject(
          new Error(
            `The control topic ${this.topic} was not read to its end within ${String(timeoutMs)} ms`,
          ),
        );
      }, timeoutMs);
    });
    try {
      await this.options.sender.send([
        { topic: this.topic, key: marker, value: Buffer.from('sync') },
      ]);
      await seen;
    } finally {
      clearTimeout(timer);
      this.markers.delete(marker);
    }
    await this.options.sender.send([{ topic: this.topic, key: marker, value: null }]);
  }

  async stop(): Promise<void> {
    await this.runner.stop();
    await this.deleteGroup();
  }

  async abort(): Promise<void> {
    await this.runner.abort();
    await this.deleteGroup();
  }

  /** Best effort: a group left behind costs the broker a little until its offsets expire. */
  private async deleteGroup(): Promise<void> {
    const { failed } = await deleteConsumerGroups(this.options.client, [this.groupId]);
    for (const [groupId, reason] of failed)
      this.options.logger.warn({ groupId, reason }, 'Control topic group not deleted at stop');
  }

  consuming(): boolean {
    return this.runner.consuming();
  }

  /** The record applied, if it was one. */
  private apply(message: ConsumedMessage<Buffer | null, RawHeaders>): TargetControl | undefined {
    const key = message.key;
    if (key === null) return undefined;
    if (key.startsWith(SYNC_KEY_PREFIX)) {
      this.markers.get(key)?.();
      return undefined;
    }
    if (message.value === null) {
      this.controls.clear(key);
      return undefined;
    }
    try {
      const control = targetControlCodec.decode(message.value);
      if (control.target !== key) throw new Error(`its target ${control.target} is not its key`);
      this.controls.set(control);
      this.options.logger.info(
        { target: key, paused: control.paused, breaker: control.breaker, by: control.changedBy },
        `Target control for ${key}: ${control.paused ? 'paused' : 'running'}, breaker ${control.breaker}`,
      );
      return control;
    } catch (error) {
      this.options.logger.error(
        { target: key, offset: message.offset, error: errorMessage(error) },
        'A target control record did not decode; skipped (the previous orders stay)',
      );
      return undefined;
    }
  }
}

/** Writes one target's orders (the DLQ reviewer); the readers apply them. */
export function controlMessage(
  control: Parameters<typeof targetControlCodec.encode>[0],
  topic: string = targetControlTopic,
): { topic: string; key: string; value: Buffer } {
  return { topic, key: control.target, value: targetControlCodec.encode(control) };
}
