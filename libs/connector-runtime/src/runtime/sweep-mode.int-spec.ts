import { Client } from 'pg';
import { createMetrics, createRegistry, metricsText } from '@hub/observability';
import type { SourceRecord } from '../adapter/erp-adapter';
import { FakeReadAdapter } from '../testing/fake-read-adapter';
import { RuntimeHarness } from '../testing/runtime-harness';
import { eventually } from '@hub/testing';

const order: SourceRecord = {
  entityType: 'purchase-order',
  sourceRecordId: 'purchase.order/9',
  sourceVersion: 9_000,
  payload: {
    poNumber: 'PO-9',
    supplierId: 'V-1',
    status: 'confirmed',
    currency: 'EUR',
    lines: [],
    company: null,
  },
};

describe('connector runtime in primary sweep mode (no webhooks)', () => {
  const harness = new RuntimeHarness();
  const registry = createRegistry();
  harness.metrics = createMetrics(registry);

  afterAll(async () => {
    await harness.close();
  });

  it('sweeps at start-up, flags the polling as technical debt, and reports ready', async () => {
    const adapter = new FakeReadAdapter();
    adapter.put(order);
    const runtime = await harness.start(
      { read: adapter },
      { CONNECTOR_SWEEP_MODE: 'primary', CONNECTOR_SWEEP_INTERVAL: '1h' },
    );
    await eventually(
      () => runtime.status().lastSweep !== undefined,
      () => 'no sweep at start-up',
    );
    expect(runtime.status()).toMatchObject({
      state: 'running',
      sweepMode: 'primary',
      breaker: 'closed',
      lastSweep: { report: { kind: 'swept', published: 1, watermark: 9_000 } },
    });
    expect(await metricsText(registry)).toContain(
      `hub_polling_technical_debt{system="${harness.system}"} 1`,
    );
    for (const check of Object.values(runtime.readinessChecks))
      await expect(Promise.resolve(check())).resolves.toMatchObject({ ok: true });
    // Another replica holding the sweep lock: this one skips; once released, it sweeps on from 9000.
    const other = new Client({ connectionString: (await harness.databaseSchema()).databaseUrl });
    await other.connect();
    try {
      await other.query('SELECT pg_advisory_lock(hashtext($1))', [
        `connector-sweep:${harness.system}`,
      ]);
      await expect(runtime.sweepNow()).resolves.toEqual({ kind: 'skipped', reason: 'locked' });
      await other.query('SELECT pg_advisory_unlock(hashtext($1))', [
        `connector-sweep:${harness.system}`,
      ]);
    } finally {
      await other.end();
    }
    await expect(runtime.sweepNow()).resolves.toMatchObject({ kind: 'swept', from: 9_000 });
    await runtime.stop();
    expect(runtime.status().state).toBe('stopped');
  });
});
