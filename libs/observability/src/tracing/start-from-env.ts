/**
 * `import '@hub/observability/src/tracing/start-from-env';` as the first line of an app's
 * main.ts: tracing starts (or stays off, see trace-settings.ts) before any module it
 * instruments is loaded. The SDK is loaded only when tracing is on; synchronously, because
 * the modules after this import must find the instrumentations in place. The service is
 * named by OTEL_SERVICE_NAME, else SERVICE_NAME, else the app folder the entry point runs
 * from (apps/<app>/src/main.ts, dist/apps/<app>/main.js).
 */
import { traceExporterKinds } from './trace-settings';

function serviceName(): string {
  const fromPath = /apps[/\\]([^/\\]+)[/\\]/.exec(process.argv[1] ?? '')?.[1];
  return process.env['OTEL_SERVICE_NAME'] ?? process.env['SERVICE_NAME'] ?? fromPath ?? 'hub';
}

if (traceExporterKinds(process.env).length > 0) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when on, and before what follows this import
  const { startTracing } = require('./tracing') as typeof import('./tracing');
  const tracing = startTracing({ serviceName: serviceName() });
  // runService drains and exits on SIGTERM; what the batch holds goes out meanwhile.
  process.once('SIGTERM', () => {
    void tracing.forceFlush();
  });
}
