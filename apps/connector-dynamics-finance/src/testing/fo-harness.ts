/**
 * The real connector-dynamics-finance app in-process on the kit's bench (real Kafka,
 * registry and Postgres; a unique system id, policy, topics and schema) against the
 * simulated F&O and Entra ID; plus "Purchase order confirmed" notifications as the
 * ingress publishes them.
 */
import { randomUUID } from 'node:crypto';
import { ConnectorBench, type BenchParts, type SimulatorLike } from '@hub/connector-testing';
import {
  DEFAULT_FO_ENTRA_APP,
  DynamicsFinanceSimulator,
  startErpSimulator,
  type DynamicsFinanceSimOptions,
} from '@hub/erp-simulator';
import { connectorDynamicsFinanceConfig } from '../app/connector-dynamics-finance.config';
import {
  createConnectorDynamicsFinanceApp,
  type ConnectorDynamicsFinanceApp,
} from '../app/create-connector-dynamics-finance-app';

/** The simulator server with its F&O module. */
export interface FoSimulator extends SimulatorLike {
  readonly fo: DynamicsFinanceSimulator;
}

/** The settings that point the connector at the simulator's F&O and Entra ID. */
export function foEnv(sim: { url: string }): Record<string, string> {
  return {
    DYNAMICS_FINANCE_URL: `${sim.url}/fo`,
    DYNAMICS_FINANCE_TENANT_ID: DEFAULT_FO_ENTRA_APP.tenantId,
    DYNAMICS_FINANCE_CLIENT_ID: DEFAULT_FO_ENTRA_APP.clientId,
    DYNAMICS_FINANCE_CLIENT_SECRET: DEFAULT_FO_ENTRA_APP.clientSecret,
    DYNAMICS_FINANCE_LOGIN_ROUTE: `${sim.url}/fo/entra`,
    DYNAMICS_FINANCE_LEGAL_ENTITY: 'usmf',
    DYNAMICS_FINANCE_STARTUP_CHECK_TIMEOUT: '1s',
  };
}

export class FoHarness extends ConnectorBench<ConnectorDynamicsFinanceApp, FoSimulator> {
  get fo(): DynamicsFinanceSimulator {
    return this.sim.fo;
  }

  /** The app against a fresh simulator; a refused start closes the simulator too. */
  static async start(
    env: Readonly<Record<string, string>> = {},
    simOptions: DynamicsFinanceSimOptions = {},
  ): Promise<FoHarness> {
    const fo = new DynamicsFinanceSimulator(simOptions);
    const server = await startErpSimulator({ modules: [fo] });
    const simulator: FoSimulator = { url: server.url, fo, close: () => server.close() };
    try {
      return await ConnectorBench.openAs(
        {
          kind: 'dynamics-finance',
          name: 'fo',
          simulator,
          env,
          createApp: ({ env: hub, policy, topics, ensureTopics }) =>
            createConnectorDynamicsFinanceApp(
              connectorDynamicsFinanceConfig.load({ ...foEnv(server), ...hub }),
              { policy, topics, ensureTopics },
            ),
        },
        (parts: BenchParts<ConnectorDynamicsFinanceApp, FoSimulator>) => new FoHarness(parts),
      );
    } catch (error) {
      await server.close();
      throw error;
    }
  }

  /** "Purchase order confirmed" as the ingress publishes it: one notification per delivery. */
  notifyConfirmed(poNumber: string, controlNumber: number, legalEntity = 'usmf'): Promise<void> {
    return this.notify({
      entityType: 'purchase-order',
      resource: `PurchaseOrderHeadersV2(dataAreaId='${legalEntity}',PurchaseOrderNumber='${poNumber}')`,
      sourceEventId: randomUUID(),
      attributes: {
        businessEventId: 'PurchaseOrderConfirmedBusinessEvent',
        legalEntity,
        purchaseOrderNumber: poNumber,
        controlNumber: String(controlNumber),
      },
    });
  }
}
