/**
 * Odoo 17 sends the webhook inside the transaction: the hub is notified, and may read the
 * order, before the change is committed. Here the simulator (before-commit, the default)
 * posts to a receiver that publishes the notification as the ingress does, and commits a
 * second after the webhook answered. The connector's first read sees the draft; it must
 * neither publish it as current nor drop the notification, and publish the confirmed order
 * once the change is visible.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PurchaseOrderEvent } from '@hub/contracts';
import { ConnectorHarness } from '../testing/connector-harness';
import { WAREHOUSE } from '../testing/odoo-sim-fixture';
import { TopicCollector, eventually } from '@hub/connector-testing';

let harness: ConnectorHarness;
let orders: TopicCollector;
let ingress: Server;

function odooDate(text: string): number {
  return Date.parse(`${text.replace(' ', 'T')}Z`);
}

/** Plays the ingress: the webhook's _id and write_date become a notification on Kafka, then 200. */
function startIngress(): Promise<string> {
  ingress = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        _id: number;
        write_date: string;
      };
      void harness.notifyPurchaseOrder(body._id, odooDate(body.write_date)).then(() => {
        response.writeHead(200).end('{}');
      });
    });
  });
  return new Promise((resolve) => {
    ingress.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${String((ingress.address() as AddressInfo).port)}/hook`);
    });
  });
}

beforeAll(async () => {
  harness = await ConnectorHarness.start({
    CONNECTOR_NOT_FOUND_RETRY: '300ms,600ms,1200ms,2400ms',
  });
  orders = await TopicCollector.start(harness.topics.canonical['purchase-order']);
  harness.sim.odoo.commitDelayMs = 1_000;
  harness.sim.odoo.addWebhook({
    model: 'purchase.order',
    url: await startIngress(),
    fields: ['state', 'write_date'],
  });
});
afterAll(async () => {
  await orders.stop();
  await harness.close();
  await new Promise((resolve) => ingress.close(resolve));
});

describe('connector-odoo with webhooks sent before commit (Odoo 17)', () => {
  it('publishes the confirmed order, not the draft it read first, and only once', async () => {
    expect(harness.sim.odoo.webhookTiming).toBe('before-commit');
    const seeded = harness.sim.odoo.seed({
      purchaseOrders: [
        {
          name: 'PO-BC-1',
          partner: 'Acme Supplies',
          warehouse: WAREHOUSE,
          lines: [{ default_code: 'SKU-1001', product_qty: 3 }],
        },
      ],
    });
    const id = seeded.purchaseOrders['PO-BC-1'] ?? 0;
    // Odoo keeps whole seconds: confirm in a later second than the draft was written.
    await new Promise((resolve) => setTimeout(resolve, 1_100 - (Date.now() % 1_000)));
    harness.sim.odoo.resetCalls();
    await harness.sim.odoo.rpc('purchase.order', 'button_confirm', [[id]]);
    const writeDate = harness.sim.odoo.record('purchase.order', id)?.write_date;
    const confirmedAt = odooDate(typeof writeDate === 'string' ? writeDate : '');

    await eventually(
      () => orders.messages.some((m) => m.key === 'PO-BC-1'),
      () => 'PO-BC-1 published after the commit',
      15_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const mine = orders.messages.filter((m) => m.key === 'PO-BC-1');
    const event = (await harness.decode(mine[0]?.value ?? null)) as unknown as PurchaseOrderEvent;
    expect([mine.length, event.payload.status, event.sourceVersion]).toEqual([
      1,
      'confirmed',
      confirmedAt,
    ]);
    // The connector did read the draft before the commit (so the check above meant something).
    expect(harness.sim.odoo.callCount('purchase.order', 'search_read')).toBeGreaterThanOrEqual(2);
  });

  it('a commit later than every retry: nothing stale is published, the sweep catches it up', async () => {
    const seeded = harness.sim.odoo.seed({
      purchaseOrders: [
        {
          name: 'PO-BC-2',
          partner: 'Acme Supplies',
          warehouse: WAREHOUSE,
          lines: [{ default_code: 'SKU-1002', product_qty: 5 }],
        },
      ],
    });
    const id = seeded.purchaseOrders['PO-BC-2'] ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 1_100 - (Date.now() % 1_000)));
    harness.sim.odoo.commitDelayMs = 6_000; // the retries (0.3 + 0.6 + 1.2 + 2.4 s) run out first
    harness.sim.odoo.resetCalls();
    const confirming = harness.sim.odoo.rpc('purchase.order', 'button_confirm', [[id]]);
    await eventually(
      () => harness.sim.odoo.callCount('purchase.order', 'search_read') >= 5,
      () => 'the connector reading the uncommitted order five times',
      10_000,
    );
    await confirming;
    harness.sim.odoo.commitDelayMs = 1_000;
    expect(orders.messages.filter((m) => m.key === 'PO-BC-2')).toHaveLength(0);

    await harness.app.runtime.sweepNow();
    await eventually(
      () => orders.messages.some((m) => m.key === 'PO-BC-2'),
      () => 'PO-BC-2 published by the sweep',
    );
    const mine = orders.messages.filter((m) => m.key === 'PO-BC-2');
    const event = (await harness.decode(mine[0]?.value ?? null)) as unknown as PurchaseOrderEvent;
    expect([mine.length, event.payload.status]).toEqual([1, 'confirmed']);
  }, 30_000);

  it('a webhook for a change Odoo then rolled back publishes nothing, by notification or sweep', async () => {
    const seeded = harness.sim.odoo.seed({
      purchaseOrders: [
        {
          name: 'PO-BC-3',
          partner: 'Acme Supplies',
          warehouse: WAREHOUSE,
          lines: [{ default_code: 'SKU-1003', product_qty: 2 }],
        },
      ],
    });
    const id = seeded.purchaseOrders['PO-BC-3'] ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 1_100 - (Date.now() % 1_000)));
    harness.sim.odoo.resetCalls();
    harness.sim.odoo.addFault({ kind: 'failAfterWebhook', method: 'button_confirm', times: 1 });
    await expect(harness.sim.odoo.rpc('purchase.order', 'button_confirm', [[id]])).rejects.toThrow(
      /injected failure after the webhook/,
    );
    await eventually(
      () => harness.sim.odoo.callCount('purchase.order', 'search_read') >= 5,
      () => 'the connector reading the order until its retries ran out',
      10_000,
    );
    await harness.app.runtime.sweepNow();
    expect([
      harness.sim.odoo.record('purchase.order', id)?.state,
      orders.messages.filter((m) => m.key === 'PO-BC-3').length,
    ]).toEqual(['draft', 0]);
  }, 30_000);
});
