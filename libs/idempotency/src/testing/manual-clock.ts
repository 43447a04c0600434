import type { Clock } from '@hub/primitives';

/** A clock tests move by hand, so lease expiry and purge ages need no sleeping. */
export class ManualClock implements Clock {
  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
