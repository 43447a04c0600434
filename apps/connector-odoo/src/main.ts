/** Entry point: load and validate configuration, start the runtime, listen; drain on SIGTERM. */
import { connectorOdooConfig } from './app/connector-odoo.config';
import { createConnectorOdooApp } from './app/create-connector-odoo-app';

async function main(): Promise<void> {
  const config = connectorOdooConfig.load();
  const connector = createConnectorOdooApp(config);
  connector.logger.info({ config: connectorOdooConfig.redact(config) }, 'configuration');
  await connector.start();
  await connector.server.listen({ port: config.http.port, host: '0.0.0.0' });
  const shutdown = (): void => {
    connector.close().then(
      () => process.exit(0),
      (error: unknown) => {
        connector.logger.error({ err: error }, 'shutdown failed');
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
