/**
 * One change request to the owner's endpoints, once per correlation id. The idempotency
 * store decides (target `<system>-change-requests`, additive: every request is delivered
 * once whatever the order, none supersedes another): a request already delivered is
 * answered `duplicate` and not sent again, a redelivered one that failed for good is
 * reopened only on an operator's retry. Then the owner's current value is looked up; a
 * proposal that equals it (proposal-change.ts) asks nothing and is not sent: verdict
 * `no-change`, published as outcome `no_change` with the target not called, and completed
 * in the store, so a redelivery answers it again rather than sending it. Otherwise the
 * body is signed and POSTed like any delivery, and the answer routed like any write: success
 * → outcome `succeeded`; transient → the retry topic and `failed_transient`; permanent →
 * the dead-letter topic and `failed_permanent`. Messages are published before the store is
 * told, so a crash in between repeats (the receiver deduplicates on webhook-id), never loses.
 * The retry, dead letter and outcome are the runtime's DeliveryRecords, so they carry the
 * request's trace like a canonical event's; each verdict is counted in hub_change_requests_total.
 */
import { DeliveryRecords, type EnvelopeDelivery } from '@hub/connector-runtime';
import { deliveryAttempt, recordFailure, type RetryContext } from '@hub/delivery-protocol';
import type { IdempotencyStore } from '@hub/idempotency';
import type { MessageSender } from '@hub/messaging';
import type { HubMetrics, Logger } from '@hub/observability';
import { TransientError, toErrorRecord, type Clock } from '@hub/resilience';
import type { EndpointConfig } from '../app/endpoints-setting';
import type { HttpWriteAdapter } from '../delivery/http-write-adapter';
import { changeRequestBody, parsedProposal } from './change-request-body';
import type { LedgerRow, OwnerLedger } from '@hub/reconciliation';
import type { ChangeRequestEvent } from '@hub/contracts';
import { currentOwnerState, type RequesterRecords } from './owner-state';
import { proposalVerdict } from './proposal-change';

/** The store's result of a request completed without a delivery: its redeliveries say so again. */
const NO_CHANGE_RESULT = { noChange: true } as const;

function isNoChangeResult(result: unknown): boolean {
  return typeof result === 'object' && result !== null && 'noChange' in result;
}

/** One consumed change request on its way to the owner. */
export interface ChangeRequestDelivery extends EnvelopeDelivery<ChangeRequestEvent> {
  /** Undefined on a first delivery; read from the hub's headers only on the redelivery topic. */
  readonly retry: RetryContext | undefined;
}

export type ChangeRequestVerdict =
  'delivered' | 'no-change' | 'duplicate' | 'retry' | 'dead-lettered' | 'not-ours';

export interface ChangeRequestDeliveryDeps {
  readonly system: string;
  readonly target: string;
  readonly endpoints: readonly EndpointConfig[];
  readonly http: Pick<HttpWriteAdapter, 'deliverTo'>;
  readonly store: Pick<IdempotencyStore, 'begin' | 'complete' | 'fail' | 'release' | 'reopen'>;
  readonly ledger: Pick<OwnerLedger, 'entries'>;
  readonly requesterRecords: Pick<RequesterRecords, 'ownerKeyOf'>;
  readonly records: DeliveryRecords;
  readonly sender: MessageSender;
  readonly clock: Clock;
  readonly leaseOwner: string;
  readonly leaseMs: number;
  readonly logger: Logger;
  readonly metrics: Pick<HubMetrics, 'changeRequests'>;
}

export class ChangeRequestDeliverer {
  constructor(private readonly deps: ChangeRequestDeliveryDeps) {}

  /** Throws (the consumer retries in place) only when no verdict was reached: those are not counted. */
  async deliver(
    delivery: ChangeRequestDelivery,
    signal: AbortSignal,
  ): Promise<ChangeRequestVerdict> {
    const verdict = await this.decide(delivery, signal);
    this.deps.metrics.changeRequests.inc({ target: this.deps.target, outcome: verdict });
    return verdict;
  }

  private async decide(
    delivery: ChangeRequestDelivery,
    signal: AbortSignal,
  ): Promise<ChangeRequestVerdict> {
    const { event: request } = delivery;
    // The topic carries every owner's requests; another owner's connector delivers those.
    if (request.payload.ownerSystem !== this.deps.system) return 'not-ours';
    const { target, leaseOwner, store } = this.deps;
    const attempt = deliveryAttempt(delivery.retry);
    const begin = () =>
      store.begin({
        target,
        correlationId: request.correlationId,
        entityType: request.entityType,
        entityKey: request.entityKey,
        sourceVersion: request.sourceVersion,
        semantics: 'additive',
        leaseOwner,
        leaseMs: this.deps.leaseMs,
      });
    let answer = await begin();
    // An operator's retry from the DLQ reopens a request that failed for good.
    if (
      answer.kind === 'failed-permanently' &&
      delivery.retry !== undefined &&
      (await store.reopen(target, request.correlationId))
    )
      answer = await begin();
    switch (answer.kind) {
      case 'proceed':
        return this.sendHoldingLease(delivery, attempt, signal);
      case 'already-done':
      case 'superseded':
        await this.deps.sender.send([
          this.deps.records.outcome(delivery, {
            // Judged no-change before: the reviewer keeps showing it so, not as delivered.
            outcome:
              answer.kind === 'already-done' && isNoChangeResult(answer.result)
                ? 'no_change'
                : 'duplicate',
            attempt,
            targetCalled: false,
          }),
        ]);
        return 'duplicate';
      case 'failed-permanently':
        // Its dead letter exists already; report, do not dead-letter twice.
        await this.deps.sender.send([
          this.deps.records.outcome(delivery, {
            outcome: 'failed_permanent',
            attempt,
            targetCalled: false,
            failure: {
              code: 'PREVIOUSLY_FAILED_PERMANENTLY',
              errorClass: 'permanent',
              message:
                'This change request failed permanently before; the idempotency store keeps that answer',
              httpStatus: null,
            },
          }),
        ]);
        return 'duplicate';
      default:
        // Another worker holds it: the consumer retries this message in place.
        throw new Error(
          `change request ${request.correlationId} is busy elsewhere (${answer.kind})`,
        );
    }
  }

  /** Kafka or Postgres failing mid-way: the lease is let go, so the in-place retry can begin again. */
  private async sendHoldingLease(
    delivery: ChangeRequestDelivery,
    attempt: number,
    signal: AbortSignal,
  ): Promise<ChangeRequestVerdict> {
    try {
      return await this.send(delivery, attempt, signal);
    } catch (error) {
      await this.deps.store
        .release(this.deps.target, delivery.event.correlationId, this.deps.leaseOwner)
        .catch(() => undefined);
      throw error;
    }
  }

  /** By the request's key, else by the owner's key of the requester's record (RequesterRecords). */
  private async currentOf(request: ChangeRequestEvent): Promise<LedgerRow | undefined> {
    const { ledger, system } = this.deps;
    const direct = await currentOwnerState(ledger, system, request.entityType, request.entityKey);
    if (direct !== undefined) return direct;
    const key = await this.deps.requesterRecords.ownerKeyOf(
      request.sourceSystem,
      request.entityType,
      request.sourceRecordId,
    );
    return key === undefined
      ? undefined
      : currentOwnerState(ledger, system, request.entityType, key);
  }

  private async send(
    delivery: ChangeRequestDelivery,
    attempt: number,
    signal: AbortSignal,
  ): Promise<ChangeRequestVerdict> {
    const { event: request } = delivery;
    const { records, sender, store, target, leaseOwner } = this.deps;
    const current = await this.currentOf(request);
    const proposed = parsedProposal(request.payload.canonicalProposalJson);
    if (proposalVerdict(request.entityType, proposed, current?.payload) === 'no-change') {
      await sender.send([
        records.outcome(delivery, { outcome: 'no_change', attempt, targetCalled: false }),
      ]);
      await store.complete(target, request.correlationId, leaseOwner, NO_CHANGE_RESULT);
      this.deps.logger.debug(
        {
          correlationId: request.correlationId,
          entityKey: request.entityKey,
          ownerKey: current?.entityKey,
        },
        `Change request not delivered to ${this.deps.system}: it proposes the owner's current value`,
      );
      return 'no-change';
    }
    const body = JSON.stringify(changeRequestBody(request, current));
    try {
      await this.deps.http.deliverTo(this.deps.endpoints, body, {
        correlationId: request.correlationId,
        signal,
      });
    } catch (error) {
      const failure = toErrorRecord(error);
      const retryAfterMs = error instanceof TransientError ? error.retryAfterMs : undefined;
      const context = recordFailure(delivery.retry, target, {
        failure,
        at: this.deps.clock.now(),
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      });
      const transient = failure.errorClass === 'transient';
      await sender.send([
        transient ? records.retry(delivery, context) : records.deadLetter(delivery, context),
        records.outcome(delivery, {
          outcome: transient ? 'failed_transient' : 'failed_permanent',
          attempt,
          targetCalled: true,
          failure,
        }),
      ]);
      this.deps.logger.warn(
        { correlationId: request.correlationId, code: failure.code, attempt },
        `Change request to ${this.deps.system} failed (${failure.errorClass}); ${transient ? 'sent to the retry topic' : 'dead-lettered'}: ${failure.message}`,
      );
      if (transient) await store.release(target, request.correlationId, leaseOwner, { ...failure });
      else await store.fail(target, request.correlationId, leaseOwner, { ...failure });
      return transient ? 'retry' : 'dead-lettered';
    }
    await sender.send([
      records.outcome(delivery, { outcome: 'succeeded', attempt, targetCalled: true }),
    ]);
    await store.complete(target, request.correlationId, leaseOwner, null);
    this.deps.logger.info(
      { correlationId: request.correlationId, entityKey: request.entityKey, attempt },
      `Change request delivered to ${this.deps.system}`,
    );
    return 'delivered';
  }
}
