/**
 * The one fault of a round, injected while its traffic is in flight. Every kind is
 * transient: the hub must come back by itself, lose nothing and dead-letter nothing.
 */
import { okJson, sleep, waitFor, type Hub, type HubApp } from '@hub/demo';
import type { ChaosHub } from './chaos-hub';
import { odooClientTimeoutMs } from './chaos-hub';
import { Random } from './random';
import type { FaultKind, RoundPlan } from './round-plan';

export interface FaultRecord {
  readonly kind: string;
  detail: string;
  /** Seconds from the restart (of an app, the broker, the connections) until each app was ready. */
  readonly readySeconds: Record<string, number>;
  /** An ERP round's simulator fault: where it is listed, its id and how many uses it had. */
  simulatorFault?: { readonly control: string; readonly id: string; readonly times: number };
}

/** Polls every hub app's /readyz from `since`; the seconds each took (Infinity: never, within the limit). */
export async function readiness(
  hub: Hub,
  since: number,
  limitMs = 60_000,
): Promise<Record<string, number>> {
  const { urls } = hub;
  const targets: Record<string, string> = {
    ingress: urls.ingress,
    [hub.layout.erp.app]: urls.connectorErp,
    'connector-http': urls.connectorHttp,
    'retry-scheduler': urls.retryScheduler,
    'dlq-reviewer': urls.dlqReviewer,
  };
  const entries = await Promise.all(
    Object.entries(targets).map(async ([app, url]) => {
      const ready = await waitFor(
        `${app} ready`,
        () => okJson(`${url}/readyz`).then(() => true),
        limitMs,
        200,
      ).then(
        () => (Date.now() - since) / 1000,
        () => Number.POSITIVE_INFINITY,
      );
      return [app, ready] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/**
 * A simulator fault (the `/__sim/<erp>/faults` body) for an ERP fault kind, on `scope`:
 * `times` uses for 503 and 429, two for the others; latency past the client timeout.
 */
export function simulatorFault(
  fault: FaultKind,
  scope: Readonly<Record<string, string>>,
  times: number,
  clientTimeoutMs: number,
): { spec: Record<string, unknown>; detail: string } {
  const where = Object.values(scope).join('.');
  switch (fault) {
    case 'erp-503':
      return {
        spec: { kind: 'outage', mode: '503', times, ...scope },
        detail: `503 on ${where} ×${times}`,
      };
    case 'erp-429':
      return {
        spec: { kind: 'rateLimit', retryAfterSeconds: 2, times, ...scope },
        detail: `429 Retry-After 2 s on ${where} ×${times}`,
      };
    case 'erp-latency': {
      const latencyMs = clientTimeoutMs + 1_000;
      return {
        spec: { kind: 'latency', latencyMs, times: 2, ...scope },
        detail: `${latencyMs} ms (client timeout ${clientTimeoutMs} ms) on ${where} ×2`,
      };
    }
    case 'erp-500-after-commit':
    case 'erp-drop-after-commit': {
      const kind = fault === 'erp-500-after-commit' ? 'failAfterCommit' : 'dropAfterCommit';
      return { spec: { kind, times: 2, ...scope }, detail: `${kind} on ${where} ×2` };
    }
    default:
      throw new Error(`${fault} is not an ERP fault`);
  }
}

function erpFault(plan: RoundPlan): { spec: Record<string, unknown>; detail: string } {
  const random = new Random(plan.seed ^ 0xfa17);
  const times = random.int(2, 6);
  const scope = random.pick<Readonly<Record<string, string>>>([
    { model: 'stock.quant' },
    { model: 'stock.picking' },
    { model: 'stock.quant', method: 'action_apply_inventory' },
    { model: 'stock.picking', method: 'button_validate' },
  ]);
  const afterCommit = random.pick([
    { model: 'stock.quant', method: 'action_apply_inventory' },
    { model: 'stock.picking', method: 'button_validate' },
  ]);
  const isAfterCommit = plan.fault.endsWith('after-commit');
  return simulatorFault(
    plan.fault,
    isAfterCommit ? afterCommit : scope,
    times,
    odooClientTimeoutMs,
  );
}

export async function injectFault(chaos: ChaosHub, plan: RoundPlan): Promise<FaultRecord> {
  const record: FaultRecord = { kind: plan.fault, detail: '', readySeconds: {} };
  await sleep(plan.faultDelayMs);
  switch (plan.fault) {
    case 'kill-app': {
      const app: HubApp = plan.killApp;
      await chaos.hub.kill(app);
      const restarted = Date.now();
      // The other apps are timed from the same moment, not from when this one is back.
      const [ready] = await Promise.all([
        readiness(chaos.hub, restarted),
        chaos.hub.restart(app).catch(() => undefined),
      ]);
      Object.assign(record.readySeconds, ready);
      record.detail = `kill -9 ${app}, restarted`;
      break;
    }
    case 'broker-restart': {
      await chaos.kafka.stop();
      await sleep(2_000);
      await chaos.kafka.start();
      const restarted = Date.now();
      Object.assign(record.readySeconds, await readiness(chaos.hub, restarted));
      record.detail = 'private broker stopped, 2 s down, started';
      break;
    }
    case 'postgres-terminate': {
      const terminated = await chaos.postgres.terminateBackends();
      const at = Date.now();
      Object.assign(record.readySeconds, await readiness(chaos.hub, at));
      record.detail = `pg_terminate_backend on ${terminated} hub connections`;
      break;
    }
    case 'answer-lost-then-older':
      record.detail = 'level 10 applied; 30 applied, answer dropped; then 20 (older than 30)';
      break;
    default: {
      const { spec, detail } = erpFault(plan);
      await chaos.hub.sim.addFault('odoo', spec);
      record.detail = detail;
    }
  }
  return record;
}
