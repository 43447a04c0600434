/** Entry point: load configuration, start the simulator on ERP_SIMULATOR_PORT; close on SIGTERM. */
import { createLogger } from '@hub/observability';
import { startErpSimulator } from '@hub/erp-simulator';
import { erpSimulatorConfig } from './app/erp-simulator.config';
import { simulatorOptions } from './app/simulator-options';

async function main(): Promise<void> {
  const config = erpSimulatorConfig.load();
  const logger = createLogger({
    service: config.observability.serviceName,
    level: config.observability.logLevel,
  });
  const simulator = await startErpSimulator(simulatorOptions(config));
  logger.info(
    { config: erpSimulatorConfig.redact(config), url: simulator.url },
    'erp simulator listening',
  );
  const shutdown = (): void => {
    simulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
