import { createRegistry, createMetrics, metricsText } from '@hub/observability';
import { PermanentError, TransientError } from '@hub/resilience';
import { silentLogger } from '../testing/unit-fakes';
import { TargetGate } from './target-gate';

function gateAt(clock: { now: () => number }, registry = createRegistry()) {
  return new TargetGate({
    target: 'odoo',
    breaker: { windowMs: 60_000, minimumCalls: 2, failureRateThreshold: 1, coolDownMs: 30_000 },
    ratePerSecond: 1_000,
    burst: 100,
    clock,
    metrics: createMetrics(registry),
    logger: silentLogger,
  });
}

const signal = new AbortController().signal;
const down = () => Promise.reject(new TransientError('ERP_DOWN', 'refused'));

describe('TargetGate', () => {
  it('opens after the failure threshold, refuses calls with CIRCUIT_OPEN, and probes once after the cool-down', async () => {
    let now = 1_000;
    const registry = createRegistry();
    const gate = gateAt({ now: () => now }, registry);
    await expect(gate.call('apply', down, signal)).rejects.toThrow('refused');
    await expect(gate.call('apply', down, signal)).rejects.toThrow('refused');
    expect(gate.state()).toBe('open');
    expect(await metricsText(registry)).toContain('hub_breaker_state{target="odoo"} 2');
    const work = jest.fn(() => Promise.resolve('ok'));
    await expect(gate.call('apply', work, signal)).rejects.toMatchObject({
      code: 'CIRCUIT_OPEN',
      retriable: true,
    });
    expect(work).not.toHaveBeenCalled();

    now += 30_000;
    await expect(gate.call('apply', work, signal)).resolves.toBe('ok');
    expect(gate.state()).toBe('closed');
  });

  it('lets only one probe through while half-open', async () => {
    let now = 1_000;
    const gate = gateAt({ now: () => now });
    await gate.call('apply', down, signal).catch(() => undefined);
    await gate.call('apply', down, signal).catch(() => undefined);
    now += 30_000;
    let release: (value: string) => void = () => undefined;
    const probe = gate.call(
      'apply',
      () => new Promise<string>((resolve) => (release = resolve)),
      signal,
    );
    await expect(gate.call('apply', () => Promise.resolve('second'), signal)).rejects.toMatchObject(
      { code: 'CIRCUIT_OPEN' },
    );
    release('probe');
    await expect(probe).resolves.toBe('probe');
  });

  it('counts a permanent failure as an answer from a healthy target', async () => {
    const gate = gateAt({ now: () => 1_000 });
    const invalid = () => Promise.reject(new PermanentError('INVALID', 'no such product'));
    await gate.call('apply', invalid, signal).catch(() => undefined);
    await gate.call('apply', invalid, signal).catch(() => undefined);
    expect(gate.state()).toBe('closed');
  });

  it('records the call latency per operation', async () => {
    const registry = createRegistry();
    const gate = gateAt({ now: () => 1_000 }, registry);
    await gate.call('fetch', () => Promise.resolve(1), signal);
    expect(await metricsText(registry)).toContain(
      'hub_connector_erp_call_seconds_count{target="odoo",operation="fetch"} 1',
    );
  });

  it('takes from the shared bucket, and does not call the target when it cannot be read', async () => {
    const options = {
      target: 'odoo',
      breaker: { windowMs: 60_000, minimumCalls: 1, failureRateThreshold: 1, coolDownMs: 30_000 },
      ratePerSecond: 1_000,
      burst: 100,
      clock: { now: () => 1_000 },
      metrics: createMetrics(createRegistry()),
      logger: silentLogger,
    };
    const take = jest.fn(() => Promise.resolve({ granted: 100, left: 0 }));
    const shared = new TargetGate({ ...options, shared: { take } });
    await shared.call('apply', () => Promise.resolve(1), signal);
    // A tenth of a second's worth at 1,000/s, at the gate's clock.
    expect(take).toHaveBeenCalledWith(100, 1_000);

    const unreadable = new TargetGate({
      ...options,
      shared: { take: () => Promise.reject(new Error('connection terminated')) },
    });
    const work = jest.fn(() => Promise.resolve('ok'));
    await expect(unreadable.call('apply', work, signal)).rejects.toMatchObject({
      code: 'RATE_LIMIT_UNAVAILABLE',
      retriable: true,
    });
    expect(work).not.toHaveBeenCalled();
    // Not the target's failure: the breaker (opening after one failure here) stays closed.
    expect(unreadable.state()).toBe('closed');
  });
});
