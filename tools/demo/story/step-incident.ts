/**
 * Story 2, the incident: WMS batches and ERP-side inventory adjustments hit the same SKUs at
 * the same moment, again and again. Odoo announces its stock changes (an automation rule on
 * stock.quant, with `write_uid` among its fields); the ingress refuses each person's change
 * as a reverse-direction write and makes it one change request, and knows the announcements
 * of the hub's own writes (write_uid = connector-odoo's user, INGRESS_SYSTEMS hubWriterUsers)
 * as echoes: answered 200, no change request. connector-http delivers to the WMS only the
 * change requests that propose something: an adjustment applied always does (a count the WMS
 * never had); a count entered but not applied announces Odoo's unchanged on hand, which is
 * recorded no-change when it is the WMS's newest count. In this race it seldom is: Odoo's
 * on hand is then mostly the previous adjustment or a WMS count the hub has not yet
 * replaced, and such a request is delivered. Nothing flows back to the WMS as inventory;
 * once the WMS posts its counts again, Odoo equals the WMS for every SKU.
 */
import { metric } from '../hub/metrics';
import { changeRequestTarget, odooHubUser } from '../hub/hub-env';
import { hubTopics, topicEnd } from '../hub/kafka-prep';
import { waitFor } from '../hub/net';
import type { WebhookAttempt } from '../hub/sim-client';
import { inventoryEvent, mismatches, type StoryWorld } from './world';
import { runStep, type StepReport } from './step-report';

const rounds = 6;

async function erpAdjustment(world: StoryWorld, sku: string, quantity: number): Promise<void> {
  const { sim } = world.hub;
  const context = { context: { inventory_mode: true } };
  const quantId = await sim.execute<number>(
    'stock.quant',
    'create',
    [
      {
        product_id: world.productIds.get(sku),
        location_id: world.stockLocationId,
        inventory_quantity: quantity,
      },
    ],
    context,
  );
  await sim.execute('stock.quant', 'action_apply_inventory', [[quantId]], context);
}

/** The on-hand quantity a stock.quant webhook announces (after an apply: the count). */
function quantityOf(body: unknown): number | undefined {
  const parsed = (typeof body === 'string' ? JSON.parse(body) : body) as {
    quantity?: unknown;
  } | null;
  return typeof parsed?.quantity === 'number' ? parsed.quantity : undefined;
}

/** Who Odoo says made the change a webhook announces (`write_uid`, an id with load=None). */
function writerOf(body: string): number | undefined {
  const parsed = JSON.parse(body) as { write_uid?: unknown };
  return typeof parsed.write_uid === 'number' ? parsed.write_uid : undefined;
}

async function inventoryDeliveriesToWms(world: StoryWorld): Promise<number> {
  const deliveries = await world.hub.sim.wmsDeliveries();
  return deliveries.filter((delivery) => delivery.body.type?.startsWith('inventory-level') === true)
    .length;
}

export function incidentStep(world: StoryWorld): Promise<StepReport> {
  return runStep(
    'The incident: WMS batches and ERP adjustments on the same SKUs at once',
    async (step) => {
      const { sim, urls, layout } = world.hub;
      const odoo = layout.systems.odoo;
      const skus = world.skus.slice(30, 35);
      const refusedMetric = (): Promise<number> =>
        metric(urls.ingress, 'hub_reverse_direction_writes_total', {
          system: odoo,
          entity_type: 'inventory-level',
        });
      const echoesMetric = (): Promise<number> =>
        metric(urls.ingress, 'hub_ingress_echoes_total', {
          system: odoo,
          entity_type: 'inventory-level',
        });
      const acceptedFromOdoo = (): Promise<number> =>
        metric(urls.ingress, 'hub_ingress_accepted_total', { system: odoo, route: 'odoo' });
      await sim.addWebhook({
        model: 'stock.quant',
        url: `${urls.ingressOdoo}?kind=updated`,
        fields: ['quantity', 'write_date', 'write_uid'],
      });
      const logStart = (await sim.webhookLog()).length;
      const refusedBefore = await refusedMetric();
      const echoesBefore = await echoesMetric();
      const acceptedBefore = await acceptedFromOdoo();
      const wmsBefore = await inventoryDeliveriesToWms(world);
      const decidedMetric = (outcome: string): Promise<number> =>
        metric(urls.connectorHttp, 'hub_change_requests_total', {
          target: changeRequestTarget(layout.systems.wms),
          outcome,
        });
      const deliveredBefore = await decidedMetric('delivered');
      const noChangeBefore = await decidedMetric('no-change');
      const duplicatesBefore = await decidedMetric('duplicate');
      const receivedBefore = world.hub.changeRequests.received.length;
      const changeRequestsBefore = await topicEnd(
        world.hub.stack.kafkaBrokers,
        hubTopics.changeRequest,
      );

      let adjustments = 0;
      let wmsEvents = 0;
      for (let round = 0; round < rounds; round += 1) {
        const batch = skus.map((sku, i) => inventoryEvent(world, sku, 200 + round * 10 + i));
        await Promise.all([
          sim.emitBatch(batch).then(() => {
            wmsEvents += batch.length;
          }),
          ...skus.map((sku, i) =>
            erpAdjustment(world, sku, 900 + round * 10 + i).then(() => {
              adjustments += 1;
            }),
          ),
        ]);
      }
      step.note(
        `${rounds} rounds on ${skus.length} SKUs: ${wmsEvents} WMS levels and ${adjustments} Odoo adjustments at the same moments`,
      );
      // The WMS owns the counts and posts them again on its next cycle.
      await sim.emitBatch(
        skus.map((sku) => inventoryEvent(world, sku, world.wmsLevels.get(sku) ?? 0)),
      );

      let left: string[] = [];
      try {
        await waitFor(
          'Odoo equal to the WMS',
          async () => {
            left = await mismatches(world, world.skus);
            return left.length === 0 ? true : undefined;
          },
          60_000,
        );
      } finally {
        step.check(
          left.length === 0,
          `at the end Odoo equals the WMS for ${world.skus.length - left.length}/${world.skus.length} SKUs`,
        );
      }
      // Odoo logs a webhook once the ingress has answered it, and the ingress counts it on
      // arrival: a hub write still under way (the WMS's last counts, already equal in Odoo)
      // is counted but not yet logged. So the log is read first and the counters after, until
      // they agree: then nothing was in flight. A counter that counts twice never agrees.
      const settled = async (): Promise<{
        byPerson: WebhookAttempt[];
        byHub: WebhookAttempt[];
        refused: number;
        echoes: number;
      }> => {
        const attempts = (await sim.webhookLog())
          .slice(logStart)
          .filter((attempt) => attempt.model === 'stock.quant')
          // Only the rule notifying the ingress (an observer's rule, if any, sends no write_uid).
          .filter((attempt) => attempt.url.startsWith(urls.ingressOdoo));
        // The person's changes (the admin, uid 2: a count entered, then applied, unless the
        // apply met a conflict) and the hub's own (connector-odoo's user) as Odoo announced them.
        return {
          byPerson: attempts.filter((attempt) => writerOf(attempt.body) !== odooHubUser.uid),
          byHub: attempts.filter((attempt) => writerOf(attempt.body) === odooHubUser.uid),
          refused: (await refusedMetric()) - refusedBefore,
          echoes: (await echoesMetric()) - echoesBefore,
        };
      };
      let seen = await settled();
      const inFlightAtFirst = seen.echoes - seen.byHub.length;
      if (inFlightAtFirst !== 0)
        step.note(
          `at the first read the ingress had counted ${inFlightAtFirst} echo(es) Odoo had not yet logged; read again until they agreed`,
        );
      await waitFor(
        'every announcement Odoo sent logged and counted',
        async () => {
          seen = await settled();
          return seen.refused === seen.byPerson.length && seen.echoes === seen.byHub.length
            ? true
            : undefined;
        },
        15_000,
      ).catch(() => undefined);
      const { byPerson, byHub, refused, echoes } = seen;
      const handEdits = byPerson.filter((attempt) => attempt.status === 403).length;
      step.check(
        byPerson.length >= adjustments && refused === byPerson.length,
        `Odoo's announcements of the ${adjustments} adjustments (count entered, count applied): ${byPerson.length}, refused as reverse-direction writes: hub_reverse_direction_writes_total +${refused} (${handEdits} answered 403)`,
      );
      const changeRequests =
        (await topicEnd(world.hub.stack.kafkaBrokers, hubTopics.changeRequest)) -
        changeRequestsBefore;
      step.check(
        changeRequests === byPerson.length,
        `${changeRequests} change requests published to ${hubTopics.changeRequest} for the WMS to review: one per hand edit announced (${byPerson.length}), none for the hub's own writes`,
      );
      const echoAnswers = byHub.filter((attempt) => attempt.status === 200).length;
      step.check(
        echoAnswers === byHub.length && echoes === byHub.length,
        `Odoo's announcements of the hub's own writes (write_uid ${odooHubUser.uid}): ${byHub.length}, answered 200 as echoes ${echoAnswers}, hub_ingress_echoes_total +${echoes}`,
      );
      const accepted = (await acceptedFromOdoo()) - acceptedBefore;
      const echoed = (await inventoryDeliveriesToWms(world)) - wmsBefore;
      step.check(
        accepted + echoed === 0,
        `loop iterations: 0 (Odoo inventory changes accepted by the hub: ${accepted}, inventory writes sent to the WMS: ${echoed})`,
      );
      // Every change request decided by connector-http: delivered to the WMS or no-change.
      let delivered = 0;
      let noChange = 0;
      let duplicates = 0;
      await waitFor(
        'every change request delivered or recorded no-change',
        async () => {
          delivered = (await decidedMetric('delivered')) - deliveredBefore;
          noChange = (await decidedMetric('no-change')) - noChangeBefore;
          // Two announcements alike to the byte are one change request.
          duplicates = (await decidedMetric('duplicate')) - duplicatesBefore;
          return delivered + noChange + duplicates >= changeRequests ? true : undefined;
        },
        30_000,
      ).catch(() => undefined);
      // Once each (a redelivery to the receiver would appear twice).
      const received = [
        ...new Map(
          world.hub.changeRequests.received.slice(receivedBefore).map((r) => [r.webhookId, r]),
        ).values(),
      ];
      // An adjusted count (900 and up) is never a WMS count: announcing it always proposes a
      // change (the apply, or a count entered while Odoo still had the previous adjustment).
      const adjusted = byPerson.filter(
        (attempt) => attempt.status === 403 && (quantityOf(attempt.body) ?? 0) >= 900,
      );
      const adjustedReceived = received.filter(
        (r) =>
          (quantityOf((r.body as { data?: { proposed?: unknown } }).data?.proposed ?? null) ?? 0) >=
          900,
      );
      step.check(
        delivered + noChange + duplicates === changeRequests &&
          received.length === delivered &&
          adjustedReceived.length === adjusted.length,
        `change requests at the WMS: ${received.length} of ${changeRequests} (hub_change_requests_total delivered +${delivered}, no-change +${noChange}, duplicate +${duplicates}): the ${adjusted.length} announcing an adjusted count (900 and up) all delivered; of the ${changeRequests - adjusted.length} announcing a count the WMS made, ${noChange} named its newest count (no-change, not delivered) and ${delivered - adjustedReceived.length} an older one (Odoo's on hand behind the racing WMS batches)`,
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
