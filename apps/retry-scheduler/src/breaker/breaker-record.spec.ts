import { CircuitBreaker, type CircuitBreakerOptions, type Outcome } from '@hub/resilience';
import fc from 'fast-check';
import {
  INITIAL_BREAKER_RECORD,
  applyOutcome,
  breakerStateAt,
  type BreakerRecord,
} from './breaker-record';

const options: CircuitBreakerOptions = {
  windowMs: 1_000,
  minimumCalls: 3,
  failureRateThreshold: 0.5,
  coolDownMs: 500,
  halfOpenProbes: 2,
};

function feed(outcomes: readonly (readonly [Outcome, number])[]): BreakerRecord {
  return outcomes.reduce(
    (record, [outcome, at]) => applyOutcome(record, outcome, at, options).record,
    INITIAL_BREAKER_RECORD,
  );
}

describe('breaker record', () => {
  it('opens on the failure rate, goes half-open after the cool-down and closes on probe successes', () => {
    const open = feed([
      ['failure', 100],
      ['success', 110],
      ['failure', 120],
    ]);
    expect(open).toMatchObject({ state: 'open', since: 120, window: [] });
    expect(breakerStateAt(open, 619, options)).toMatchObject({ state: 'open', halfOpenAt: 620 });
    expect(breakerStateAt(open, 620, options)).toMatchObject({ state: 'half-open', since: 620 });

    const oneProbe = applyOutcome(open, 'success', 700, options).record;
    expect(oneProbe).toMatchObject({ state: 'half-open', since: 620, successes: 1 });
    const closed = applyOutcome(oneProbe, 'success', 710, options);
    expect(closed.record).toMatchObject({ state: 'closed', since: 710, window: [] });
    expect(closed.changes.map((change) => change.to)).toEqual(['closed']);
  });

  it('reopens when a probe fails and ignores outcomes stamped while open', () => {
    const open = feed([
      ['failure', 100],
      ['failure', 110],
      ['failure', 120],
    ]);
    expect(applyOutcome(open, 'success', 300, options).record).toMatchObject({
      state: 'open',
      since: 120,
    });
    const reopened = applyOutcome(open, 'failure', 700, options).record;
    expect(reopened).toMatchObject({ state: 'open', since: 700 });
  });

  it('keeps only the window of the closed state', () => {
    const record = feed([
      ['success', 100],
      ['failure', 200],
      ['success', 1_150],
    ]);
    expect(record).toMatchObject({
      state: 'closed',
      window: [
        [200, 1],
        [1_150, 0],
      ],
    });
  });

  it('derives the same state as one long-lived CircuitBreaker fed the same outcomes', () => {
    const outcomes = fc.array(
      fc.tuple(fc.constantFrom<Outcome>('success', 'failure'), fc.integer({ min: 0, max: 400 })),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(outcomes, (steps) => {
        const reference = new CircuitBreaker(options);
        let record = INITIAL_BREAKER_RECORD;
        let at = 0;
        for (const [outcome, gap] of steps) {
          at += gap;
          reference.record(outcome, at);
          record = applyOutcome(record, outcome, at, options).record;
          expect(breakerStateAt(record, at, options).state).toBe(reference.state(at));
        }
      }),
    );
  });

  it('gives the same records and changes fed a slice at a time to one restored breaker as one outcome at a time', () => {
    // The outcome intake restores a target's row once per slice; applyOutcome restores per outcome.
    const steps = fc.array(
      fc.tuple(
        fc.constantFrom<Outcome>('success', 'failure'),
        fc.integer({ min: -300, max: 400 }),
        fc.boolean(),
      ),
      { maxLength: 80 },
    );
    fc.assert(
      fc.property(steps, (stream) => {
        let oneByOne = INITIAL_BREAKER_RECORD;
        let sliced = INITIAL_BREAKER_RECORD;
        let slice = CircuitBreaker.restore(sliced, options);
        let at = 1_000;
        for (const [outcome, step, endsSlice] of stream) {
          at += step;
          const applied = applyOutcome(oneByOne, outcome, at, options);
          oneByOne = applied.record;
          expect(slice.record(outcome, at)).toEqual(applied.changes);
          if (!endsSlice) continue;
          sliced = JSON.parse(JSON.stringify(slice.toRecord())) as BreakerRecord;
          expect(sliced).toEqual(oneByOne);
          slice = CircuitBreaker.restore(sliced, options);
        }
        expect(slice.toRecord()).toEqual(oneByOne);
      }),
    );
  });
});
