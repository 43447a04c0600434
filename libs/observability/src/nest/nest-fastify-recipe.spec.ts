import { Logger as NestLogger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { HealthRegistry } from '../health/health-registry';
import { registerProbeRoutes } from '../http/register-probe-routes';
import { captureLogLines } from '../logging/capture-log-lines';
import type { Logger } from '../logging/create-logger';
import { nestLoggerFrom } from '../logging/nest-logger';
import {
  HEALTH_REGISTRY,
  LOGGER,
  ObservabilityModule,
  PROBE_HANDLERS,
} from './observability.module';

describe('the README recipe on a Nest Fastify app', () => {
  it('serves the probes and routes Nest logs through pino', async () => {
    const { destination, lines } = captureLogLines();
    @Module({ imports: [ObservabilityModule.forRoot({ service: 'ingress', destination })] })
    class AppModule {}
    // Keep Nest's console logger quiet until useLogger hands its lines to pino.
    NestLogger.overrideLogger(false);

    const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter());
    app.useLogger(nestLoggerFrom(app.get<Logger>(LOGGER)));
    registerProbeRoutes(app.getHttpAdapter().getInstance(), app.get(PROBE_HANDLERS));
    app.get<HealthRegistry>(HEALTH_REGISTRY).register('kafka', () => false);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();

    const fastify = app.getHttpAdapter().getInstance();
    const [live, ready, metrics] = await Promise.all(
      ['/healthz', '/readyz', '/metrics'].map((url) => fastify.inject({ method: 'GET', url })),
    );
    await app.close();

    expect([live?.statusCode, ready?.statusCode, metrics?.statusCode]).toEqual([200, 503, 200]);
    expect(metrics?.body).toContain('# TYPE hub_breaker_state gauge');
    expect(
      lines.some((line) => line.service === 'ingress' && typeof line.context === 'string'),
    ).toBe(true);
  });
});
