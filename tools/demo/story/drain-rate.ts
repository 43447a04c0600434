/**
 * Whether the writes Odoo applied after an outage came no faster than the retry scheduler's
 * drain rate allows. The scheduler's bucket lets `burst` go at once, then `rate` per second;
 * what reaches Odoo also carries the connector's processing delay, which can bunch writes
 * redelivered apart (a write held up, the next one not): `jitterMs` allows for that. Load only
 * spreads writes further apart, so the check holds on a loaded machine; a drain faster than
 * the rate fails it.
 */
import { sleep } from '../hub/net';
import type { Hub } from '../hub/start-hub';

const method = 'stock.quant.action_apply_inventory';
export interface DrainRateCheck {
  readonly ok: boolean;
  readonly text: string;
}

export function drainRateCheck(
  appliedAt: readonly number[],
  ratePerSecond: number,
  jitterMs = 1_000,
): DrainRateCheck {
  const times = [...appliedAt].sort((a, b) => a - b);
  const burst = Math.max(1, Math.ceil(ratePerSecond / 10));
  if (times.length < 3)
    return { ok: false, text: `drain rate not measurable: ${times.length} applied writes` };
  // Writes from the i-th to the j-th apply (both included) beyond what the rate allows then.
  let worst = -Infinity;
  for (let i = 0; i < times.length; i += 1)
    for (let j = i + 1; j < times.length; j += 1) {
      const allowed =
        burst + ((times[j] ?? 0) - (times[i] ?? 0) + jitterMs) * (ratePerSecond / 1_000);
      worst = Math.max(worst, j - i + 1 - allowed);
    }
  const spanS = ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1_000;
  const mean = (times.length - 1) / spanS;
  return {
    ok: worst <= 0,
    text: `redeliveries bounded by the drain rate ${ratePerSecond}/s: ${times.length} writes applied in Odoo over ${spanS.toFixed(1)} s (${mean.toFixed(1)}/s); ${worst <= 0 ? 'no' : 'a'} window faster than the rate allows (burst ${burst}, ${jitterMs} ms of connector jitter; tightest: ${worst.toFixed(1)} writes over)`,
  };
}

export interface ApplySampler {
  /** Stops sampling; one timestamp per `action_apply_inventory` Odoo executed meanwhile. */
  stop(): Promise<number[]>;
}

/**
 * Reads Odoo's count of executed `action_apply_inventory` every `everyMs` (reads take no
 * lock in the simulator, so sampling does not slow Odoo down) and stamps each new apply with
 * the time it was seen: at most `everyMs` plus one request late, within the jitter allowed.
 */
export function sampleOdooApplies(hub: Hub, everyMs = 50): ApplySampler {
  const seen: number[] = [];
  const state = { running: true };
  const loop = (async () => {
    let last = await hub.sim.callCount(method);
    while (state.running) {
      await sleep(everyMs);
      const count = await hub.sim.callCount(method);
      const at = Date.now();
      for (let i = last; i < count; i += 1) seen.push(at);
      last = count;
    }
  })();
  return {
    async stop() {
      state.running = false;
      await loop;
      return seen;
    },
  };
}
