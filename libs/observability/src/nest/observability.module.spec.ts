import { Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Registry } from 'prom-client';
import type { HealthRegistry } from '../health/health-registry';
import type { ProbeHandlers } from '../http/probe-handlers';
import type { Logger } from '../logging/create-logger';
import { captureLogLines } from '../logging/capture-log-lines';
import type { HubMetrics } from '../metrics/create-metrics';
import {
  HEALTH_REGISTRY,
  HUB_METRICS,
  LOGGER,
  METRICS_REGISTRY,
  ObservabilityModule,
  PROBE_HANDLERS,
} from './observability.module';

const SETTINGS = Symbol('SETTINGS');

@Module({
  providers: [{ provide: SETTINGS, useValue: { serviceName: 'retry-scheduler' } }],
  exports: [SETTINGS],
})
class SettingsModule {}

describe('ObservabilityModule', () => {
  it('provides logger, registry, metrics, health and probes that work together', async () => {
    const { destination, lines } = captureLogLines();
    const moduleRef = await Test.createTestingModule({
      imports: [ObservabilityModule.forRoot({ service: 'ingress', destination })],
    }).compile();

    moduleRef.get<Logger>(LOGGER).info('booted');
    moduleRef
      .get<HubMetrics>(HUB_METRICS)
      .ingressReceived.inc({ system: 'wms', route: 'goods-receipt' });
    moduleRef.get<HealthRegistry>(HEALTH_REGISTRY).register('kafka', () => false);
    const probes = moduleRef.get<ProbeHandlers>(PROBE_HANDLERS);

    expect(lines[0]).toMatchObject({ service: 'ingress', msg: 'booted' });
    expect((await probes.readyz()).statusCode).toBe(503);
    expect((await probes.metrics()).body).toContain(
      'hub_ingress_received_total{system="wms",route="goods-receipt"} 1',
    );
    expect(
      await moduleRef
        .get<Registry>(METRICS_REGISTRY)
        .getSingleMetric('hub_ingress_received_total')
        ?.get(),
    ).toMatchObject({
      values: [{ value: 1 }],
    });
  });

  it('takes its options from other providers', async () => {
    const { destination, lines } = captureLogLines();
    const moduleRef = await Test.createTestingModule({
      imports: [
        ObservabilityModule.forRootAsync({
          imports: [SettingsModule],
          inject: [SETTINGS],
          useFactory: (settings: { serviceName: string }) => ({
            service: settings.serviceName,
            destination,
          }),
        }),
      ],
    }).compile();
    moduleRef.get<Logger>(LOGGER).warn('draining');
    expect(lines[0]).toMatchObject({ service: 'retry-scheduler', level: 'warn' });
  });
});
