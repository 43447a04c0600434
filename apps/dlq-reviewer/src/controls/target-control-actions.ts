/**
 * The operator's target controls (issue #21), modelled on Kafka Connect's: pause and
 * resume a target, force its breakers open or closed (or give them back), pull its pending
 * retries forward. Each is one record on hub.target-control.v1 (the target's whole orders,
 * the latest per target wins), read by every connector runtime and the retry scheduler;
 * the audit entry and the record are one step: the entry is committed only once the record
 * is acknowledged, and a record that could not be written leaves no entry.
 */
import { controlMessage, type ControlSource } from '@hub/connector-runtime';
import type { BreakerForce, TargetControl } from '@hub/contracts';
import type { MessageSender } from '@hub/messaging';
import type { EntityManager } from 'typeorm';
import { ReviewerError } from '../problem/reviewer-error';
import type { AuditAction, AuditActor, AuditStore } from '../store/audit-store';
import { countedControl, type ControlMetrics } from './control-metrics';

export type ControlOrder =
  | { readonly kind: 'pause' }
  | { readonly kind: 'resume' }
  | { readonly kind: 'breaker'; readonly force: BreakerForce }
  | { readonly kind: 'pull-forward' };

export interface ControlAnswer {
  readonly target: string;
  readonly before: TargetControl;
  readonly after: TargetControl;
  /** What the order does, in words. */
  readonly effect: string;
}

export interface ControlActionDeps {
  /** The reviewer's own reader of the control topic: the orders each change starts from. */
  readonly controls: ControlSource;
  /** True once the reader has read the topic to its end (and the producer is up). */
  readonly ready: () => boolean;
  readonly sender: MessageSender;
  readonly audit: AuditStore;
  readonly transaction: <T>(work: (db: EntityManager) => Promise<T>) => Promise<T>;
  readonly now: () => number;
  readonly metrics: ControlMetrics;
  /** Test seam: another control topic. */
  readonly topic?: string;
}

const AUDITED: Readonly<Record<ControlOrder['kind'], AuditAction>> = {
  pause: 'target-pause',
  resume: 'target-resume',
  breaker: 'target-breaker',
  'pull-forward': 'target-pull-forward',
};

export class TargetControlActions {
  constructor(private readonly deps: ControlActionDeps) {}

  /** The orders for a target as this reviewer last read them. */
  current(target: string): TargetControl {
    return this.deps.controls.of(target);
  }

  order(
    target: string,
    order: ControlOrder,
    actor: AuditActor,
    note: string | null,
  ): Promise<ControlAnswer> {
    return countedControl(this.deps.metrics, target, order.kind, () =>
      this.apply(target, order, actor, note),
    );
  }

  private async apply(
    target: string,
    order: ControlOrder,
    actor: AuditActor,
    note: string | null,
  ): Promise<ControlAnswer> {
    if (!this.deps.ready())
      throw new ReviewerError(
        'KAFKA_UNAVAILABLE',
        'The target controls are not read from Kafka yet; nothing was changed. Try again shortly.',
        true,
      );
    const before = this.deps.controls.of(target);
    const now = this.deps.now();
    const after = applied(before, order, now, actor.name);
    await this.deps.transaction(async (db) => {
      await this.deps.audit.record(
        {
          actor: actor.name,
          actorId: actor.id,
          action: AUDITED[order.kind],
          itemId: null,
          note,
          details: { target, order: { ...order }, before: orders(before), after: orders(after) },
        },
        now,
        db,
      );
      await this.deps.sender.send([controlMessage(after, this.deps.topic)]);
    });
    return { target, before, after, effect: effectOf(target, order, now) };
  }
}

function applied(
  before: TargetControl,
  order: ControlOrder,
  now: number,
  by: string,
): TargetControl {
  const stamped = { ...before, changedAt: now, changedBy: by };
  switch (order.kind) {
    case 'pause':
      return { ...stamped, paused: true };
    case 'resume':
      return { ...stamped, paused: false };
    case 'breaker':
      return { ...stamped, breaker: order.force };
    case 'pull-forward':
      return { ...stamped, pullForwardBefore: now };
  }
}

const orders = (control: TargetControl) => ({
  paused: control.paused,
  breaker: control.breaker,
  pullForwardBefore: control.pullForwardBefore,
});

function effectOf(target: string, order: ControlOrder, now: number): string {
  switch (order.kind) {
    case 'pause':
      return `${target} is paused: its connector makes no writes (they wait in the retry queue, nothing is dropped) and the scheduler sends none until it is resumed.`;
    case 'resume':
      return `${target} is resumed: the writes held meanwhile are released in order, through the scheduler's breaker and drain rate.`;
    case 'breaker':
      return order.force === 'auto'
        ? `The breakers of ${target} decide again.`
        : order.force === 'open'
          ? `The breakers of ${target} are forced open: nothing calls it; writes wait in the retry queue.`
          : `The breakers of ${target} are forced closed: calls go ahead whatever the breakers say (the rate limits still apply).`;
    case 'pull-forward':
      return `Pending retries of ${target} taken in before ${new Date(now).toISOString()} are due now (still through the scheduler's breaker and drain rate).`;
  }
}
