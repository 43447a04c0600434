import { z } from 'zod';
import type { ConfigProblem } from '../config-error';
import type { ConfigValue } from '../config-types';
import { boolean, oneOf, text } from '../building-blocks/scalars';
import { hostPort } from '../building-blocks/network';
import { list } from '../building-blocks/list';
import { group, setting } from '../setting';

const kafkaShape = {
  brokers: setting({
    env: 'KAFKA_BROKERS',
    schema: list(hostPort()),
    description: 'Kafka bootstrap brokers, comma-separated host:port.',
    default: '127.0.0.1:9092',
    secret: false,
  }),
  clientId: setting({
    env: 'KAFKA_CLIENT_ID',
    schema: text(),
    description: 'Kafka client id, shown in broker logs and quotas; each app sets its own default.',
    default: 'erp-integration-hub',
    secret: false,
  }),
  ssl: setting({
    env: 'KAFKA_SSL',
    schema: boolean(),
    description: 'Connect to the brokers over TLS.',
    default: 'false',
    secret: false,
  }),
  sslCa: setting({
    env: 'KAFKA_SSL_CA',
    schema: text().optional(),
    description:
      "PEM file of the CA(s) that signed the brokers' certificates (e.g. the Strimzi cluster CA); unset means the platform's CA store. Needs KAFKA_SSL=true.",
    secret: false,
  }),
  sslCert: setting({
    env: 'KAFKA_SSL_CERT',
    schema: text().optional(),
    description:
      'PEM file of the client certificate for mutual TLS; with KAFKA_SSL_KEY. Needs KAFKA_SSL=true.',
    secret: false,
  }),
  sslKey: setting({
    env: 'KAFKA_SSL_KEY',
    schema: text().optional(),
    description: "PEM file of the client certificate's private key; with KAFKA_SSL_CERT.",
    secret: false,
  }),
  securityRequired: setting({
    env: 'KAFKA_SECURITY_REQUIRED',
    schema: oneOf(['auto', 'true', 'false']),
    description:
      'Production mode for Kafka: refuse to start unless KAFKA_SSL=true and the client authenticates (SASL/SCRAM or a client certificate). auto: on when NODE_ENV=production.',
    default: 'auto',
    secret: false,
  }),
  saslMechanism: setting({
    env: 'KAFKA_SASL_MECHANISM',
    schema: z
      .enum(['plain', 'scram-sha-256', 'scram-sha-512'], {
        error: 'must be one of plain, scram-sha-256, scram-sha-512',
      })
      .optional(),
    description: 'SASL mechanism (plain, scram-sha-256, scram-sha-512); unset means no SASL.',
    secret: false,
  }),
  saslUsername: setting({
    env: 'KAFKA_SASL_USERNAME',
    schema: text().optional(),
    description: 'SASL username; required with KAFKA_SASL_MECHANISM.',
    secret: true,
  }),
  saslPassword: setting({
    env: 'KAFKA_SASL_PASSWORD',
    schema: text().optional(),
    description: 'SASL password; required with KAFKA_SASL_MECHANISM.',
    secret: true,
  }),
};

export type KafkaConfig = ConfigValue<typeof kafkaShape>;

/** A mechanism needs both credentials; credentials without a mechanism would be silently ignored. */
export function kafkaSaslProblems(kafka: KafkaConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const credentials = [
    ['KAFKA_SASL_USERNAME', kafka.saslUsername],
    ['KAFKA_SASL_PASSWORD', kafka.saslPassword],
  ] as const;
  for (const [variable, value] of credentials) {
    if (kafka.saslMechanism !== undefined && value === undefined) {
      problems.push({ variable, reason: 'is required when KAFKA_SASL_MECHANISM is set' });
    }
    if (kafka.saslMechanism === undefined && value !== undefined) {
      problems.push({ variable, reason: 'is set but KAFKA_SASL_MECHANISM is not' });
    }
  }
  return problems;
}

/** TLS files only mean something with TLS on; a certificate needs its key and back. */
export function kafkaTlsProblems(kafka: KafkaConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const files = [
    ['KAFKA_SSL_CA', kafka.sslCa],
    ['KAFKA_SSL_CERT', kafka.sslCert],
    ['KAFKA_SSL_KEY', kafka.sslKey],
  ] as const;
  for (const [variable, value] of files)
    if (value !== undefined && !kafka.ssl)
      problems.push({ variable, reason: 'is set but KAFKA_SSL is not true' });
  if ((kafka.sslCert === undefined) !== (kafka.sslKey === undefined))
    problems.push({
      variable: kafka.sslCert === undefined ? 'KAFKA_SSL_CERT' : 'KAFKA_SSL_KEY',
      reason: 'KAFKA_SSL_CERT and KAFKA_SSL_KEY must be set together',
    });
  return problems;
}

/** Kafka connection settings every app with a producer or consumer composes. */
export const kafkaSettings = group(kafkaShape, (kafka) => [
  ...kafkaSaslProblems(kafka),
  ...kafkaTlsProblems(kafka),
]);
