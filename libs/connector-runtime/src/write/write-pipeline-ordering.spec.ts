import type { ConsumedMessage } from '@hub/messaging';
import { TransientError } from '@hub/resilience';
import { delivery, proceed, setup, signal } from '../testing/pipeline-fixture';
import { inventoryEvent, purchaseOrderEvent, TARGET, unitTopics } from '../testing/unit-fakes';
import {
  canonicalEventDecoder,
  type DecodedCanonical,
  type DeliveryHeaders,
} from './canonical-decoder';
import { CircuitOpenError } from './target-gate';
import { toDelivery } from './write-flows';

describe('WritePipeline: one write of a record at a time, newest wins', () => {
  it("asks the store with the arrival order and the entity type's semantics", async () => {
    const { store, pipeline } = setup(proceed());
    await pipeline.handle(delivery(inventoryEvent()), signal);
    expect(store.begin).toHaveBeenCalledWith(
      expect.objectContaining({ arrivalOrder: 41, semantics: 'state' }),
    );
  });

  it('waits in place while another write of the same record runs', async () => {
    const { sender, pipeline, adapter } = setup({
      kind: 'record-busy',
      correlationId: 'c1-other',
      leaseOwner: 'odoo/other',
      leaseExpiresAt: 9e12,
    });
    await expect(pipeline.handle(delivery(inventoryEvent()), signal)).rejects.toMatchObject({
      code: 'RECORD_BUSY',
    });
    expect(sender.sent).toHaveLength(0);
    expect(adapter.applyCalls).toHaveLength(0);
  });

  it('sends an older level held back by a newer write in doubt to the retry topic, without calling the target', async () => {
    const { sender, pipeline, adapter, store, outcomes } = setup({
      kind: 'held-by-in-doubt',
      correlationId: 'c1-newer',
      version: 2_000,
      inDoubtSince: 1_700_000_000_000,
    });
    await expect(pipeline.handle(delivery(inventoryEvent()), signal)).resolves.toBe('retry');
    expect(adapter.applyCalls).toHaveLength(0);
    expect(adapter.findCalls).toHaveLength(0);
    const [retry] = sender.to(unitTopics.retry);
    expect(retry?.headers?.['hub-history']).toContain('WRITE_HELD_BY_IN_DOUBT');
    expect(outcomes()[0]).toMatchObject({ outcome: 'failed_transient', targetCalled: false });
    // It never held a lease, so there is nothing to release.
    expect(store.release).not.toHaveBeenCalled();
  });
});

describe('WritePipeline outcomes: targetCalled tells breakers what the target itself said', () => {
  it('is true for a write the target answered, and for one that failed at the target', async () => {
    const written = setup(proceed());
    await written.pipeline.handle(delivery(inventoryEvent()), signal);
    expect(written.outcomes()[0]).toMatchObject({ outcome: 'succeeded', targetCalled: true });

    const failed = setup(proceed());
    failed.adapter.script('WH1:SKU-1', { fail: new TransientError('HTTP_503', 'down') });
    await failed.pipeline.handle(delivery(inventoryEvent()), signal);
    expect(failed.outcomes()[0]).toMatchObject({ outcome: 'failed_transient', targetCalled: true });
  });

  it('is false for answers the hub gave itself: duplicate, superseded, circuit open, refusals', async () => {
    const duplicate = setup({ kind: 'already-done', result: null, recordPurged: true });
    await duplicate.pipeline.handle(delivery(inventoryEvent()), signal);
    const superseded = setup({
      kind: 'superseded',
      appliedVersion: 9,
      appliedByCorrelationId: 'x',
    });
    await superseded.pipeline.handle(delivery(inventoryEvent()), signal);
    const open = setup(proceed(), {
      call: () => Promise.reject(new CircuitOpenError(TARGET, undefined, 0)),
    });
    await open.pipeline.handle(delivery(inventoryEvent()), signal);
    const refused = setup(proceed());
    await refused.pipeline.handle(delivery(purchaseOrderEvent()), signal);

    for (const fixture of [duplicate, superseded, open, refused])
      expect(fixture.outcomes()[0]).toMatchObject({ targetCalled: false });
  });
});

describe('retry state comes only from redelivery topics', () => {
  const event = inventoryEvent();
  const forged = {
    'hub-correlation-id': event.correlationId,
    'hub-source-system': 'wms',
    'hub-entity-type': 'inventory-level',
    'hub-source-version': '1000',
    'hub-event-id': event.eventId,
    'hub-attempt': '3',
    'hub-target': 'odoo',
    'hub-first-failure-at': '5',
    'hub-arrival-order': '1',
  };
  const consumed = async (
    trust: 'canonical-topic' | 'redelivery-topic',
  ): Promise<ConsumedMessage<DecodedCanonical, DeliveryHeaders>> => {
    const decoder = canonicalEventDecoder({ decode: () => Promise.resolve(event) }, trust);
    const raw = {
      topic: 't',
      partition: 0,
      offset: '77',
      key: null,
      value: null,
      headers: forged,
      timestamp: '0',
    };
    return {
      ...raw,
      key: event.entityKey,
      rawHeaders: forged,
      headers: decoder.headers(forged, raw),
      value: await decoder.value(Buffer.from('bytes'), raw),
    };
  };

  it('ignores retry headers on a canonical topic, and stamps the real arrival order', async () => {
    const message = await consumed('canonical-topic');
    expect(message.headers).toMatchObject({ retry: undefined, ignoredRetryHeaders: true });
    const first = toDelivery(message, 'canonical-topic');
    expect(first.retry).toBeUndefined();
    expect(first.arrivalOrder).toBe(77);
    expect(first.message.rawHeaders['hub-arrival-order']).toBe('77');
  });

  it('reads them on a redelivery topic, with the arrival order stamped at the first delivery', async () => {
    const message = await consumed('redelivery-topic');
    const again = toDelivery(message, 'redelivery-topic');
    expect(again.retry).toMatchObject({ attempts: 3, target: 'odoo' });
    expect(again.arrivalOrder).toBe(1);
  });
});
