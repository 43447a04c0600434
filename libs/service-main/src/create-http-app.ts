/**
 * Every app's HTTP side is made here, the same way: a Nest app on Fastify, Nest's own
 * logging routed to the app's pino logger, and the probes (`/healthz`, `/readyz`,
 * `/metrics`) mounted on the server itself, outside any filter, guard or prefix, because
 * the kubelet and Prometheus call them. The app then adds its filters and hooks and calls
 * `init()`. `createHttpService` (http-service.ts) can move the probes to an admin port.
 */
import { Module, type DynamicModule } from '@nestjs/common';
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

/** A Nest app on Fastify with the app's logging, and no probes yet. */
export async function createNestApp(
  module: DynamicModule,
  logger: Logger,
  adapter: FastifyAdapter,
  bodyParser = true,
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    module,
    adapter,
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- Nest types its options bag as a class
    { bodyParser, logger: false },
  );
  app.useLogger(nestLoggerFrom(logger));
  return app;
}

/** The probes on `app`'s own Fastify instance. */
export function mountProbes(
  app: NestFastifyApplication,
  health: HealthRegistry,
  registry: Registry,
): void {
  registerProbeRoutes(
    app.getHttpAdapter().getInstance(),
    createProbeHandlers({ health, registry }),
  );
}

@Module({})
class AdminModule {}

/** The admin server: a controller-less Nest app, so SwaggerModule can mount on it like on any app. */
export async function createAdminNestApp(logger: Logger): Promise<NestFastifyApplication> {
  return createNestApp({ module: AdminModule }, logger, new FastifyAdapter());
}

export async function createHttpApp(options: HttpAppOptions): Promise<NestFastifyApplication> {
  const adapter =
    options.adapter ?? new FastifyAdapter({ bodyLimit: options.bodyLimit ?? 1_048_576 });
  const app = await createNestApp(options.module, options.logger, adapter, options.bodyParser);
  mountProbes(app, options.health, options.registry);
  return app;
}
