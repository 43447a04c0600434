/**
 * Consumes the retry topics: each failed write becomes one schedule row, a slice of a
 * partition at a time in one transaction (insert, then the runner commits the offsets, so
 * nothing is lost; the unique key makes a second consumption of the same message a no-op).
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
import { lockBreakers, pausedSinceMany } from '../store/breaker-store';
import { insertScheduleRows, type NewScheduleRow } from '../store/schedule-store';
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
    /**
     * This process's loop of a target that got rows, after the commit: found at once even if
     * the notice (the other replicas' wake) is lost on a silently dead LISTEN connection.
     */
    private readonly wakeLocal: (target: string) => void = () => undefined,
  ) {}

  /**
   * A slice of a retry topic's partition (up to the runner's commitEvery.messages) in one
   * transaction: the targets' breaker rows are taken FOR KEY SHARE in name order in one
   * statement (an ending outage's FOR UPDATE waits for it, so no row misses the shift; claims
   * are not blocked; replicas never deadlock), the paused time of every retry read in one
   * statement, every row inserted in one (ON CONFLICT DO NOTHING: a message consumed again
   * is a no-op). The runner commits the offsets only after the transaction: a crash loses
   * nothing, and the slice again inserts nothing twice.
   *
   * A consumer span per retry, child of the context the message carries; the row keeps this
   * span's traceparent, so the redelivery continues the same trace from here. The spans nest
   * (each keeps its own parent), so each lasts until the slice's transaction is over.
   */
  readonly handleBatch = (
    messages: readonly ConsumedMessage<Buffer, RetryHeaders>[],
  ): Promise<void> => this.inSpans(messages, []);

  private inSpans(
    messages: readonly ConsumedMessage<Buffer, RetryHeaders>[],
    headers: Readonly<Record<string, string>>[],
  ): Promise<void> {
    const message = messages[headers.length];
    if (message === undefined) return this.schedule(messages, headers);
    return inConsumerSpan(
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
        this.inSpans(messages, [
          ...headers,
          headersWithTraceparent(message.rawHeaders, traceparentOfSpan(span)),
        ]),
    );
  }

  private async schedule(
    messages: readonly ConsumedMessage<Buffer, RetryHeaders>[],
    headers: readonly Readonly<Record<string, string>>[],
  ): Promise<void> {
    const retries = messages.flatMap((message, index) => {
      const target = this.targetOfTopic.get(message.topic);
      const policy = target === undefined ? undefined : this.policies.targets.get(target);
      return target === undefined || policy === undefined
        ? []
        : [{ message, target, policy, headers: headers[index] ?? message.rawHeaders }];
    });
    if (retries.length === 0) return;
    const now = this.clock.now();
    const scheduled = await this.dataSource.transaction(async (manager) => {
      // Shares the lock an ending outage takes, so no row misses the shift it brings.
      await lockBreakers(manager, [...new Set(retries.map((retry) => retry.target))], 'intake');
      // The schedule runs from the first real failure (operator holds spent no time of it).
      const bases = retries.map((retry) => scheduleBasis(retry.message.headers.context));
      const clocked = this.policies.pauseClockWhenOpen
        ? retries.flatMap((retry, index) =>
            retry.message.headers.operatorRetry === undefined
              ? [{ index, target: retry.target, since: bases[index]?.firstFailureAt ?? 0 }]
              : [],
          )
        : [];
      const pausedOf = new Map<number, number>();
      const paused = await pausedSinceMany(manager, clocked);
      clocked.forEach((entry, at) => pausedOf.set(entry.index, paused[at] ?? 0));
      const rows = retries.map((retry, index): NewScheduleRow => {
        const { message, target, policy } = retry;
        const { context, eventId, operatorRetry } = message.headers;
        const { firstFailureAt, attempts: step } = bases[index] ?? scheduleBasis(context);
        const placement =
          operatorRetry === undefined
            ? placeRetry(policy.schedule, context, pausedOf.get(index) ?? 0, now)
            : placeOperatorRetry(context, now);
        return {
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
          headers: retry.headers,
          consumedFrom: {
            topic: message.topic,
            partition: message.partition,
            offset: message.offset,
          },
        };
      });
      const inserted = await insertScheduleRows(manager, rows);
      rows.forEach((row, index) => {
        this.logger.debug(
          {
            target: row.target,
            eventId: row.eventId,
            attempts: row.attempts,
            operatorRetry: row.operatorRetry === '' ? undefined : row.operatorRetry,
            kind: row.kind,
            dueAt: row.dueAt,
            inserted: inserted[index],
          },
          inserted[index] === true ? 'retry scheduled' : 'retry already scheduled',
        );
      });
      return new Set(rows.filter((_, index) => inserted[index] === true).map((row) => row.target));
    });
    for (const target of scheduled) this.wakeLocal(target);
  }
}
