import { TransientError, PermanentError } from '@hub/resilience';
import { FakeWriteAdapter } from '../testing/fake-write-adapter';
import { RuntimeHarness } from '../testing/runtime-harness';
import { TopicCollector, eventually, type CollectedMessage } from '@hub/testing';

describe('connector runtime write path (real Kafka, registry, Postgres; fake target)', () => {
  const harness = new RuntimeHarness();
  const adapter = new FakeWriteAdapter();
  let outcomes: TopicCollector;
  let retries: TopicCollector;
  let deadLetters: TopicCollector;

  const outcomesOf = async (correlationId: string): Promise<Record<string, unknown>[]> => {
    const mine = outcomes.messages.filter((m) => m.headers['hub-correlation-id'] === correlationId);
    return Promise.all(
      mine.map(async (m) => (await harness.decode(m.value))['payload'] as Record<string, unknown>),
    );
  };
  const byCorrelation = (messages: CollectedMessage[], correlationId: string): CollectedMessage[] =>
    messages.filter((m) => m.headers['hub-correlation-id'] === correlationId);

  beforeAll(async () => {
    await harness.start({ write: adapter });
    [outcomes, retries, deadLetters] = await Promise.all([
      TopicCollector.start(harness.topics.deliveryOutcome),
      TopicCollector.start(harness.topics.retry),
      TopicCollector.start(harness.topics.deadLetter),
    ]);
  });

  afterAll(async () => {
    await Promise.all([outcomes.stop(), retries.stop(), deadLetters.stop()]);
    await harness.close();
  });

  it('applies an event delivered three times once, and reports the repeats as duplicates', async () => {
    const event = harness.inventory('SKU-DUP', '5', 1_000);
    await harness.publish([event]);
    await harness.publish([event, event]);
    await eventually(
      async () => (await outcomesOf(event.correlationId)).length === 3,
      () => `outcomes for ${event.correlationId}: ${outcomes.messages.length}`,
    );
    const kinds = (await outcomesOf(event.correlationId)).map((p) => p['outcome']);
    expect(kinds.sort()).toEqual(['duplicate', 'duplicate', 'succeeded']);
    expect(adapter.appliesOf(event.correlationId)).toBe(1);
  });

  it('answers an older event after a newer one superseded, and the target keeps the newer value', async () => {
    const newer = harness.inventory('SKU-ORDER', '20', 2_000);
    const older = harness.inventory('SKU-ORDER', '10', 1_000);
    await harness.publish([newer]);
    await harness.publish([older]);
    await eventually(
      async () => (await outcomesOf(older.correlationId)).length === 1,
      () => 'no outcome for the older event',
    );
    expect((await outcomesOf(older.correlationId))[0]?.['outcome']).toBe('superseded');
    expect((await outcomesOf(newer.correlationId))[0]?.['outcome']).toBe('succeeded');
    expect(adapter.appliesOf(older.correlationId)).toBe(0);
    expect(adapter.current.get('WH1:SKU-ORDER')).toMatchObject({ quantityOnHand: '20' });
  });

  it('sends a transient failure to the retry topic with its failure headers, while other keys keep flowing', async () => {
    adapter.script('WH1:SKU-SLOW', {
      fail: new TransientError('ERP_UNAVAILABLE', 'Odoo answered 503', { retryAfterMs: 5_000 }),
    });
    const failing = harness.inventory('SKU-SLOW', '1', 3_000);
    const others = ['A', 'B', 'C', 'D'].map((sku) => harness.inventory(`SKU-${sku}`, '2', 3_000));
    await harness.publish([failing, ...others]);
    await eventually(
      () => byCorrelation(retries.messages, failing.correlationId).length === 1,
      () => 'no retry message',
    );
    const [retry] = byCorrelation(retries.messages, failing.correlationId);
    expect(retry?.key).toBe('WH1:SKU-SLOW');
    expect(retry?.headers).toMatchObject({
      'hub-target': harness.system,
      'hub-attempt': '1',
      'hub-last-error': 'Odoo answered 503',
      'hub-last-error-class': 'transient',
    });
    expect(Number(retry?.headers['hub-not-before'])).toBeGreaterThan(
      Number(retry?.headers['hub-first-failure-at']),
    );
    expect(JSON.parse(retry?.headers['hub-history'] ?? '[]')).toEqual([
      expect.objectContaining({ attempt: 1, code: 'ERP_UNAVAILABLE', errorClass: 'transient' }),
    ]);
    await eventually(
      async () =>
        (await Promise.all(others.map((e) => outcomesOf(e.correlationId)))).every(
          (o) => o.length === 1,
        ),
      () => 'other keys did not flow',
    );
    const [outcome] = await outcomesOf(failing.correlationId);
    expect(outcome).toMatchObject({
      outcome: 'failed_transient',
      attempt: 1,
      failure: { code: 'ERP_UNAVAILABLE', errorClass: 'transient' },
    });
  });

  it('dead-letters a permanent failure once, with a readable reason', async () => {
    adapter.script('WH1:SKU-BAD', {
      fail: new PermanentError('UNKNOWN_PRODUCT', 'No product with default_code SKU-BAD in Odoo'),
    });
    const bad = harness.inventory('SKU-BAD', '1', 4_000);
    await harness.publish([bad]);
    await eventually(
      () => byCorrelation(deadLetters.messages, bad.correlationId).length === 1,
      () => 'no dead letter',
    );
    const [letter] = byCorrelation(deadLetters.messages, bad.correlationId);
    const decoded = await harness.decode(letter?.value ?? null);
    expect(decoded['payload']).toMatchObject({
      target: harness.system,
      reason: 'permanent_failure',
      originalTopic: harness.topics.canonical['inventory-level'],
      originalEventId: bad.eventId,
      attempts: [
        {
          attempt: 1,
          failure: {
            code: 'UNKNOWN_PRODUCT',
            message: 'No product with default_code SKU-BAD in Odoo',
          },
        },
      ],
    });
    const [outcome] = await outcomesOf(bad.correlationId);
    expect(outcome).toMatchObject({ outcome: 'failed_permanent' });
    // Delivered again: the store remembers; no second dead letter, no second call.
    await harness.publish([bad]);
    await eventually(
      async () => (await outcomesOf(bad.correlationId)).length === 2,
      () => 'no second outcome',
    );
    expect(byCorrelation(deadLetters.messages, bad.correlationId)).toHaveLength(1);
    expect(adapter.appliesOf(bad.correlationId)).toBe(1);
  });

  it('consumes the redelivery topic separately and looks for a prior write before writing again', async () => {
    const event = harness.inventory('SKU-REDELIVERED', '7', 5_000);
    const now = Date.now();
    await harness.publish([event], {
      topic: harness.topics.redelivery,
      extraHeaders: {
        'hub-target': harness.system,
        'hub-attempt': '1',
        'hub-first-failure-at': String(now),
        'hub-history': JSON.stringify([
          {
            attempt: 1,
            at: now,
            error: 'timeout',
            errorClass: 'transient',
            code: 'NETWORK_TIMEOUT',
          },
        ]),
      },
    });
    await eventually(
      async () => (await outcomesOf(event.correlationId)).length === 1,
      () => 'no outcome',
    );
    expect((await outcomesOf(event.correlationId))[0]).toMatchObject({
      outcome: 'succeeded',
      attempt: 2,
    });
    expect(adapter.findCalls.filter((c) => c.correlationId === event.correlationId)).toHaveLength(
      1,
    );
    expect(adapter.appliesOf(event.correlationId)).toBe(1);
  });
});
