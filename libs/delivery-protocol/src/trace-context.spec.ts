import type { EventEnvelope, EventIdentity } from '@hub/contracts';
import { hubHeaderNames } from '@hub/messaging';
import {
  deadLetterEvent,
  deadLetterMessage,
  headersWithTraceparent,
  operatorRetryMessage,
  recordFailure,
  redeliveryMessage,
  retryContextOfDeadLetter,
  retryMessage,
  traceparentHeader,
  withTraceparent,
} from './index';

const received = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const producer = '00-4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-01';
const envelope: EventEnvelope = {
  eventId: '0b9c8f7e-1d2a-4c3b-9e8f-7a6b5c4d3e2f',
  correlationId: 'c1-0123456789abcdef0123456789abcdef',
  entityType: 'inventory-level',
  entityKey: 'WH-EAST:SKU-1',
  sourceSystem: 'wms-main',
  sourceRecordId: 'WH-EAST:SKU-1',
  sourceVersion: 1_764_201_600_000,
  publishedAt: 1_764_201_600_500,
};
const identity: EventIdentity = {
  now: () => 1_764_202_000_000,
  newEventId: () => '5f0c6a2e-8b1d-4e7f-a3c9-2d4b6e8f0a1c',
};
const rawHeaders = {
  [hubHeaderNames.correlationId]: envelope.correlationId,
  [hubHeaderNames.sourceSystem]: envelope.sourceSystem,
  [hubHeaderNames.entityType]: envelope.entityType,
  [hubHeaderNames.sourceVersion]: String(envelope.sourceVersion),
  [hubHeaderNames.eventId]: envelope.eventId,
  [hubHeaderNames.traceparent]: received,
};
const value = Buffer.from([0, 0, 0, 0, 7, 1]);
const context = recordFailure(undefined, 'odoo', {
  failure: { code: 'HTTP_503', errorClass: 'transient', message: 'down', httpStatus: 503 },
  at: 1_000,
});
const traceOf = (headers: unknown): string | undefined =>
  traceparentHeader(headers as Record<string, string>);

describe('the traceparent through retries, dead letters and operator retries', () => {
  it('stays on a retry and a redelivery, which keep the message headers', () => {
    const message = { key: 'k', value, rawHeaders };
    expect(traceOf(retryMessage(message, context).headers)).toBe(received);
    expect(traceOf(redeliveryMessage(message, context).headers)).toBe(received);
  });

  it('is replaced by the producing span, and left alone when there is none', () => {
    const retry = retryMessage({ key: 'k', value, rawHeaders }, context);
    expect(traceOf(withTraceparent(retry, producer).headers)).toBe(producer);
    expect(withTraceparent(retry, undefined)).toBe(retry);
    expect(headersWithTraceparent(rawHeaders, producer)).toEqual({
      ...rawHeaders,
      traceparent: producer,
    });
    expect(headersWithTraceparent(rawHeaders, undefined)).toEqual(rawHeaders);
  });

  it('is kept by the dead-letter record, so an operator retry of it continues the same trace', () => {
    const record = deadLetterEvent(
      { envelope, target: 'odoo', reason: 'retries_exhausted', context, value, rawHeaders },
      identity,
    );
    expect(record.payload.originalHeaders[hubHeaderNames.traceparent]).toBe(received);
    const stored = record.payload.originalHeaders;
    const operatorRetry = operatorRetryMessage(
      { key: 'k', value, rawHeaders: stored },
      retryContextOfDeadLetter(record.payload),
      'retry-1',
    );
    expect(traceOf(operatorRetry.headers)).toBe(received);
    expect(traceOf(withTraceparent(deadLetterMessage(record, value), producer).headers)).toBe(
      producer,
    );
  });
});
