import type { MessagingLogger } from '../logger';

export type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

export interface SaslCredentials {
  readonly mechanism: SaslMechanism;
  readonly username: string;
  readonly password: string;
}

/** PEM contents (not paths) for TLS towards the brokers. */
export interface KafkaTlsOptions {
  /** CAs that signed the brokers' certificates; unset means the platform's CA store. */
  readonly ca?: string;
  /** Client certificate and key for mutual TLS (both or neither). */
  readonly cert?: string;
  readonly key?: string;
}

/** What an app's typed config gives the lib to reach Kafka (see @hub/config kafkaSettings). */
export interface KafkaClientConfig {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** TLS to the brokers: true uses the platform's CA store; options add a CA and a client certificate. */
  readonly ssl?: boolean | KafkaTlsOptions;
  readonly sasl?: SaslCredentials;
  readonly logger?: MessagingLogger;
  /** Per-request timeout towards the brokers (default 30 s, kafkajs' default). */
  readonly requestTimeoutMs?: number;
}
