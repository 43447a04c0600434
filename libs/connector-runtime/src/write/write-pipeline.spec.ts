import { inventoryEvent, TARGET } from '../testing/unit-fakes';
import { delivery, proceed, setup, signal } from '../testing/pipeline-fixture';

describe('WritePipeline', () => {
  it('writes a first delivery, records it and reports it succeeded with the target reference', async () => {
    const { adapter, store, pipeline, outcomes } = setup(proceed());
    const event = inventoryEvent();
    await expect(pipeline.handle(delivery(event), signal)).resolves.toBe('succeeded');
    expect(adapter.applyCalls).toHaveLength(1);
    expect(adapter.findCalls).toHaveLength(0);
    expect(store.begin).toHaveBeenCalledWith(
      expect.objectContaining({
        target: TARGET,
        correlationId: event.correlationId,
        entityKey: 'WH1:SKU-1',
        sourceVersion: 1_000,
      }),
    );
    expect(store.complete).toHaveBeenCalledWith(TARGET, event.correlationId, 'odoo/test', {
      targetReference: 'DOC-1',
    });
    expect(outcomes()).toEqual([
      expect.objectContaining({
        outcome: 'succeeded',
        attempt: 1,
        targetReference: 'DOC-1',
        target: TARGET,
      }),
    ]);
  });

  it('never calls the target for a write that already succeeded: duplicate', async () => {
    const { adapter, pipeline, outcomes } = setup({
      kind: 'already-done',
      result: { targetReference: 'DOC-9' },
      recordPurged: false,
    });
    await expect(pipeline.handle(delivery(inventoryEvent()), signal)).resolves.toBe('duplicate');
    expect(adapter.applyCalls).toHaveLength(0);
    expect(outcomes()).toEqual([
      expect.objectContaining({ outcome: 'duplicate', targetReference: 'DOC-9' }),
    ]);
  });

  it('answers an event older than the applied version superseded', async () => {
    const { adapter, pipeline, outcomes } = setup({
      kind: 'superseded',
      appliedVersion: 2_000,
      appliedByCorrelationId: 'c1-x',
    });
    await expect(pipeline.handle(delivery(inventoryEvent()), signal)).resolves.toBe('superseded');
    expect(adapter.applyCalls).toHaveLength(0);
    expect(outcomes()).toEqual([expect.objectContaining({ outcome: 'superseded' })]);
  });

  it('throws (retry in place) while another worker holds the lease, publishing nothing', async () => {
    const { sender, pipeline } = setup({
      kind: 'in-flight-elsewhere',
      leaseOwner: 'odoo/other',
      leaseExpiresAt: 9e12,
    });
    await expect(pipeline.handle(delivery(inventoryEvent()), signal)).rejects.toMatchObject({
      code: 'WRITE_IN_FLIGHT_ELSEWHERE',
    });
    expect(sender.sent).toHaveLength(0);
  });

  it('looks for a prior write before writing on a lease taken over after a crash', async () => {
    const { adapter, pipeline, store } = setup(proceed(2));
    const event = inventoryEvent();
    adapter.documents.set(event.correlationId, 'DOC-OLD');
    await expect(pipeline.handle(delivery(event), signal)).resolves.toBe('succeeded');
    expect(adapter.findCalls).toHaveLength(1);
    expect(adapter.applyCalls).toHaveLength(0);
    expect(store.complete).toHaveBeenCalledWith(TARGET, event.correlationId, 'odoo/test', {
      targetReference: 'DOC-OLD',
    });
  });

  it('looks for a prior write on a redelivery and writes when there is none, counting the attempt', async () => {
    const { adapter, pipeline, outcomes } = setup(proceed(1));
    await pipeline.handle(delivery(inventoryEvent(), true), signal);
    expect(adapter.findCalls).toHaveLength(1);
    expect(adapter.applyCalls).toEqual([expect.objectContaining({ attempt: 2 })]);
    expect(outcomes()[0]).toMatchObject({ outcome: 'succeeded', attempt: 2 });
  });
});
