import type { DynamicModule, InjectionToken, Provider } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { HealthRegistry } from '../health/health-registry';
import { createProbeHandlers } from '../http/probe-handlers';
import { createLogger } from '../logging/create-logger';
import type { LoggerOptions } from '../logging/create-logger';
import { createMetrics } from '../metrics/create-metrics';
import { createRegistry } from '../metrics/metrics-text';

export const LOGGER = Symbol('LOGGER');
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
export const HUB_METRICS = Symbol('HUB_METRICS');
export const HEALTH_REGISTRY = Symbol('HEALTH_REGISTRY');
export const PROBE_HANDLERS = Symbol('PROBE_HANDLERS');

export interface ObservabilityAsyncOptions {
  /** Modules the factory's providers come from (not needed for global ones like HUB_CONFIG). */
  readonly imports?: DynamicModule['imports'];
  readonly inject?: readonly InjectionToken[];
  readonly useFactory: (...deps: never[]) => LoggerOptions;
}

const OPTIONS = Symbol('OBSERVABILITY_OPTIONS');
const EXPORTED = [LOGGER, METRICS_REGISTRY, HUB_METRICS, HEALTH_REGISTRY, PROBE_HANDLERS];

const providers: Provider[] = [
  {
    provide: LOGGER,
    useFactory: (options: LoggerOptions) => createLogger(options),
    inject: [OPTIONS],
  },
  { provide: METRICS_REGISTRY, useFactory: () => createRegistry() },
  {
    provide: HUB_METRICS,
    useFactory: (registry: Registry) => createMetrics(registry),
    inject: [METRICS_REGISTRY],
  },
  { provide: HEALTH_REGISTRY, useFactory: () => new HealthRegistry() },
  {
    provide: PROBE_HANDLERS,
    useFactory: (health: HealthRegistry, registry: Registry) =>
      createProbeHandlers({ health, registry }),
    inject: [HEALTH_REGISTRY, METRICS_REGISTRY],
  },
];

/**
 * Nest adapter: provides the logger, the app's own metrics registry and typed metrics, the
 * health registry and the probe handlers under the tokens above (global). Mount the probes
 * with `registerProbeRoutes(app.getHttpAdapter().getInstance(), app.get(PROBE_HANDLERS))`.
 * Undecorated and importing Nest only as types, like `@hub/config`'s ConfigModule.
 */
// eslint-disable-next-line @typescript-eslint/no-extraneous-class -- a Nest module is a class by contract; its metadata lives in the DynamicModule
export class ObservabilityModule {
  static forRoot(options: LoggerOptions): DynamicModule {
    return ObservabilityModule.forRootAsync({ useFactory: () => options });
  }

  /** Options from other providers, e.g. `{ inject: [HUB_CONFIG], useFactory: (c: AppConfig) => ({ … }) }`. */
  static forRootAsync(options: ObservabilityAsyncOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        { provide: OPTIONS, useFactory: options.useFactory, inject: [...(options.inject ?? [])] },
        ...providers,
      ],
      exports: EXPORTED,
    };
  }
}
