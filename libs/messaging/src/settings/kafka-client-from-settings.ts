import { createKafkaClient, type KafkaClient } from '../client/create-kafka-client';
import type { KafkaClientConfig, SaslMechanism } from '../client/kafka-client-config';
import type { MessagingLogger } from '../logger';

/**
 * The values of @hub/config's `kafkaSettings` group. Stated structurally so this lib needs
 * no dependency on the config lib; an app hands over `config.kafka` as it is.
 */
export interface KafkaSettings {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly ssl: boolean;
  readonly saslMechanism?: SaslMechanism | undefined;
  readonly saslUsername?: string | undefined;
  readonly saslPassword?: string | undefined;
}

/** The client config for validated settings; SASL only when a mechanism is set. */
export function kafkaClientConfigFrom(
  settings: KafkaSettings,
  logger?: MessagingLogger,
): KafkaClientConfig {
  return {
    brokers: [...settings.brokers],
    clientId: settings.clientId,
    ssl: settings.ssl,
    ...(settings.saslMechanism === undefined
      ? {}
      : {
          sasl: {
            mechanism: settings.saslMechanism,
            username: settings.saslUsername ?? '',
            password: settings.saslPassword ?? '',
          },
        }),
    ...(logger === undefined ? {} : { logger }),
  };
}

export function createKafkaClientFrom(
  settings: KafkaSettings,
  logger?: MessagingLogger,
): KafkaClient {
  return createKafkaClient(kafkaClientConfigFrom(settings, logger));
}
