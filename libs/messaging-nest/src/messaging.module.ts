import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { createKafkaClient } from '@hub/messaging';
import { KafkaConsumerHost } from './kafka-consumer-host';
import { KafkaHandlerExplorer } from './kafka-handler-explorer';
import { KAFKA_CLIENT, MESSAGING_OPTIONS, type MessagingModuleAsyncOptions, type MessagingModuleOptions } from './messaging-module-options';

/**
 * Nest adapter over @hub/messaging: `@KafkaHandler(topic)` methods, one consumer group per
 * app. Configured only through `forRootAsync`, from the app's validated config: brokers,
 * client id and group id never live in a decorator.
 */
@Module({})
export class MessagingModule {
  static forRootAsync(options: MessagingModuleAsyncOptions): DynamicModule {
    return {
      module: MessagingModule,
      imports: [DiscoveryModule, ...(options.imports ?? [])],
      providers: [
        { provide: MESSAGING_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        { provide: KAFKA_CLIENT, useFactory: (resolved: MessagingModuleOptions) => createKafkaClient(resolved.kafka), inject: [MESSAGING_OPTIONS] },
        KafkaHandlerExplorer,
        KafkaConsumerHost,
      ],
      exports: [KAFKA_CLIENT, KafkaConsumerHost],
    };
  }
}
