/**
 * One loop per target and replica: claims due rows and hands them to the target's
 * connector. Every claim runs under the target's breaker row lock, so the breaker state,
 * the probe in flight and the drain bucket are decided once for all replicas:
 *   closed    → up to the drain bucket's whole tokens (and the batch size);
 *   half-open → one probe, none while a probe waits for its outcome (up to the probe timeout);
 *   open      → nothing.
 * Exhausted rows go to the DLQ regardless of the breaker: that is not a call to the target.
 * An operator's controls (hub.target-control.v1) come first: paused → nothing; breaker
 * forced open → nothing; forced closed → as closed (the drain bucket still applies).
 */
import type { EventIdentity } from '@hub/contracts';
import type { ControlSource } from '@hub/connector-runtime';
import {
  readRetryContext,
  redeliveryMessage,
  RetryProtocolError,
  withTraceparent,
} from '@hub/delivery-protocol';
import type { OutgoingMessage, Producer, SchemaRegistrySerde } from '@hub/messaging';
import { recordBreakerState, type HubMetrics } from '@hub/observability';
import { TokenBucket, type Clock } from '@hub/resilience';
import type { DataSource, EntityManager } from 'typeorm';
import type { SchedulerPolicies, TargetPolicy } from '../app/target-policies';
import { breakerStateAt } from '../breaker/breaker-record';
import { lockBreaker, saveBreaker } from '../store/breaker-store';
import { claimDueRows, markRowsDone, nextDueAt, type ClaimedRow } from '../store/schedule-store';
import { deadLetterMessages } from './dead-letter-sender';
import { sendTraced } from './traced-send';

export interface DispatcherDeps {
  readonly dataSource: DataSource;
  readonly producer: Producer;
  readonly serde: SchemaRegistrySerde;
  readonly policies: SchedulerPolicies;
  readonly metrics: HubMetrics;
  readonly clock: Clock;
  readonly identity: EventIdentity;
  readonly pollIntervalMs: number;
  /**
   * The longest wait when nothing is due yet: the idle check while this process hears of new
   * rows and breaker changes (DueListener), else the poll interval.
   */
  readonly quietMs: () => number;
  readonly batchSize: number;
  /** The operators' orders per target (the scheduler's ControlReader). */
  readonly controls: ControlSource;
}

function redelivery(row: ClaimedRow): OutgoingMessage {
  const context = readRetryContext(row.headers);
  if (context === undefined)
    throw new RetryProtocolError('A scheduled retry lost its retry headers');
  return redeliveryMessage({ key: row.key, value: row.value, rawHeaders: row.headers }, context);
}

export class TargetDispatcher {
  constructor(
    private readonly deps: DispatcherDeps,
    private readonly policy: TargetPolicy,
  ) {}

  /** One round; resolves with how long to wait before the next. */
  async dispatchOnce(): Promise<number> {
    await this.deadLetterDue();
    return this.redeliverDue();
  }

  private async deadLetterDue(): Promise<void> {
    const { dataSource, batchSize, producer, serde, identity, metrics, clock } = this.deps;
    const now = clock.now();
    await dataSource.transaction(async (manager) => {
      const rows = await claimDueRows(manager, this.policy.target, 'dead_letter', now, batchSize);
      if (rows.length === 0) return;
      await sendTraced(producer, 'scheduler.dead-letter', rows, (row, traceparent) =>
        deadLetterMessages(row, serde, identity, traceparent),
      );
      await markRowsDone(
        manager,
        rows.map((row) => row.id),
        now,
      );
      metrics.deadLettered.inc(
        { target: this.policy.target, reason: 'retries_exhausted' },
        rows.length,
      );
    });
  }

  private async redeliverDue(): Promise<number> {
    const { dataSource, clock, policies, pollIntervalMs, batchSize, metrics } = this.deps;
    const target = this.policy.target;
    const quiet = this.deps.quietMs();
    return dataSource.transaction(async (manager) => {
      const now = clock.now();
      const row = await lockBreaker(manager, target, 'claim');
      if (row === undefined) return pollIntervalMs;
      const control = this.deps.controls.of(target);
      // An operator's order wakes the loop (the control reader's onRecord).
      if (control.paused) return quiet;
      const view =
        control.breaker === 'auto'
          ? breakerStateAt(row.record, now, policies.breaker)
          : { state: control.breaker, halfOpenAt: undefined };
      recordBreakerState(metrics, target, view.state);
      // Forced open (no half-open time) lasts until the next order, which wakes the loop.
      if (view.state === 'open')
        return view.halfOpenAt === undefined
          ? quiet
          : Math.max(1, Math.min(quiet, view.halfOpenAt - now));
      if (view.state === 'half-open') {
        // An answered probe is notified (outcome intake); an unanswered one times out.
        const probeWaitsMs =
          row.probeSentAt === null ? 0 : row.probeSentAt + policies.probeTimeoutMs - now;
        if (probeWaitsMs > 0) return Math.max(1, Math.min(quiet, probeWaitsMs));
        const [probe] = await this.send(manager, now, 1);
        if (probe === undefined) return this.untilNextDue(manager, now, quiet);
        await saveBreaker(manager, { ...row, probeEventId: probe.eventId, probeSentAt: now });
        return Math.max(1, Math.min(quiet, policies.probeTimeoutMs));
      }
      // The drain bucket lives in the breaker row, so the rate holds for all replicas.
      const bucket = TokenBucket.restore(
        { tokens: row.drainTokens, refilledAt: row.drainRefilledAt },
        { ratePerSecond: this.policy.drainRate, burst: this.policy.drainBurst },
      );
      const allowed = bucket.takeUpTo(batchSize, now);
      if (allowed < 1) return Math.max(1, bucket.msUntilAvailable(1, now));
      const sent = await this.send(manager, now, allowed);
      if (sent.length === 0) return this.untilNextDue(manager, now, quiet);
      bucket.giveBack(allowed - sent.length);
      const left = bucket.toRecord(now);
      await saveBreaker(manager, {
        ...row,
        drainTokens: left.tokens,
        drainRefilledAt: left.refilledAt,
      });
      if (sent.length < allowed) return this.untilNextDue(manager, now, quiet);
      return sent.length === batchSize && left.tokens >= 1
        ? 0
        : Math.max(1, bucket.msUntilAvailable(1, now));
    });
  }

  /**
   * Sleeps until the next row is due, at most `quiet`: rows taken in since (here or by
   * another replica) wake the loop when notifications arrive, else that is the poll interval.
   */
  private async untilNextDue(manager: EntityManager, now: number, quiet: number): Promise<number> {
    const due = await nextDueAt(manager, this.policy.target);
    return due === undefined ? quiet : Math.max(1, Math.min(quiet, due - now));
  }

  private async send(manager: EntityManager, now: number, limit: number): Promise<ClaimedRow[]> {
    const rows = await claimDueRows(manager, this.policy.target, 'redeliver', now, limit);
    if (rows.length === 0) return rows;
    await sendTraced(this.deps.producer, 'scheduler.redeliver', rows, (row, traceparent) =>
      Promise.resolve([withTraceparent(redelivery(row), traceparent)]),
    );
    await markRowsDone(
      manager,
      rows.map((row) => row.id),
      now,
    );
    this.deps.metrics.retryRedelivered.inc({ target: this.policy.target }, rows.length);
    return rows;
  }
}
