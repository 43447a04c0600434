/** Entry point: load and validate configuration, build the scheduler, listen; drain on SIGTERM. */
import { createRetrySchedulerApp } from './app/create-retry-scheduler-app';
import { retrySchedulerConfig } from './app/retry-scheduler.config';

async function main(): Promise<void> {
  const config = retrySchedulerConfig.load();
  const scheduler = await createRetrySchedulerApp(config);
  scheduler.logger.info({ config: retrySchedulerConfig.redact(config) }, 'configuration');
  await scheduler.http.listen({ port: config.port, host: '0.0.0.0' });
  const shutdown = (): void => {
    scheduler.close().then(
      () => process.exit(0),
      (error: unknown) => {
        scheduler.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  // Configuration and schedule errors name every problem; the process stops here.
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
