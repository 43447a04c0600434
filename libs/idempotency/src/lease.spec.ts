import { leaseIsLive, liveLease } from './lease';

const now = 1_000_000;

describe('leaseIsLive', () => {
  it.each([
    ['no lease', null, false],
    ['expires later', now + 1, true],
    ['expires exactly now (may be taken over)', now, false],
    ['expired before', now - 1, false],
  ])('%s', (_case, expiresAt, expected) => {
    expect(leaseIsLive(expiresAt, now)).toBe(expected);
  });
});

describe('liveLease', () => {
  it('returns owner and expiry while live', () => {
    expect(liveLease('worker-a', now + 10, now)).toEqual({
      owner: 'worker-a',
      expiresAt: now + 10,
    });
  });

  it.each([
    ['released (no owner, no expiry)', null, null],
    ['expired', 'worker-a', now - 10],
    ['expiring at this instant', 'worker-a', now],
  ])('returns null when %s', (_case, owner, expiresAt) => {
    expect(liveLease(owner, expiresAt, now)).toBeNull();
  });
});
