import { CircuitBreaker, type Outcome } from './circuit-breaker';

const options = {
  windowMs: 10_000,
  minimumCalls: 4,
  failureRateThreshold: 0.5,
  coolDownMs: 5_000,
  halfOpenProbes: 2,
};

function feed(breaker: CircuitBreaker, outcomes: readonly (readonly [Outcome, number])[]): void {
  for (const [outcome, at] of outcomes) breaker.record(outcome, at);
}

/** A breaker opened at t = 1000 by four failures. */
function openedAt1000(): CircuitBreaker {
  const breaker = new CircuitBreaker(options);
  feed(breaker, [
    ['failure', 0],
    ['failure', 200],
    ['failure', 600],
    ['failure', 1000],
  ]);
  return breaker;
}

/** Half-open since 6000 (1000 + cool-down). */
function halfOpen(): CircuitBreaker {
  const breaker = openedAt1000();
  breaker.tick(6_000);
  return breaker;
}

describe('CircuitBreaker: closed', () => {
  it('starts closed with an empty window', () => {
    expect(new CircuitBreaker(options).snapshot(0)).toEqual({
      state: 'closed',
      since: -Infinity,
      calls: 0,
      failures: 0,
    });
  });

  it('stays closed below the minimum number of calls, however bad they are', () => {
    const breaker = new CircuitBreaker(options);

    const changes = [1, 2, 3].flatMap((at) => breaker.record('failure', at));

    expect(changes).toEqual([]);
    expect(breaker.snapshot(3)).toMatchObject({ state: 'closed', calls: 3, failures: 3 });
  });

  it('opens when the failure rate reaches the threshold over the minimum calls', () => {
    const breaker = new CircuitBreaker(options);
    feed(breaker, [
      ['success', 1],
      ['failure', 2],
      ['success', 3],
    ]);

    expect(breaker.record('failure', 4)).toEqual([
      { from: 'closed', to: 'open', at: 4, reason: 'failure-rate' },
    ]);
    expect(breaker.state(4)).toBe('open');
  });

  it('stays closed just below the threshold', () => {
    const breaker = new CircuitBreaker(options);
    feed(breaker, [
      ['success', 1],
      ['success', 2],
      ['success', 3],
      ['failure', 4],
      ['failure', 5],
      ['success', 6],
    ]);

    expect(breaker.snapshot(6)).toMatchObject({ state: 'closed', calls: 6, failures: 2 });
  });

  it('counts an outcome exactly windowMs old as outside the window', () => {
    const breaker = new CircuitBreaker(options);
    feed(breaker, [
      ['failure', 0],
      ['failure', 1_000],
      ['failure', 2_000],
    ]);

    expect(breaker.record('failure', 10_000)).toEqual([]);
    expect(breaker.snapshot(10_000)).toMatchObject({ calls: 3, failures: 3 });
  });

  it('still counts an outcome one millisecond younger than that', () => {
    const breaker = new CircuitBreaker(options);
    feed(breaker, [
      ['failure', 0],
      ['failure', 1_000],
      ['failure', 2_000],
    ]);

    expect(breaker.record('failure', 9_999)).toEqual([
      expect.objectContaining({ to: 'open', at: 9_999 }),
    ]);
  });

  it('counts a late outcome stamped inside the window, and ignores one stamped before it', () => {
    const breaker = new CircuitBreaker(options);
    feed(breaker, [
      ['success', 20_000],
      ['failure', 20_100],
      ['failure', 20_200],
    ]);

    expect(breaker.record('failure', 5_000)).toEqual([]);
    expect(breaker.record('failure', 15_000)).toEqual([
      expect.objectContaining({ to: 'open', at: 20_200 }),
    ]);
  });

  it('needs every call to fail when the threshold is 1', () => {
    const breaker = new CircuitBreaker({ ...options, failureRateThreshold: 1 });
    feed(breaker, [
      ['failure', 1],
      ['failure', 2],
      ['success', 3],
      ['failure', 4],
      ['failure', 5],
    ]);

    expect(breaker.state(5)).toBe('closed');
    // At 10 003 the window (3, 10 003] no longer holds the success: 4 calls, all failed.
    expect(breaker.record('failure', 10_003)).toEqual([]);
    expect(breaker.record('failure', 10_003)).toEqual([
      expect.objectContaining({ to: 'open', at: 10_003 }),
    ]);
  });
});

describe('CircuitBreaker: open', () => {
  it('stays open until the cool-down has elapsed', () => {
    const breaker = openedAt1000();

    expect(breaker.tick(5_999)).toEqual([]);
    expect(breaker.snapshot(5_999)).toEqual({ state: 'open', since: 1_000, halfOpenAt: 6_000 });
  });

  it('turns half-open exactly when the cool-down ends', () => {
    const breaker = openedAt1000();

    expect(breaker.tick(6_000)).toEqual([
      { from: 'open', to: 'half-open', at: 6_000, reason: 'cool-down-elapsed' },
    ]);
    expect(breaker.snapshot(6_000)).toEqual({
      state: 'half-open',
      since: 6_000,
      probesRemaining: 2,
    });
  });

  it('reports half-open after the cool-down even before a tick, without changing', () => {
    const breaker = openedAt1000();

    expect(breaker.state(7_000)).toBe('half-open');
    expect(breaker.tick(7_000)).toEqual([expect.objectContaining({ to: 'half-open', at: 6_000 })]);
  });

  it('ignores outcomes of calls that slipped through while open', () => {
    const breaker = openedAt1000();

    expect(breaker.record('success', 2_000)).toEqual([]);
    expect(breaker.record('failure', 3_000)).toEqual([]);
    expect(breaker.snapshot(3_000)).toEqual({ state: 'open', since: 1_000, halfOpenAt: 6_000 });
  });
});

describe('CircuitBreaker: half-open', () => {
  it('re-opens on a failed probe, starting a new cool-down', () => {
    const breaker = halfOpen();

    expect(breaker.record('failure', 6_500)).toEqual([
      { from: 'half-open', to: 'open', at: 6_500, reason: 'probe-failed' },
    ]);
    expect(breaker.snapshot(6_500)).toEqual({ state: 'open', since: 6_500, halfOpenAt: 11_500 });
  });

  it('closes after halfOpenProbes successful probes, not before', () => {
    const breaker = halfOpen();

    expect(breaker.record('success', 6_100)).toEqual([]);
    expect(breaker.snapshot(6_100)).toEqual({
      state: 'half-open',
      since: 6_000,
      probesRemaining: 1,
    });
    expect(breaker.record('success', 6_200)).toEqual([
      { from: 'half-open', to: 'closed', at: 6_200, reason: 'probes-succeeded' },
    ]);
  });

  it('re-opens when a later probe fails after an earlier one succeeded', () => {
    const breaker = halfOpen();
    breaker.record('success', 6_100);

    expect(breaker.record('failure', 6_200)).toEqual([
      expect.objectContaining({ to: 'open', reason: 'probe-failed' }),
    ]);
  });

  it('closes on one success with a single probe', () => {
    const breaker = new CircuitBreaker({ ...options, halfOpenProbes: 1 });
    feed(breaker, [
      ['failure', 0],
      ['failure', 1],
      ['failure', 2],
      ['failure', 3],
    ]);

    expect(breaker.record('success', 5_003)).toEqual([
      expect.objectContaining({ from: 'open', to: 'half-open', at: 5_003 }),
      expect.objectContaining({ from: 'half-open', to: 'closed', at: 5_003 }),
    ]);
  });

  it('reports both changes, in order, when an outcome after the cool-down fails its probe', () => {
    const breaker = openedAt1000();

    expect(breaker.record('failure', 8_000)).toEqual([
      { from: 'open', to: 'half-open', at: 6_000, reason: 'cool-down-elapsed' },
      { from: 'half-open', to: 'open', at: 8_000, reason: 'probe-failed' },
    ]);
  });

  it('ignores a late outcome of a call made before it turned half-open', () => {
    const breaker = halfOpen();

    expect(breaker.record('failure', 5_500)).toEqual([]);
    expect(breaker.state(6_600)).toBe('half-open');
  });
});

describe('CircuitBreaker: closed again', () => {
  it('starts with an empty window and ignores late probe answers', () => {
    const breaker = halfOpen();
    feed(breaker, [
      ['success', 6_100],
      ['success', 6_200],
    ]);

    breaker.record('failure', 6_150);

    expect(breaker.snapshot(6_300)).toEqual({
      state: 'closed',
      since: 6_200,
      calls: 0,
      failures: 0,
    });
  });

  it('opens again on a fresh run of failures', () => {
    const breaker = halfOpen();
    feed(breaker, [
      ['success', 6_100],
      ['success', 6_200],
      ['failure', 6_300],
      ['failure', 6_400],
      ['failure', 6_500],
    ]);

    expect(breaker.record('failure', 6_600)).toEqual([
      expect.objectContaining({ from: 'closed', to: 'open', at: 6_600 }),
    ]);
  });
});

describe('CircuitBreaker: time', () => {
  it('never runs backwards: an earlier tick or query changes nothing', () => {
    const breaker = halfOpen();

    expect(breaker.tick(1_000)).toEqual([]);
    expect(breaker.state(0)).toBe('half-open');
  });
});
