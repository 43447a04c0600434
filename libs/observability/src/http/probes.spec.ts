import Fastify from 'fastify';
import { Gauge, Registry } from 'prom-client';
import { HealthRegistry } from '../health/health-registry';
import { createMetrics } from '../metrics/create-metrics';
import { createProbeHandlers } from './probe-handlers';
import { registerProbeRoutes } from './register-probe-routes';

function setup() {
  const health = new HealthRegistry();
  const registry = new Registry();
  const metrics = createMetrics(registry);
  return { health, registry, metrics, handlers: createProbeHandlers({ health, registry }) };
}

describe('probe handlers', () => {
  it('answer 200 while ready and 503 with the failing check otherwise', async () => {
    const { health, handlers } = setup();
    let kafkaUp = true;
    health.register('kafka', () => kafkaUp);
    expect(await handlers.readyz()).toEqual({
      statusCode: 200,
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify({ status: 'ready', checks: { kafka: { ok: true } } }),
    });
    kafkaUp = false;
    const reply = await handlers.readyz();
    expect(reply.statusCode).toBe(503);
    expect(JSON.parse(reply.body)).toEqual({
      status: 'not-ready',
      checks: { kafka: { ok: false } },
    });
  });

  it('answer liveness with 200 even when not ready', async () => {
    const { health, handlers } = setup();
    health.register('kafka', () => false);
    expect(await handlers.healthz()).toMatchObject({ statusCode: 200, body: '{"status":"up"}' });
  });

  it('report a failing metrics collection as a 500 with its cause', async () => {
    const { registry, handlers } = setup();
    registry.registerMetric(
      new Gauge({
        name: 'broken_gauge',
        help: 'throws on collect',
        registers: [],
        collect() {
          throw new Error('lag lookup failed');
        },
      }),
    );
    expect(await handlers.metrics()).toEqual({
      statusCode: 500,
      contentType: 'text/plain; charset=utf-8',
      body: 'metrics collection failed: lag lookup failed\n',
    });
  });
});

describe('registerProbeRoutes on Fastify', () => {
  async function server() {
    const parts = setup();
    const app = Fastify();
    registerProbeRoutes(app, parts.handlers);
    await app.ready();
    return { ...parts, app };
  }

  it('serves /healthz and /readyz as JSON with 200/503', async () => {
    const { app, health } = await server();
    let up = false;
    health.register('postgres', () => up);
    const live = await app.inject({ method: 'GET', url: '/healthz' });
    const notReady = await app.inject({ method: 'GET', url: '/readyz' });
    up = true;
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    await app.close();
    expect([live.statusCode, notReady.statusCode, ready.statusCode]).toEqual([200, 503, 200]);
    expect(notReady.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(notReady.json()).toEqual({ status: 'not-ready', checks: { postgres: { ok: false } } });
  });

  it('serves /metrics in the Prometheus text format', async () => {
    const { app, metrics } = await server();
    metrics.deadLettered.inc({ target: 'odoo', reason: 'VALIDATION' });
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    await app.close();
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(response.body).toContain('hub_dead_lettered_total{target="odoo",reason="VALIDATION"} 1');
  });
});
