/**
 * The reconciliation benchmark (issue #22): 100,000 SKUs in the simulated Odoo, the whole hub
 * as processes (startHub, as the demo), connector-odoo with CONNECTOR_RECONCILE=repair.
 *   1. Odoo and connector-odoo's tables hold every SKU in step (reconcile-seed.ts);
 *   2. the live capacity: a burst of levels through the ingress, timed until Odoo applied all;
 *   3. a clean L3 pass, alone: its Odoo calls counted exactly (nothing else calls Odoo);
 *   4. 0.1 % drift: 100 quants changed in Odoo by hand, then an L3 pass while WMS levels of
 *      other SKUs flow at half the capacity: every drifted key found, no other key reported,
 *      every drifted key repaired (Odoo back at the owner's quantity);
 *   5. a last pass finds nothing out of step.
 * Writes its figures as JSON (BENCH_RESULT_FILE, else bench/results/reconcile-<time>.json);
 * the exit code is 1 when a check fails.
 *
 *   npx tsx bench/reconcile/reconcile.bench.ts [--skus 100000] [--drift 100] [--page-size 1000]
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startHub, type Hub } from '@hub/demo';
import { stackEndpoints } from '@hub/local-stack';
import type { RunRecord } from '@hub/reconciliation';
import { ownerLevels, ownerQuantity, seedHubState, seedOdoo } from './reconcile-seed';
import { LiveLoad, RunWatch, levelEvent, odooOnHand, progress, sleep } from './reconcile-run';

const { values } = parseArgs({
  options: {
    skus: { type: 'string', default: '100000' },
    drift: { type: 'string', default: '100' },
    'page-size': { type: 'string', default: '1000' },
    'interval-seconds': { type: 'string', default: '60' },
  },
});
const skuCount = Number(values.skus);
const driftCount = Number(values.drift);
const pageSize = Number(values['page-size']);
const intervalMs = Number(values['interval-seconds']) * 1000;
const WAREHOUSE = 'WH-R';
const PROBE_EVENTS = 300;
const READ_METHODS = ['product.product.search_read', 'stock.quant.search_read'];

type Checks = { text: string; ok: boolean }[];

const odooCalls = async (hub: Hub): Promise<Record<string, number>> => hub.sim.calls();
const delta = (after: Record<string, number>, before: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(after)
      .map(([key, n]) => [key, n - (before[key] ?? 0)] as const)
      .filter(([, n]) => n > 0),
  );
const total = (counts: Record<string, number>) =>
  Object.values(counts).reduce((sum, n) => sum + n, 0);
const seconds = (run: RunRecord) => ((run.finishedAt ?? run.startedAt) - run.startedAt) / 1000;

async function probeCapacity(hub: Hub, liveSkus: readonly string[]): Promise<number> {
  const before = await hub.sim.callCount('stock.quant.action_apply_inventory');
  const started = Date.now();
  const events = liveSkus
    .slice(0, PROBE_EVENTS)
    .map((sku, i) => levelEvent(sku, WAREHOUSE, 100 + i));
  for (let i = 0; i < events.length; i += 100) await hub.sim.emitBatch(events.slice(i, i + 100));
  for (;;) {
    const applied = (await hub.sim.callCount('stock.quant.action_apply_inventory')) - before;
    if (applied >= events.length) break;
    if (Date.now() - started > 600_000) throw new Error(`the probe applied ${applied} levels`);
    await sleep(250);
  }
  return events.length / ((Date.now() - started) / 1000);
}

async function main(): Promise<void> {
  const hub = await startHub({
    stack: stackEndpoints(),
    isolatedSystems: true,
    dropSchemasOnStop: true,
    environment: {
      'connector-odoo': {
        CONNECTOR_RECONCILE: 'repair',
        CONNECTOR_RECONCILE_PAGE_SIZE: String(pageSize),
        CONNECTOR_RECONCILE_INTERVAL: `${String(intervalMs)}ms`,
        CONNECTOR_RATE_LIMIT_RPS: '100000',
        CONNECTOR_RATE_LIMIT_BURST: '10000',
      },
    },
  });
  const watch = await RunWatch.open(hub);
  const checks: Checks = [];
  try {
    const run = hub.layout.runId.toUpperCase();
    const skus = Array.from(
      { length: skuCount },
      (_, i) => `SKU-${run}-${String(i).padStart(6, '0')}`,
    );
    progress(`seeding ${skuCount} SKUs into Odoo`);
    const seededAt = Date.now();
    await seedOdoo(hub, skus, WAREHOUSE);
    // Live traffic goes to the last 2 % of the SKUs, drift to spread SKUs outside them.
    const liveSkus = skus.slice(Math.floor(skuCount * 0.98));
    const step = Math.floor((skuCount * 0.98) / driftCount);
    const driftIndexes = Array.from({ length: driftCount }, (_, i) => i * step + 7);
    progress('probing the live capacity');
    const capacity = await probeCapacity(hub, liveSkus);
    progress(`capacity ${capacity.toFixed(1)} levels/s; seeding the hub's tables`);
    await seedHubState(hub, ownerLevels(hub, skus, WAREHOUSE));
    const seedSeconds = (Date.now() - seededAt) / 1000;

    progress('waiting for a clean L3 pass');
    const beforeClean = await watch.idle(15 * 60_000);
    const cleanCallsBefore = await odooCalls(hub);
    const clean = await watch.nextFinished(beforeClean, 15 * 60_000);
    const cleanCalls = delta(await odooCalls(hub), cleanCallsBefore);
    progress(
      `clean pass: ${JSON.stringify(clean.counts)} in ${seconds(clean)} s, Odoo ${JSON.stringify(cleanCalls)}`,
    );

    const products = new Map(
      (
        await hub.sim.records('product.product', [
          ['default_code', 'in', driftIndexes.map((i) => skus[i] ?? '')],
        ])
      ).map((p) => [String(p.default_code), p.id]),
    );
    const [warehouse] = await hub.sim.records('stock.warehouse', [['code', '=', WAREHOUSE]]);
    const location = Array.isArray(warehouse?.lot_stock_id)
      ? Number(warehouse.lot_stock_id[0])
      : Number(warehouse?.lot_stock_id);
    for (const i of driftIndexes)
      await fetch(`${hub.urls.simulator}/__sim/odoo/on-hand`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          default_code: skus[i],
          warehouse: WAREHOUSE,
          quantity: ownerQuantity(i) + 1000,
        }),
      });
    const driftedKeys = driftIndexes.map((i) => `${WAREHOUSE}:${skus[i] ?? ''}`).sort();
    const live = new LiveLoad(hub, liveSkus, WAREHOUSE, capacity / 2);
    const driftCallsBefore = await odooCalls(hub);
    live.start();
    progress(
      `${driftCount} quants changed by hand; live traffic at ${(capacity / 2).toFixed(1)}/s`,
    );
    const drift = await watch.nextFinished(clean.id, 15 * 60_000);
    const productIds = driftIndexes.map((i) => products.get(skus[i] ?? '') ?? -1);
    let repaired = 0;
    for (const until = Date.now() + 10 * 60_000; Date.now() < until; await sleep(500)) {
      const onHand = await odooOnHand(hub, location, productIds);
      repaired = driftIndexes.filter(
        (i, n) => onHand.get(productIds[n] ?? -1) === ownerQuantity(i),
      ).length;
      if (repaired === driftCount) break;
    }
    const repairedAt = Date.now();
    const liveSent = await live.stop();
    const driftCalls = delta(await odooCalls(hub), driftCallsBefore);
    const found = await watch.driftKeys();
    const falsePositives = found.filter((key) => !driftedKeys.includes(key));
    const missed = driftedKeys.filter((key) => !found.includes(key));
    progress(
      `drift pass: ${JSON.stringify(drift.counts)}; found ${found.length}, repaired ${repaired}`,
    );
    const after = await watch.nextFinished(drift.id, 15 * 60_000);
    const cleanReads = READ_METHODS.reduce((sum, m) => sum + (cleanCalls[m] ?? 0), 0);
    const driftCounts = drift.counts ?? {};
    checks.push(
      {
        text: `clean pass compared ${String(clean.counts?.['in-sync'])} of ${skuCount} in step`,
        ok: clean.counts?.['in-sync'] === skuCount,
      },
      { text: `clean pass: ${total(cleanCalls)} Odoo calls (< 350)`, ok: total(cleanCalls) < 350 },
      {
        text: `every drifted key found: ${driftCount - missed.length}/${driftCount}`,
        ok: missed.length === 0,
      },
      { text: `no false positive: ${falsePositives.length}`, ok: falsePositives.length === 0 },
      {
        text: `drift pass counts ${driftCounts.drifted ?? 0} drifted`,
        ok: driftCounts.drifted === driftCount && (driftCounts['missing-at-receiver'] ?? 0) === 0,
      },
      { text: `repaired in Odoo: ${repaired}/${driftCount}`, ok: repaired === driftCount },
      {
        text: `the pass after finds ${after.counts?.drifted ?? '?'} drifted`,
        ok: after.counts?.drifted === 0,
      },
    );
    const result = {
      benchmark: 'reconcile',
      at: new Date().toISOString(),
      skus: skuCount,
      drift: driftCount,
      pageSize,
      seedSeconds,
      liveCapacityPerSecond: capacity,
      clean: {
        counts: clean.counts,
        seconds: seconds(clean),
        batchedReads: clean.erpCalls,
        odooCalls: total(cleanCalls),
        odooReadCalls: cleanReads,
        odooCallsByMethod: cleanCalls,
      },
      driftPass: {
        counts: drift.counts,
        seconds: seconds(drift),
        batchedReads: drift.erpCalls,
        secondsToRepaired: (repairedAt - drift.startedAt) / 1000,
        liveLevelsSent: liveSent,
        livePerSecond: capacity / 2,
        odooCallsWhileLive: total(driftCalls),
        odooCallsByMethod: driftCalls,
        found: found.length,
        falsePositives: falsePositives.length,
        repaired,
      },
      after: { counts: after.counts, seconds: seconds(after) },
      checks,
    };
    const file =
      process.env.BENCH_RESULT_FILE ??
      join(
        resolve(__dirname, '../results'),
        `reconcile-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
      );
    mkdirSync(resolve(file, '..'), { recursive: true });
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await watch.close();
    await hub.stop();
  }
  for (const check of checks) console.log(`${check.ok ? 'ok  ' : 'FAIL'} ${check.text}`);
  if (checks.some((check) => !check.ok)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
