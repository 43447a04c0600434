import { readFileSync } from 'node:fs';
import { createKafkaClient, type KafkaClient } from '../client/create-kafka-client';
import type {
  KafkaClientConfig,
  KafkaTlsOptions,
  SaslMechanism,
} from '../client/kafka-client-config';
import { MessagingError, describeError } from '../errors/messaging-error';
import type { MessagingLogger } from '../logger';

/**
 * The values of @hub/config's `kafkaSettings` group. Stated structurally so this lib needs
 * no dependency on the config lib; an app hands over `config.kafka` as it is.
 */
export interface KafkaSettings {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly ssl: boolean;
  /** Paths of PEM files (CA bundle, client certificate, client key). */
  readonly sslCa?: string | undefined;
  readonly sslCert?: string | undefined;
  readonly sslKey?: string | undefined;
  /** 'auto' (the default): required when NODE_ENV=production. */
  readonly securityRequired?: 'auto' | 'true' | 'false' | undefined;
  readonly saslMechanism?: SaslMechanism | undefined;
  readonly saslUsername?: string | undefined;
  readonly saslPassword?: string | undefined;
}

type Environment = Readonly<Record<string, string | undefined>>;

export const KAFKA_SECURITY_REQUIRED_MESSAGE =
  'Kafka production mode refuses an unprotected connection: set KAFKA_SSL=true (KAFKA_SSL_CA for a private CA) and authenticate the client with KAFKA_SASL_MECHANISM=scram-sha-256 or scram-sha-512 (KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD) or a client certificate (KAFKA_SSL_CERT, KAFKA_SSL_KEY). Production mode is on because';

/**
 * The hub's production mode, one rule for every refusal of an unsafe configuration (Kafka
 * here, the ingress's admin port in @hub/service-main): on with KAFKA_SECURITY_REQUIRED=true,
 * or with its default `auto` under NODE_ENV=production. Returns why it is on, or undefined.
 */
export function productionModeReason(
  securityRequired: KafkaSettings['securityRequired'],
  env: Environment = process.env,
): 'KAFKA_SECURITY_REQUIRED=true' | 'NODE_ENV=production' | undefined {
  const required = securityRequired ?? 'auto';
  if (required === 'true') return 'KAFKA_SECURITY_REQUIRED=true';
  if (required === 'auto' && env.NODE_ENV === 'production') return 'NODE_ENV=production';
  return undefined;
}

function productionReason(settings: KafkaSettings, env: Environment): string | undefined {
  const reason = productionModeReason(settings.securityRequired, env);
  return reason === 'NODE_ENV=production'
    ? `${reason} (KAFKA_SECURITY_REQUIRED=false turns it off, for a broker on a trusted private network only)`
    : reason;
}

/**
 * In production mode the brokers are the hub's trust boundary (a forged message reopens or
 * reschedules writes), so the connection must be encrypted and the client authenticated.
 */
export function assertKafkaSecurity(settings: KafkaSettings, env: Environment = process.env): void {
  const reason = productionReason(settings, env);
  if (reason === undefined) return;
  const scram =
    settings.saslMechanism === 'scram-sha-256' || settings.saslMechanism === 'scram-sha-512';
  const clientCertificate = settings.sslCert !== undefined && settings.sslKey !== undefined;
  if (settings.ssl && (scram || clientCertificate)) return;
  throw new MessagingError(
    'KAFKA_SECURITY_REQUIRED',
    `${KAFKA_SECURITY_REQUIRED_MESSAGE} ${reason}.`,
    false,
  );
}

function readPem(variable: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new MessagingError(
      'KAFKA_TLS_FILE_UNREADABLE',
      `${variable}: cannot read ${path}: ${describeError(error)}`,
      false,
    );
  }
}

function tlsFrom(settings: KafkaSettings): boolean | KafkaTlsOptions {
  const { ssl, sslCa, sslCert, sslKey } = settings;
  if (!ssl || (sslCa === undefined && sslCert === undefined && sslKey === undefined)) return ssl;
  return {
    ...(sslCa === undefined ? {} : { ca: readPem('KAFKA_SSL_CA', sslCa) }),
    ...(sslCert === undefined ? {} : { cert: readPem('KAFKA_SSL_CERT', sslCert) }),
    ...(sslKey === undefined ? {} : { key: readPem('KAFKA_SSL_KEY', sslKey) }),
  };
}

/**
 * The client config for validated settings: TLS files read, SASL only when a mechanism is
 * set; refuses an unprotected connection in production mode.
 */
export function kafkaClientConfigFrom(
  settings: KafkaSettings,
  logger?: MessagingLogger,
  env: Environment = process.env,
): KafkaClientConfig {
  assertKafkaSecurity(settings, env);
  return {
    brokers: [...settings.brokers],
    clientId: settings.clientId,
    ssl: tlsFrom(settings),
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
