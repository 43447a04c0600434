import type { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { createMetrics, createRegistry } from '@hub/observability';
import { startInMemoryTracing, type Tracing } from '@hub/observability/src/tracing/tracing';
import { TransientError } from '@hub/resilience';
import { silentLogger } from '../testing/unit-fakes';
import { TargetGate } from './target-gate';

let exporter: InMemorySpanExporter;
let tracing: Tracing;
beforeAll(() => {
  ({ exporter, tracing } = startInMemoryTracing('gate-spec'));
});
afterAll(() => tracing.shutdown());

const gate = new TargetGate({
  target: 'odoo',
  breaker: { windowMs: 60_000, minimumCalls: 5, failureRateThreshold: 1, coolDownMs: 30_000 },
  ratePerSecond: 1_000,
  burst: 100,
  clock: { now: () => 1_000 },
  metrics: createMetrics(createRegistry()),
  logger: silentLogger,
});
const signal = new AbortController().signal;

describe('the call to the target as a span (issue #21)', () => {
  it('records erp.call with the target and operation, failed with the error when the call throws', async () => {
    await gate.call('find-prior-write', () => Promise.resolve(undefined), signal);
    await expect(
      gate.call('apply', () => Promise.reject(new TransientError('ERP_DOWN', 'refused')), signal),
    ).rejects.toThrow('refused');
    expect(
      exporter.getFinishedSpans().map((span) => ({
        name: span.name,
        attributes: span.attributes,
        status: span.status,
      })),
    ).toEqual([
      {
        name: 'erp.call',
        attributes: { 'hub.target': 'odoo', 'hub.operation': 'find-prior-write' },
        status: { code: 0 },
      },
      {
        name: 'erp.call',
        attributes: { 'hub.target': 'odoo', 'hub.operation': 'apply' },
        status: { code: 2, message: 'refused' },
      },
    ]);
  });
});
