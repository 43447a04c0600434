/**
 * `npm run demo [-- --erp <odoo|sap|dynamics-finance|business-central>] [--keep]`: starts
 * the stack, the ERP simulator and every hub app as processes, plays the story against the
 * ERP under test (default odoo) with a short report per step, and exits 0 only if every
 * check held. `--keep` leaves everything running until Ctrl-C and prints the URLs.
 */
import { stackUp } from '@hub/local-stack';
import { erpKinds, isErpKind } from './hub/erp-under-test';
import { startHub, type Hub } from './hub/start-hub';
import { startTraceReceiver } from './hub/trace-receiver';
import { erpDriverFor } from './story/erp/erp-drivers';
import { playErpStory } from './story/erp/play-erp-story';
import { playStory } from './story/play-story';
import { formatReport, passed, type StepReport } from './story/step-report';

function printUrls(hub: Hub): void {
  const { urls, layout } = hub;
  console.log('\nRunning (logs in .stack/demo/<app>.log):');
  console.log(
    `  ingress        ${urls.ingress}  (WMS: ${urls.ingressWms}, docs: ${urls.ingress}/docs)`,
  );
  console.log(
    `  DLQ console    ${urls.dlqReviewer}/  (sign in with operator token ${layout.secrets.operatorToken})`,
  );
  console.log(
    `  ERP simulator  ${urls.simulator}  (${layout.erp.kind}; control API /__sim/${layout.erp.kind}/…)`,
  );
  console.log(`  retry status   ${urls.retryScheduler}/status`);
  console.log(`  connectors     ${urls.connectorErp}/status  ${urls.connectorHttp}/readyz`);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const keep = args.includes('--keep');
  const erpIndex = args.indexOf('--erp');
  const erp = erpIndex >= 0 ? args[erpIndex + 1] : 'odoo';
  if (!isErpKind(erp)) {
    console.log(`--erp ${String(erp)}: unknown; one of ${erpKinds.join(', ')}.`);
    return 1;
  }
  console.log('Starting the local stack (Kafka, schema registry, Postgres)...');
  const stack = await stackUp();
  const started = Date.now();
  console.log('Starting the ERP simulator and the hub apps as processes...');
  // The apps export their spans to a receiver in this process: the story shows one event's trace.
  const traces = await startTraceReceiver();
  const hub = await startHub({ stack, dropSchemasOnStop: true, erp, traces });
  console.log(
    `Hub ready in ${((Date.now() - started) / 1000).toFixed(1)} s (run ${hub.layout.runId}, systems ${hub.layout.systems.wms} and ${hub.layout.systems.erp})\n`,
  );
  // A signal while the story plays stops the apps too (they would outlive a plain exit).
  let interrupted = (): void => {
    console.log('\nInterrupted: stopping the hub...');
    void hub.stop().finally(() => process.exit(130));
  };
  const onSignal = (): void => {
    interrupted();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let ok = false;
  try {
    const onStep = (report: StepReport, index: number): void => {
      console.log(`${index + 1}. ${formatReport(report)}`);
    };
    const driver = erpDriverFor(hub);
    const reports =
      driver === undefined ? await playStory(hub, onStep) : await playErpStory(hub, driver, onStep);
    ok = reports.every(passed);
    const held = reports.filter(passed).length;
    console.log(
      `\n${ok ? '✔' : '✘'} ${held}/${reports.length} steps held in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    if (keep) {
      printUrls(hub);
      console.log(
        '\nPress Ctrl-C to stop the hub (the stack keeps running; npm run stack:down stops it).',
      );
      await new Promise<void>((done) => {
        interrupted = done;
      });
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await hub.stop();
    await traces.stop();
  }
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
