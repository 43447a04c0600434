import type { Registry } from 'prom-client';
import type { HealthRegistry } from '../health/health-registry';
import { METRICS_CONTENT_TYPE, metricsText } from '../metrics/metrics-text';

/** A framework-neutral HTTP answer; adapters copy it onto their reply object. */
export interface ProbeReply {
  readonly statusCode: number;
  readonly contentType: string;
  readonly body: string;
}

/** `GET /healthz`, `GET /readyz`, `GET /metrics` as plain functions. */
export interface ProbeHandlers {
  healthz(): Promise<ProbeReply>;
  readyz(): Promise<ProbeReply>;
  metrics(): Promise<ProbeReply>;
}

export interface ProbeDependencies {
  readonly health: HealthRegistry;
  readonly registry: Registry;
}

const JSON_TYPE = 'application/json; charset=utf-8';

export function createProbeHandlers({ health, registry }: ProbeDependencies): ProbeHandlers {
  return {
    healthz: () =>
      Promise.resolve({
        statusCode: 200,
        contentType: JSON_TYPE,
        body: JSON.stringify(health.liveness()),
      }),
    async readyz() {
      const readiness = await health.readiness();
      return {
        statusCode: readiness.status === 'ready' ? 200 : 503,
        contentType: JSON_TYPE,
        body: JSON.stringify(readiness),
      };
    },
    async metrics() {
      try {
        return {
          statusCode: 200,
          contentType: METRICS_CONTENT_TYPE,
          body: await metricsText(registry),
        };
      } catch (error) {
        // A failing collect callback must not hide the cause behind a framework's generic 500.
        const message = error instanceof Error ? error.message : String(error);
        return {
          statusCode: 500,
          contentType: 'text/plain; charset=utf-8',
          body: `metrics collection failed: ${message}\n`,
        };
      }
    },
  };
}
