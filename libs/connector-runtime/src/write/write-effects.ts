/**
 * Where a write goes after the decision, for every target alike: the retry topic, the
 * dead-letter topic, the outcome, and the store told afterwards. Every effect is published
 * before the store is told, so a crash in between repeats work and never loses it.
 */
import { recordFailure, traceparentHeader } from '@hub/delivery-protocol';
import { IdempotencyError, type IdempotencyStore, type JsonValue } from '@hub/idempotency';
import type { MessageSender, OutgoingMessage } from '@hub/messaging';
import { SpanKind, activeOr, inSpan, traceparentOfSpan, type Logger } from '@hub/observability';
import { TransientError, toErrorRecord, type Clock, type ErrorRecord } from '@hub/resilience';
import type { Delivery, DeliveryRecords } from './delivery-records';
import { describeRecordedError } from './write-verdicts';

/** The `outcome` label of hub_connector_writes_total. */
export type WriteLabel =
  | 'succeeded'
  | 'duplicate'
  | 'superseded'
  | 'retry'
  | 'dead-lettered'
  | 'rejected'
  | 'out-of-scope';

/** A redelivered write the store remembers as failed permanently. */
export const PREVIOUSLY_FAILED_PERMANENTLY = 'PREVIOUSLY_FAILED_PERMANENTLY';

/** What an attempt held and did: a lease to settle in the store, a call the target saw. */
export interface AttemptFacts {
  readonly holdsLease: boolean;
  readonly targetCalled: boolean;
}

export interface WriteEffectsDeps {
  readonly target: string;
  readonly store: Pick<IdempotencyStore, 'fail' | 'release'>;
  readonly records: DeliveryRecords;
  readonly sender: MessageSender;
  readonly clock: Clock;
  readonly leaseOwner: string;
  readonly logger: Logger;
}

export class WriteEffects {
  constructor(private readonly deps: WriteEffectsDeps) {}

  async retryLater(
    delivery: Delivery,
    attempt: number,
    error: unknown,
    { holdsLease, targetCalled }: AttemptFacts,
  ): Promise<WriteLabel> {
    const failure = toErrorRecord(error);
    const retryAfterMs = error instanceof TransientError ? error.retryAfterMs : undefined;
    const context = recordFailure(delivery.retry, this.deps.target, {
      failure,
      at: this.deps.clock.now(),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
    await this.sendTraced('connector.retry', delivery, attempt, (traceparent) => [
      this.deps.records.retry(delivery, context, traceparent),
      this.deps.records.outcome(
        delivery,
        { outcome: 'failed_transient', attempt, failure, targetCalled },
        traceparent,
      ),
    ]);
    this.deps.logger.warn(
      { correlationId: delivery.event.correlationId, code: failure.code, attempt },
      `Write to ${this.deps.target} failed transiently; sent to the retry topic: ${failure.message}`,
    );
    if (holdsLease)
      await this.finish(delivery, () =>
        this.deps.store.release(
          this.deps.target,
          delivery.event.correlationId,
          this.deps.leaseOwner,
          {
            ...failure,
          },
        ),
      );
    return 'retry';
  }

  /** Dead-letters the delivery; `holdsLease` says whether the store must record the failure. */
  async deadLetter(
    delivery: Delivery,
    attempt: number,
    failure: ErrorRecord,
    { holdsLease, targetCalled }: AttemptFacts = { holdsLease: false, targetCalled: false },
  ): Promise<void> {
    const context = recordFailure(delivery.retry, this.deps.target, {
      failure,
      at: this.deps.clock.now(),
    });
    await this.sendTraced('connector.dead-letter', delivery, attempt, (traceparent) => [
      this.deps.records.deadLetter(delivery, context, traceparent),
      this.deps.records.outcome(
        delivery,
        { outcome: 'failed_permanent', attempt, failure, targetCalled },
        traceparent,
      ),
    ]);
    this.deps.logger.error(
      { correlationId: delivery.event.correlationId, code: failure.code, attempt },
      `Write to ${this.deps.target} failed permanently; dead-lettered: ${failure.message}`,
    );
    if (holdsLease)
      await this.finish(delivery, () =>
        this.deps.store.fail(this.deps.target, delivery.event.correlationId, this.deps.leaseOwner, {
          ...failure,
        }),
      );
  }

  /**
   * The store says it failed permanently before, so its dead letter exists. A plain repeat
   * only reports the outcome; a redelivery that could not reopen the record (another worker
   * changed it meanwhile) is dead-lettered again so the operator sees why it did not go through.
   */
  async failedBefore(
    delivery: Delivery,
    attempt: number,
    recorded: JsonValue,
  ): Promise<WriteLabel> {
    const previous = describeRecordedError(recorded);
    const failure: ErrorRecord = {
      code: PREVIOUSLY_FAILED_PERMANENTLY,
      errorClass: 'permanent',
      message: `This write failed permanently before (${previous}); the idempotency store keeps that answer`,
      httpStatus: null,
    };
    if (delivery.retry === undefined) {
      await this.send([
        this.deps.records.outcome(delivery, {
          outcome: 'failed_permanent',
          attempt,
          failure,
          targetCalled: false,
        }),
      ]);
      return 'duplicate';
    }
    await this.deadLetter(delivery, attempt, failure);
    return 'dead-lettered';
  }

  /** Lease bookkeeping after the effect is published: losing the lease only means another worker decides. */
  async finish(delivery: Delivery, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof IdempotencyError) || error.code !== 'IDEMPOTENCY_LEASE_NOT_HELD')
        throw error;
      this.deps.logger.warn(
        { correlationId: delivery.event.correlationId },
        'Lease lost before the failure was recorded; the current holder decides',
      );
    }
  }

  /**
   * Sends what `build` makes under a producer span (child of the consumer's span, or of the
   * delivery's traceparent when tracing is off), each message carrying that span's traceparent.
   */
  sendTraced(
    name: string,
    delivery: Delivery,
    attempt: number,
    build: (traceparent: string | undefined) => readonly OutgoingMessage[],
  ): Promise<void> {
    const { event, message } = delivery;
    return inSpan(
      name,
      {
        kind: SpanKind.PRODUCER,
        parent: activeOr(traceparentHeader(message.rawHeaders)),
        attributes: {
          'hub.target': this.deps.target,
          'hub.correlation_id': event.correlationId,
          'hub.attempt': attempt,
        },
      },
      (span) => this.send(build(traceparentOfSpan(span))),
    );
  }

  send(messages: readonly OutgoingMessage[]): Promise<void> {
    return this.deps.sender.send(messages);
  }
}
