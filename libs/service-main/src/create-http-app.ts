/**
 * Every app's HTTP side is made here, the same way: a Nest app on Fastify, Nest's own
 * logging routed to the app's pino logger, and the probes (`/healthz`, `/readyz`,
 * `/metrics`) mounted on the server itself, outside any filter, guard or prefix, because
 * the kubelet and Prometheus call them. The app then adds its filters and hooks and calls
 * `init()`.
 */
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  createProbeHandlers,
  nestLoggerFrom,
  registerProbeRoutes,
  type HealthRegistry,
  type Logger,
} from '@hub/observability';
import type { Registry } from 'prom-client';

export interface HttpAppOptions {
  /** The app's root module (its controllers and their providers). */
  readonly module: DynamicModule;
  readonly logger: Logger;
  /** What /readyz checks and what /metrics serves. */
  readonly health: HealthRegistry;
  readonly registry: Registry;
  /** Default 1 MiB. Ignored when `adapter` is given (it carries its own). */
  readonly bodyLimit?: number;
  /** false when the app parses bodies itself (raw bytes for webhook signatures). Default true. */
  readonly bodyParser?: boolean;
  /** An adapter made earlier, when the app needs its Fastify instance before Nest starts. */
  readonly adapter?: FastifyAdapter;
}

export async function createHttpApp(options: HttpAppOptions): Promise<NestFastifyApplication> {
  const adapter =
    options.adapter ?? new FastifyAdapter({ bodyLimit: options.bodyLimit ?? 1_048_576 });
  const app = await NestFactory.create<NestFastifyApplication>(
    options.module,
    adapter,
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- Nest types its options bag as a class
    { bodyParser: options.bodyParser ?? true, logger: false },
  );
  app.useLogger(nestLoggerFrom(options.logger));
  registerProbeRoutes(
    app.getHttpAdapter().getInstance(),
    createProbeHandlers({ health: options.health, registry: options.registry }),
  );
  return app;
}
