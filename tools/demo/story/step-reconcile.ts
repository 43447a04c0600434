/**
 * Story step: a webhook is lost, reconciliation finds and repairs it. An Odoo user counts a
 * SKU again by hand; Odoo's webhook about the changed quant is lost (a dropWebhook fault at
 * the simulator), so nothing in the hub hears of it. An operator runs the receiver delta
 * (L2) through the reviewer: it reads the quants Odoo wrote since the last delta, finds the
 * SKU out of step with the WMS, and the operator repairs it: the WMS's count is written to
 * Odoo again through connector-odoo's write path. The next delta finds Odoo in step.
 */
import { okJson, requestJson, waitFor } from '../hub/net';
import { mismatches, odooLevels, type StoryWorld } from './world';
import { runStep, type StepRecorder, type StepReport } from './step-report';

interface Report {
  readonly level: string;
  readonly compared: number;
  readonly counts: Readonly<Record<string, number>>;
  readonly erpCalls: number;
}
interface Item {
  readonly entityKey: string;
  readonly verdict: string;
  readonly status: string;
  readonly ownerValue: unknown;
  readonly receiverValue: unknown;
  readonly firstSeenAt: number;
}

function driftApi(world: StoryWorld) {
  const base = `${world.hub.urls.dlqReviewer}/api/drift/${world.hub.layout.systems.odoo}`;
  const headers = { authorization: `Bearer ${world.hub.layout.secrets.operatorToken}` };
  return {
    run: async (level: string) =>
      (await okJson<{ reports: Report[] }>(`${base}/run/${level}`, { method: 'POST', headers }))
        .reports[0],
    items: async () =>
      (
        await okJson<{ items: Item[] }>(`${base}/inventory-level/items?status=open`, {
          headers,
        })
      ).items,
    repair: (key: string) =>
      requestJson<{ repairs?: Record<string, number> }>(
        `${base}/inventory-level/items/${encodeURIComponent(key)}/repair`,
        { method: 'POST', headers },
      ),
  };
}

const drift = (report: Report | undefined): number =>
  (report?.counts['drifted'] ?? 0) + (report?.counts['missing-at-receiver'] ?? 0);

async function loseWebhookOfHandEdit(world: StoryWorld, step: StepRecorder, sku: string) {
  const { sim } = world.hub;
  const wms = world.wmsLevels.get(sku) ?? 0;
  const counted = wms + 7;
  const droppedQuants = async (): Promise<number> =>
    (
      await okJson<{ model: string; dropped: boolean }[]>(`${sim.url}/__sim/odoo/webhooks/log`)
    ).filter((entry) => entry.model === 'stock.quant' && entry.dropped).length;
  const droppedBefore = await droppedQuants();
  await sim.addFault('odoo', { kind: 'dropWebhook', model: 'stock.quant' });
  await okJson(`${sim.url}/__sim/odoo/on-hand`, {
    body: { default_code: sku, warehouse: world.warehouse, quantity: counted },
  });
  const dropped = (await droppedQuants()) - droppedBefore;
  step.note(
    `an Odoo user sets ${sku} to ${String(counted)} by hand (the WMS counted ${String(wms)}); Odoo's stock.quant webhook${dropped > 0 ? ` (${String(dropped)}) is dropped at the simulator` : ' would be dropped at the simulator'}: the hub hears nothing`,
  );
  step.check(
    (await odooLevels(world)).get(sku) === counted,
    `Odoo shows ${String(counted)} for ${sku}`,
  );
}

export function reconcileStep(world: StoryWorld): Promise<StepReport> {
  return runStep('A webhook is lost, reconciliation finds and repairs it', async (step) => {
    const api = driftApi(world);
    const sku = world.skus[4] ?? '';
    const key = `${world.warehouse}:${sku}`;
    // Where the next delta starts: everything Odoo wrote so far is judged now.
    const baseline = await api.run('L2');
    step.check(
      baseline !== undefined,
      `L2 before the edit: ${String(baseline?.compared ?? 0)} keys Odoo wrote recently judged, ${String(drift(baseline))} out of step (earlier steps' hand edits), ${String(baseline?.erpCalls ?? 0)} Odoo calls`,
    );
    try {
      await loseWebhookOfHandEdit(world, step, sku);
    } finally {
      await world.hub.sim.clearFaults('odoo');
    }
    const found = await api.run('L2');
    step.check(
      drift(found) >= 1,
      `L2 after: ${String(drift(found))} key(s) out of step among ${String(found?.compared ?? 0)} quants Odoo wrote since the last delta, in ${String(found?.erpCalls ?? 0)} Odoo calls`,
    );
    const item = (await api.items()).find((open) => open.entityKey === key);
    step.check(
      item?.verdict === 'drifted',
      `drift item ${key}: ${item?.verdict ?? 'missing'}, WMS ${JSON.stringify(item?.ownerValue)}, Odoo ${JSON.stringify(item?.receiverValue)}, since ${item === undefined ? '?' : new Date(item.firstSeenAt).toISOString()}`,
    );
    const repaired = await api.repair(key);
    step.check(
      repaired.status === 200 && repaired.body.repairs?.['succeeded'] === 1,
      `POST …/items/${key}/repair answered ${String(repaired.status)}: repair writes ${JSON.stringify(repaired.body.repairs ?? {})} (through connector-odoo's write path, audited in the reviewer)`,
    );
    const left = await waitFor(
      'Odoo back at the WMS count',
      async () => ((await mismatches(world, [sku])).length === 0 ? [] : undefined),
      20_000,
    ).catch(() => [sku]);
    step.check(
      left.length === 0,
      `Odoo shows the WMS's ${String(world.wmsLevels.get(sku))} for ${sku} again`,
    );
    const after = await api.run('L2');
    const stillOpen = (await api.items()).some((open) => open.entityKey === key);
    step.check(
      after !== undefined && !stillOpen,
      `L2 once more: ${key} healed (the repair's own quant write judged in step), ${String(drift(after))} out of step`,
    );
    step.note(`console: ${world.hub.urls.dlqReviewer}/drift`);
  });
}
