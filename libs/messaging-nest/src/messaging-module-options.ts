import type { InjectionToken, ModuleMetadata } from '@nestjs/common';
import type { ConsumerRunnerOptions, HubHeaders, KafkaClientConfig, ValueDeserializer } from '@hub/messaging';

/** Everything the module needs, built by the app from its validated config. */
export interface MessagingModuleOptions {
  readonly kafka: KafkaClientConfig;
  readonly groupId: string;
  /** Where undecodable messages go (raw, with hub-dlq-* headers). */
  readonly deadLetterTopic: string;
  /** Decodes Confluent-framed Avro values: the app's schema-registry serde. */
  readonly deserializer: ValueDeserializer;
  /** Subject to read each topic's values as (schema evolution); omit to use the writer's schema. */
  readonly readAs?: (topic: string) => string | undefined;
  /** Tuning passed to the consumer runner. */
  readonly runner?: Pick<
    ConsumerRunnerOptions<unknown, HubHeaders>,
    'concurrency' | 'fromBeginning' | 'handlerRetry' | 'commitEvery' | 'sessionTimeoutMs' | 'heartbeatIntervalMs' | 'maxWaitTimeMs'
  >;
}

export interface MessagingModuleAsyncOptions {
  readonly imports?: ModuleMetadata['imports'];
  readonly inject?: InjectionToken[];
  /** Receives the `inject` tokens' values, in order. */
  readonly useFactory: (...deps: never[]) => MessagingModuleOptions | Promise<MessagingModuleOptions>;
}

/** The module's options, as the factory produced them. */
export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
/** The KafkaClient built from the options' `kafka` config, for the app's own producers and admins. */
export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');
