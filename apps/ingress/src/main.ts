/** Entry point: load and validate configuration, build the app, listen; drain on SIGTERM. */
import { ingressConfig } from './app/ingress.config';
import { createIngressApp } from './app/create-ingress-app';

async function main(): Promise<void> {
  const config = ingressConfig.load();
  const ingress = await createIngressApp(config);
  ingress.logger.info({ config: ingressConfig.redact(config) }, 'configuration');
  await ingress.app.listen({ port: config.http.port, host: '0.0.0.0' });
  const shutdown = (): void => {
    ingress.close().then(
      () => process.exit(0),
      (error: unknown) => {
        ingress.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  // Configuration and policy errors name every problem; the process stops here.
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
