/**
 * Consumes hub.delivery-outcome.v1 (one consumer group for all replicas) and moves each
 * target's shared breaker row. Opening starts an outage; closing ends it and moves the
 * target's pending retries by it, so their clocks stood still while it lasted.
 */
import { topics, valueSubject, type DeliveryOutcomeEvent } from '@hub/contracts';
import { breakerSignal } from '@hub/delivery-protocol';
import type {
  ConsumedMessage,
  MessageDecoder,
  RawHeaders,
  SchemaRegistrySerde,
} from '@hub/messaging';
import { recordBreakerState, type HubMetrics, type Logger } from '@hub/observability';
import { CircuitBreaker, type Clock, type StateChange } from '@hub/resilience';
import type { DataSource, EntityManager } from 'typeorm';
import type { SchedulerPolicies } from '../app/target-policies';
import {
  endOutage,
  saveBreaker,
  startOutage,
  withOutcomeLocks,
  type BreakerRow,
} from '../store/breaker-store';
import { notifyDue } from '../store/due-notice';
import { shiftForOutage } from '../store/schedule-store';

export function outcomeDecoder(
  serde: SchemaRegistrySerde,
): MessageDecoder<DeliveryOutcomeEvent, RawHeaders> {
  return {
    headers: (raw) => raw,
    value: async (bytes) => {
      if (bytes === null) throw new TypeError('A delivery outcome needs a value');
      // Registered from contractCatalog at start-up: the decoded record is this event type.
      return (await serde.decode(bytes, {
        as: valueSubject(topics.deliveryOutcome),
      })) as DeliveryOutcomeEvent;
    },
  };
}

export class OutcomeIntake {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: SchedulerPolicies,
    private readonly metrics: HubMetrics,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** This process's loop of a target whose probe was answered or state changed, after the commit. */
    private readonly wakeLocal: (target: string) => void = () => undefined,
  ) {}

  /**
   * A slice of the outcome topic in one transaction: the targets' breaker rows are locked
   * at its start, in one statement (targets in name order, so replicas never deadlock), every
   * outcome applied to its target's row in offset order, and each row saved once. Nothing is committed (offsets included) unless
   * all of it is, so a crash mid-slice neither loses an outcome nor counts one twice.
   */
  readonly handleBatch = async (
    messages: readonly ConsumedMessage<DeliveryOutcomeEvent, RawHeaders>[],
  ): Promise<void> => {
    const byTarget = new Map<string, DeliveryOutcomeEvent[]>();
    for (const { value: event } of messages) {
      const { target } = event.payload;
      if (!this.policies.targets.has(target)) continue;
      const events = byTarget.get(target);
      if (events === undefined) byTarget.set(target, [event]);
      else events.push(event);
    }
    if (byTarget.size === 0) return;
    const targets = [...byTarget.keys()].sort();
    const woken: string[] = [];
    const changes = await withOutcomeLocks(this.dataSource, targets, async (manager, rows) => {
      const all: { target: string; change: StateChange }[] = [];
      for (const target of targets) {
        const locked = rows.get(target);
        if (locked === undefined) continue;
        const applied = await this.applyToTarget(manager, locked, byTarget.get(target) ?? []);
        all.push(...applied.changes.map((change) => ({ target, change })));
        if (applied.wake) woken.push(target);
      }
      return all;
    });
    for (const target of woken) this.wakeLocal(target);
    for (const { target, change } of changes) {
      recordBreakerState(this.metrics, target, change.to);
      this.logger.info({ target, ...change }, `breaker ${change.from} -> ${change.to}`);
    }
  };

  /**
   * The slice's outcomes of one target, in offset order, fed to one breaker restored from
   * the locked row (restore and toRecord give the same breaker back, so this is the row
   * each outcome restored, fed and saved in turn would give), saved once.
   */
  private async applyToTarget(
    manager: EntityManager,
    locked: BreakerRow,
    events: readonly DeliveryOutcomeEvent[],
  ): Promise<{ changes: StateChange[]; wake: boolean }> {
    const { target } = locked;
    const breaker = CircuitBreaker.restore(locked.record, this.policies.breaker);
    let probe = { probeEventId: locked.probeEventId, probeSentAt: locked.probeSentAt };
    const noProbe = { probeEventId: null, probeSentAt: null };
    let changed = false;
    // A probe answered or a state changed may let the target's loops send sooner.
    let wake = false;
    const changes: StateChange[] = [];
    for (const event of events) {
      const probeAnswered =
        probe.probeEventId !== null && probe.probeEventId === event.payload.deliveredEventId;
      // An outcome older than the window (a new group reading the topic's history) says
      // nothing about the target's health now.
      const stale = event.publishedAt < this.clock.now() - this.policies.breaker.windowMs;
      const signal = stale ? undefined : breakerSignal(event);
      if (signal === undefined) {
        if (!probeAnswered) continue;
        probe = noProbe;
        changed = true;
        wake = true;
        continue;
      }
      const applied = breaker.record(signal, event.publishedAt);
      const clearProbe = probeAnswered || applied.length > 0;
      if (clearProbe) probe = noProbe;
      changed = true;
      wake ||= clearProbe;
      await this.followOutage(manager, target, applied);
      changes.push(...applied);
    }
    if (changed) await saveBreaker(manager, { ...locked, ...probe, record: breaker.toRecord() });
    if (wake) await notifyDue(manager, target);
    return { changes, wake };
  }

  private async followOutage(
    manager: EntityManager,
    target: string,
    changes: readonly StateChange[],
  ): Promise<void> {
    for (const change of changes) {
      if (change.from === 'closed' && change.to === 'open')
        await startOutage(manager, target, change.at);
      if (change.to !== 'closed') continue;
      const startedAt = await endOutage(manager, target, change.at);
      if (startedAt !== undefined && this.policies.pauseClockWhenOpen)
        await shiftForOutage(manager, target, startedAt, Math.max(startedAt, change.at));
    }
  }
}
