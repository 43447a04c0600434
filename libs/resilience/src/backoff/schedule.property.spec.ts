import fc from 'fast-check';
import { EXHAUSTED, parseSchedule, type BackoffSchedule } from './schedule';
import { assertProperty } from '../testing/spec-helpers';

const schedules = fc
  .tuple(
    fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 8 }),
    fc.integer({ min: 0, max: 100_000_000 }),
  )
  .map(([steps, extra]): BackoffSchedule => {
    const first = steps[0] ?? 1;
    return parseSchedule(steps.map((ms) => `${ms}ms`).join(','), { maxAge: `${first + extra}ms` });
  });
const times = fc.integer({ min: 0, max: 4_000_000_000_000 });
const pauses = fc.integer({ min: 0, max: 1_000_000_000 });
const attempts = fc.integer({ min: 1, max: 10_000 });

describe('nextDue, for any schedule', () => {
  it('is strictly increasing in the attempt until exhausted, and stays exhausted after', () => {
    assertProperty(
      fc.property(schedules, times, pauses, attempts, (schedule, t0, paused, n) => {
        const here = schedule.nextDue(t0, n, paused);
        const next = schedule.nextDue(t0, n + 1, paused);
        if (here === EXHAUSTED) return next === EXHAUSTED;
        return next === EXHAUSTED || next > here;
      }),
    );
  });

  it('never lands beyond max age after the first failure, paused time aside', () => {
    assertProperty(
      fc.property(schedules, times, pauses, attempts, (schedule, t0, paused, n) => {
        const due = schedule.nextDue(t0, n, paused);
        return due === EXHAUSTED || (due > t0 + paused && due <= t0 + paused + schedule.maxAgeMs);
      }),
    );
  });

  it('shifts by exactly the paused time and never changes whether a retry is exhausted', () => {
    assertProperty(
      fc.property(schedules, times, pauses, attempts, (schedule, t0, paused, n) => {
        const unpaused = schedule.nextDue(t0, n);
        const due = schedule.nextDue(t0, n, paused);
        return unpaused === EXHAUSTED ? due === EXHAUSTED : due === unpaused + paused;
      }),
    );
  });

  it('always schedules the first retry', () => {
    assertProperty(
      fc.property(
        schedules,
        times,
        (schedule, t0) => schedule.nextDue(t0, 1) === t0 + (schedule.stepsMs[0] ?? 0),
      ),
    );
  });
});
