/**
 * The real connector-sap app in-process on the kit's bench (real Kafka, registry and
 * Postgres; a unique system id, topics and schema) against the SAP simulator. Adds what is
 * SAP's own: business events published as the ingress does (the correlation id digests the
 * CloudEvent, so a re-sent event gets the same one), and a replacement process.
 */
import {
  ConnectorBench,
  goodsReceipt,
  inventoryLevel,
  type BenchAppInput,
  type BenchParts,
} from '@hub/connector-testing';
import type { AnyCanonicalEvent } from '@hub/connector-runtime';
import {
  buildEnvelope,
  correlationId,
  payloadDigest,
  systemEventIdentity,
  topics as hubTopics,
  valueSubject,
  type SourceNotificationEvent,
} from '@hub/contracts';
import { createKafkaClient, createProducer, encodeHubHeaders, type Producer } from '@hub/messaging';
import { createLogger } from '@hub/observability';
import { testEndpoints, uniqueName } from '@hub/testing';
import { connectorSapConfig } from '../app/connector-sap.config';
import { createConnectorSapApp, type ConnectorSapApp } from '../app/create-connector-sap-app';
import { WAREHOUSE, sapEnv, startSapSim, type SapSim } from './sap-sim-fixture';

/** A business event as SAP sends it (CloudEvents 1.0, key-only data). */
export interface SapCloudEvent {
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly time?: string;
  readonly data: { readonly PurchaseOrder: string };
}

export class SapHarness extends ConnectorBench<ConnectorSapApp, SapSim> {
  private input: BenchAppInput | undefined;
  private eventProducer: Producer | undefined;

  /** The app against the given simulator (default: a fresh one with the standard seed), closed with the harness. */
  static async start(
    env: Readonly<Record<string, string>> = {},
    sim?: SapSim,
  ): Promise<SapHarness> {
    const simulator = sim ?? (await startSapSim());
    let input: BenchAppInput | undefined;
    try {
      const harness = await ConnectorBench.openAs(
        {
          kind: 'sap',
          name: 'sap',
          simulator,
          env,
          createApp: (given) => {
            input = given;
            return SapHarness.appFor(simulator, given);
          },
        },
        (parts: BenchParts<ConnectorSapApp, SapSim>) => new SapHarness(parts),
      );
      harness.input = input;
      return harness;
    } catch (error) {
      await simulator.close();
      throw error;
    }
  }

  private static appFor(
    sim: SapSim,
    { env, policy, topics, ensureTopics }: BenchAppInput,
  ): ConnectorSapApp {
    return createConnectorSapApp(connectorSapConfig.load({ ...sapEnv(sim), ...env }), {
      policy,
      topics,
      ensureTopics,
    });
  }

  /** A second app on the same system id, topics and schema, as a replacement process (not started). */
  replacement(): ConnectorSapApp {
    if (this.input === undefined) throw new Error('the harness was not opened by start()');
    return SapHarness.appFor(this.sim, this.input);
  }

  /** An inventory level of the WMS this bench's policy names, in the test warehouse. */
  level(sku: string, quantity: string, asOf = Date.now()): AnyCanonicalEvent {
    return inventoryLevel(sku, quantity, { warehouse: WAREHOUSE, sourceSystem: this.source, asOf });
  }

  /** A goods receipt of the WMS for SAP PO items: [item number, material, quantity]. */
  receipt(
    poNumber: string,
    lines: readonly (readonly [number, string, string])[],
    receiptId: string,
  ): AnyCanonicalEvent {
    return goodsReceipt(poNumber, lines, {
      warehouse: WAREHOUSE,
      sourceSystem: this.source,
      receiptId,
    });
  }

  /**
   * An SAP business event as the ingress (`/webhooks/sap/:systemId`) publishes it: keyed by
   * the PO number, the correlation id digesting the event's source, id, type and data, the
   * version its time.
   */
  async notifyEvent(event: SapCloudEvent): Promise<void> {
    const receivedAt = Date.now();
    const version = event.time === undefined ? receivedAt : Date.parse(event.time);
    const key = event.data.PurchaseOrder;
    const envelope = buildEnvelope(
      {
        correlationId: correlationId({
          sourceSystem: this.system,
          entityType: 'purchase-order',
          sourceRecordId: key,
          sourceVersion: version,
          payloadDigest: payloadDigest({
            source: event.source,
            id: event.id,
            type: event.type,
            data: event.data,
          }),
        }),
        entityType: 'purchase-order',
        entityKey: key,
        sourceSystem: this.system,
        sourceRecordId: key,
        sourceVersion: version,
      },
      systemEventIdentity,
    );
    const notification: SourceNotificationEvent = {
      ...envelope,
      payload: {
        changeKind: event.type.endsWith('.Created.v1') ? 'created' : 'updated',
        resource: key,
        sourceEventId: event.id,
        receivedAt,
        attributes: { ceType: event.type, ceSource: event.source },
      },
    };
    this.eventProducer ??= await SapHarness.connectedProducer();
    await this.eventProducer.send([
      {
        topic: this.topics.sourceNotification,
        key,
        value: this.serde.encode(valueSubject(hubTopics.sourceNotification), notification),
        headers: encodeHubHeaders({ ...envelope }),
      },
    ]);
  }

  private static async connectedProducer(): Promise<Producer> {
    const kafka = createKafkaClient({
      brokers: [testEndpoints().kafkaBrokers],
      clientId: uniqueName('sap-events'),
      logger: createLogger({ service: 'sap-events', level: 'silent' }),
    });
    const producer = createProducer(kafka);
    await producer.connect();
    return producer;
  }

  override async close(): Promise<void> {
    await this.eventProducer?.disconnect();
    await super.close();
  }
}
