import { defaultSchedule, EXHAUSTED, parseSchedule } from './schedule';
import { caught } from '../testing/spec-helpers';

const T0 = Date.UTC(2025, 0, 1);
const S = 1_000;
const M = 60 * S;
const H = 60 * M;

describe('the default schedule', () => {
  const schedule = defaultSchedule();

  it.each([
    [1, 30 * S],
    [2, 2 * M + 30 * S],
    [3, 10 * M + 30 * S],
    [4, 40 * M + 30 * S],
    [5, 2 * H + 40 * M + 30 * S],
    [6, 4 * H + 40 * M + 30 * S],
    [15, 22 * H + 40 * M + 30 * S],
  ])('schedules retry %i at first failure + %i ms', (attempt, offset) => {
    expect(schedule.nextDue(T0, attempt)).toBe(T0 + offset);
  });

  it('is exhausted from retry 16 on, the first past 24 h after the first failure', () => {
    expect(schedule.nextDue(T0, 16)).toBe(EXHAUSTED);
    expect(schedule.nextDue(T0, 1_000_000)).toBe(EXHAUSTED);
  });

  it('has the documented steps and max age', () => {
    expect(schedule.stepsMs).toEqual([30 * S, 2 * M, 8 * M, 30 * M, 2 * H]);
    expect(schedule.maxAgeMs).toBe(24 * H);
  });

  it('scales down for tests: 30 s become 30 ms, 24 h become 86.4 s', () => {
    const fast = defaultSchedule(0.001);

    expect(fast.stepsMs).toEqual([30, 120, 480, 1_800, 7_200]);
    expect(fast.maxAgeMs).toBe(86_400);
    expect(fast.nextDue(T0, 16)).toBe(EXHAUSTED);
  });
});

describe('parseSchedule', () => {
  it('repeats the last step', () => {
    const schedule = parseSchedule('1s,5s', { maxAge: '1h' });

    expect([1, 2, 3, 4].map((n) => schedule.nextDue(0, n))).toEqual([1 * S, 6 * S, 11 * S, 16 * S]);
  });

  it('still runs a retry that lands exactly on max age, and no later one', () => {
    const schedule = parseSchedule('1h', { maxAge: '3h' });

    expect(schedule.nextDue(T0, 3)).toBe(T0 + 3 * H);
    expect(schedule.nextDue(T0, 4)).toBe(EXHAUSTED);
  });

  it('is exhausted one millisecond past max age', () => {
    const schedule = parseSchedule('1000ms,1001ms', { maxAge: '2000ms' });

    expect(schedule.nextDue(T0, 1)).toBe(T0 + 1000);
    expect(schedule.nextDue(T0, 2)).toBe(EXHAUSTED);
  });

  it('defaults max age to 24 h', () => {
    expect(parseSchedule('2h').maxAgeMs).toBe(24 * H);
  });

  it('rounds scaled steps to whole milliseconds, never below 1', () => {
    expect(parseSchedule('1ms,1s,1500ms', { maxAge: '1h', scale: 0.001 }).stepsMs).toEqual([
      1, 1, 2,
    ]);
  });

  it.each([
    ['30s,2x,8m', {}, '"2x" is not a duration'],
    ['30s,,2m', {}, 'has an empty step'],
    ['', {}, 'has an empty step'],
    ['30s,0m', {}, '"0m" is not a positive duration'],
    ['30s', { maxAge: 'forever' }, '"forever" is not a duration'],
    ['30s', { maxAge: '10s' }, 'maxAge 10s is shorter than the first step 30s'],
    ['30s', { scale: 0 }, 'scale must be a positive finite number'],
    ['30s', { scale: Number.NaN }, 'scale must be a positive finite number'],
  ])('rejects %j with %j', (spec, options, message) => {
    expect(() => parseSchedule(spec, options)).toThrow(message);
    expect(caught(() => parseSchedule(spec, options))).toMatchObject({ code: 'INVALID_SCHEDULE' });
  });
});

describe('nextDue with time paused during an outage', () => {
  const schedule = defaultSchedule();

  it('moves the due time by the paused time', () => {
    expect(schedule.nextDue(T0, 3, 45 * M)).toBe(T0 + 45 * M + 10 * M + 30 * S);
  });

  it('does not count paused time towards max age', () => {
    // 22h40m30s of schedule plus a 20 h outage: 42 h after the first failure, still due.
    expect(schedule.nextDue(T0, 15, 20 * H)).toBe(T0 + 42 * H + 40 * M + 30 * S);
    expect(schedule.nextDue(T0, 16, 20 * H)).toBe(EXHAUSTED);
  });

  it.each([
    ['attempt 0', T0, 0, 0, 'attempt must be an integer >= 1'],
    ['a fractional attempt', T0, 1.5, 0, 'attempt must be an integer >= 1'],
    ['negative paused time', T0, 1, -1, 'pausedMs must be >= 0'],
    ['a first failure that is not a time', Number.NaN, 1, 0, 'firstFailureAt must be epoch ms'],
  ])('refuses %s', (_case, firstFailureAt, attempt, pausedMs, message) => {
    expect(() => schedule.nextDue(firstFailureAt, attempt, pausedMs)).toThrow(message);
    expect(caught(() => schedule.nextDue(firstFailureAt, attempt, pausedMs))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      retriable: false,
    });
  });
});
