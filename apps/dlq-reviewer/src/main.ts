/** Entry point: load and validate configuration, build the app, listen; drain on SIGTERM. */
import { dlqReviewerConfig } from './app/dlq-reviewer.config';
import { createDlqReviewerApp } from './app/create-dlq-reviewer-app';

async function main(): Promise<void> {
  const config = dlqReviewerConfig.load();
  const reviewer = await createDlqReviewerApp(config);
  reviewer.logger.info({ config: dlqReviewerConfig.redact(config) }, 'configuration');
  await reviewer.app.listen({ port: config.port, host: '0.0.0.0' });
  const shutdown = (): void => {
    reviewer.close().then(
      () => process.exit(0),
      (error: unknown) => {
        reviewer.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  // Configuration errors name every problem; the process stops here.
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
