/** The active faults of one simulated system; each use of a counted fault consumes it. */
import { randomUUID } from 'node:crypto';
import type { ActiveFault, FaultKind, FaultSpec } from './fault-spec';

export interface FaultTarget {
  readonly method?: string;
  readonly model?: string;
}

interface MutableFault {
  readonly id: string;
  readonly spec: FaultSpec;
  remaining: number | undefined;
  skipLeft: number;
}

export class FaultInjector {
  private faults: MutableFault[] = [];

  add(spec: FaultSpec): string {
    const id = randomUUID();
    this.faults.push({ id, spec, remaining: spec.times, skipLeft: spec.skip ?? 0 });
    return id;
  }

  list(): ActiveFault[] {
    return this.faults.map(({ id, spec, remaining }) => ({ id, spec, remaining }));
  }

  clear(): void {
    this.faults = [];
  }

  /** The first active fault of `kind` matching the target, consumed once; undefined if none. */
  take<K extends FaultKind>(
    kind: K,
    target: FaultTarget,
  ): Extract<FaultSpec, { kind: K }> | undefined {
    const fault = this.faults.find(
      (f) =>
        f.spec.kind === kind &&
        (f.spec.method === undefined || f.spec.method === target.method) &&
        (f.spec.model === undefined || f.spec.model === target.model),
    );
    if (!fault) return undefined;
    if (fault.skipLeft > 0) {
      fault.skipLeft -= 1;
      return undefined;
    }
    if (fault.remaining !== undefined) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    }
    return fault.spec as Extract<FaultSpec, { kind: K }>;
  }
}
