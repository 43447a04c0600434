/**
 * Story 6: a receipt for an unknown PO goes to the DLQ; it is visible in the reviewer; the PO
 * is created in Odoo; the item is retried through the reviewer API and resolves.
 */
import { DlqClient, type DeadLetterSummary } from '../hub/hub-clients';
import { waitFor } from '../hub/net';
import { checkReceiptValidated } from './step-goods-receipt';
import { confirmPurchaseOrder, goodsReceiptEvent, type StoryWorld } from './world';
import { runStep, type StepRecorder, type StepReport } from './step-report';

export function dlqClientOf(world: StoryWorld): DlqClient {
  return new DlqClient(world.hub.urls.dlqReviewer, world.hub.layout.secrets.operatorToken);
}

/** With tracing on (the demo): the dead letter's trace id and the spans each app sent for it. */
async function noteTrace(world: StoryWorld, step: StepRecorder, itemId: string): Promise<void> {
  const { traces } = world.hub;
  if (traces === undefined) return;
  const { traceId } = await dlqClientOf(world).item(itemId);
  if (
    !step.check(typeof traceId === 'string', `the dead letter names its trace (${String(traceId)})`)
  )
    return;
  const id = traceId ?? '';
  const spans = await waitFor(
    `the spans of trace ${id} from the ingress and the connector`,
    () => {
      const seen = traces.spansOf(id);
      const services = new Set(seen.map((span) => span.service));
      return Promise.resolve(
        services.has('ingress') && services.has('connector-odoo') ? seen : undefined,
      );
    },
    20_000,
  ).catch(() => traces.spansOf(id));
  const byService = new Map<string, string[]>();
  for (const span of spans)
    byService.set(span.service, [...(byService.get(span.service) ?? []), span.name]);
  // The hub's own spans by name; Postgres and HTTP client spans only counted.
  const shown = ([service, names]: [string, string[]]): string => {
    const hub = [...new Set(names.filter((name) => !/^(pg[.-]|POST|GET)/.test(name)))];
    return `${service}: ${String(names.length)} (${hub.join(', ')})`;
  };
  step.check(
    byService.has('ingress') && byService.has('connector-odoo'),
    `trace ${id}, ${String(spans.length)} spans from ${[...byService].map(shown).join('; ')}`,
  );
}

export function deadLetterStep(world: StoryWorld): Promise<StepReport> {
  return runStep(
    'A receipt for an unknown PO goes to the DLQ, is fixed and retried',
    async (step) => {
      const dlq = dlqClientOf(world);
      const odoo = world.hub.layout.systems.odoo;
      const run = world.hub.layout.runId.toUpperCase();
      const poName = `PO-${run}-404`;
      const receiptId = `R-${run}-404`;
      const sku = world.skus[2] ?? '';
      const answer = await world.hub.sim.emit(
        goodsReceiptEvent(world, receiptId, poName, [{ poLineNumber: 1, sku, quantity: 12 }]),
      );
      step.check(
        answer.status === 202,
        `ingress accepted receipt ${receiptId} for ${poName}, which Odoo does not know (${answer.status})`,
      );
      const item = await waitFor(
        'the dead letter in the reviewer',
        async () => (await dlq.list({ target: odoo, q: poName }))[0],
        45_000,
      );
      step.check(
        item.status === 'open',
        `dead letter ${item.id} is ${item.status}: ${item.errorCode ?? '?'}: ${item.errorMessage ?? ''}`,
      );
      step.note(
        `console: ${world.hub.urls.dlqReviewer}/items/${item.id} (sign in with the operator token)`,
      );
      await noteTrace(world, step, item.id);

      const po = await confirmPurchaseOrder(world, poName, [{ sku, quantity: 12, price: 7 }]);
      step.note(`the buyer creates and confirms ${poName} in Odoo (id ${po.id})`);
      const status = await dlq.retry(item.id, 'PO created in Odoo');
      step.check(status === 202, `POST /api/dead-letters/${item.id}/retry answered ${status}`);
      const settled = await waitFor<DeadLetterSummary>(
        'the retried item settled',
        async () => {
          const current = await dlq.item(item.id);
          if (current.status === 'resolved') return current;
          if (current.status === 'open' && current.attemptCount > item.attemptCount) return current;
          return undefined;
        },
        45_000,
      );
      if (
        !step.check(
          settled.status === 'resolved',
          `item ${settled.status} after the retry` +
            (settled.status === 'resolved'
              ? ''
              : ` (${settled.errorCode ?? '?'}: ${settled.errorMessage ?? ''})`),
        )
      ) {
        if (settled.errorCode === 'PREVIOUSLY_FAILED_PERMANENTLY') {
          step.note(
            'the connector runtime answered from its idempotency store that this write failed permanently before, so the operator retry after fixing the cause did not reach Odoo',
          );
        }
        return;
      }
      await checkReceiptValidated(world, step, { ...po, lines: po.lines }, 30_000);
    },
  );
}
