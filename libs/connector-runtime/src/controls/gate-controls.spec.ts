import { defaultTargetControl, type TargetControl } from '@hub/contracts';
import { createMetrics, createRegistry } from '@hub/observability';
import { TransientError } from '@hub/resilience';
import { silentLogger } from '../testing/unit-fakes';
import { TargetGate } from '../write/target-gate';
import { TargetControls } from './target-controls';

const signal = new AbortController().signal;
const down = () => Promise.reject(new TransientError('ERP_DOWN', 'refused'));

function gateWith(controls: TargetControls, now: () => number = () => 1_000) {
  return new TargetGate({
    target: 'odoo',
    breaker: { windowMs: 60_000, minimumCalls: 2, failureRateThreshold: 1, coolDownMs: 30_000 },
    ratePerSecond: 1_000,
    burst: 100,
    clock: { now },
    metrics: createMetrics(createRegistry()),
    logger: silentLogger,
    controls,
  });
}

function order(change: Partial<TargetControl>): TargetControl {
  return { ...defaultTargetControl('odoo'), changedAt: 1, changedBy: 'alice', ...change };
}

describe('TargetGate under operator controls', () => {
  it('holds writes of a paused target without calling it, and lets reads through', async () => {
    const controls = new TargetControls();
    controls.set(order({ paused: true }));
    const gate = gateWith(controls);
    const work = jest.fn(() => Promise.resolve('ok'));
    await expect(gate.call('apply', work, signal)).rejects.toMatchObject({
      code: 'TARGET_HELD',
      retriable: true,
      message: 'Not called: odoo is paused by an operator',
    });
    await expect(gate.call('find-prior-write', work, signal)).rejects.toMatchObject({
      code: 'TARGET_HELD',
    });
    expect(work).not.toHaveBeenCalled();
    await expect(gate.call('fetch', work, signal)).resolves.toBe('ok');
  });

  it('holds every call while the breaker is forced open, and calls again once released', async () => {
    const controls = new TargetControls();
    controls.set(order({ breaker: 'open' }));
    const gate = gateWith(controls);
    const work = jest.fn(() => Promise.resolve('ok'));
    await expect(gate.call('fetch', work, signal)).rejects.toMatchObject({
      code: 'TARGET_HELD',
      message: 'Not called: odoo has its breaker forced open by an operator',
    });
    expect(work).not.toHaveBeenCalled();
    controls.clear('odoo');
    await expect(gate.call('apply', work, signal)).resolves.toBe('ok');
  });

  it('calls through an open breaker while it is forced closed, and obeys the breaker again after', async () => {
    const controls = new TargetControls();
    const gate = gateWith(controls);
    await gate.call('apply', down, signal).catch(() => undefined);
    await gate.call('apply', down, signal).catch(() => undefined);
    expect(gate.state()).toBe('open');
    controls.set(order({ breaker: 'closed' }));
    await expect(gate.call('apply', () => Promise.resolve('forced'), signal)).resolves.toBe(
      'forced',
    );
    controls.set(order({ breaker: 'auto' }));
    await expect(gate.call('apply', () => Promise.resolve('no'), signal)).rejects.toMatchObject({
      code: 'CIRCUIT_OPEN',
    });
  });
});
