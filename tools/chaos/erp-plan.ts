/**
 * A round against SAP / F&O / Business Central, planned from its seed, and its one fault: the ERP simulator's
 * faults (the kinds its `/__sim/<erp>/faults` route takes), kill -9 of an app (the ERP
 * connector among them), a broker restart or terminated Postgres connections.
 */
import { okJson, sleep, type HubApp } from '@hub/demo';
import { countSkus, erpClientTimeoutMs, receiptSkus, type ErpChaosHub } from './erp-hub';
import type { ChaosErp } from './erp-state';
import { readiness, simulatorFault, type FaultRecord } from './faults';
import { Random } from './random';
import { faultKinds, type FaultKind } from './round-plan';

/** Every kind but the Odoo-specific answer-lost scenario. */
export type ErpFaultKind = Exclude<FaultKind, 'answer-lost-then-older'>;
export const erpFaultKinds: readonly ErpFaultKind[] = faultKinds.filter(
  (kind): kind is ErpFaultKind => kind !== 'answer-lost-then-older',
);

export interface ErpLevel {
  readonly sku: string;
  /** Unique in the run: every quantity the ERP shows names the level it came from. */
  readonly quantity: number;
  readonly asOfOffsetMs: number;
  /** Sent a second time with the same webhook-id. */
  readonly repeat: boolean;
}

export interface ErpReceipt {
  readonly id: string;
  /** Quantity per order line (index as in the order). */
  readonly quantities: readonly number[];
  readonly repeat: boolean;
}

export interface ErpRoundPlan {
  readonly seed: number;
  readonly tag: string;
  /** Per counted SKU, the levels in the order the WMS sends them (neighbours swapped). */
  readonly levels: readonly (readonly ErpLevel[])[];
  readonly orderLines: readonly { sku: string; quantity: number }[];
  readonly receipts: readonly ErpReceipt[];
  readonly fault: ErpFaultKind;
  readonly faultDelayMs: number;
  readonly killApp: HubApp;
}

export function planErpRound(
  kind: ChaosErp,
  seed: number,
  round: number,
  tag: string,
  forced?: ErpFaultKind,
): ErpRoundPlan {
  const random = new Random(seed);
  const levels = countSkus.map((sku, s) => {
    const count = random.int(3, 5);
    const inOrder = Array.from({ length: count }, (_, i) => ({
      sku,
      quantity: 1_000 + round * 100 + s * 10 + i,
      asOfOffsetMs: i * 1_000 + random.int(0, 900),
      repeat: random.chance(0.3),
    }));
    for (let i = 0; i + 1 < inOrder.length; i += 1)
      if (random.chance(0.35)) {
        const a = inOrder[i];
        const b = inOrder[i + 1];
        if (a !== undefined && b !== undefined) [inOrder[i], inOrder[i + 1]] = [b, a];
      }
    return inOrder;
  });
  const lineCount = random.int(1, receiptSkus.length);
  const orderLines = receiptSkus
    .slice(0, lineCount)
    .map((sku) => ({ sku, quantity: random.int(6, 40) }));
  const parts = random.int(2, 3);
  // Parts weighted 1 : 2 (: 3), so no two receipts carry the same quantities: a receipt
  // posted with another's lines shows in the ERP's documents.
  const weights = parts * (parts + 1) * 0.5;
  const receipts = Array.from({ length: parts }, (_, p) => ({
    id: `ASN-${tag}-${String(p + 1)}`,
    quantities: orderLines.map((line) => {
      const before = Math.floor((line.quantity * (p * (p + 1) * 0.5)) / weights);
      const upTo =
        p === parts - 1
          ? line.quantity
          : Math.floor((line.quantity * ((p + 1) * (p + 2) * 0.5)) / weights);
      return upTo - before;
    }),
    repeat: random.chance(0.4),
  }));
  const apps: HubApp[] = [
    'ingress',
    `connector-${kind}`,
    'connector-http',
    'retry-scheduler',
    'dlq-reviewer',
  ];
  return {
    seed,
    tag,
    levels,
    orderLines,
    receipts,
    fault: forced ?? random.pick(erpFaultKinds),
    faultDelayMs: random.int(200, 1_500),
    killApp: random.pick(apps),
  };
}

/** Each ERP's write of a count and of a receipt, as its simulator's faults scope them. */
const countAndReceiptWrites: Readonly<Record<ChaosErp, readonly Record<string, string>[]>> = {
  sap: [
    { model: 'A_PhysInventoryDocHeader', method: 'POST' },
    { model: 'A_MaterialDocumentHeader', method: 'POST' },
  ],
  'dynamics-finance': [{ model: 'HubPostCountingJournal' }, { model: 'HubPostProductReceipt' }],
  // The extension's bound actions: set on-hand, post receive-only.
  'business-central': [
    { model: 'hubItems', method: 'setInventory' },
    { model: 'hubPurchaseOrders', method: 'receiveOnly' },
  ],
};

/**
 * Where a before-commit fault may also land: every POST (SAP, F&O); in Business Central the
 * receipt's line quantities set before the post (one PATCH with If-Match, a $batch for several).
 */
function otherWrites(kind: ChaosErp, plan: ErpRoundPlan): Record<string, string> {
  if (kind !== 'business-central') return { method: 'POST' };
  return plan.orderLines.length > 1
    ? { model: '$batch', method: 'POST' }
    : { model: 'purchaseOrders/purchaseOrderLines', method: 'PATCH' };
}

/** The simulator fault: on writes of counts or of receipts, or (before commit) other writes. */
function erpFaultSpec(
  kind: ChaosErp,
  plan: ErpRoundPlan,
): { spec: Record<string, unknown>; detail: string } {
  const random = new Random(plan.seed ^ 0xfa17);
  const times = random.int(2, 6);
  const writes = countAndReceiptWrites[kind];
  const afterCommit = plan.fault.endsWith('after-commit');
  const scope = random.pick(afterCommit ? writes : [...writes, otherWrites(kind, plan)]);
  return simulatorFault(plan.fault, scope, times, erpClientTimeoutMs);
}

/** How many of its uses the simulator fault consumed (it leaves the list when all are). */
export async function faultUses(
  fault: NonNullable<FaultRecord['simulatorFault']>,
): Promise<number> {
  const active = await okJson<{ id: string; remaining?: number }[]>(fault.control);
  const left = active.find((entry) => entry.id === fault.id)?.remaining ?? 0;
  return fault.times - left;
}

export async function injectErpFault(chaos: ErpChaosHub, plan: ErpRoundPlan): Promise<FaultRecord> {
  const record: FaultRecord = { kind: plan.fault, detail: '', readySeconds: {} };
  // The simulator's faults wait for the next matching calls: set at once, so that they are
  // in place before the connector's first write (a round's writes can be done in a second).
  if (!plan.fault.startsWith('erp-')) await sleep(plan.faultDelayMs);
  const { hub } = chaos;
  switch (plan.fault) {
    case 'kill-app': {
      await hub.kill(plan.killApp);
      const restarted = Date.now();
      const [ready] = await Promise.all([
        readiness(hub, restarted),
        hub.restart(plan.killApp).catch(() => undefined),
      ]);
      Object.assign(record.readySeconds, ready);
      record.detail = `kill -9 ${plan.killApp}, restarted`;
      break;
    }
    case 'broker-restart': {
      await chaos.kafka.stop();
      await sleep(2_000);
      await chaos.kafka.start();
      Object.assign(record.readySeconds, await readiness(hub, Date.now()));
      record.detail = 'private broker stopped, 2 s down, started';
      break;
    }
    case 'postgres-terminate': {
      const terminated = await chaos.postgres.terminateBackends();
      Object.assign(record.readySeconds, await readiness(hub, Date.now()));
      record.detail = `pg_terminate_backend on ${terminated} hub connections`;
      break;
    }
    default: {
      const { spec, detail } = erpFaultSpec(chaos.kind, plan);
      const control = `${hub.urls.simulator}/__sim/${chaos.kind}/faults`;
      const { id } = await okJson<{ id: string }>(control, { body: spec });
      record.detail = detail;
      record.simulatorFault = { control, id, times: Number(spec['times']) };
    }
  }
  return record;
}
