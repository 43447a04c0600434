/**
 * The operators' standing orders per target (hub.target-control.v1, compacted, keyed by
 * target): paused, and the breaker forced open or closed. Every connector runtime, the
 * retry scheduler and the DLQ reviewer hold the whole topic in memory through a
 * ControlReader (control-reader.ts); these are the rules that follow from one record,
 * so each reader applies them the same way.
 */
import { defaultTargetControl, type TargetControl } from '@hub/contracts';

/** The key prefix of a reader's start-up marker; target ids never contain a slash. */
export const SYNC_KEY_PREFIX = 'sync/';

/** What a gate or dispatcher asks: the orders for its target now. */
export interface ControlSource {
  of(target: string): TargetControl;
}

export class TargetControls implements ControlSource {
  private readonly byTarget = new Map<string, TargetControl>();

  of(target: string): TargetControl {
    return this.byTarget.get(target) ?? defaultTargetControl(target);
  }

  all(): TargetControl[] {
    return [...this.byTarget.values()].sort((a, b) => a.target.localeCompare(b.target));
  }

  /** A record read: the latest per target wins (a compacted topic is read in offset order). */
  set(control: TargetControl): void {
    this.byTarget.set(control.target, control);
  }

  /** A tombstone: the target has no orders any more. */
  clear(target: string): void {
    this.byTarget.delete(target);
  }
}

/** Whether a target's writes must wait: paused, or the breaker forced open. */
export function holdsWrites(control: TargetControl): boolean {
  return control.paused || control.breaker === 'open';
}
