import fc from 'fast-check';
import { CircuitBreaker, type Outcome, type StateChange } from './circuit-breaker';
import { assertProperty } from '../testing/spec-helpers';

const EDGES = new Set([
  'closed>open:failure-rate',
  'open>half-open:cool-down-elapsed',
  'half-open>open:probe-failed',
  'half-open>closed:probes-succeeded',
]);

const options = fc.record({
  windowMs: fc.integer({ min: 1, max: 5_000 }),
  minimumCalls: fc.integer({ min: 1, max: 10 }),
  failureRateThreshold: fc.double({ min: 0.01, max: 1, noNaN: true }),
  coolDownMs: fc.integer({ min: 0, max: 5_000 }),
  halfOpenProbes: fc.integer({ min: 1, max: 4 }),
});
const outcome = fc.constantFrom<Outcome>('success', 'failure');
// Mostly forward steps in time, sometimes a late outcome stamped in the past.
const events = fc.array(fc.tuple(outcome, fc.integer({ min: -2_000, max: 3_000 })), {
  maxLength: 200,
});

function run(
  breaker: CircuitBreaker,
  stream: readonly (readonly [Outcome, number])[],
): StateChange[] {
  let clock = 0;
  return stream.flatMap(([result, step]) => {
    clock = Math.max(clock, clock + step);
    return [...breaker.record(result, clock + Math.min(step, 0))];
  });
}

describe('CircuitBreaker, for any stream of outcomes', () => {
  it('only moves along the four edges, each change starting where the last one ended', () => {
    assertProperty(
      fc.property(options, events, (given, stream) => {
        const changes = run(new CircuitBreaker(given), stream);
        let state = 'closed';
        for (const change of changes) {
          if (change.from !== state || !EDGES.has(`${change.from}>${change.to}:${change.reason}`))
            return false;
          state = change.to;
        }
        return true;
      }),
    );
  });

  it('never opens when every call succeeds', () => {
    assertProperty(
      fc.property(options, events, (given, stream) => {
        const successes = stream.map(([, step]) => ['success', step] as const);
        return run(new CircuitBreaker(given), successes).length === 0;
      }),
    );
  });

  it('is the same breaker after toRecord and restore, at every point of the stream', () => {
    assertProperty(
      fc.property(options, events, events, (given, before, after) => {
        const original = new CircuitBreaker(given);
        run(original, before);
        const restored = CircuitBreaker.restore(
          JSON.parse(JSON.stringify(original.toRecord())) as ReturnType<CircuitBreaker['toRecord']>,
          given,
        );
        const continued = JSON.stringify(run(original, after));
        return (
          continued === JSON.stringify(run(restored, after)) &&
          JSON.stringify(original.toRecord()) === JSON.stringify(restored.toRecord())
        );
      }),
    );
  });
});
