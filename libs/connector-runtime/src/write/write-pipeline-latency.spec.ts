import type { AnyCanonicalEvent } from '../adapter/erp-adapter';
import { inventoryEvent } from '../testing/unit-fakes';
import { delivery, FIXTURE_NOW, proceed, setup, signal } from '../testing/pipeline-fixture';

/** The owner changed it 12 s ago; the hub accepted it 2 s ago. */
function eventAged(): AnyCanonicalEvent {
  const event = inventoryEvent('SKU-1', FIXTURE_NOW - 12_000);
  return { ...event, publishedAt: FIXTURE_NOW - 2_000 };
}

async function observed(metrics: ReturnType<typeof setup>['metrics'], from: string) {
  const { values } = await metrics.endToEndSeconds.get();
  const of = (name: string) =>
    values.find((value) => value.metricName === name && value.labels.from === from)?.value ?? 0;
  return {
    count: of('hub_end_to_end_seconds_count'),
    sum: of('hub_end_to_end_seconds_sum'),
  };
}

describe('WritePipeline: end-to-end latency', () => {
  it("observes a target's write from the owner's change and from the hub's acceptance", async () => {
    const { pipeline, metrics } = setup(proceed());
    await expect(pipeline.handle(delivery(eventAged()), signal)).resolves.toBe('succeeded');

    expect(await observed(metrics, 'source-change')).toEqual({ count: 1, sum: 12 });
    expect(await observed(metrics, 'hub-accepted')).toEqual({ count: 1, sum: 2 });
    const { values } = await metrics.endToEndSeconds.get();
    expect(values[0]?.labels).toMatchObject({ target: 'odoo', entity_type: 'inventory-level' });
  });

  it('observes nothing for a write the target did not do (duplicate)', async () => {
    const { pipeline, metrics } = setup({
      kind: 'already-done',
      result: { targetReference: 'DOC-9' },
      recordPurged: false,
    });
    await expect(pipeline.handle(delivery(eventAged()), signal)).resolves.toBe('duplicate');
    expect(await observed(metrics, 'source-change')).toEqual({ count: 0, sum: 0 });
  });
});
