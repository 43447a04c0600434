import { defineConfig } from '../define-config';
import { withDefaults } from '../setting';
import { databaseSettings } from './database-settings';
import { hubServiceSettings } from './hub-service-settings';
import { kafkaSettings } from './kafka-settings';
import { observabilitySettings } from './observability-settings';
import { schemaRegistrySettings } from './schema-registry-settings';

const shared = defineConfig({
  kafka: kafkaSettings,
  schemaRegistry: schemaRegistrySettings,
  database: databaseSettings,
  observability: observabilitySettings,
});

describe('shared setting groups', () => {
  it('default to the local stack', () => {
    expect(shared.load({})).toEqual({
      kafka: {
        brokers: ['127.0.0.1:9092'],
        clientId: 'erp-integration-hub',
        ssl: false,
        sslCa: undefined,
        sslCert: undefined,
        sslKey: undefined,
        securityRequired: 'auto',
        saslMechanism: undefined,
        saslUsername: undefined,
        saslPassword: undefined,
      },
      schemaRegistry: { url: 'http://127.0.0.1:8081/apis/ccompat/v7', basicAuth: undefined },
      database: { url: 'postgres://postgres@127.0.0.1:5432/hub', migrateAtStart: true },
      observability: { logLevel: 'info', serviceName: 'erp-integration-hub' },
    });
  });

  it('read production-style values', () => {
    const config = shared.load({
      KAFKA_BROKERS: 'kafka-0:9093,kafka-1:9093',
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'hub',
      KAFKA_SASL_PASSWORD: 'pw',
      SCHEMA_REGISTRY_BASIC_AUTH: 'reg:secret',
      LOG_LEVEL: 'debug',
    });
    expect(config.kafka.brokers).toEqual(['kafka-0:9093', 'kafka-1:9093']);
    expect(config.kafka.saslMechanism).toBe('scram-sha-512');
    expect(config.schemaRegistry.basicAuth).toEqual({ username: 'reg', password: 'secret' });
    expect(config.observability.logLevel).toBe('debug');
  });

  it('require both SASL credentials with a mechanism, and a mechanism with credentials', () => {
    expect(() =>
      shared.load({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'hub' }),
    ).toThrow('KAFKA_SASL_PASSWORD: is required when KAFKA_SASL_MECHANISM is set');
    expect(() => shared.load({ KAFKA_SASL_PASSWORD: 'pw' })).toThrow(
      'KAFKA_SASL_PASSWORD: is set but KAFKA_SASL_MECHANISM is not',
    );
  });

  it('read TLS files only with TLS on, a client certificate only with its key', () => {
    const config = shared.load({
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA: '/etc/kafka/ca.crt',
      KAFKA_SSL_CERT: '/etc/kafka/user.crt',
      KAFKA_SSL_KEY: '/etc/kafka/user.key',
      KAFKA_SECURITY_REQUIRED: 'true',
    });
    expect(config.kafka).toMatchObject({ sslCa: '/etc/kafka/ca.crt', securityRequired: 'true' });
    expect(() => shared.load({ KAFKA_SSL_CA: '/ca.crt' })).toThrow(
      'KAFKA_SSL_CA: is set but KAFKA_SSL is not true',
    );
    expect(() => shared.load({ KAFKA_SSL: 'true', KAFKA_SSL_CERT: '/c.crt' })).toThrow(
      'KAFKA_SSL_KEY: KAFKA_SSL_CERT and KAFKA_SSL_KEY must be set together',
    );
    expect(() => shared.load({ KAFKA_SECURITY_REQUIRED: 'yes' })).toThrow(
      'KAFKA_SECURITY_REQUIRED: must be one of auto, true, false',
    );
  });

  it('turn start-up migrations off with one variable for every app', () => {
    expect(shared.load({ DATABASE_MIGRATE_AT_START: 'false' }).database.migrateAtStart).toBe(false);
    expect(() => shared.load({ DATABASE_MIGRATE_AT_START: 'off' })).toThrow(
      'DATABASE_MIGRATE_AT_START: must be true, false, 1 or 0',
    );
  });

  it('keep a database URL out of the error, since it may carry a password', () => {
    const attempt = () => shared.load({ DATABASE_URL: 'mysql://root:s3cr3t@db/hub' });
    expect(attempt).toThrow(
      'DATABASE_URL: must be a postgres or postgresql URL (value hidden: secret)',
    );
    expect(attempt).not.toThrow(/s3cr3t/);
  });

  it('let an app replace a group default with its own', () => {
    const ingress = defineConfig({ kafka: withDefaults(kafkaSettings, { clientId: 'ingress' }) });
    expect(ingress.load({}).kafka.clientId).toBe('ingress');
    expect(ingress.load({ KAFKA_CLIENT_ID: 'ingress-2' }).kafka.clientId).toBe('ingress-2');
  });

  it('redact every secret of the groups', () => {
    const config = shared.load({ SCHEMA_REGISTRY_BASIC_AUTH: 'reg:secret' });
    expect(shared.redact(config)).toMatchObject({
      schemaRegistry: { basicAuth: '[secret]' },
      database: { url: '[secret]' },
    });
  });
});

describe('hubServiceSettings', () => {
  it('names the service as Kafka client id and log/metric service, and loads like the groups it bundles', () => {
    const definition = defineConfig(hubServiceSettings('connector-odoo'));
    const config = definition.load({});
    expect(config.kafka.clientId).toBe('connector-odoo');
    expect(config.observability.serviceName).toBe('connector-odoo');
    expect(Object.keys(config)).toEqual(['kafka', 'schemaRegistry', 'database', 'observability']);
  });
});
