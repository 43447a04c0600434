/**
 * The real connector-business-central app in-process on the kit's bench (real Kafka,
 * registry and Postgres; a unique system id, topics and schema) against the Business
 * Central simulator, with the outcome, retry, dead-letter and purchase-order topics
 * collected in the background.
 */
import type { AnyCanonicalEvent, ConnectorApp } from '@hub/connector-runtime';
import {
  ConnectorBench,
  TopicCollector,
  eventually,
  goodsReceipt,
  inventoryLevel,
  type BenchParts,
  type CollectedMessage,
  type OutcomePayload,
} from '@hub/connector-testing';
import type { PurchaseOrder } from '@hub/contracts';
import {
  BC_DEFAULT_APP,
  BC_DEFAULT_TENANT,
  BusinessCentralSimulator,
  startErpSimulator,
  type BusinessCentralSimOptions,
  type ErpSimulator,
} from '@hub/erp-simulator';
import { connectorBusinessCentralConfig } from '../app/connector-business-central.config';
import { createConnectorBusinessCentralApp } from '../app/create-connector-business-central-app';

export const WAREHOUSE = 'MAIN';

/** The standard seed: company CRONUS with locations MAIN and EAST, items 1896-S (4 at MAIN) and 1900-S. */
export function bcSim(options: BusinessCentralSimOptions = {}): BusinessCentralSimulator {
  return new BusinessCentralSimulator({
    companies: [
      {
        name: 'CRONUS',
        locations: ['MAIN', 'EAST'],
        items: [{ number: '1896-S' }, { number: '1900-S' }],
        stock: { '1896-S': { MAIN: 4 } },
      },
    ],
    ...options,
  });
}

export function bcEnv(sim: ErpSimulator): Record<string, string> {
  return {
    BC_API_URL: `${sim.url}/bc/v2.0/${BC_DEFAULT_TENANT}/production`,
    BC_TENANT_ID: BC_DEFAULT_TENANT,
    BC_CLIENT_ID: BC_DEFAULT_APP.clientId,
    BC_CLIENT_SECRET: BC_DEFAULT_APP.clientSecret,
    BC_LOGIN_ROUTE: `${sim.url}/bc/login`,
    BC_COMPANY: 'CRONUS',
  };
}

interface Collectors {
  readonly outcomes: TopicCollector;
  readonly retries: TopicCollector;
  readonly deadLetters: TopicCollector;
  readonly purchaseOrders: TopicCollector;
}

export class BcHarness extends ConnectorBench<ConnectorApp, ErpSimulator> {
  private collectors: Collectors | undefined;

  private constructor(
    parts: BenchParts<ConnectorApp, ErpSimulator>,
    readonly bc: BusinessCentralSimulator,
  ) {
    super(parts);
  }

  /** The simulator with `bc` and the app against it; a refused start closes both and rethrows. */
  static async start(
    bc: BusinessCentralSimulator,
    env: Readonly<Record<string, string>> = {},
  ): Promise<BcHarness> {
    const simulator = await startErpSimulator({ modules: [bc] });
    let harness: BcHarness;
    try {
      harness = await ConnectorBench.openAs(
        {
          kind: 'business-central',
          name: 'bc',
          simulator,
          env,
          createApp: ({ env: hub, policy, topics, ensureTopics }) =>
            createConnectorBusinessCentralApp(
              connectorBusinessCentralConfig.load({ ...bcEnv(simulator), ...hub }),
              { policy, topics, ensureTopics },
            ),
        },
        (parts: BenchParts<ConnectorApp, ErpSimulator>) => new BcHarness(parts, bc),
      );
    } catch (error) {
      await simulator.close();
      throw error;
    }
    // After the start: the app creates the topics.
    const { deliveryOutcome, retry, deadLetter, canonical } = harness.topics;
    const [outcomes, retries, deadLetters, purchaseOrders] = await Promise.all(
      [deliveryOutcome, retry, deadLetter, canonical['purchase-order']].map((topic) =>
        TopicCollector.start(topic),
      ),
    );
    if (!outcomes || !retries || !deadLetters || !purchaseOrders) throw new Error('collectors');
    harness.collectors = { outcomes, retries, deadLetters, purchaseOrders };
    return harness;
  }

  /** An inventory level from the policy's owner, for a warehouse (default MAIN), counted at `asOf` (default now). */
  level(sku: string, quantity: string, warehouse = WAREHOUSE, asOf?: number): AnyCanonicalEvent {
    return inventoryLevel(sku, quantity, {
      warehouse,
      sourceSystem: this.source,
      ...(asOf === undefined ? {} : { asOf }),
    });
  }

  /** A goods receipt from the policy's owner; lines as [poLineNumber, sku, quantity]. */
  receipt(poNumber: string, lines: [number, string, string][]): AnyCanonicalEvent {
    return goodsReceipt(poNumber, lines, { warehouse: WAREHOUSE, sourceSystem: this.source });
  }

  /** The first `count` delivery outcomes (all events), decoded. */
  async outcomes(count: number): Promise<OutcomePayload[]> {
    const messages = await this.atLeast('outcomes', count);
    const decoded = await Promise.all(messages.map((m) => this.decode(m.value)));
    return decoded.map((event) => (event as unknown as { payload: OutcomePayload }).payload);
  }

  /** At least `count` purchase orders the connector published, decoded. */
  async purchaseOrders(count: number): Promise<PurchaseOrder[]> {
    const messages = await this.atLeast('purchaseOrders', count);
    const decoded = await Promise.all(messages.map((m) => this.decode(m.value)));
    return decoded.map((event) => (event as unknown as { payload: PurchaseOrder }).payload);
  }

  retries(count: number): Promise<CollectedMessage[]> {
    return this.atLeast('retries', count);
  }

  deadLetters(count: number): Promise<CollectedMessage[]> {
    return this.atLeast('deadLetters', count);
  }

  override async close(): Promise<void> {
    await Promise.all(Object.values(this.collectors ?? {}).map((c: TopicCollector) => c.stop()));
    await super.close();
  }

  private async atLeast(name: keyof Collectors, count: number): Promise<CollectedMessage[]> {
    const collector = this.collectors?.[name];
    if (collector === undefined) throw new Error('harness not started');
    await eventually(
      () => collector.messages.length >= count,
      () => `${count} message(s) on ${name}, got ${collector.messages.length}`,
    );
    return [...collector.messages];
  }
}
