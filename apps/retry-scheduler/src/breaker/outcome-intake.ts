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
import type { Clock, StateChange } from '@hub/resilience';
import type { DataSource, EntityManager } from 'typeorm';
import type { SchedulerPolicies } from '../app/target-policies';
import { endOutage, lockBreaker, saveBreaker, startOutage } from '../store/breaker-store';
import { shiftForOutage } from '../store/schedule-store';
import { applyOutcome } from './breaker-record';

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
  ) {}

  readonly handle = async (
    message: ConsumedMessage<DeliveryOutcomeEvent, RawHeaders>,
  ): Promise<void> => {
    const event = message.value;
    const { target, deliveredEventId } = event.payload;
    if (!this.policies.targets.has(target)) return;
    // An outcome older than the window (a new group reading the topic's history) says
    // nothing about the target's health now.
    const stale = event.publishedAt < this.clock.now() - this.policies.breaker.windowMs;
    const signal = stale ? undefined : breakerSignal(event);
    const changes = await this.dataSource.transaction(async (manager) => {
      const row = await lockBreaker(manager, target, 'outcome');
      if (row === undefined) return [];
      const probeAnswered = row.probeEventId !== null && row.probeEventId === deliveredEventId;
      if (signal === undefined) {
        if (probeAnswered)
          await saveBreaker(manager, { ...row, probeEventId: null, probeSentAt: null });
        return [];
      }
      const applied = applyOutcome(row.record, signal, event.publishedAt, this.policies.breaker);
      const clearProbe = probeAnswered || applied.changes.length > 0;
      await saveBreaker(manager, {
        ...row,
        record: applied.record,
        ...(clearProbe ? { probeEventId: null, probeSentAt: null } : {}),
      });
      await this.followOutage(manager, target, applied.changes);
      return applied.changes;
    });
    for (const change of changes) {
      recordBreakerState(this.metrics, target, change.to);
      this.logger.info({ target, ...change }, `breaker ${change.from} -> ${change.to}`);
    }
  };

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
