import { TARGET_HELD } from '@hub/contracts';
import { recordFailure } from '@hub/delivery-protocol';
import { parseSchedule } from '@hub/resilience';
import { placeOperatorRetry, placeRetry } from './placement';

const failure = {
  code: 'ERP_DOWN',
  errorClass: 'transient',
  message: 'down',
  httpStatus: 503,
} as const;
const schedule = parseSchedule('30s,2m', { maxAge: '5m', scale: 1 });

describe('placeRetry', () => {
  const first = recordFailure(undefined, 'odoo', { failure, at: 1_000 });

  it('places a write an operator held back due now, and never dead-letters it for that', () => {
    const held = { ...failure, code: TARGET_HELD, httpStatus: null };
    let context = recordFailure(undefined, 'odoo', { failure: held, at: 1_000 });
    expect(placeRetry(schedule, context, 0, 1_000)).toEqual({ kind: 'redeliver', dueAt: 1_000 });
    for (let attempt = 2; attempt <= 5; attempt += 1)
      context = recordFailure(context, 'odoo', { failure: held, at: 600_000 });
    expect(placeRetry(schedule, context, 0, 600_000)).toEqual({
      kind: 'redeliver',
      dueAt: 600_000,
    });
  });

  it('lets holds use up no step: after them the first real failure gets step one and the full budget', () => {
    const held = { ...failure, code: TARGET_HELD, httpStatus: null };
    let context = recordFailure(undefined, 'odoo', { failure: held, at: 1_000 });
    for (const at of [2_000, 3_000])
      context = recordFailure(context, 'odoo', { failure: held, at });
    context = recordFailure(context, 'odoo', { failure, at: 100_000 });
    expect(placeRetry(schedule, context, 0, 100_000)).toEqual({
      kind: 'redeliver',
      dueAt: 130_000,
    });
    context = recordFailure(context, 'odoo', { failure, at: 130_500 });
    expect(placeRetry(schedule, context, 0, 130_500)).toEqual({
      kind: 'redeliver',
      dueAt: 250_000,
    });
    context = recordFailure(context, 'odoo', { failure, at: 250_500 });
    expect(placeRetry(schedule, context, 0, 250_500).kind).toBe('redeliver'); // 270s
    context = recordFailure(context, 'odoo', { failure, at: 370_500 });
    expect(placeRetry(schedule, context, 0, 370_500).kind).toBe('dead_letter');
  });

  it('puts retry n at first failure + the first n steps', () => {
    expect(placeRetry(schedule, first, 0, 1_000)).toEqual({ kind: 'redeliver', dueAt: 31_000 });
    const second = recordFailure(first, 'odoo', { failure, at: 31_500 });
    expect(placeRetry(schedule, second, 0, 31_500)).toEqual({ kind: 'redeliver', dueAt: 151_000 });
  });

  it('moves the due time by the paused time and honours Retry-After', () => {
    expect(placeRetry(schedule, first, 5_000, 1_000).dueAt).toBe(36_000);
    const limited = recordFailure(undefined, 'odoo', { failure, at: 1_000, retryAfterMs: 60_000 });
    expect(placeRetry(schedule, limited, 0, 1_000).dueAt).toBe(61_000);
  });

  it('dead-letters once the next step would pass the max age, paused time or not', () => {
    let context = first;
    for (let attempt = 2; attempt <= 3; attempt += 1)
      context = recordFailure(context, 'odoo', { failure, at: 1_000 * attempt });
    expect(placeRetry(schedule, context, 0, 9_000).kind).toBe('redeliver'); // 30s+2m+2m = 270s
    context = recordFailure(context, 'odoo', { failure, at: 10_000 });
    expect(placeRetry(schedule, context, 1_000_000, 10_000)).toEqual({
      kind: 'dead_letter',
      dueAt: 10_000,
    });
  });
});

describe('placeOperatorRetry', () => {
  it('is due now whatever the schedule says, spent or not, but not before Retry-After', () => {
    let context = recordFailure(undefined, 'odoo', { failure, at: 1_000 });
    for (let attempt = 2; attempt <= 9; attempt += 1)
      context = recordFailure(context, 'odoo', { failure, at: 1_000 * attempt });
    expect(placeRetry(schedule, context, 0, 50_000).kind).toBe('dead_letter');
    expect(placeOperatorRetry(context, 50_000)).toEqual({ kind: 'redeliver', dueAt: 50_000 });
    const limited = recordFailure(context, 'odoo', { failure, at: 50_000, retryAfterMs: 5_000 });
    expect(placeOperatorRetry(limited, 50_000).dueAt).toBe(55_000);
  });
});
