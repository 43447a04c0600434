import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import {
  createConsumerRunner,
  hubMessageDecoder,
  type ConsumerRunner,
  type HubHeaders,
  type KafkaClient,
  type MessageDecoder,
  type TopicPartitions,
} from '@hub/messaging';
import { KafkaHandlerExplorer, type DiscoveredHandler } from './kafka-handler-explorer';
import { MessagingNestError } from './messaging-nest-error';
import { KAFKA_CLIENT, MESSAGING_OPTIONS, type MessagingModuleOptions } from './messaging-module-options';

/**
 * Runs the consumer runner for the app's `@KafkaHandler` methods: started when the app has
 * bootstrapped, stopped gracefully (in-flight handlers finish and are committed) before it
 * shuts down. Inject it to pause or resume partitions.
 */
@Injectable()
export class KafkaConsumerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private runner: ConsumerRunner | undefined;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingModuleOptions,
    @Inject(KAFKA_CLIENT) private readonly client: KafkaClient,
    private readonly explorer: KafkaHandlerExplorer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const handlers = this.explorer.explore();
    if (handlers.size === 0) {
      this.client.logger.warn({ groupId: this.options.groupId }, 'No @KafkaHandler methods found; the consumer is not started');
      return;
    }
    const runner = createConsumerRunner(this.client, {
      ...this.options.runner,
      groupId: this.options.groupId,
      topics: [...handlers.keys()],
      deadLetter: { topic: this.options.deadLetterTopic },
      decode: this.decoder(handlers),
      handler: (message, context) => this.handlerFor(handlers, message.topic).invoke(message, context),
    });
    this.runner = runner;
    await runner.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    const runner = this.runner;
    this.runner = undefined;
    if (runner) await runner.stop();
  }

  pause(partitions: readonly TopicPartitions[]): void {
    this.started().pause(partitions);
  }

  resume(partitions: readonly TopicPartitions[]): void {
    this.started().resume(partitions);
  }

  paused(): TopicPartitions[] {
    return this.started().paused();
  }

  private decoder(handlers: Map<string, DiscoveredHandler>): MessageDecoder<unknown, HubHeaders> {
    return hubMessageDecoder(this.options.deserializer, {
      ...(this.options.readAs ? { readAs: this.options.readAs } : {}),
      parse: (value, raw) => {
        const parse = this.handlerFor(handlers, raw.topic).parse;
        return parse ? parse(value) : value;
      },
    });
  }

  private handlerFor(handlers: Map<string, DiscoveredHandler>, topic: string): DiscoveredHandler {
    const handler = handlers.get(topic);
    if (!handler) throw new MessagingNestError('KAFKA_HANDLER_UNKNOWN_TOPIC', `No @KafkaHandler for topic ${topic}`);
    return handler;
  }

  private started(): ConsumerRunner {
    if (!this.runner) throw new MessagingNestError('KAFKA_CONSUMER_NOT_STARTED', 'The Kafka consumer is not running');
    return this.runner;
  }
}
