/** Entry point: load and validate configuration, build the connector, listen; drain on SIGTERM. */
import { connectorHttpConfig } from './app/connector-http.config';
import { createConnectorHttpApp } from './app/create-connector-http-app';

async function main(): Promise<void> {
  const config = connectorHttpConfig.load();
  const connector = await createConnectorHttpApp(config);
  connector.logger.info({ config: connectorHttpConfig.redact(config) }, 'configuration');
  await connector.app.listen({ port: config.http.port, host: '0.0.0.0' });
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
