import { defineConfig, hubServiceSettings, withDefaults } from '@hub/config';
import { testEndpoints } from '@hub/testing';
import { connectorRuntimeSettings } from '../settings/connector-runtime-settings';
import { FakeWriteAdapter } from '../testing/fake-write-adapter';
import { RuntimeHarness } from '../testing/runtime-harness';
import { connectorAppSettings } from './connector-app-settings';
import { createConnectorApp } from './create-connector-app';

const definition = defineConfig({
  ...hubServiceSettings('connector-test'),
  connector: withDefaults(connectorRuntimeSettings, { systemId: 'odoo' }),
  ...connectorAppSettings({ env: 'TEST_PORT', default: '3999', description: 'port' }),
});

describe('a kit connector with DATABASE_MIGRATE_AT_START=false (real stack)', () => {
  const harness = new RuntimeHarness();
  afterAll(() => harness.close());

  it('refuses an empty schema naming `npm run migrate`, and starts once ConnectorApp.migrate() ran', async () => {
    const schema = await harness.databaseSchema();
    const endpoints = testEndpoints();
    const config = definition.load({
      KAFKA_BROKERS: endpoints.kafkaBrokers,
      SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl,
      DATABASE_URL: schema.databaseUrl,
      DATABASE_MIGRATE_AT_START: 'false',
      CONNECTOR_SYSTEM_ID: harness.system,
      CONNECTOR_DATABASE_SCHEMA: schema.schema,
      CONNECTOR_SWEEP_MODE: 'off',
      LOG_LEVEL: 'silent',
    });
    const connector = () =>
      createConnectorApp({
        config,
        policy: harness.policy,
        topics: harness.topics,
        ensureTopics: { partitions: 1, replicationFactor: 1 },
        protocol: () => ({ write: new FakeWriteAdapter() }),
      });

    await expect(connector().start()).rejects.toThrow(
      new RegExp(
        `connector-test: its Postgres tables in schema "${schema.schema}" are missing or behind \\(pending migrations: CreateSweepWatermark1764230400000.*\`npm run migrate -- connector-test\``,
      ),
    );
    await connector().migrate();
    const started = connector();
    await started.start();
    await started.close();
  });
});
