import type { ConnectionOptions } from 'node:tls';
import { Kafka, logLevel, type SASLOptions } from 'kafkajs';
import { defaultMessagingLogger, type MessagingLogger } from '../logger';
import type { KafkaClientConfig, KafkaTlsOptions, SaslCredentials } from './kafka-client-config';
import { kafkaLogBridge } from './kafka-log-bridge';
import {
  applyRequestQueueIdleFix,
  kafkajsVersion,
  patchedKafkajsVersion,
} from './request-queue-idle-fix';

/**
 * An opaque handle on one Kafka connection config. Producers, topic admins and consumer
 * runners are made from it; the kafkajs instance behind it never leaves this lib, so the
 * client library can be swapped without touching apps.
 */
export interface KafkaClient {
  readonly clientId: string;
  readonly brokers: readonly string[];
  readonly logger: MessagingLogger;
}

const kafkaInstances = new WeakMap<KafkaClient, Kafka>();

export function createKafkaClient(config: KafkaClientConfig): KafkaClient {
  const logger = config.logger ?? defaultMessagingLogger();
  if (!applyRequestQueueIdleFix())
    logger.warn(
      { kafkajs: kafkajsVersion, fixedFor: patchedKafkajsVersion },
      'the kafkajs request-queue idle fix is not applied to this kafkajs version: its connections may wake every millisecond',
    );
  const kafka = new Kafka({
    clientId: config.clientId,
    brokers: [...config.brokers],
    ssl: tlsOptions(config.ssl),
    ...(config.sasl ? { sasl: saslOptions(config.sasl) } : {}),
    requestTimeout: config.requestTimeoutMs ?? 30_000,
    logLevel: logLevel.WARN,
    logCreator: kafkaLogBridge(logger),
  });
  const client: KafkaClient = Object.freeze({
    clientId: config.clientId,
    brokers: [...config.brokers],
    logger,
  });
  kafkaInstances.set(client, kafka);
  return client;
}

/** Certificates are always verified: rejectUnauthorized is never turned off. */
function tlsOptions(ssl: boolean | KafkaTlsOptions | undefined): boolean | ConnectionOptions {
  if (ssl === undefined || typeof ssl === 'boolean') return ssl ?? false;
  return {
    rejectUnauthorized: true,
    ...(ssl.ca === undefined ? {} : { ca: [ssl.ca] }),
    ...(ssl.cert === undefined ? {} : { cert: ssl.cert }),
    ...(ssl.key === undefined ? {} : { key: ssl.key }),
  };
}

function saslOptions({ mechanism, username, password }: SaslCredentials): SASLOptions {
  switch (mechanism) {
    case 'plain':
      return { mechanism, username, password };
    case 'scram-sha-256':
      return { mechanism, username, password };
    case 'scram-sha-512':
      return { mechanism, username, password };
  }
}

/** Internal: the kafkajs instance behind a handle made by createKafkaClient. */
export function kafkaOf(client: KafkaClient): Kafka {
  const kafka = kafkaInstances.get(client);
  if (!kafka) throw new TypeError('KafkaClient must come from createKafkaClient()');
  return kafka;
}
