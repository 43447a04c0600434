/**
 * The decision for one consumed event, identical for every target: ownership, idempotency,
 * stale-write guard, breaker, rate limit, crash-window lookup, the write, and where the
 * event goes afterwards. Every effect (outcome, retry, dead letter) is published before the
 * store is told, so a crash in between repeats work and never loses it. A throw means
 * "infrastructure": the consumer runner retries the same message in place.
 */
import { writeSemanticsOf } from '@hub/contracts';
import { deliveryAttempt } from '@hub/delivery-protocol';
import {
  IdempotencyError,
  type BeginAnswer,
  type IdempotencyStore,
  type JsonValue,
  type Proceed,
} from '@hub/idempotency';
import type { MessageSender } from '@hub/messaging';
import type { HubMetrics, Logger } from '@hub/observability';
import type { OwnershipPolicy } from '@hub/ownership';
import {
  PermanentError,
  TransientError,
  classifyError,
  toErrorRecord,
  type Clock,
} from '@hub/resilience';
import type { WriteAdapter, WriteContext, WriteResult } from '../adapter/erp-adapter';
import type { Delivery, DeliveryRecords } from './delivery-records';
import {
  assertNotAborted,
  isAnotherReceiversEvent,
  refusalRecord,
  targetReferenceOf,
} from './write-verdicts';
import type { TargetGate } from './target-gate';
import { WriteEffects, type WriteLabel } from './write-effects';

export type WriteStore = Pick<
  IdempotencyStore,
  'begin' | 'complete' | 'fail' | 'release' | 'reopen'
> &
  // Optional so scripted stores of single-step tests need not fake it.
  Partial<Pick<IdempotencyStore, 'recordStep'>>;

export { PREVIOUSLY_FAILED_PERMANENTLY, type WriteLabel } from './write-effects';

export interface WritePipelineDeps {
  readonly target: string;
  readonly adapter: WriteAdapter;
  readonly policy: Pick<OwnershipPolicy, 'writeVerdict'>;
  readonly store: WriteStore;
  readonly gate: Pick<TargetGate, 'call'>;
  readonly records: DeliveryRecords;
  readonly sender: MessageSender;
  readonly clock: Clock;
  readonly leaseOwner: string;
  readonly leaseMs: number;
  readonly metrics: Pick<HubMetrics, 'connectorWrites' | 'endToEndSeconds'>;
  readonly logger: Logger;
}

/** Someone else holds a live lease on this write: wait for it, in place. */
export const WRITE_IN_FLIGHT_ELSEWHERE = 'WRITE_IN_FLIGHT_ELSEWHERE';
/** Another write of the same record is running (any flow, any replica): wait for it, in place. */
export const RECORD_BUSY = 'RECORD_BUSY';
/** A newer write of the same record is in doubt: this older one waits on the retry queue. */
export const WRITE_HELD_BY_IN_DOUBT = 'WRITE_HELD_BY_IN_DOUBT';

export class WritePipeline {
  private readonly effects: WriteEffects;

  constructor(private readonly deps: WritePipelineDeps) {
    this.effects = new WriteEffects(deps);
  }

  async handle(delivery: Delivery, signal: AbortSignal): Promise<WriteLabel> {
    const label = await this.decide(delivery, signal);
    const { target, metrics, clock } = this.deps;
    const { entityType, sourceVersion, publishedAt } = delivery.event;
    metrics.connectorWrites.inc({ target, entity_type: entityType, outcome: label });
    if (label === 'succeeded') {
      const now = clock.now();
      const since = { target, entity_type: entityType };
      // A source clock ahead of ours would give a negative age: counted as zero, not dropped.
      metrics.endToEndSeconds.observe(
        { ...since, from: 'source-change' },
        Math.max(0, now - sourceVersion) / 1000,
      );
      metrics.endToEndSeconds.observe(
        { ...since, from: 'hub-accepted' },
        Math.max(0, now - publishedAt) / 1000,
      );
    }
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
    const ownership = this.deps.policy.writeVerdict(target, event);
    if (!ownership.allowed) {
      if (isAnotherReceiversEvent(ownership)) return 'out-of-scope';
      await this.effects.deadLetter(delivery, attempt, refusalRecord(ownership));
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
        arrivalOrder: delivery.arrivalOrder,
        semantics: writeSemanticsOf(event.entityType),
        leaseOwner: this.deps.leaseOwner,
        leaseMs: this.deps.leaseMs,
      });
    } catch (error) {
      // An event the store refuses outright (e.g. a negative source version) would fail forever in place.
      if (!(error instanceof IdempotencyError) || error.retriable) throw error;
      await this.effects.deadLetter(
        delivery,
        attempt,
        toErrorRecord(new PermanentError(error.code, error.message)),
      );
      return 'dead-lettered';
    }
    assertNotAborted(signal);
    switch (answer.kind) {
      case 'already-done':
        await this.effects.send([
          this.deps.records.outcome(delivery, {
            outcome: 'duplicate',
            attempt,
            targetReference: targetReferenceOf(answer.result),
            targetCalled: false,
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
        await this.effects.send([
          this.deps.records.outcome(delivery, {
            outcome: 'superseded',
            attempt,
            targetCalled: false,
          }),
        ]);
        return 'superseded';
      case 'record-busy':
        throw new TransientError(
          RECORD_BUSY,
          `${event.entityKey} is being written by ${answer.correlationId} at ${answer.leaseOwner} until ${new Date(answer.leaseExpiresAt).toISOString()}`,
        );
      case 'held-by-in-doubt':
        // Not in place: the doubt is resolved by that write's own retry, which may take a while.
        return this.effects.retryLater(
          delivery,
          attempt,
          new TransientError(
            WRITE_HELD_BY_IN_DOUBT,
            `Held back: the newer write ${answer.correlationId} (source version ${answer.version}) of ${event.entityKey} may have reached ${target}; this older one waits until that is resolved`,
          ),
          { holdsLease: false, targetCalled: false },
        );
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
        return this.effects.failedBefore(delivery, attempt, answer.error);
      case 'proceed':
        return this.write(delivery, attempt, answer, signal);
    }
  }

  private async write(
    delivery: Delivery,
    attempt: number,
    lease: Proceed,
    signal: AbortSignal,
  ): Promise<WriteLabel> {
    const { event } = delivery;
    const { target, store, leaseOwner } = this.deps;
    const context: WriteContext = {
      correlationId: event.correlationId,
      attempt,
      signal,
      completedSteps: lease.completedSteps,
      recordStep: store.recordStep?.bind(store, target, event.correlationId, leaseOwner),
    };
    const { adapter, gate } = this.deps;
    let result: WriteResult | undefined;
    // The gate runs the work only when the breaker and the token bucket let the call happen.
    let targetCalled = false;
    const calling =
      <T>(work: () => Promise<T>) =>
      () => {
        targetCalled = true;
        return work();
      };
    try {
      // Anything but a first lease may follow a write the target accepted but the hub never recorded.
      if (lease.attempt > 1 || attempt > 1) {
        result = await gate.call(
          'find-prior-write',
          calling(() => adapter.findPriorWrite(event, context)),
          signal,
        );
        if (result !== undefined)
          this.deps.logger.info(
            { correlationId: event.correlationId, targetReference: result.targetReference },
            'Found a prior write of this event in the target; not writing again',
          );
      }
      result ??= await gate.call(
        'apply',
        calling(() => adapter.apply(event, context)),
        signal,
      );
    } catch (error) {
      assertNotAborted(signal);
      const failure = classifyError(error);
      if (failure.retriable)
        return this.effects.retryLater(delivery, attempt, failure, {
          holdsLease: true,
          targetCalled,
        });
      await this.effects.deadLetter(delivery, attempt, toErrorRecord(failure), {
        holdsLease: true,
        targetCalled,
      });
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
    await this.effects.send([
      this.deps.records.outcome(delivery, {
        outcome: 'succeeded',
        attempt,
        targetReference: result.targetReference,
        targetCalled: true,
      }),
    ]);
    return 'succeeded';
  }
}
