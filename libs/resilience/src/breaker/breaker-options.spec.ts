import { CircuitBreaker } from './circuit-breaker';
import { DEFAULT_BREAKER_OPTIONS } from './breaker-options';
import { caught } from '../testing/spec-helpers';

describe('circuit breaker options', () => {
  it('fills in the defaults', () => {
    expect(new CircuitBreaker({ coolDownMs: 1 }).options).toEqual({
      ...DEFAULT_BREAKER_OPTIONS,
      coolDownMs: 1,
    });
  });

  it.each([
    [{ windowMs: 0 }, 'windowMs must be > 0'],
    [{ minimumCalls: 0 }, 'minimumCalls must be an integer >= 1'],
    [{ minimumCalls: 2.5 }, 'minimumCalls must be an integer >= 1'],
    [{ failureRateThreshold: 0 }, 'failureRateThreshold must be in (0, 1]'],
    [{ failureRateThreshold: 1.1 }, 'failureRateThreshold must be in (0, 1]'],
    [{ coolDownMs: -1 }, 'coolDownMs must be >= 0'],
    [{ halfOpenProbes: 0 }, 'halfOpenProbes must be an integer >= 1'],
  ])('rejects %j', (given, message) => {
    expect(() => new CircuitBreaker(given)).toThrow(message);
    expect(caught(() => new CircuitBreaker(given))).toMatchObject({
      code: 'INVALID_BREAKER_OPTIONS',
    });
  });

  it('names every bad option at once', () => {
    expect(() => new CircuitBreaker({ windowMs: -1, halfOpenProbes: 0 })).toThrow(
      'circuit breaker: windowMs must be > 0, got -1; halfOpenProbes must be an integer >= 1, got 0',
    );
  });
});
