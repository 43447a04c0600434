import { IdempotencyError } from '@hub/idempotency';
import { PermanentError, TransientError } from '@hub/resilience';
import {
  decodeJson,
  inventoryEvent,
  purchaseOrderEvent,
  TARGET,
  unitTopics,
} from '../testing/unit-fakes';
import { delivery, proceed, setup, signal } from '../testing/pipeline-fixture';
import { CircuitOpenError } from './target-gate';

describe('WritePipeline failures', () => {
  it('sends a transient failure to the retry topic with the same bytes, Retry-After and history, then releases', async () => {
    const { adapter, sender, store, pipeline, outcomes } = setup(proceed());
    adapter.script('WH1:SKU-1', {
      fail: new TransientError('HTTP_RATE_LIMITED', 'Odoo answered 429', {
        httpStatus: 429,
        retryAfterMs: 30_000,
      }),
    });
    const event = inventoryEvent();
    await expect(pipeline.handle(delivery(event, true), signal)).resolves.toBe('retry');
    const [retry] = sender.to(unitTopics.retry);
    expect(retry?.value?.toString()).toBe('original-bytes');
    expect(retry?.key).toBe('WH1:SKU-1');
    expect(retry?.headers).toMatchObject({
      'hub-attempt': '2',
      'hub-target': TARGET,
      'hub-not-before': String(1_700_000_030_000),
      'hub-first-failure-at': '1699999000000',
    });
    expect(JSON.parse(String(retry?.headers?.['hub-history']))).toHaveLength(2);
    expect(outcomes()[0]).toMatchObject({
      outcome: 'failed_transient',
      attempt: 2,
      failure: {
        code: 'HTTP_RATE_LIMITED',
        errorClass: 'transient',
        httpStatus: 429,
        message: 'Odoo answered 429',
      },
    });
    expect(store.release).toHaveBeenCalledWith(
      TARGET,
      event.correlationId,
      'odoo/test',
      expect.objectContaining({ code: 'HTTP_RATE_LIMITED' }),
    );
    expect(store.complete).not.toHaveBeenCalled();
  });

  it('dead-letters a permanent failure with the original bytes and the failure, then records it', async () => {
    const { adapter, sender, store, pipeline, outcomes } = setup(proceed());
    adapter.script('WH1:SKU-1', {
      fail: new PermanentError('UNKNOWN_PRODUCT', 'No product SKU-1 in Odoo'),
    });
    await expect(pipeline.handle(delivery(inventoryEvent()), signal)).resolves.toBe(
      'dead-lettered',
    );
    const letter = decodeJson(sender.to(unitTopics.deadLetter)[0]);
    expect(letter.subject).toBe('hub.dead-letter.v1-value');
    expect(letter.value['payload']).toMatchObject({
      target: TARGET,
      reason: 'permanent_failure',
      originalOffset: 41,
      originalValue: Buffer.from('original-bytes').toJSON(),
      attempts: [
        {
          attempt: 1,
          failure: {
            code: 'UNKNOWN_PRODUCT',
            errorClass: 'permanent',
            message: 'No product SKU-1 in Odoo',
            httpStatus: null,
          },
        },
      ],
    });
    expect(outcomes()[0]).toMatchObject({ outcome: 'failed_permanent' });
    expect(store.fail).toHaveBeenCalledTimes(1);
  });

  it('treats an unclassified error as permanent (a bug does not heal by retrying)', async () => {
    const { adapter, sender, pipeline } = setup(proceed());
    adapter.script('WH1:SKU-1', { fail: new Error('Cannot read properties of undefined') });
    await pipeline.handle(delivery(inventoryEvent()), signal);
    expect(sender.to(unitTopics.deadLetter)).toHaveLength(1);
  });

  it('does not call the target while the breaker is open: CIRCUIT_OPEN to the retry topic', async () => {
    const gate = {
      call: () =>
        Promise.reject(new CircuitOpenError(TARGET, 1_700_000_100_000, 1_700_000_000_000)),
    };
    const { adapter, sender, store, pipeline } = setup(proceed(), gate);
    await expect(pipeline.handle(delivery(inventoryEvent()), signal)).resolves.toBe('retry');
    expect(adapter.applyCalls).toHaveLength(0);
    const [retry] = sender.to(unitTopics.retry);
    expect(retry?.headers?.['hub-history']).toContain('CIRCUIT_OPEN');
    // Not before the breaker lets a probe through.
    expect(retry?.headers?.['hub-not-before']).toBe('1700000100000');
    expect(store.release).toHaveBeenCalledTimes(1);
  });

  it('refuses to write to the owner of the entity type, without asking the store', async () => {
    const { store, sender, pipeline, outcomes } = setup(proceed());
    await expect(pipeline.handle(delivery(purchaseOrderEvent()), signal)).resolves.toBe('rejected');
    expect(store.begin).not.toHaveBeenCalled();
    expect(sender.to(unitTopics.deadLetter)).toHaveLength(1);
    expect(outcomes()[0]).toMatchObject({
      outcome: 'failed_permanent',
      failure: { code: 'REVERSE_DIRECTION_WRITE' },
    });
  });

  it('refuses an event whose source is not the owner of its entity type, without asking the store or the target', async () => {
    const { store, adapter, sender, pipeline, outcomes } = setup(proceed());
    const forged = { ...inventoryEvent(), sourceSystem: 'another-wms' };
    await expect(pipeline.handle(delivery(forged), signal)).resolves.toBe('rejected');
    expect(store.begin).not.toHaveBeenCalled();
    expect(adapter.applyCalls).toHaveLength(0);
    expect(sender.to(unitTopics.deadLetter)).toHaveLength(1);
    expect(outcomes()[0]).toMatchObject({
      outcome: 'failed_permanent',
      failure: {
        code: 'SOURCE_NOT_OWNER',
        message: expect.stringContaining('another-wms does not own inventory-level') as unknown,
      },
    });
  });

  it('gives an operator retry of a permanently failed write a real attempt once the store reopens it', async () => {
    const error = { code: 'UNKNOWN_PO', message: 'No PO' };
    const { store, adapter, pipeline, outcomes } = setup({ kind: 'failed-permanently', error });
    store.reopen.mockResolvedValue(true);
    store.begin
      .mockResolvedValueOnce({ kind: 'failed-permanently', error })
      .mockResolvedValueOnce(proceed());
    await expect(pipeline.handle(delivery(inventoryEvent(), true), signal)).resolves.toBe(
      'succeeded',
    );
    expect(store.reopen).toHaveBeenCalledTimes(1);
    expect(adapter.applyCalls).toHaveLength(1);
    expect(outcomes()[0]).toMatchObject({ outcome: 'succeeded' });
  });

  it('reports a repeat of a permanently failed write without a second dead letter, and dead-letters a retry it cannot reopen', async () => {
    const error = { code: 'UNKNOWN_PRODUCT', message: 'No product' };
    const first = setup({ kind: 'failed-permanently', error });
    await expect(first.pipeline.handle(delivery(inventoryEvent()), signal)).resolves.toBe(
      'duplicate',
    );
    expect(first.sender.to(unitTopics.deadLetter)).toHaveLength(0);
    const retried = setup({ kind: 'failed-permanently', error });
    await expect(retried.pipeline.handle(delivery(inventoryEvent(), true), signal)).resolves.toBe(
      'dead-lettered',
    );
    expect(retried.outcomes()[0]).toMatchObject({
      failure: { code: 'PREVIOUSLY_FAILED_PERMANENTLY' },
    });
    expect(JSON.stringify(retried.outcomes()[0])).toContain('UNKNOWN_PRODUCT: No product');
  });

  it('dead-letters an event the store refuses outright instead of retrying it forever', async () => {
    const { store, sender, pipeline } = setup(proceed());
    store.begin.mockRejectedValue(
      new IdempotencyError(
        'IDEMPOTENCY_INVALID_REQUEST',
        'source version must be a non-negative safe integer',
        false,
      ),
    );
    await expect(pipeline.handle(delivery(inventoryEvent()), signal)).resolves.toBe(
      'dead-lettered',
    );
    expect(sender.to(unitTopics.deadLetter)).toHaveLength(1);
    store.begin.mockRejectedValue(new IdempotencyError('IDEMPOTENCY_CONTENDED', 'contended', true));
    await expect(pipeline.handle(delivery(inventoryEvent()), signal)).rejects.toThrow('contended');
  });

  it('throws when Kafka refuses the retry message, and leaves the lease for the retry in place', async () => {
    const { adapter, sender, store, pipeline } = setup(proceed());
    adapter.script('WH1:SKU-1', { fail: new TransientError('ERP_DOWN', 'down') });
    sender.failWith = new Error('PRODUCE_FAILED');
    await expect(pipeline.handle(delivery(inventoryEvent()), signal)).rejects.toThrow(
      'PRODUCE_FAILED',
    );
    expect(store.release).not.toHaveBeenCalled();
  });

  it('records nothing once aborted, even if the target answered (a crash)', async () => {
    const { store, pipeline } = setup(proceed());
    const controller = new AbortController();
    controller.abort();
    await expect(pipeline.handle(delivery(inventoryEvent()), controller.signal)).rejects.toThrow(
      'aborted',
    );
    expect(store.complete).not.toHaveBeenCalled();
  });
});
