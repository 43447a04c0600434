import {
  avroCodecFor,
  deadLetterEventSchema,
  deliveryOutcomeEventSchema,
  redeliveryTopic,
  retryTopic,
  type DeliveryOutcomeKind,
  type EventEnvelope,
  type EventIdentity,
} from '@hub/contracts';
import { decodeHubHeaders, hubHeaderNames } from '@hub/messaging';
import {
  CIRCUIT_OPEN,
  breakerSignal,
  deadLetterEvent,
  deliveryAttempt,
  deliveryOutcomeEvent,
  outcomeMessage,
  deadLetterMessage,
  readRetryContext,
  recordFailure,
  redeliveryMessage,
  retryContextOfDeadLetter,
  retryMessage,
} from './index';

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
const originalHeaders = {
  [hubHeaderNames.correlationId]: envelope.correlationId,
  [hubHeaderNames.sourceSystem]: envelope.sourceSystem,
  [hubHeaderNames.entityType]: envelope.entityType,
  [hubHeaderNames.entityKey]: envelope.entityKey,
  [hubHeaderNames.sourceVersion]: String(envelope.sourceVersion),
  [hubHeaderNames.eventId]: envelope.eventId,
};
const timeout = {
  code: 'ERP_TIMEOUT',
  errorClass: 'transient',
  message: 'Odoo did not answer in 10 s',
  httpStatus: null,
} as const;
const unavailable = {
  code: 'HTTP_503',
  errorClass: 'transient',
  message: 'Service Unavailable',
  httpStatus: 503,
} as const;
const value = Buffer.from([0, 0, 0, 0, 7, 1, 2, 3]);

describe('retry context', () => {
  it('is absent on a first delivery, which is attempt 1', () => {
    expect(readRetryContext(originalHeaders)).toBeUndefined();
    expect(deliveryAttempt(undefined)).toBe(1);
  });

  it('counts failures, keeps the first failure time and the whole history through the headers', () => {
    const first = recordFailure(undefined, 'odoo-main', { failure: timeout, at: 1000 });
    const retried = retryMessage(
      { key: envelope.entityKey, value, rawHeaders: originalHeaders },
      first,
    );
    expect(retried.topic).toBe(retryTopic('odoo-main'));
    expect(retried.value).toBe(value);
    const headers = retried.headers as Record<string, string>;
    const second = recordFailure(readRetryContext(headers), 'odoo-main', {
      failure: unavailable,
      at: 5000,
      retryAfterMs: 30_000,
    });
    const redelivered = redeliveryMessage(
      { key: envelope.entityKey, value, rawHeaders: headers },
      second,
    );
    expect(redelivered.topic).toBe(redeliveryTopic('odoo-main'));
    const read = readRetryContext(redelivered.headers as Record<string, string>);
    expect(read).toEqual({
      target: 'odoo-main',
      attempts: 2,
      firstFailureAt: 1000,
      notBefore: 35_000,
      history: [
        {
          attempt: 1,
          at: 1000,
          error: timeout.message,
          errorClass: 'transient',
          code: 'ERP_TIMEOUT',
        },
        {
          attempt: 2,
          at: 5000,
          error: unavailable.message,
          errorClass: 'transient',
          code: 'HTTP_503',
          httpStatus: 503,
        },
      ],
    });
    expect(deliveryAttempt(read)).toBe(3);
    expect((redelivered.headers as Record<string, string>)[hubHeaderNames.correlationId]).toBe(
      envelope.correlationId,
    );
  });

  it('refuses an attempt header without target and first failure time', () => {
    expect(() => readRetryContext({ ...originalHeaders, [hubHeaderNames.attempt]: '1' })).toThrow(
      /hub-target/,
    );
  });
});

describe('dead letters', () => {
  it('encode under the contract, carry every attempt, and give the same history back for a manual retry', () => {
    let context = recordFailure(undefined, 'odoo-main', { failure: timeout, at: 1000 });
    context = recordFailure(context, 'odoo-main', { failure: unavailable, at: 2000 });
    const event = deadLetterEvent(
      {
        envelope,
        target: 'odoo-main',
        reason: 'retries_exhausted',
        context,
        value,
        rawHeaders: originalHeaders,
      },
      identity,
    );
    const codec = avroCodecFor(deadLetterEventSchema);
    const decoded = codec.decode(codec.encode(event));
    expect(decoded.payload.originalTopic).toBe('erp.inventory-level.v1');
    expect(
      decoded.payload.attempts.map((attempt) => [
        attempt.attempt,
        attempt.failure.code,
        attempt.failure.httpStatus,
      ]),
    ).toEqual([
      [1, 'ERP_TIMEOUT', null],
      [2, 'HTTP_503', 503],
    ]);
    expect(decoded.correlationId).toBe(envelope.correlationId);
    expect(decoded.eventId).not.toBe(envelope.eventId);
    expect(retryContextOfDeadLetter(decoded.payload)).toEqual(context);
  });
});

describe('outcomes', () => {
  const outcome = (
    kind: DeliveryOutcomeKind,
    code = 'HTTP_503',
    targetCalled = kind !== 'duplicate' && kind !== 'superseded',
  ) =>
    deliveryOutcomeEvent(
      {
        delivered: envelope,
        target: 'odoo-main',
        outcome: kind,
        attempt: 2,
        failure: kind.startsWith('failed_') ? { ...unavailable, code } : null,
        targetCalled,
      },
      identity,
    );

  it('are built from a decoded event, payload and all, and carry full hub headers', () => {
    const decoded = { ...envelope, payload: { sku: 'SKU-1' } };
    const event = deliveryOutcomeEvent(
      {
        delivered: decoded,
        target: 'odoo-main',
        outcome: 'succeeded',
        attempt: 1,
        targetCalled: true,
      },
      identity,
    );
    const headers = decodeHubHeaders(
      outcomeMessage(event, value).headers as Record<string, string>,
    );
    expect(headers).toMatchObject({
      correlationId: envelope.correlationId,
      entityKey: envelope.entityKey,
      target: 'odoo-main',
    });
    const context = recordFailure(undefined, 'odoo-main', { failure: timeout, at: 1000 });
    const deadLetter = deadLetterEvent(
      {
        envelope: decoded,
        target: 'odoo-main',
        reason: 'permanent_failure',
        context,
        value,
        rawHeaders: originalHeaders,
      },
      identity,
    );
    expect(
      decodeHubHeaders(deadLetterMessage(deadLetter, value).headers as Record<string, string>)
        .eventId,
    ).toBe(deadLetter.eventId);
  });

  it('encode under the contract and name the delivered event', () => {
    const codec = avroCodecFor(deliveryOutcomeEventSchema);
    expect(codec.decode(codec.encode(outcome('succeeded'))).payload.deliveredEventId).toBe(
      envelope.eventId,
    );
  });

  it('feed breakers with target health only', () => {
    expect(breakerSignal(outcome('succeeded'))).toBe('success');
    expect(breakerSignal(outcome('failed_transient'))).toBe('failure');
    expect(breakerSignal(outcome('failed_transient', CIRCUIT_OPEN))).toBeUndefined();
    expect(breakerSignal(outcome('superseded'))).toBeUndefined();
    expect(breakerSignal(outcome('failed_permanent'))).toBe('success');
  });

  it('never count an answer that did not come from the target', () => {
    // A WMS re-send answered "duplicate" during an outage must not close a half-open breaker.
    expect(breakerSignal(outcome('duplicate'))).toBeUndefined();
    expect(breakerSignal(outcome('duplicate', 'HTTP_503', true))).toBeUndefined();
    // Ownership refusals and "failed permanently before" are decided without a call.
    expect(breakerSignal(outcome('failed_permanent', 'SOURCE_NOT_OWNER', false))).toBeUndefined();
    expect(breakerSignal(outcome('failed_transient', 'WRITE_HELD', false))).toBeUndefined();
    expect(breakerSignal(outcome('succeeded', 'HTTP_503', false))).toBeUndefined();
    // A change request asking for no change is decided against the owner's known value.
    expect(breakerSignal(outcome('no_change', 'HTTP_503', false))).toBeUndefined();
    expect(breakerSignal(outcome('no_change', 'HTTP_503', true))).toBeUndefined();
  });
});
