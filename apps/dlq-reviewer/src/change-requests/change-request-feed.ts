/**
 * Change requests and the outcomes of their delivery → the change_requests table, through a
 * consumer group of its own (`<DLQ_CONSUMER_GROUP>-change-requests`) over the change-request
 * and outcome topics. Like the reviewer's other consumers it never holds up the start: it
 * connects in the background and tries again, with a new runner, while Kafka is away.
 */
import {
  isChangeRequestTarget,
  topics as hubTopics,
  valueSubject,
  type ChangeRequestEvent,
  type DeliveryOutcomeEvent,
} from '@hub/contracts';
import {
  bookkeepingFetch,
  createConsumerRunner,
  type ConsumerRunner,
  type KafkaClient,
  type RawHeaders,
  type SchemaRegistrySerde,
} from '@hub/messaging';
import type { Logger } from '@hub/observability';
import { errorMessage } from '@hub/resilience';
import type { ChangeRequestStore } from './change-request-store';

type FeedValue =
  | { readonly kind: 'request'; readonly event: ChangeRequestEvent }
  | { readonly kind: 'outcome'; readonly event: DeliveryOutcomeEvent };

export interface ChangeRequestFeedDeps {
  readonly client: KafkaClient;
  readonly serde: SchemaRegistrySerde;
  readonly store: ChangeRequestStore;
  readonly changeRequestTopic: string;
  readonly outcomeTopic: string;
  readonly deadLetterTopic: string;
  readonly groupId: string;
  readonly logger: Logger;
  readonly now: () => number;
  /** Between two attempts to join while Kafka is away. */
  readonly retryDelayMs?: number;
}

export class ChangeRequestFeed {
  private runner: ConsumerRunner | undefined;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: ChangeRequestFeedDeps) {}

  /** Starts in the background; never throws. */
  start(): void {
    void this.attempt();
  }

  consuming(): boolean {
    return this.runner?.consuming() ?? false;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.runner?.stop().catch(() => undefined);
  }

  private async attempt(): Promise<void> {
    if (this.stopped) return;
    const runner = this.makeRunner();
    this.runner = runner;
    try {
      await runner.start();
    } catch (error) {
      this.deps.logger.warn(
        { error: errorMessage(error) },
        'change-request feed: Kafka not reachable; trying again',
      );
      await runner.stop().catch(() => undefined);
      this.timer = setTimeout(() => void this.attempt(), this.deps.retryDelayMs ?? 5_000);
      this.timer.unref();
    }
  }

  private makeRunner(): ConsumerRunner {
    const { serde, store, changeRequestTopic, now } = this.deps;
    return createConsumerRunner<FeedValue, RawHeaders>(this.deps.client, {
      groupId: this.deps.groupId,
      topics: [changeRequestTopic, this.deps.outcomeTopic],
      deadLetter: { topic: this.deps.deadLetterTopic },
      logger: this.deps.logger,
      // A console's record: a request or its outcome shows up to 2 s after it was published.
      fetch: bookkeepingFetch,
      decode: {
        headers: (raw) => raw,
        value: async (bytes, message): Promise<FeedValue> =>
          message.topic === changeRequestTopic
            ? {
                kind: 'request',
                event: (await serde.decode(bytes, {
                  as: valueSubject(hubTopics.changeRequest),
                })) as ChangeRequestEvent,
              }
            : {
                kind: 'outcome',
                event: (await serde.decode(bytes, {
                  as: valueSubject(hubTopics.deliveryOutcome),
                })) as DeliveryOutcomeEvent,
              },
      },
      handler: async ({ value }) => {
        if (value.kind === 'request') await store.recordRequest(value.event, now());
        // Only the outcomes of change-request deliveries; the rest of the topic is not ours.
        else if (isChangeRequestTarget(value.event.payload.target))
          await store.recordOutcome(value.event, now());
      },
    });
  }
}
