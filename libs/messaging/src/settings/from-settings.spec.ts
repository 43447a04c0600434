import { contractCatalog } from '@hub/contracts';
import type { SchemaRegistrySerde } from '../serde/schema-registry-serde';
import { kafkaClientConfigFrom } from './kafka-client-from-settings';
import { registerContractCatalog, registryConnectionFrom } from './serde-from-settings';

const plain = { brokers: ['a:9092', 'b:9092'], clientId: 'app', ssl: false };

describe('kafkaClientConfigFrom', () => {
  it('copies brokers, client id and TLS and leaves SASL out without a mechanism', () => {
    const config = kafkaClientConfigFrom({ ...plain, saslMechanism: undefined });
    expect(config).toEqual({ brokers: ['a:9092', 'b:9092'], clientId: 'app', ssl: false });
    expect('sasl' in config).toBe(false);
  });

  it('builds SASL credentials when a mechanism is set', () => {
    const logger = { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() };
    const config = kafkaClientConfigFrom(
      {
        ...plain,
        ssl: true,
        saslMechanism: 'scram-sha-512',
        saslUsername: 'user',
        saslPassword: 'secret',
      },
      logger,
    );
    expect(config.sasl).toEqual({
      mechanism: 'scram-sha-512',
      username: 'user',
      password: 'secret',
    });
    expect(config.ssl).toBe(true);
    expect(config.logger).toBe(logger);
  });
});

describe('registryConnectionFrom', () => {
  it('passes basic auth only when set', () => {
    expect(registryConnectionFrom({ url: 'http://r', basicAuth: undefined })).toEqual({
      url: 'http://r',
    });
    const basicAuth = { username: 'u', password: 'p' };
    expect(registryConnectionFrom({ url: 'http://r', basicAuth })).toEqual({
      url: 'http://r',
      basicAuth,
    });
  });
});

describe('registerContractCatalog', () => {
  it('registers every catalog subject with BACKWARD compatibility', async () => {
    const register = jest.fn<Promise<number>, Parameters<SchemaRegistrySerde['register']>>(() =>
      Promise.resolve(1),
    );
    const serde = { register } as unknown as SchemaRegistrySerde;
    await registerContractCatalog(serde);
    expect(register.mock.calls.map(([subject]) => subject)).toEqual(
      contractCatalog.map((entry) => entry.subject),
    );
    for (const [, schema, options] of register.mock.calls) {
      expect(typeof schema).toBe('object');
      expect(options).toEqual({ compatibility: 'BACKWARD' });
    }
  });
});
