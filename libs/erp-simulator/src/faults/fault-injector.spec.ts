import { FaultInjector } from './fault-injector';
import { faultSpecProblems } from './fault-spec';

describe('FaultInjector', () => {
  it('consumes counted faults and keeps uncounted ones until cleared', () => {
    const faults = new FaultInjector();
    faults.add({ kind: 'rateLimit', retryAfterSeconds: 1, times: 2 });
    faults.add({ kind: 'outage', mode: '503' });
    const taken = [1, 2, 3].map(() => faults.take('rateLimit', {})?.kind);
    expect(taken).toEqual(['rateLimit', 'rateLimit', undefined]);
    expect([faults.take('outage', {})?.kind, faults.take('outage', {})?.kind]).toEqual([
      'outage',
      'outage',
    ]);
    faults.clear();
    expect(faults.take('outage', {})).toBeUndefined();
  });

  it('matches method and model when the fault names them', () => {
    const faults = new FaultInjector();
    faults.add({ kind: 'failAfterCommit', method: 'create', model: 'stock.picking' });
    expect(
      faults.take('failAfterCommit', { method: 'write', model: 'stock.picking' }),
    ).toBeUndefined();
    expect(
      faults.take('failAfterCommit', { method: 'create', model: 'stock.move' }),
    ).toBeUndefined();
    expect(faults.take('failAfterCommit', { method: 'create', model: 'stock.picking' })?.kind).toBe(
      'failAfterCommit',
    );
  });

  it('lists active faults with their remaining uses', () => {
    const faults = new FaultInjector();
    faults.add({ kind: 'latency', latencyMs: 5, times: 3 });
    faults.take('latency', {});
    expect(faults.list().map((f) => f.remaining)).toEqual([2]);
  });

  it('lets the first `skip` matching requests through, then applies `times` times', () => {
    const faults = new FaultInjector();
    faults.add({ kind: 'failAfterCommit', method: 'button_validate', skip: 1, times: 1 });
    const seen = [1, 2, 3].map(
      () => faults.take('failAfterCommit', { method: 'button_validate' }) !== undefined,
    );
    expect(seen).toEqual([false, true, false]);
  });
});

describe('faultSpecProblems', () => {
  const all = ['outage', 'latency', 'rateLimit', 'gone'] as const;

  it.each([
    [{ kind: 'outage', mode: '503' }, []],
    [{ kind: 'latency', latencyMs: 10, times: 2, method: 'write' }, []],
    [{ kind: 'outage' }, ['mode must be refuse-connection or 503']],
    [{ kind: 'rateLimit' }, ['retryAfterSeconds must be a number']],
    [{ kind: 'latency', latencyMs: 1, times: 0 }, ['times must be a positive number']],
    [{ kind: 'latency', latencyMs: 1, skip: -1 }, ['skip must be a number ≥ 0']],
    [
      { kind: 'odooError', name: 'x', message: 'y' },
      ['kind must be one of outage, latency, rateLimit, gone'],
    ],
    ['nope', ['body must be a JSON object']],
  ])('%j → %j', (spec, problems) => {
    expect(faultSpecProblems(spec, all)).toEqual(problems);
  });
});
