/**
 * The real connector-odoo app in-process on the kit's bench (real Kafka, registry and
 * Postgres; a unique system id, topics and schema) against the ERP simulator.
 */
import { ConnectorBench, type BenchParts, type SimulatorLike } from '@hub/connector-testing';
import type { ErpSimulator } from '@hub/erp-simulator';
import { connectorOdooConfig } from '../app/connector-odoo.config';
import { createConnectorOdooApp, type ConnectorOdooApp } from '../app/create-connector-odoo-app';
import { odooEnv, startOdooSim } from './odoo-sim-fixture';

export type { SimulatorLike } from '@hub/connector-testing';

export class ConnectorHarness<S extends SimulatorLike = ErpSimulator> extends ConnectorBench<
  ConnectorOdooApp,
  S
> {
  /** The app against a fresh in-process simulator with the standard seed. */
  static async start(env: Readonly<Record<string, string>> = {}): Promise<ConnectorHarness> {
    return ConnectorHarness.startWith(await startOdooSim(), env);
  }

  /** The app against the given simulator (closed with the harness). */
  static startWith<T extends SimulatorLike>(
    simulator: T,
    env: Readonly<Record<string, string>> = {},
    partitions = 3,
  ): Promise<ConnectorHarness<T>> {
    return ConnectorBench.openAs(
      {
        kind: 'odoo',
        name: 'odoo',
        simulator,
        env,
        partitions,
        createApp: ({ env: hub, policy, topics, ensureTopics }) =>
          createConnectorOdooApp(connectorOdooConfig.load({ ...odooEnv(simulator), ...hub }), {
            policy,
            topics,
            ensureTopics,
          }),
      },
      (parts: BenchParts<ConnectorOdooApp, T>) => new ConnectorHarness(parts),
    );
  }

  /**
   * An Odoo webhook about a purchase order, as the ingress publishes it (`<model>/<id>`);
   * the version is the webhook's `write_date` (epoch ms) when given, else the time received.
   */
  notifyPurchaseOrder(id: number, writeDate?: number): Promise<void> {
    return this.notify({
      entityType: 'purchase-order',
      resource: `purchase.order/${id}`,
      version: writeDate,
      attributes: { model: 'purchase.order', action: 'Send Webhook Notification(#61)' },
    });
  }
}
