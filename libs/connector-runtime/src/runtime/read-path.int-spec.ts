import {
  buildEnvelope,
  topics as fixedTopics,
  valueSubject,
  type SourceNotificationEvent,
} from '@hub/contracts';
import { encodeHubHeaders } from '@hub/messaging';
import type { SourceRecord } from '../adapter/erp-adapter';
import type { ConnectorRuntime } from '../runtime/connector-runtime-options';
import { FakeReadAdapter } from '../testing/fake-read-adapter';
import { RuntimeHarness } from '../testing/runtime-harness';
import { TopicCollector, eventually } from '@hub/testing';

function purchaseOrder(poNumber: string, changedAt: number): SourceRecord {
  return {
    entityType: 'purchase-order',
    sourceRecordId: `purchase.order/${poNumber}`,
    sourceVersion: changedAt,
    payload: {
      poNumber,
      supplierId: 'V-1',
      status: 'confirmed',
      currency: 'EUR',
      company: null,
      lines: [
        {
          lineNumber: 1,
          sku: 'SKU-1',
          quantityOrdered: '5',
          unitOfMeasure: 'PCS',
          unitPrice: '2.5',
          expectedDate: null,
        },
      ],
    },
  };
}

describe('connector runtime read path (real stack; fake source)', () => {
  const harness = new RuntimeHarness();
  const adapter = new FakeReadAdapter(['purchase-order'], 2);
  let runtime: ConnectorRuntime;
  let orders: TopicCollector;

  const notify = async (resource: string): Promise<void> => {
    const envelope = buildEnvelope(
      {
        correlationId: `c1-notification-${resource}`,
        entityType: 'purchase-order',
        entityKey: resource,
        sourceSystem: harness.system,
        sourceRecordId: resource,
        sourceVersion: Date.now(),
      },
      harness.identity,
    );
    const event: SourceNotificationEvent = {
      ...envelope,
      payload: {
        changeKind: 'updated',
        resource,
        sourceEventId: null,
        receivedAt: Date.now(),
        attributes: {},
      },
    };
    const producer = await harness.connectedProducer();
    await producer.send([
      {
        topic: harness.topics.sourceNotification,
        key: resource,
        value: harness.serde.encode(valueSubject(fixedTopics.sourceNotification), event),
        headers: encodeHubHeaders({ ...envelope }),
      },
    ]);
  };
  const ordersNumbered = async (poNumber: string): Promise<Record<string, unknown>[]> => {
    const decoded = await Promise.all(orders.messages.map(async (m) => harness.decode(m.value)));
    return decoded.filter((event) => event['entityKey'] === poNumber);
  };

  beforeAll(async () => {
    runtime = await harness.start(
      { read: adapter },
      { CONNECTOR_NOT_FOUND_RETRY: '50ms,100ms,200ms' },
    );
    orders = await TopicCollector.start(harness.topics.canonical['purchase-order']);
  });

  afterAll(async () => {
    await orders.stop();
    await harness.close();
  });

  it('turns a notification into the canonical event, fetched from the source', async () => {
    adapter.put(purchaseOrder('PO-1', 1_000));
    await notify('purchase.order/PO-1');
    await eventually(
      async () => (await ordersNumbered('PO-1')).length === 1,
      () => 'PO-1 not published',
    );
    const [event] = await ordersNumbered('PO-1');
    expect(event).toMatchObject({
      entityType: 'purchase-order',
      sourceSystem: harness.system,
      sourceVersion: 1_000,
      payload: { poNumber: 'PO-1', status: 'confirmed' },
    });
  });

  it('fetches again a record that is not visible yet, then publishes it', async () => {
    adapter.put(purchaseOrder('PO-2', 2_000));
    adapter.hideFor('purchase.order/PO-2', 2);
    await notify('purchase.order/PO-2');
    await eventually(
      async () => (await ordersNumbered('PO-2')).length === 1,
      () => 'PO-2 not published',
    );
    expect(adapter.fetchCalls.filter((r) => r === 'purchase.order/PO-2')).toHaveLength(3);
  });

  it('sweeps records no notification announced, stores the watermark and carries on from it', async () => {
    adapter.put(purchaseOrder('PO-3', 3_000));
    adapter.put(purchaseOrder('PO-4', 4_000));
    const report = await runtime.sweepNow();
    expect(report).toMatchObject({ kind: 'swept', from: 0, watermark: 4_000 });
    await eventually(
      async () =>
        (await ordersNumbered('PO-3')).length >= 1 && (await ordersNumbered('PO-4')).length >= 1,
      () => 'sweep did not publish PO-3 and PO-4',
    );
    // Unchanged records come out with the same correlation id, so writers see duplicates.
    const [first] = await ordersNumbered('PO-1');
    const swept = (await ordersNumbered('PO-1')).at(-1);
    expect(swept?.['correlationId']).toBe(first?.['correlationId']);

    adapter.put(purchaseOrder('PO-5', 5_000));
    const next = await runtime.sweepNow();
    expect(next).toMatchObject({ kind: 'swept', from: 4_000, watermark: 5_000 });
    expect(adapter.sweepCalls.at(-1)).toBe(4_000);
    await eventually(
      async () => (await ordersNumbered('PO-5')).length === 1,
      () => 'PO-5 not swept',
    );
  });
});
