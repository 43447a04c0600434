/**
 * `import '@hub/observability/src/tracing/start-from-env';` as the first line of an app's
 * main.ts: tracing starts (or stays off, see tracing.ts) before any module it instruments is
 * loaded. The service is named by OTEL_SERVICE_NAME, else SERVICE_NAME, else the app folder
 * the entry point runs from (apps/<app>/src/main.ts, dist/apps/<app>/main.js).
 */
import { startTracing } from './tracing';

function serviceName(): string {
  const fromPath = /apps[/\\]([^/\\]+)[/\\]/.exec(process.argv[1] ?? '')?.[1];
  return process.env['OTEL_SERVICE_NAME'] ?? process.env['SERVICE_NAME'] ?? fromPath ?? 'hub';
}

const tracing = startTracing({ serviceName: serviceName() });
if (tracing.enabled) {
  // runService drains and exits on SIGTERM; what the batch holds goes out meanwhile.
  process.once('SIGTERM', () => {
    void tracing.forceFlush();
  });
}
