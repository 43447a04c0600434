import { Client } from 'pg';
import { testEndpoints, testKafka } from '@hub/testing';
import { connectedCheck, pingCheck } from './check-factories';
import { HealthRegistry } from './health-registry';

// The check factories against the real broker and database: the wiring apps will use,
// without this lib importing kafkajs or a database driver in its runtime code.
describe('readiness against the real stack', () => {
  it('is ready while Kafka and Postgres are connected, and says which one went away', async () => {
    const admin = testKafka('observability-readiness').admin();
    let kafkaConnected = false;
    admin.on(admin.events.CONNECT, () => {
      kafkaConnected = true;
    });
    admin.on(admin.events.DISCONNECT, () => {
      kafkaConnected = false;
    });
    const database = new Client({ connectionString: testEndpoints().databaseUrl });
    const health = new HealthRegistry(5_000);
    health.register(
      'kafka',
      connectedCheck(() => kafkaConnected, 'connected to the brokers'),
    );
    health.register(
      'postgres',
      pingCheck(() => database.query('select 1')),
    );

    await admin.connect();
    await database.connect();
    const ready = await health.readiness();

    await database.end();
    await admin.disconnect();
    const gone = await health.readiness();

    expect(ready).toEqual({
      status: 'ready',
      checks: { kafka: { ok: true, detail: 'connected to the brokers' }, postgres: { ok: true } },
    });
    expect(gone.status).toBe('not-ready');
    expect(gone.checks.kafka).toEqual({ ok: false, detail: 'not connected to the brokers' });
    expect(gone.checks.postgres?.ok).toBe(false);
    expect(gone.checks.postgres?.detail).toMatch(/not queryable|closed|terminated/i);
  });
});
