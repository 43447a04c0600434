/**
 * The hub of a chaos run against SAP, F&O or Business Central: the demo's hub with `erp: <kind>`
 * (connector-<kind> and the simulator's module for that ERP) on a private broker and
 * Postgres cluster, as for Odoo, with the run's own items seeded.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHub, type Hub } from '@hub/demo';
import { startPrivateKafka, startPrivatePostgres } from '@hub/local-stack';
import { attempts, schemaRegistryUrl, type ChaosHub } from './chaos-hub';
import { erpControl, type ChaosErp, type ErpControl } from './erp-state';

/** The connector's client timeout in a chaos run: a latency fault past it costs seconds. */
export const erpClientTimeoutMs = 3_000;

/** Counted by the WMS; receipts are booked on items of their own (a receipt moves stock). */
export const countSkus = ['CH-COUNT-1', 'CH-COUNT-2', 'CH-COUNT-3'] as const;
export const receiptSkus = ['CH-RCPT-1', 'CH-RCPT-2', 'CH-RCPT-3'] as const;

export interface ErpChaosHub extends Omit<ChaosHub, 'world' | 'observer'> {
  readonly kind: ChaosErp;
  readonly erp: ErpControl;
}

const timeoutVariable: Readonly<Record<ChaosErp, string>> = {
  sap: 'SAP_TIMEOUT',
  'dynamics-finance': 'DYNAMICS_FINANCE_TIMEOUT',
  'business-central': 'BC_TIMEOUT',
};

export async function startErpChaosHub(
  kind: ChaosErp,
  log: (line: string) => void,
): Promise<ErpChaosHub> {
  const registry = await schemaRegistryUrl();
  const seeds = mkdtempSync(join(tmpdir(), 'chaos-seeds-'));
  const items = [...countSkus, ...receiptSkus];
  // The simulator's URL is known once the hub is laid out; only seed files come before.
  const control = erpControl(kind, '');
  log('starting a private Kafka broker and a private Postgres cluster...');
  const postgres = await attempts(3, () => startPrivatePostgres('chaos-pg-'));
  const kafka = await attempts(3, () => startPrivateKafka()).catch(async (error: unknown) => {
    await postgres.destroy();
    throw error;
  });
  let hub: Hub | undefined;
  const destroy = async (): Promise<void> => {
    await Promise.all([kafka.destroy(), postgres.destroy()]);
    rmSync(seeds, { recursive: true, force: true });
  };
  try {
    log(`starting the ERP simulator (${kind}) and the hub apps as processes...`);
    hub = await startHub({
      stack: {
        kafkaBrokers: kafka.brokers,
        schemaRegistryUrl: registry,
        databaseUrl: postgres.databaseUrl,
      },
      erp: kind,
      isolatedSystems: true,
      environment: {
        [`connector-${kind}`]: { [timeoutVariable[kind]]: `${erpClientTimeoutMs / 1000}s` },
        'erp-simulator': control.simulatorSeed(items, join(seeds, 'seed.json')),
      },
    });
    const erp = erpControl(kind, hub.urls.simulator);
    await erp.seed(items);
    const started = hub;
    return {
      kind,
      hub,
      erp,
      kafka,
      postgres,
      async stop() {
        await started.stop().catch(() => undefined);
        await destroy();
      },
    };
  } catch (error) {
    await hub?.stop().catch(() => undefined);
    await destroy();
    throw error;
  }
}
