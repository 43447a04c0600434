/** Pure stand-ins for unit tests: no Kafka, no registry, no Postgres. */
import { createEvent, type EventIdentity } from '@hub/contracts';
import type { MessageSender, OutgoingMessage } from '@hub/messaging';
import { createLogger, createMetrics, createRegistry, type Logger } from '@hub/observability';
import { parsePolicy, type OwnershipPolicy } from '@hub/ownership';
import type { AnyCanonicalEvent } from '../adapter/erp-adapter';
import { connectorTopics, type ConnectorTopics } from '../runtime/connector-topics';

export const TARGET = 'odoo';
export const SOURCE = 'wms';

export function unitPolicy(): OwnershipPolicy {
  return parsePolicy({
    systems: [
      { id: TARGET, kind: 'odoo' },
      { id: SOURCE, kind: 'wms' },
    ],
    entityTypes: [
      { type: 'inventory-level', owner: SOURCE, receivers: [TARGET] },
      { type: 'goods-receipt', owner: SOURCE, receivers: [TARGET] },
      { type: 'purchase-order', owner: TARGET, receivers: [SOURCE] },
    ],
  });
}

let eventCount = 0;
export const fixedIdentity: EventIdentity = {
  now: () => 1_700_000_000_000,
  newEventId: () => {
    eventCount += 1;
    return `00000000-0000-4000-8000-${eventCount.toString().padStart(12, '0')}`;
  },
};

export function inventoryEvent(sku = 'SKU-1', version = 1_000, quantity = '5'): AnyCanonicalEvent {
  return createEvent(
    'inventory-level',
    {
      sourceSystem: SOURCE,
      sourceRecordId: `${sku}@${version}`,
      sourceVersion: version,
      payload: {
        sku,
        warehouse: 'WH1',
        quantityOnHand: quantity,
        unitOfMeasure: 'PCS',
        asOf: version,
      },
    },
    fixedIdentity,
  );
}

export function purchaseOrderEvent(): AnyCanonicalEvent {
  return createEvent(
    'purchase-order',
    {
      sourceSystem: TARGET,
      sourceRecordId: '7',
      sourceVersion: 1_000,
      payload: {
        poNumber: 'PO-7',
        supplierId: 'V1',
        status: 'confirmed',
        currency: 'EUR',
        lines: [],
        company: null,
      },
    },
    fixedIdentity,
  );
}

/** Encodes as JSON text, so tests can read back what would have been Avro. */
export const jsonSerde = {
  encode: (subject: string, value: unknown): Buffer =>
    Buffer.from(JSON.stringify({ subject, value })),
};

export function decodeJson(message: OutgoingMessage | undefined): {
  subject: string;
  value: Record<string, unknown>;
} {
  return JSON.parse(message?.value?.toString() ?? 'null') as {
    subject: string;
    value: Record<string, unknown>;
  };
}

export class RecordingSender implements MessageSender {
  readonly sent: OutgoingMessage[] = [];
  failWith: Error | undefined;

  send(messages: readonly OutgoingMessage[]): Promise<void> {
    if (this.failWith !== undefined) return Promise.reject(this.failWith);
    this.sent.push(...messages);
    return Promise.resolve();
  }

  to(topic: string): OutgoingMessage[] {
    return this.sent.filter((message) => message.topic === topic);
  }
}

export const unitTopics: ConnectorTopics = connectorTopics(TARGET);
export const silentLogger: Logger = createLogger({ service: 'unit', level: 'silent' });
export const unitMetrics = (): ReturnType<typeof createMetrics> => createMetrics(createRegistry());
