/**
 * Publishes one event and resolves only after Kafka acknowledged it (acks=all, through
 * @hub/messaging's idempotent producer). The producer connects in the background, so the
 * ingress starts (and answers 503) while Kafka is down; readiness follows `connected`.
 * Concurrent requests share produce requests through the lib's batcher: the idempotent
 * producer has one request in flight, so one send per webhook would cap the ingress at one
 * Kafka round trip per request. Each caller still resolves only when its own message is
 * acknowledged, and a failed batch fails only its own callers. Each publish is a producer
 * span, child of the request's span (the HTTP server span when tracing is on), and the
 * message carries its traceparent: the first hop of the event's trace.
 */
import {
  createProduceBatcher,
  encodeHubHeaders,
  type ProduceBatcher,
  type HubHeaders,
  type Producer,
  type SchemaRegistrySerde,
} from '@hub/messaging';
import { SpanKind, inSpan, traceparentOfSpan } from '@hub/observability';
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
/** Waiting for company costs at most this much at low load; under load batches form during flights. */
const LINGER_MS = 1;

export interface EventPublisherOptions {
  /** Resolves true when a broker accepts connections; see broker-probe.ts for why. */
  readonly probe: (signal: AbortSignal) => Promise<boolean>;
  readonly onConnectError: (message: string) => void;
  /**
   * Contract topic → the topic actually written. Tests and the benchmark send their traffic
   * to private topics this way; the value keeps the contract topic's registry subject.
   */
  readonly topicOverrides?: Readonly<Record<string, string>>;
}

export class EventPublisher {
  private isConnected = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly shutdown = new AbortController();
  /** The kafkajs connect in flight, which close() must outwait (it cannot be cancelled). */
  private connecting: Promise<void> | undefined;
  private readonly batcher: ProduceBatcher;

  constructor(
    private readonly producer: Producer,
    private readonly serde: SchemaRegistrySerde,
    private readonly options: EventPublisherOptions,
  ) {
    this.batcher = createProduceBatcher(producer, { lingerMs: LINGER_MS });
  }

  get connected(): boolean {
    return this.isConnected;
  }

  /** Starts connecting; retries every second until connected or closed. */
  start(): void {
    void this.options.probe(this.shutdown.signal).then((reachable) => {
      if (this.stopped) return;
      if (!reachable) {
        this.options.onConnectError('no broker accepts connections');
        this.retryLater();
        return;
      }
      this.connecting = this.producer.connect().then(
        () => {
          this.isConnected = !this.stopped;
        },
        (error: unknown) => {
          this.options.onConnectError(errorMessage(error));
          this.retryLater();
        },
      );
    });
  }

  private retryLater(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.start();
    }, RECONNECT_DELAY_MS);
  }

  publish(request: PublishRequest): Promise<void> {
    const { headers } = request;
    return inSpan(
      'ingress.publish',
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.destination.name': request.topic,
          'hub.correlation_id': headers.correlationId,
          'hub.source_system': headers.sourceSystem,
          'hub.entity_type': headers.entityType,
        },
      },
      (span) =>
        this.send({
          ...request,
          headers: { ...headers, traceparent: traceparentOfSpan(span) ?? headers.traceparent },
        }),
    );
  }

  private async send(request: PublishRequest): Promise<void> {
    if (!this.isConnected)
      throw new IngressError(
        'KAFKA_UNAVAILABLE',
        'Kafka is not reachable; the event was not stored.',
        true,
      );
    const value = this.serde.encode(`${request.topic}-value`, request.value);
    try {
      await this.batcher.publish({
        topic: this.options.topicOverrides?.[request.topic] ?? request.topic,
        key: request.key,
        value,
        headers: encodeHubHeaders(request.headers),
      });
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
    this.shutdown.abort();
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.isConnected = false;
    await this.connecting;
    // Publishes still in flight (their clients may be gone) finish before the producer goes:
    // a kafkajs retry after disconnect() would reconnect and keep the process alive.
    await this.batcher.close();
    await this.producer.disconnect();
  }
}
