import type { MessagingLogger } from '../logger';

export type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

export interface SaslCredentials {
  readonly mechanism: SaslMechanism;
  readonly username: string;
  readonly password: string;
}

/** What an app's typed config gives the lib to reach Kafka (see @hub/config kafkaSettings). */
export interface KafkaClientConfig {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** TLS to the brokers with the platform's CA store. */
  readonly ssl?: boolean;
  readonly sasl?: SaslCredentials;
  readonly logger?: MessagingLogger;
  /** Per-request timeout towards the brokers (default 30 s, kafkajs' default). */
  readonly requestTimeoutMs?: number;
}
