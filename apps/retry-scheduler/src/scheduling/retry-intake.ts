/**
 * Consumes the retry topics: each failed write becomes one schedule row (insert, then the
 * runner commits the offset, so nothing is lost; the unique key makes a second
 * consumption of the same message a no-op).
 */
import {
  headersWithTraceparent,
  readOperatorRetry,
  readRetryContext,
  RetryProtocolError,
  traceparentHeader,
  type RetryContext,
} from '@hub/delivery-protocol';
import { hubHeaderNames, type ConsumedMessage, type MessageDecoder } from '@hub/messaging';
import { inConsumerSpan, traceparentOfSpan, type Logger } from '@hub/observability';
import type { Clock } from '@hub/resilience';
import type { DataSource } from 'typeorm';
import type { SchedulerPolicies } from '../app/target-policies';
import { lockBreaker, pausedSince } from '../store/breaker-store';
import { insertScheduleRow } from '../store/schedule-store';
import { placeOperatorRetry, placeRetry, scheduleBasis } from './placement';

export interface RetryHeaders {
  readonly context: RetryContext;
  readonly eventId: string;
  /** Set on an operator's retry from the DLQ reviewer. */
  readonly operatorRetry: string | undefined;
}

/** Headers that are not a retry context, or a message without a value, are undecodable (raw to the DLQ). */
export const retryMessageDecoder: MessageDecoder<Buffer, RetryHeaders> = {
  headers(raw) {
    const context = readRetryContext(raw);
    const eventId = raw[hubHeaderNames.eventId];
    if (context === undefined || eventId === undefined)
      throw new RetryProtocolError(
        `A message on a retry topic needs ${hubHeaderNames.attempt} and ${hubHeaderNames.eventId}`,
      );
    return { context, eventId, operatorRetry: readOperatorRetry(raw) };
  },
  value(bytes) {
    if (bytes === null) throw new RetryProtocolError('A message on a retry topic needs a value');
    return bytes;
  },
};

export class RetryIntake {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: SchedulerPolicies,
    private readonly targetOfTopic: ReadonlyMap<string, string>,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /**
   * A consumer span per retry, child of the context the message carries; the row keeps this
   * span's traceparent, so the redelivery continues the same trace from here.
   */
  readonly handle = (message: ConsumedMessage<Buffer, RetryHeaders>): Promise<void> =>
    inConsumerSpan(
      'scheduler.intake',
      {
        traceparent: traceparentHeader(message.rawHeaders),
        attributes: {
          'messaging.system': 'kafka',
          'messaging.destination.name': message.topic,
          'hub.event_id': message.headers.eventId,
          'hub.attempt': message.headers.context.attempts,
        },
      },
      (span) =>
        this.schedule(message, headersWithTraceparent(message.rawHeaders, traceparentOfSpan(span))),
    );

  private async schedule(
    message: ConsumedMessage<Buffer, RetryHeaders>,
    headers: Readonly<Record<string, string>>,
  ): Promise<void> {
    const target = this.targetOfTopic.get(message.topic);
    const policy = target === undefined ? undefined : this.policies.targets.get(target);
    if (target === undefined || policy === undefined) return;
    const { context, eventId, operatorRetry } = message.headers;
    const now = this.clock.now();
    // The schedule runs from the first real failure (operator holds spent no time of it).
    const { firstFailureAt, attempts: step } = scheduleBasis(context);
    await this.dataSource.transaction(async (manager) => {
      // Shares the lock an ending outage takes, so this row cannot miss the shift it brings.
      await lockBreaker(manager, target, 'intake');
      const placement =
        operatorRetry === undefined
          ? placeRetry(
              policy.schedule,
              context,
              this.policies.pauseClockWhenOpen
                ? await pausedSince(manager, target, firstFailureAt)
                : 0,
              now,
            )
          : placeOperatorRetry(context, now);
      const inserted = await insertScheduleRow(manager, {
        target,
        eventId,
        attempts: context.attempts,
        step,
        kind: placement.kind,
        operatorRetry: operatorRetry ?? '',
        firstFailureAt,
        dueAt: placement.dueAt,
        enqueuedAt: now,
        key: message.key === null ? null : Buffer.from(message.key),
        value: message.value,
        headers,
        consumedFrom: {
          topic: message.topic,
          partition: message.partition,
          offset: message.offset,
        },
      });
      this.logger.debug(
        {
          target,
          eventId,
          attempts: context.attempts,
          operatorRetry,
          kind: placement.kind,
          dueAt: placement.dueAt,
          inserted,
        },
        inserted ? 'retry scheduled' : 'retry already scheduled',
      );
    });
  }
}
