import { Registry, register as globalRegistry } from 'prom-client';
import { recordBreakerState } from './breaker-state';
import { createMetrics } from './create-metrics';
import { METRICS } from './metric-names';
import { METRICS_CONTENT_TYPE, createRegistry, metricsText } from './metrics-text';

describe('metric names', () => {
  it.each(Object.values(METRICS))(
    '$name follows Prometheus naming',
    ({ name, type, labelNames }) => {
      expect(name).toMatch(/^hub_[a-z_]+$/);
      expect(name.endsWith('_total')).toBe(type === 'counter');
      expect(labelNames.every((label) => /^[a-z_]+$/.test(label))).toBe(true);
    },
  );

  it('lists each name once', () => {
    const names = Object.values(METRICS).map((definition) => definition.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('createMetrics', () => {
  it('registers every metric with its kind and label names on the given registry only', async () => {
    const registry = new Registry();
    createMetrics(registry);
    const registered = await registry.getMetricsAsJSON();
    expect(
      registered
        .map(({ name, type }) => ({ name, type }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    ).toEqual(
      Object.values(METRICS)
        .map(({ name, type }) => ({ name, type }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    );
    expect(await globalRegistry.getMetricsAsJSON()).toEqual([]);
  });

  it('wires labels so recorded values appear in the exposition text', async () => {
    const registry = new Registry();
    const metrics = createMetrics(registry);
    metrics.ingressReceived.inc({ system: 'wms', route: 'inventory-level' });
    metrics.ingressRejected.inc({ system: 'odoo', reason: 'REVERSE_DIRECTION' }, 2);
    metrics.connectorWrites.inc({
      target: 'sap',
      entity_type: 'goods-receipt',
      outcome: 'succeeded',
    });
    metrics.connectorErpCallSeconds.observe({ target: 'sap', operation: 'post-differences' }, 0.3);
    metrics.ingressPublishSeconds.observe(0.02);
    recordBreakerState(metrics, 'business-central', 'open');
    metrics.retryPending.set({ target: 'odoo', tier: '2m' }, 4);
    metrics.pollingTechnicalDebt.set({ system: 'odoo' }, 1);
    metrics.dlqActions.inc({ action: 'retry' });
    expect(() => {
      // @ts-expect-error -- label names are typed per metric
      metrics.deadLettered.inc({ system: 'x' });
    }).toThrow();

    const text = await metricsText(registry);
    expect(text).toContain('# TYPE hub_ingress_received_total counter');
    expect(text).toContain('hub_ingress_received_total{system="wms",route="inventory-level"} 1');
    expect(text).toContain(
      'hub_ingress_rejected_total{system="odoo",reason="REVERSE_DIRECTION"} 2',
    );
    expect(text).toContain(
      'hub_connector_writes_total{target="sap",entity_type="goods-receipt",outcome="succeeded"} 1',
    );
    expect(text).toContain(
      'hub_connector_erp_call_seconds_bucket{le="0.5",target="sap",operation="post-differences"} 1',
    );
    expect(text).toContain('hub_ingress_publish_seconds_count 1');
    expect(text).toContain('hub_breaker_state{target="business-central"} 2');
    expect(text).toContain('hub_retry_pending{target="odoo",tier="2m"} 4');
    expect(text).toContain('hub_polling_technical_debt{system="odoo"} 1');
    expect(text).toContain('hub_dlq_actions_total{action="retry"} 1');
    for (const { name } of Object.values(METRICS)) expect(text).toContain(`# HELP ${name} `);
  });

  it('keeps registries apart, so two apps in one test process do not collide', () => {
    const first = new Registry();
    createMetrics(first);
    expect(() => createMetrics(new Registry())).not.toThrow();
    expect(() => createMetrics(first)).toThrow(/already been registered/);
  });
});

describe('createRegistry', () => {
  it('adds process metrics unless told not to', async () => {
    expect(await metricsText(createRegistry())).toContain('process_cpu_user_seconds_total');
    expect(await metricsText(createRegistry({ processMetrics: false }))).toBe('\n');
  });

  it('serves the Prometheus text format', () => {
    expect(METRICS_CONTENT_TYPE).toBe('text/plain; version=0.0.4; charset=utf-8');
  });
});
