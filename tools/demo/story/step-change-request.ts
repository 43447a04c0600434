/**
 * Story: an ERP user changes data the WMS owns. An Odoo user recounts one SKU the hub wrote
 * to Odoo; Odoo's automation rule on stock.quant notifies the ingress, which refuses the
 * write (403, reverse direction) and publishes a change request; connector-http delivers it
 * to the WMS's change-request endpoint, signed like every delivery, with Odoo's proposal and
 * the WMS's current count (the WMS key found through the hub's own write of that quant).
 * Odoo notifies twice, the count entered (on hand still the WMS's count) and the count
 * applied: only the second proposes a change and reaches the WMS; the first is recorded
 * no-change in the reviewer. Odoo's webhook arriving a second time (the same body) reaches
 * the WMS no second time.
 */
import { requestJson, sleep, waitFor } from '../hub/net';
import type { ReceivedChangeRequest } from '../hub/change-request-receiver';
import type { StoryWorld } from './world';
import { runStep, type StepReport } from './step-report';

interface DeliveredBody {
  readonly data?: {
    readonly correlationId?: string;
    readonly entityKey?: string;
    readonly requestedBy?: { readonly system?: string };
    readonly proposed?: { readonly inventory_quantity?: number; readonly quantity?: number };
    readonly current?: {
      readonly entityKey?: string;
      readonly value?: { readonly quantityOnHand?: string };
    } | null;
  };
}

const bodyOf = (received: ReceivedChangeRequest): DeliveredBody => received.body as DeliveredBody;

export function changeRequestStep(world: StoryWorld): Promise<StepReport> {
  return runStep(
    'An Odoo user changes WMS-owned stock: the hub refuses it and the WMS gets a change request',
    async (step) => {
      const { sim, urls, changeRequests, layout } = world.hub;
      const sku = world.skus[45] ?? world.skus[0] ?? '';
      const wmsLevel = world.wmsLevels.get(sku);
      const [quantId] = await sim.execute<number[]>('stock.quant', 'search', [
        [
          ['product_id', '=', world.productIds.get(sku)],
          ['location_id', '=', world.stockLocationId],
        ],
      ]);
      const record = `stock.quant/${String(quantId)}`;
      await sim.addWebhook({
        model: 'stock.quant',
        url: `${urls.ingressOdoo}?kind=updated`,
        fields: [
          'product_id',
          'location_id',
          'quantity',
          'inventory_quantity',
          'write_date',
          'write_uid',
        ],
      });
      const logStart = (await sim.webhookLog()).length;
      const recount = 7;
      const context = { context: { inventory_mode: true } };
      await sim.execute(
        'stock.quant',
        'write',
        [[quantId], { inventory_quantity: recount }],
        context,
      );
      await sim.execute('stock.quant', 'action_apply_inventory', [[quantId]], context);
      step.note(
        `an Odoo user recounts ${sku} (${record}) at ${recount}; the WMS counted ${String(wmsLevel)}`,
      );

      const forRecord = (): ReceivedChangeRequest[] =>
        changeRequests.received.filter((r) => bodyOf(r).data?.entityKey === record);
      // Odoo notifies twice: the count entered (inventory_quantity), then applied (quantity).
      const applied = (r: ReceivedChangeRequest): boolean =>
        Number(bodyOf(r).data?.proposed?.quantity) === recount;
      const first = await waitFor(
        'the change request at the WMS',
        () => Promise.resolve(forRecord().find(applied)),
        30_000,
      ).catch(() => undefined);
      const refused = (await sim.webhookLog())
        .slice(logStart)
        .filter((attempt) => attempt.model === 'stock.quant' && attempt.status === 403).length;
      step.check(
        refused >= 1,
        `Odoo's webhook answered 403 by the ingress (reverse-direction write): ${refused}`,
      );
      if (first === undefined) {
        step.check(false, 'the WMS received the change request within 30 s');
        return;
      }
      const data = bodyOf(first).data;
      step.check(
        first.verified,
        `the WMS received it signed (Standard Webhooks signature verified, webhook-id ${first.webhookId})`,
      );
      step.check(
        data?.requestedBy?.system === layout.systems.odoo &&
          Number(data.proposed?.quantity) === recount,
        `proposed by ${String(data?.requestedBy?.system)}: quantity ${String(data?.proposed?.quantity)}`,
      );
      step.check(
        wmsLevel !== undefined && Number(data?.current?.value?.quantityOnHand) === wmsLevel,
        `the WMS's current value alongside: ${String(data?.current?.entityKey)} on hand ${String(data?.current?.value?.quantityOnHand)}`,
      );

      // Odoo's notification again, byte for byte the same: the same change request id.
      const again = await requestJson(`${urls.ingressOdoo}?kind=updated`, { body: data?.proposed });
      await sleep(5_000);
      const times = forRecord().filter((r) => r.webhookId === first.webhookId).length;
      step.check(
        again.status === 403 && times === 1,
        `the same webhook sent again (ingress ${again.status}) and 5 s later the WMS has received the change request ${times} time(s)`,
      );
      let states: string[] = [];
      let state: string | undefined;
      await waitFor(
        'the change request delivered in the reviewer, the count entered no-change',
        async () => {
          const listed = await requestJson<{
            items?: { correlationId?: string; state?: string }[];
          }>(`${urls.dlqReviewer}/api/change-requests?entityKey=${encodeURIComponent(record)}`, {
            headers: { authorization: `Bearer ${layout.secrets.operatorToken}` },
          });
          const items = listed.body.items ?? [];
          state = items.find((item) => item.correlationId === first.webhookId)?.state;
          states = items.map((item) => String(item.state)).sort();
          return state === 'delivered' && states.includes('no-change') ? true : undefined;
        },
        15_000,
      ).catch(() => undefined);
      step.check(
        forRecord().length === 1 && state === 'delivered' && states.includes('no-change'),
        `Odoo notified the count entered and the count applied: the WMS's endpoint got ${forRecord().length} change request(s) for ${record}; the reviewer's /change-requests shows them ${states.join(', ')} (the applied one ${String(state)}, the count entered, still the WMS's count, no-change)`,
      );
      await sim.clearWebhooks();
      await sim.addWebhook({
        model: 'purchase.order',
        url: `${urls.ingressOdoo}?kind=updated`,
        fields: ['name', 'state', 'write_date'],
      });
    },
  );
}
