/**
 * One hub for every round: the demo's hub (tools/demo/hub/start-hub.ts, every app a
 * process) on a Kafka broker and a Postgres cluster of the run's own, so a broker restart or
 * terminated connections never touch the shared stack; only the schema registry is shared.
 */
import { seedWorld, startHub, type Hub, type StoryWorld } from '@hub/demo';
import {
  stackUp,
  startPrivateKafka,
  type PrivateKafka,
  startPrivatePostgres,
  type PrivatePostgres,
} from '@hub/local-stack';
import { startQuantObserver, type QuantObserver } from './quant-observer';

/** Shorter than the demo's 10 s so a latency fault past the client timeout costs seconds. */
export const odooClientTimeoutMs = 3_000;

export interface ChaosHub {
  readonly hub: Hub;
  readonly world: StoryWorld;
  readonly kafka: PrivateKafka;
  readonly postgres: PrivatePostgres;
  readonly observer: QuantObserver;
  stop(): Promise<void>;
}

export async function schemaRegistryUrl(): Promise<string> {
  const fromEnv = process.env['SCHEMA_REGISTRY_URL'];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  return (await stackUp()).schemaRegistryUrl;
}

export async function attempts<T>(count: number, start: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await start();
    } catch (error) {
      if (attempt >= count) throw error;
    }
  }
}

export async function startChaosHub(log: (line: string) => void): Promise<ChaosHub> {
  const registry = await schemaRegistryUrl();
  log('starting a private Kafka broker and a private Postgres cluster...');
  // One after the other, and again on failure: both pick free ports by listening on 0 and
  // closing, and another process (or the other start) can take a port in between.
  const postgres = await attempts(3, () => startPrivatePostgres('chaos-pg-'));
  const kafka = await attempts(3, () => startPrivateKafka()).catch(async (error: unknown) => {
    await postgres.destroy();
    throw error;
  });
  let hub: Hub | undefined;
  let observer: QuantObserver | undefined;
  try {
    log('starting the ERP simulator and the hub apps as processes...');
    hub = await startHub({
      stack: {
        kafkaBrokers: kafka.brokers,
        schemaRegistryUrl: registry,
        databaseUrl: postgres.databaseUrl,
      },
      isolatedSystems: true,
      environment: {
        'connector-odoo': {
          ODOO_TIMEOUT: `${odooClientTimeoutMs / 1000}s`,
          // Odoo sends each webhook once and never retries: one the ingress could not take
          // (its Postgres connections just terminated, say) is the sweep's to catch up, so
          // the round's settle time must see a sweep.
          CONNECTOR_SWEEP_INTERVAL: '15s',
        },
        'erp-simulator': {
          // connector-odoo refuses to start without its reference fields, and the demo's
          // hub does not create them yet; an administrator would have added them once.
          ODOO_SIM_CUSTOM_FIELDS:
            'stock.quant:x_hub_correlation_id,stock.picking:x_hub_correlation_id',
          // Every quant write now posts to the observer, and a before-commit transaction
          // waits this long after its webhooks; Odoo's 200 ms default would serialize the
          // round's quant writes at 5 a second.
          ODOO_SIM_COMMIT_DELAY: '30ms',
        },
      },
    });
    const world = await seedWorld(hub);
    observer = await startQuantObserver();
    await hub.sim.addWebhook({
      model: 'stock.quant',
      url: observer.url,
      fields: ['product_id', 'quantity', 'inventory_quantity_set', 'x_hub_correlation_id'],
    });
    const started = { hub, observer };
    return {
      hub,
      world,
      kafka,
      postgres,
      observer,
      async stop() {
        await started.hub.stop().catch(() => undefined);
        await started.observer.close();
        await Promise.all([kafka.destroy(), postgres.destroy()]);
      },
    };
  } catch (error) {
    await hub?.stop().catch(() => undefined);
    await observer?.close();
    await Promise.all([kafka.destroy(), postgres.destroy()]);
    throw error;
  }
}
