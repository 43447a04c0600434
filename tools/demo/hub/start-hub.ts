/**
 * The hub under test: the ERP simulator and every hub app as separate processes with one
 * coherent configuration, on the real Kafka, schema registry and Postgres. Used by
 * `npm run demo` and the e2e suite.
 */
import {
  killApp,
  startApp,
  stopApp,
  waitReady,
  type AppSpec,
  type RunningApp,
} from '../app-processes';
import {
  appEnvironment,
  changeRequestTarget,
  hubUrls,
  readyPath,
  localUrl,
  type HubUrls,
  type StackEndpoints,
} from './hub-env';
import { planHub, type HubApp, type HubLayout, type LayoutOptions } from './hub-layout';
import { rmSync } from 'node:fs';
import { hubTopics, prepareKafka, removeRunKafkaState, type GroupStart } from './kafka-prep';
import { createSchemas, dropSchemas } from './postgres-prep';
import { SimulatorClient } from './sim-client';
import { traceEnvironment, type TraceReceiver } from './trace-receiver';
import { startChangeRequestReceiver, type ChangeRequestReceiver } from './change-request-receiver';

export interface HubOptions extends LayoutOptions {
  readonly stack: StackEndpoints;
  /** Drop the run's Postgres schemas on stop (tests); the demo keeps them. */
  readonly dropSchemasOnStop?: boolean;
  readonly readyTimeoutMs?: number;
  /** Per-app variables laid over the hub's own (benchmarks: e.g. CONNECTOR_RATE_LIMIT_RPS). */
  readonly environment?: Partial<Record<HubApp, Readonly<Record<string, string>>>>;
  /** Per-app options for Node itself (benchmarks: `--cpu-prof`). */
  readonly nodeArgs?: Partial<Record<HubApp, readonly string[]>>;
  /** Where the hub apps export their traces (the demo's receiver); no tracing when omitted. */
  readonly traces?: TraceReceiver;
}

export interface Hub {
  readonly layout: HubLayout;
  readonly urls: HubUrls;
  readonly stack: StackEndpoints;
  readonly sim: SimulatorClient;
  readonly apps: ReadonlyMap<HubApp, RunningApp>;
  /** The WMS's change-request endpoint: what it received. */
  readonly changeRequests: ChangeRequestReceiver;
  /** The spans the apps exported, when started with `traces`. */
  readonly traces?: TraceReceiver;
  /** kill -9 of one app. */
  kill(app: HubApp): Promise<void>;
  /** Starts a stopped or killed app again with the same environment and waits for it. */
  restart(app: HubApp): Promise<void>;
  stop(): Promise<void>;
}

function groupsOf(layout: HubLayout): GroupStart[] {
  const { erp: odoo, wms } = layout.systems;
  const review = changeRequestTarget(wms);
  return [
    {
      groupId: `connector-${wms}-change-requests`,
      topics: [hubTopics.changeRequest, hubTopics.redelivery(review)],
    },
    { groupId: `connector-${wms}-owner-state`, topics: [hubTopics.inventoryLevel] },
    {
      groupId: `${layout.groups.dlq}-change-requests`,
      topics: [hubTopics.changeRequest, hubTopics.deliveryOutcome],
    },
    { groupId: `connector-${odoo}`, topics: [hubTopics.inventoryLevel, hubTopics.goodsReceipt] },
    { groupId: `connector-${odoo}-redelivery`, topics: [hubTopics.redelivery(odoo)] },
    { groupId: `connector-${odoo}-read`, topics: [hubTopics.sourceNotification] },
    { groupId: `connector-${wms}`, topics: [hubTopics.purchaseOrder] },
    { groupId: `connector-${wms}-redelivery`, topics: [hubTopics.redelivery(wms)] },
    {
      groupId: `${layout.groups.retry}.retries`,
      topics: [hubTopics.retry(odoo), hubTopics.retry(wms), hubTopics.retry(review)],
    },
    { groupId: `${layout.groups.retry}.outcomes`, topics: [hubTopics.deliveryOutcome] },
    { groupId: layout.groups.dlq, topics: [hubTopics.deadLetter] },
    { groupId: `${layout.groups.dlq}-outcomes`, topics: [hubTopics.deliveryOutcome] },
  ];
}

/** Topics only this run uses (its own system ids). */
function runTopics(layout: HubLayout): string[] {
  const { erp: odoo, wms } = layout.systems;
  return [odoo, wms, changeRequestTarget(wms)].flatMap((system) => [
    hubTopics.retry(system),
    hubTopics.redelivery(system),
  ]);
}

function topicsOf(layout: HubLayout): string[] {
  const { erp: odoo, wms } = layout.systems;
  return [
    hubTopics.inventoryLevel,
    hubTopics.goodsReceipt,
    hubTopics.purchaseOrder,
    hubTopics.sourceNotification,
    hubTopics.changeRequest,
    hubTopics.deadLetter,
    hubTopics.deliveryOutcome,
    hubTopics.targetControl,
    ...[odoo, wms, changeRequestTarget(wms)].flatMap((system) => [
      hubTopics.retry(system),
      hubTopics.redelivery(system),
    ]),
  ];
}

export async function startHub(options: HubOptions): Promise<Hub> {
  const layout = await planHub(options);
  const { stack } = options;
  const urls = hubUrls(layout);
  const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
  const hubApps = layout.apps;
  const isOdoo = layout.erp.kind === 'odoo';
  await prepareKafka(stack.kafkaBrokers, topicsOf(layout), groupsOf(layout));
  await createSchemas(stack.databaseUrl, [
    layout.schemas.ingress,
    layout.schemas.erp,
    layout.schemas.http,
  ]);

  const changeRequests = await startChangeRequestReceiver(layout.secrets.wmsReceive);
  const specs = new Map<HubApp, AppSpec>(
    hubApps.map((app) => [
      app,
      {
        app,
        env: {
          ...appEnvironment(app, layout, stack, changeRequests.url),
          ...(options.traces === undefined || app === 'erp-simulator'
            ? {}
            : traceEnvironment(options.traces)),
          ...options.environment?.[app],
        },
        readyUrl: `${localUrl(layout.ports[app])}${readyPath(app)}`,
        ...(options.nodeArgs?.[app] === undefined ? {} : { nodeArgs: options.nodeArgs[app] }),
      },
    ]),
  );
  const apps = new Map<HubApp, RunningApp>();
  const spec = (app: HubApp): AppSpec => {
    const found = specs.get(app);
    if (!found) throw new Error(`No app ${app} in the hub`);
    return found;
  };
  const stopAll = async (): Promise<void> => {
    await Promise.all([...apps.values()].map((running) => stopApp(running)));
  };

  const sim = new SimulatorClient(urls.simulator);
  try {
    // Odoo first, with the fields an admin creates for the hub: connector-odoo refuses to
    // start without them.
    const odoo = startApp(spec('erp-simulator'));
    apps.set('erp-simulator', odoo);
    await waitReady(odoo, readyTimeoutMs);
    if (isOdoo) await sim.createHubFields();
    for (const app of hubApps) if (!apps.has(app)) apps.set(app, startApp(spec(app)));
    await Promise.all([...apps.values()].map((running) => waitReady(running, readyTimeoutMs)));
  } catch (error) {
    await stopAll();
    await changeRequests.stop();
    rmSync(layout.runDir, { recursive: true, force: true });
    throw error;
  }

  // Odoo's automation rule: every purchase-order change is announced to the ingress (the
  // other ERPs' notifications are configured in the simulator's environment).
  if (isOdoo)
    await sim.addWebhook({
      model: 'purchase.order',
      url: `${urls.ingressOdoo}?kind=updated`,
      fields: ['name', 'state', 'write_date'],
    });

  return {
    layout,
    urls,
    stack,
    sim,
    apps,
    changeRequests,
    ...(options.traces === undefined ? {} : { traces: options.traces }),
    async kill(app) {
      const running = apps.get(app);
      if (running) await killApp(running);
    },
    async restart(app) {
      const running = apps.get(app);
      if (running) await stopApp(running);
      const started = startApp(spec(app));
      apps.set(app, started);
      await waitReady(started, readyTimeoutMs);
      if (app === 'erp-simulator' && isOdoo) await sim.createHubFields();
    },
    async stop() {
      await stopAll();
      await changeRequests.stop();
      if (options.dropSchemasOnStop) {
        await dropSchemas(stack.databaseUrl, Object.values(layout.schemas));
      }
      await removeRunKafkaState(
        stack.kafkaBrokers,
        options.isolatedSystems ? runTopics(layout) : [],
        groupsOf(layout).map((group) => group.groupId),
      ).catch(() => undefined);
      rmSync(layout.runDir, { recursive: true, force: true });
    },
  };
}
