/**
 * The decision for one consumed event, identical for every target: ownership, idempotency,
 * stale-write guard, breaker, rate limit, crash-window lookup, the write, and where the
 * event goes afterwards. Every effect (outcome, retry, dead letter) is published before the
 * store is told, so a crash in between repeats work and never loses it. A throw means
 * "infrastructure": the consumer runner retries the same message in place.
 */
import { deliveryAttempt, recordFailure } from '@hub/delivery-protocol';
import {
  IdempotencyError,
  type BeginAnswer,
  type IdempotencyStore,
  type JsonValue,
} from '@hub/idempotency';
import type { MessageSender, OutgoingMessage } from '@hub/messaging';
import type { HubMetrics, Logger } from '@hub/observability';
import type { OwnershipPolicy } from '@hub/ownership';
import {
  PermanentError,
  TransientError,
  classifyError,
  toErrorRecord,
  type Clock,
  type ErrorRecord,
} from '@hub/resilience';
import type { WriteAdapter, WriteContext, WriteResult } from '../adapter/erp-adapter';
import type { Delivery, DeliveryRecords } from './delivery-records';
import {
  assertNotAborted,
  describeRecordedError,
  policyRefusal,
  sourceRefusal,
  targetReferenceOf,
} from './write-verdicts';
import type { TargetGate } from './target-gate';

export type WriteStore = Pick<
  IdempotencyStore,
  'begin' | 'complete' | 'fail' | 'release' | 'reopen'
>;

/** The `outcome` label of hub_connector_writes_total. */
export type WriteLabel =
  'succeeded' | 'duplicate' | 'superseded' | 'retry' | 'dead-lettered' | 'rejected';

export interface WritePipelineDeps {
  readonly target: string;
  readonly adapter: WriteAdapter;
  readonly policy: Pick<OwnershipPolicy, 'mayWrite' | 'ownerOf'>;
  readonly store: WriteStore;
  readonly gate: Pick<TargetGate, 'call'>;
  readonly records: DeliveryRecords;
  readonly sender: MessageSender;
  readonly clock: Clock;
  readonly leaseOwner: string;
  readonly leaseMs: number;
  readonly metrics: Pick<HubMetrics, 'connectorWrites'>;
  readonly logger: Logger;
}

/** Someone else holds a live lease on this write: wait for it, in place. */
export const WRITE_IN_FLIGHT_ELSEWHERE = 'WRITE_IN_FLIGHT_ELSEWHERE';
/** A redelivered write the store remembers as failed permanently. */
export const PREVIOUSLY_FAILED_PERMANENTLY = 'PREVIOUSLY_FAILED_PERMANENTLY';

export class WritePipeline {
  constructor(private readonly deps: WritePipelineDeps) {}

  async handle(delivery: Delivery, signal: AbortSignal): Promise<WriteLabel> {
    const label = await this.decide(delivery, signal);
    this.deps.metrics.connectorWrites.inc({
      target: this.deps.target,
      entity_type: delivery.event.entityType,
      outcome: label,
    });
    return label;
  }

  private async decide(
    delivery: Delivery,
    signal: AbortSignal,
    reopened = false,
  ): Promise<WriteLabel> {
    const { event } = delivery;
    const { target, store } = this.deps;
    const attempt = deliveryAttempt(delivery.retry);
    if (!this.deps.policy.mayWrite(target, event.entityType)) {
      await this.deadLetter(
        delivery,
        attempt,
        policyRefusal(this.deps.target, this.deps.policy, delivery.event.entityType),
      );
      return 'rejected';
    }
    const notFromOwner = sourceRefusal(this.deps.policy, event.entityType, event.sourceSystem);
    if (notFromOwner !== undefined) {
      await this.deadLetter(delivery, attempt, notFromOwner);
      return 'rejected';
    }
    let answer: BeginAnswer;
    try {
      answer = await store.begin({
        target,
        correlationId: event.correlationId,
        entityType: event.entityType,
        entityKey: event.entityKey,
        sourceVersion: event.sourceVersion,
        leaseOwner: this.deps.leaseOwner,
        leaseMs: this.deps.leaseMs,
      });
    } catch (error) {
      // An event the store refuses outright (e.g. a negative source version) would fail forever in place.
      if (!(error instanceof IdempotencyError) || error.retriable) throw error;
      await this.deadLetter(
        delivery,
        attempt,
        toErrorRecord(new PermanentError(error.code, error.message)),
      );
      return 'dead-lettered';
    }
    assertNotAborted(signal);
    switch (answer.kind) {
      case 'already-done':
        await this.send([
          this.deps.records.outcome(delivery, {
            outcome: 'duplicate',
            attempt,
            targetReference: targetReferenceOf(answer.result),
          }),
        ]);
        return 'duplicate';
      case 'superseded':
        this.deps.logger.info(
          {
            correlationId: event.correlationId,
            entityKey: event.entityKey,
            appliedVersion: answer.appliedVersion,
          },
          'Older than the version already applied: superseded',
        );
        await this.send([this.deps.records.outcome(delivery, { outcome: 'superseded', attempt })]);
        return 'superseded';
      case 'in-flight-elsewhere':
        throw new TransientError(
          WRITE_IN_FLIGHT_ELSEWHERE,
          `Write ${event.correlationId} is in flight at ${answer.leaseOwner} until ${new Date(answer.leaseExpiresAt).toISOString()}`,
        );
      case 'failed-permanently':
        // Only a redelivery carries a retry context, and permanent failures are never retried
        // automatically: this is an operator's retry after fixing the cause, so it gets a real attempt.
        if (
          delivery.retry !== undefined &&
          !reopened &&
          (await store.reopen(target, event.correlationId))
        )
          return this.decide(delivery, signal, true);
        return this.failedBefore(delivery, attempt, answer.error);
      case 'proceed':
        return this.write(delivery, attempt, answer.attempt, signal);
    }
  }

  private async write(
    delivery: Delivery,
    attempt: number,
    leaseAttempt: number,
    signal: AbortSignal,
  ): Promise<WriteLabel> {
    const { event } = delivery;
    const context: WriteContext = { correlationId: event.correlationId, attempt, signal };
    const { adapter, gate } = this.deps;
    let result: WriteResult | undefined;
    try {
      // Anything but a first lease may follow a write the target accepted but the hub never recorded.
      if (leaseAttempt > 1 || attempt > 1) {
        result = await gate.call(
          'find-prior-write',
          () => adapter.findPriorWrite(event, context),
          signal,
        );
        if (result !== undefined)
          this.deps.logger.info(
            { correlationId: event.correlationId, targetReference: result.targetReference },
            'Found a prior write of this event in the target; not writing again',
          );
      }
      result ??= await gate.call('apply', () => adapter.apply(event, context), signal);
    } catch (error) {
      assertNotAborted(signal);
      const failure = classifyError(error);
      if (failure.retriable) return this.retryLater(delivery, attempt, failure);
      await this.deadLetter(delivery, attempt, toErrorRecord(failure), true);
      return 'dead-lettered';
    }
    assertNotAborted(signal);
    const stored: JsonValue = { targetReference: result.targetReference };
    const completed = await this.deps.store.complete(
      this.deps.target,
      event.correlationId,
      this.deps.leaseOwner,
      stored,
    );
    if (!completed.guardAdvanced)
      this.deps.logger.warn(
        {
          correlationId: event.correlationId,
          entityKey: event.entityKey,
          appliedVersion: completed.appliedVersion,
        },
        'A newer version was applied while this write was in flight; the target may now hold older data',
      );
    await this.send([
      this.deps.records.outcome(delivery, {
        outcome: 'succeeded',
        attempt,
        targetReference: result.targetReference,
      }),
    ]);
    return 'succeeded';
  }

  private async retryLater(
    delivery: Delivery,
    attempt: number,
    error: unknown,
  ): Promise<WriteLabel> {
    const failure = toErrorRecord(error);
    const retryAfterMs = error instanceof TransientError ? error.retryAfterMs : undefined;
    const context = recordFailure(delivery.retry, this.deps.target, {
      failure,
      at: this.deps.clock.now(),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
    await this.send([
      this.deps.records.retry(delivery, context),
      this.deps.records.outcome(delivery, { outcome: 'failed_transient', attempt, failure }),
    ]);
    this.deps.logger.warn(
      { correlationId: delivery.event.correlationId, code: failure.code, attempt },
      `Write to ${this.deps.target} failed transiently; sent to the retry topic: ${failure.message}`,
    );
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
  private async deadLetter(
    delivery: Delivery,
    attempt: number,
    failure: ErrorRecord,
    holdsLease = false,
  ): Promise<void> {
    const context = recordFailure(delivery.retry, this.deps.target, {
      failure,
      at: this.deps.clock.now(),
    });
    await this.send([
      this.deps.records.deadLetter(delivery, context),
      this.deps.records.outcome(delivery, { outcome: 'failed_permanent', attempt, failure }),
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
  private async failedBefore(
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
        this.deps.records.outcome(delivery, { outcome: 'failed_permanent', attempt, failure }),
      ]);
      return 'duplicate';
    }
    await this.deadLetter(delivery, attempt, failure);
    return 'dead-lettered';
  }

  /** Lease bookkeeping after the effect is published: losing the lease only means another worker decides. */
  private async finish(delivery: Delivery, work: () => Promise<void>): Promise<void> {
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

  private send(messages: readonly OutgoingMessage[]): Promise<void> {
    return this.deps.sender.send(messages);
  }
}
