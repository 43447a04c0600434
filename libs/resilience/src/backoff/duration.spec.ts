import { requireDuration } from './duration';
import { InvalidScheduleError } from './invalid-schedule-error';
import { caught } from '../testing/spec-helpers';

describe('requireDuration', () => {
  it.each([
    ['250ms', 250],
    ['30s', 30_000],
    ['2m', 120_000],
    ['1.5h', 5_400_000],
    ['1d', 86_400_000],
    [' 8m ', 480_000],
  ])('reads %j as %i ms', (token, ms) => {
    expect(requireDuration(token)).toBe(ms);
  });

  it.each([['30'], ['m'], ['30x'], ['2M'], ['2 m'], ['-5s'], ['1e3s'], ['']])(
    'rejects %j, naming it',
    (token) => {
      expect(() => requireDuration(token)).toThrow(InvalidScheduleError);
      expect(() => requireDuration(token)).toThrow(`"${token.trim()}" is not a duration`);
    },
  );

  it('rejects a zero duration', () => {
    expect(() => requireDuration('0s')).toThrow('"0s" is not a positive duration');
  });

  it('carries the stable code and the token', () => {
    expect(caught(() => requireDuration('30x'))).toMatchObject({
      code: 'INVALID_SCHEDULE',
      token: '30x',
      retriable: false,
    });
  });
});
