import { randomClusterId, serverProperties } from './kafka-config';
import { stackSettings } from './paths';
import { jdbcSettings, redactUrl } from './postgres';

describe('stack settings', () => {
  const env = { STACK_DIR: '/tmp/stack' };

  it('defaults to the documented addresses', () => {
    expect(stackSettings(env)).toEqual({
      stateDir: '/tmp/stack',
      kafkaPort: 9092,
      kafkaControllerPort: 9093,
      registryPort: 8081,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/hub',
    });
  });

  it('takes ports and DATABASE_URL from the environment', () => {
    const settings = stackSettings({
      ...env,
      STACK_KAFKA_PORT: '19092',
      STACK_REGISTRY_PORT: '18081',
      DATABASE_URL: 'postgres://u:p@db:5433/x',
    });
    expect(settings).toMatchObject({
      kafkaPort: 19092,
      kafkaControllerPort: 19093,
      registryPort: 18081,
    });
    expect(settings.databaseUrl).toBe('postgres://u:p@db:5433/x');
  });

  it('refuses a port that is not one', () => {
    expect(() => stackSettings({ ...env, STACK_KAFKA_PORT: '90920' })).toThrow(/STACK_KAFKA_PORT/);
  });
});

describe('kafka config', () => {
  const properties = serverProperties({ port: 9092, controllerPort: 9093, dataDir: '/d' });

  it.each([
    'process.roles=broker,controller',
    'controller.quorum.voters=1@127.0.0.1:9093',
    'advertised.listeners=PLAINTEXT://127.0.0.1:9092',
    'auto.create.topics.enable=false',
    'offsets.topic.replication.factor=1',
    'group.initial.rebalance.delay.ms=0',
    'log.dirs=/d',
  ])('has %s', (line) => {
    expect(properties.split('\n')).toContain(line);
  });

  it('makes cluster ids the way Kafka does', () => {
    for (let i = 0; i < 200; i++) {
      const id = randomClusterId();
      expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    }
  });
});

describe('postgres settings', () => {
  it('derives JDBC settings for another database on the same server', () => {
    expect(jdbcSettings('postgres://postgres@127.0.0.1:5432/hub', 'apicurio_registry')).toEqual({
      url: 'jdbc:postgresql://127.0.0.1:5432/apicurio_registry',
      user: 'postgres',
      password: '',
    });
    expect(jdbcSettings('postgres://a:s%40cret@h/hub?sslmode=disable', 'r')).toEqual({
      url: 'jdbc:postgresql://h:5432/r?sslmode=disable',
      user: 'a',
      password: 's@cret',
    });
  });

  it('never shows a password in messages', () => {
    expect(redactUrl('postgres://a:secret@h:5432/hub')).toBe('postgres://a:***@h:5432/hub');
  });
});
