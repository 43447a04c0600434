/**
 * Issue #21: one event, one trace. The real connector runtime and the real retry scheduler
 * in one process (testing/traced-hub.ts), spans in memory. Asserted: every span of the story
 * has the event's trace id, and each hop is the child of the hop before it. The ingress's
 * own publish is covered in apps/ingress (event-publisher-trace.spec.ts).
 */
import { topics, type DeadLetterEvent } from '@hub/contracts';
import { operatorRetryMessage, retryContextOfDeadLetter } from '@hub/delivery-protocol';
import { traceIdOf } from '@hub/observability';
import { PermanentError, TransientError } from '@hub/resilience';
import { TopicCollector, eventually } from '@hub/testing';
import { TracedHub, edges, inventoryEvent } from '../testing/traced-hub';

const hub = new TracedHub();
let outcomes: TopicCollector;
let deadLetters: TopicCollector;

beforeAll(async () => {
  ({ outcomes, deadLetters } = await hub.start());
}, 60_000);
afterAll(() => hub.close());

const outcomeTraces = (correlationId: string): (string | undefined)[] =>
  outcomes.messages
    .filter((message) => message.headers['hub-correlation-id'] === correlationId)
    .map((message) => traceIdOf(message.headers['traceparent']));

const namesOf = (traceId: string | undefined): string => edges(hub.spansOf(traceId)).join('; ');

const applyCalls = (traceId: string | undefined) =>
  hub
    .spansOf(traceId)
    .filter((span) => span.name !== 'erp.call' || span.attributes['hub.operation'] === 'apply');

describe('tracing (issue #21)', () => {
  it('follows one event through a failed write, the scheduler and the redelivered write as one trace', async () => {
    const event = inventoryEvent(hub.source, 'SKU-TRACE-RETRY');
    hub.target.failNext(event.entityKey, new TransientError('HTTP_SERVER_ERROR', 'answered 503'));

    const traceId = await hub.publishAsTheIngress(event);
    await eventually(
      () => outcomeTraces(event.correlationId).length === 2,
      () => namesOf(traceId),
      30_000,
    );

    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(hub.exporter.getFinishedSpans().map((span) => span.spanContext().traceId)).toEqual(
      hub.exporter.getFinishedSpans().map(() => traceId),
    );
    expect(edges(applyCalls(traceId))).toEqual(
      [
        'test.webhook <- (root)',
        'ingress.publish <- test.webhook',
        'connector.consume <- ingress.publish',
        'erp.call apply failed <- connector.consume',
        'connector.retry <- connector.consume',
        'scheduler.intake <- connector.retry',
        'scheduler.redeliver <- scheduler.intake',
        'connector.consume <- scheduler.redeliver',
        'erp.call apply ok <- connector.consume',
      ].sort(),
    );
    // Both outcomes (failed_transient, succeeded) carry the event's trace too.
    expect(outcomeTraces(event.correlationId)).toEqual([traceId, traceId]);
    // The connector's line about the failure names the trace.
    expect(
      hub.connectorLog.lines
        .filter((line) => line['correlationId'] === event.correlationId)
        .map((line) => line['traceId']),
    ).toEqual([traceId]);
  });

  it("keeps the trace id in the dead-letter record, and an operator's retry of it continues the trace", async () => {
    hub.exporter.reset();
    const event = inventoryEvent(hub.source, 'SKU-TRACE-DLQ');
    hub.target.failNext(event.entityKey, new PermanentError('VALIDATION', 'unknown warehouse'));

    const traceId = await hub.publishAsTheIngress(event);
    const ours = () =>
      deadLetters.messages.filter(
        (message) => message.headers['hub-correlation-id'] === event.correlationId,
      );
    await eventually(
      () => ours().length === 1,
      () => namesOf(traceId),
      30_000,
    );
    const [message] = ours();
    const record = (await hub.serde.decode(message?.value ?? null)) as DeadLetterEvent;
    expect(traceIdOf(message?.headers['traceparent'])).toBe(traceId);
    expect(traceIdOf(record.payload.originalHeaders['traceparent'])).toBe(traceId);

    // What the DLQ reviewer sends on "retry": the stored bytes and headers, the history.
    await hub.send(
      operatorRetryMessage(
        {
          key: event.entityKey,
          value: record.payload.originalValue,
          rawHeaders: record.payload.originalHeaders,
        },
        retryContextOfDeadLetter(record.payload),
        'operator-retry-1',
      ),
    );
    await eventually(
      () =>
        hub.target.applied.get(event.entityKey) === 2 &&
        outcomeTraces(event.correlationId).length === 2,
      () => namesOf(traceId),
      30_000,
    );

    expect(hub.exporter.getFinishedSpans().map((span) => span.spanContext().traceId)).toEqual(
      hub.exporter.getFinishedSpans().map(() => traceId),
    );
    expect(edges(applyCalls(traceId))).toEqual(
      [
        'test.webhook <- (root)',
        'ingress.publish <- test.webhook',
        'connector.consume <- ingress.publish',
        'erp.call apply failed <- connector.consume',
        'connector.dead-letter <- connector.consume',
        'scheduler.intake <- ingress.publish',
        'scheduler.redeliver <- scheduler.intake',
        'connector.consume <- scheduler.redeliver',
        'erp.call apply ok <- connector.consume',
      ].sort(),
    );
    expect(outcomeTraces(event.correlationId)).toEqual([traceId, traceId]);
  });

  it("keeps the trace when the scheduler gives up: its dead letter carries the event's trace id", async () => {
    hub.exporter.reset();
    const event = inventoryEvent(hub.source, 'SKU-TRACE-EXHAUSTED');
    const down = Array.from({ length: 200 }, () => new TransientError('HTTP_SERVER_ERROR', '503'));
    hub.target.failNext(event.entityKey, ...down);

    // The scheduler's dead letters go to the hub's dead-letter topic, not the connector's.
    const hubDeadLetters = await TopicCollector.start(topics.deadLetter);
    const traceId = await hub.publishAsTheIngress(event);
    const exhausted = () =>
      hubDeadLetters.messages.filter(
        (message) => message.headers['hub-correlation-id'] === event.correlationId,
      );
    await eventually(
      () => exhausted().length === 1,
      () => namesOf(traceId),
      30_000,
    ).finally(() => hubDeadLetters.stop());
    const [message] = exhausted();
    const record = (await hub.serde.decode(message?.value ?? null)) as DeadLetterEvent;

    expect(record.payload.reason).toBe('retries_exhausted');
    expect(traceIdOf(message?.headers['traceparent'])).toBe(traceId);
    expect(traceIdOf(record.payload.originalHeaders['traceparent'])).toBe(traceId);
    expect(
      edges(hub.spansOf(traceId)).filter((edge) => edge.startsWith('scheduler.dead-letter')),
    ).toEqual(['scheduler.dead-letter <- scheduler.intake']);
  });
});
