import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessagingError } from '../errors/messaging-error';
import {
  assertKafkaSecurity,
  kafkaClientConfigFrom,
  type KafkaSettings,
} from './kafka-client-from-settings';

const plain: KafkaSettings = { brokers: ['a:9093'], clientId: 'app', ssl: false };
const scram: KafkaSettings = {
  ...plain,
  ssl: true,
  saslMechanism: 'scram-sha-512',
  saslUsername: 'ingress',
  saslPassword: 'secret',
};
const production = { NODE_ENV: 'production' };

function refusal(settings: KafkaSettings, env: Record<string, string>): string | undefined {
  try {
    assertKafkaSecurity(settings, env);
    return undefined;
  } catch (error) {
    return error instanceof MessagingError ? `${error.code}: ${error.message}` : 'other error';
  }
}

describe('Kafka production mode', () => {
  it.each([
    ['plaintext without SASL', plain],
    ['TLS without client authentication', { ...plain, ssl: true }],
    ['SCRAM without TLS', { ...scram, ssl: false }],
    ['TLS with SASL PLAIN', { ...scram, saslMechanism: 'plain' as const }],
  ])('refuses %s with NODE_ENV=production, saying what to set', (_label, settings) => {
    expect(refusal(settings, production)).toBe(
      'KAFKA_SECURITY_REQUIRED: Kafka production mode refuses an unprotected connection: set KAFKA_SSL=true (KAFKA_SSL_CA for a private CA) and authenticate the client with KAFKA_SASL_MECHANISM=scram-sha-256 or scram-sha-512 (KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD) or a client certificate (KAFKA_SSL_CERT, KAFKA_SSL_KEY). Production mode is on because NODE_ENV=production (KAFKA_SECURITY_REQUIRED=false turns it off, for a broker on a trusted private network only).',
    );
  });

  it('accepts TLS with SCRAM, or TLS with a client certificate', () => {
    expect(refusal(scram, production)).toBeUndefined();
    const mtls = { ...plain, ssl: true, sslCert: '/c.pem', sslKey: '/k.pem' };
    expect(refusal(mtls, production)).toBeUndefined();
  });

  it('is on with KAFKA_SECURITY_REQUIRED=true anywhere, and off with false', () => {
    expect(refusal({ ...plain, securityRequired: 'true' }, {})).toMatch(
      /because KAFKA_SECURITY_REQUIRED=true\.$/,
    );
    expect(refusal({ ...plain, securityRequired: 'false' }, production)).toBeUndefined();
    expect(refusal(plain, { NODE_ENV: 'development' })).toBeUndefined();
  });

  it('refuses at client creation, before any connection', () => {
    expect(() => kafkaClientConfigFrom(plain, undefined, production)).toThrow(/KAFKA_SSL=true/);
  });
});

describe('Kafka TLS files', () => {
  it('reads the CA, client certificate and key into the client config', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kafka-tls-'));
    const files = { ca: 'CA PEM', cert: 'CERT PEM', key: 'KEY PEM' };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const config = kafkaClientConfigFrom(
      {
        ...scram,
        sslCa: join(dir, 'ca'),
        sslCert: join(dir, 'cert'),
        sslKey: join(dir, 'key'),
      },
      undefined,
      production,
    );
    expect(config.ssl).toEqual(files);
  });

  it('names the variable of a file it cannot read', () => {
    expect(() =>
      kafkaClientConfigFrom({ ...scram, sslCa: '/nonexistent/ca.pem' }, undefined, {}),
    ).toThrow(/^KAFKA_SSL_CA: cannot read \/nonexistent\/ca\.pem/);
  });
});
