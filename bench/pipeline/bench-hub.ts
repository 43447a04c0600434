/**
 * The hub a pipeline-wide bench runs against (the pipeline bench and the soak): started as
 * the demo starts it with systems of its own and connector-odoo's rate limit lifted, stopped
 * on exit or on a signal; and the WMS load with the outcome watcher that times its writes.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startHub, type Hub, type HubApp } from '@hub/demo';
import { stackEndpoints } from '@hub/local-stack';
import { OutcomeWatcher } from './outcome-watcher';
import { benchWarehouse } from './seed-products';
import { WmsLoad } from './wms-load';

/** Where `--profile` apps write their V8 CPU profiles (one per process life). */
export const profileDir = resolve(__dirname, '../results/profiles');

/**
 * Starts the hub, runs `body`, stops the hub whatever happens; resolves with body's code.
 * The `profiled` apps run with `--cpu-prof`: each writes a .cpuprofile (open it in Chrome's
 * DevTools) to profileDir when it exits.
 */
export async function withBenchHub(
  connectorRps: number,
  progress: (line: string) => void,
  body: (hub: Hub) => Promise<number>,
  profiled: readonly HubApp[] = [],
): Promise<number> {
  const started = Date.now();
  progress('starting the hub (ERP simulator and six apps as processes)');
  if (profiled.length > 0) mkdirSync(profileDir, { recursive: true });
  // Command-line options, not NODE_OPTIONS: Node 20 refuses --cpu-prof there (exit code 9).
  const nodeArgs: Partial<Record<HubApp, readonly string[]>> = {};
  for (const app of profiled)
    nodeArgs[app] = ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, app)}`];
  const environment: Partial<Record<HubApp, Record<string, string>>> = {
    'connector-odoo': {
      CONNECTOR_RATE_LIMIT_RPS: String(connectorRps),
      CONNECTOR_RATE_LIMIT_BURST: String(Math.max(1, Math.ceil(connectorRps / 10))),
    },
  };
  const hub = await startHub({
    stack: stackEndpoints(),
    isolatedSystems: true,
    dropSchemasOnStop: true,
    environment,
    nodeArgs,
  });
  const onSignal = (): void => {
    void hub.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const unknown = profiled.filter((app) => !hub.apps.has(app));
    if (unknown.length > 0) throw new Error(`--profile: the hub has no ${unknown.join(', ')}`);
    progress(`hub ${hub.layout.runId} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return await body(hub);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await hub.stop();
  }
}

/** The run's WMS load on `skus` and a watcher of its writes to the run's Odoo. */
export async function loadAndWatcher(
  hub: Hub,
  skus: readonly string[],
  purpose: string,
  maxSockets: number,
): Promise<{ load: WmsLoad; watcher: OutcomeWatcher }> {
  const watcher = await OutcomeWatcher.start({
    brokers: hub.stack.kafkaBrokers,
    registryUrl: hub.stack.schemaRegistryUrl,
    target: hub.layout.systems.odoo,
    source: hub.layout.systems.wms,
    groupId: `bench-${purpose}-${hub.layout.runId}`,
  });
  const load = new WmsLoad({
    ingressUrl: hub.urls.ingressWms,
    secret: hub.layout.secrets.wmsEmit,
    runId: hub.layout.runId,
    warehouse: benchWarehouse,
    skus,
    maxSockets,
  });
  return { load, watcher };
}
