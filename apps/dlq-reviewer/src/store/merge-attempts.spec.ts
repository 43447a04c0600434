import type { AttemptView } from './item-types';
import { mergeAttempts } from './merge-attempts';

const attempt = (n: number, at: number, via: AttemptView['via'] = 'dead-letter'): AttemptView => ({
  attempt: n,
  at,
  errorClass: 'transient',
  code: 'ERP_UNAVAILABLE',
  message: `try ${String(n)}`,
  httpStatus: 503,
  via,
});

describe('mergeAttempts', () => {
  it('keeps the known attempts once and appends the new ones', () => {
    const merged = mergeAttempts([attempt(1, 1_000)], [attempt(1, 1_000), attempt(2, 2_000)]);
    expect(merged.map((a) => [a.attempt, a.at])).toEqual([
      [1, 1_000],
      [2, 2_000],
    ]);
  });

  it('treats the same number at another time as another attempt, in time order', () => {
    const merged = mergeAttempts(
      [attempt(1, 1_000), attempt(2, 3_000, 'retry')],
      [attempt(1, 1_000), attempt(2, 2_000), attempt(2, 2_000)],
    );
    expect(merged.map((a) => [a.attempt, a.at, a.via])).toEqual([
      [1, 1_000, 'dead-letter'],
      [2, 2_000, 'dead-letter'],
      [2, 3_000, 'retry'],
    ]);
  });

  it('changes nothing when the dead letter brings nothing new', () => {
    const existing = [attempt(1, 1_000), attempt(2, 2_000)];
    expect(mergeAttempts(existing, [attempt(2, 2_000)])).toEqual(existing);
  });
});
