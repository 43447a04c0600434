/**
 * Publishes one event and resolves only after Kafka acknowledged it (acks=all, through
 * @hub/messaging's idempotent producer). The producer connects in the background, so the
 * ingress starts (and answers 503) while Kafka is down; readiness follows `connected`.
 */
import {
  encodeHubHeaders,
  type HubHeaders,
  type Producer,
  type SchemaRegistrySerde,
} from '@hub/messaging';
import { errorMessage } from '@hub/resilience';
import { IngressError } from '../problem/ingress-error';

export interface PublishRequest {
  readonly topic: string;
  readonly key: string;
  readonly value: unknown;
  readonly headers: HubHeaders;
}

/** The envelope fields every hub event carries, which are also its Kafka headers. */
export interface PublishableEvent {
  readonly correlationId: string;
  readonly sourceSystem: string;
  readonly entityType: string;
  readonly entityKey: string;
  readonly sourceVersion: number;
  readonly eventId: string;
}

const RECONNECT_DELAY_MS = 1_000;

export class EventPublisher {
  private isConnected = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly producer: Producer,
    private readonly serde: SchemaRegistrySerde,
    private readonly onConnectError: (message: string) => void,
  ) {}

  get connected(): boolean {
    return this.isConnected;
  }

  /** Starts connecting; retries every second until connected or closed. */
  start(): void {
    this.producer.connect().then(
      () => {
        this.isConnected = !this.stopped;
      },
      (error: unknown) => {
        this.onConnectError(errorMessage(error));
        if (!this.stopped)
          this.timer = setTimeout(() => {
            this.start();
          }, RECONNECT_DELAY_MS);
      },
    );
  }

  async publish(request: PublishRequest): Promise<void> {
    if (!this.isConnected)
      throw new IngressError(
        'KAFKA_UNAVAILABLE',
        'Kafka is not reachable; the event was not stored.',
        true,
      );
    const value = this.serde.encode(`${request.topic}-value`, request.value);
    try {
      await this.producer.send([
        {
          topic: request.topic,
          key: request.key,
          value,
          headers: encodeHubHeaders(request.headers),
        },
      ]);
    } catch (error) {
      throw new IngressError(
        'KAFKA_UNAVAILABLE',
        `Kafka did not acknowledge the event: ${errorMessage(error)}`,
        true,
      );
    }
  }

  /** Publishes an event keyed by its entity key, with headers copied from its envelope. */
  publishEvent(topic: string, event: PublishableEvent): Promise<void> {
    const { correlationId, sourceSystem, entityType, entityKey, sourceVersion, eventId } = event;
    return this.publish({
      topic,
      key: entityKey,
      value: event,
      headers: { correlationId, sourceSystem, entityType, entityKey, sourceVersion, eventId },
    });
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.isConnected = false;
    await this.producer.disconnect();
  }
}
