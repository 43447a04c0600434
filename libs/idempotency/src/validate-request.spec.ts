import { IdempotencyError } from './idempotency-error';
import { assertBeginRequest, assertDuration } from './validate-request';
import type { BeginRequest } from './write-types';

const valid: BeginRequest = {
  target: 'sap',
  correlationId: 'c-1',
  entityType: 'inventory-level',
  entityKey: 'WH1:SKU-42',
  sourceVersion: Date.UTC(2025, 10, 27, 10, 0),
  leaseOwner: 'worker-a',
  leaseMs: 30_000,
};

function thrown(work: () => void): IdempotencyError | undefined {
  try {
    work();
    return undefined;
  } catch (error) {
    return error instanceof IdempotencyError ? error : undefined;
  }
}

describe('assertBeginRequest', () => {
  it('accepts a well-formed request', () => {
    expect(
      thrown(() => {
        assertBeginRequest(valid);
      }),
    ).toBeUndefined();
  });

  it.each<[string, Partial<BeginRequest>]>([
    ['an empty target', { target: '' }],
    ['an empty correlation id', { correlationId: '' }],
    ['an empty entity type', { entityType: '' }],
    ['an empty entity key', { entityKey: '' }],
    ['an empty lease owner', { leaseOwner: '' }],
    ['a negative source version', { sourceVersion: -1 }],
    ['a fractional source version', { sourceVersion: 1.5 }],
    ['an unsafe source version', { sourceVersion: Number.MAX_SAFE_INTEGER + 1 }],
    ['a NaN source version', { sourceVersion: Number.NaN }],
    ['a zero lease', { leaseMs: 0 }],
    ['a negative lease', { leaseMs: -5 }],
    ['an infinite lease', { leaseMs: Number.POSITIVE_INFINITY }],
  ])('rejects %s as a non-retriable invalid request', (_case, change) => {
    const error = thrown(() => {
      assertBeginRequest({ ...valid, ...change });
    });
    expect(error).toMatchObject({ code: 'IDEMPOTENCY_INVALID_REQUEST', retriable: false });
  });
});

describe('assertDuration', () => {
  it.each([0, 1, 30 * 24 * 3600 * 1000])('accepts %p ms', (ms) => {
    expect(
      thrown(() => {
        assertDuration('ageMs', ms);
      }),
    ).toBeUndefined();
  });

  it.each([-1, 0.5, Number.NaN])('rejects %p ms', (ms) => {
    expect(
      thrown(() => {
        assertDuration('ageMs', ms);
      })?.code,
    ).toBe('IDEMPOTENCY_INVALID_REQUEST');
  });
});
