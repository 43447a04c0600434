import { context } from '@opentelemetry/api';
import type { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { captureLogLines } from '../logging/capture-log-lines';
import { createLogger } from '../logging/create-logger';
import {
  SpanKind,
  activeOr,
  contextOfTraceparent,
  inSpan,
  startHubSpan,
  traceIdOf,
  traceparentOf,
  traceparentOfSpan,
} from './spans';
import { startInMemoryTracing, type Tracing } from './tracing';

const received = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('hub spans with tracing off (no provider)', () => {
  it('carry the traceparent they received unchanged, so the trace id still travels', async () => {
    const carried = await inSpan('x', { parent: contextOfTraceparent(received) }, (span) =>
      Promise.resolve(traceparentOfSpan(span)),
    );
    expect(carried).toBe(received);
    expect(traceparentOf(activeOr(received))).toBe(received);
  });

  it('write nothing when nothing arrived', () => {
    expect(traceparentOfSpan(startHubSpan('x').span)).toBeUndefined();
    expect(traceparentOf(contextOfTraceparent('not-a-trace'))).toBeUndefined();
  });

  it('read the trace id of a traceparent', () => {
    expect(traceIdOf(received)).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(traceIdOf(undefined)).toBeUndefined();
    expect(traceIdOf('garbage')).toBeUndefined();
  });
});

describe('hub spans with tracing on', () => {
  let exporter: InMemorySpanExporter;
  let tracing: Tracing;
  beforeAll(() => {
    ({ exporter, tracing } = startInMemoryTracing('spans-spec'));
  });
  afterAll(() => tracing.shutdown());
  beforeEach(() => {
    exporter.reset();
  });

  it('continue the received trace as children, nested across awaits, and hand on their own traceparent', async () => {
    const handedOn = await inSpan(
      'consume',
      { kind: SpanKind.CONSUMER, parent: contextOfTraceparent(received) },
      async () => {
        await new Promise((resolve) => setImmediate(resolve));
        return inSpan('produce', { kind: SpanKind.PRODUCER }, (span) =>
          Promise.resolve(traceparentOfSpan(span)),
        );
      },
    );
    const [produce, consume] = exporter.getFinishedSpans();
    expect(consume?.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(produce?.parentSpanContext?.spanId).toBe(consume?.spanContext().spanId);
    expect(handedOn).toBe(
      `00-4bf92f3577b34da6a3ce929d0e0e4736-${String(produce?.spanContext().spanId)}-01`,
    );
  });

  it('mark a span failed with the error, which still reaches the caller', async () => {
    await expect(
      inSpan('erp.call', {}, () => Promise.reject(new Error('503 from the target'))),
    ).rejects.toThrow('503 from the target');
    const [span] = exporter.getFinishedSpans();
    expect(span?.status).toEqual({ code: 2, message: '503 from the target' });
    expect(span?.events.map((event) => event.name)).toEqual(['exception']);
  });

  it('prefer the active span over the message traceparent for work inside a handler', async () => {
    await inSpan('consume', {}, (span) => {
      expect(traceparentOf(activeOr(received))).toBe(traceparentOfSpan(span));
      return Promise.resolve();
    });
    expect(traceparentOf(activeOr(received))).toBe(received);
  });

  it('put traceId and spanId on every log line written inside a span', async () => {
    const { destination, lines } = captureLogLines();
    const logger = createLogger({ service: 'spans-spec', destination });
    logger.info('outside');
    const ids = await inSpan('handle', { parent: contextOfTraceparent(received) }, (span) => {
      logger.info('inside');
      return Promise.resolve(span.spanContext());
    });
    expect(lines.map(({ msg, traceId, spanId }) => ({ msg, traceId, spanId }))).toEqual([
      { msg: 'outside', traceId: undefined, spanId: undefined },
      { msg: 'inside', traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: ids.spanId },
    ]);
    expect(context.active()).toBe(contextOfTraceparent(undefined));
  });
});
