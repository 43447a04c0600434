import { take, timerSleep, type Sleep } from './take';
import { TokenBucket } from './token-bucket';

/** A clock that only moves when the fake sleep is awaited. */
function fakeTime(): { clock: { now(): number }; sleep: Sleep; slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  const sleep: Sleep = (ms) => {
    slept.push(ms);
    now += ms;
    return Promise.resolve();
  };
  return { clock: { now: () => now }, sleep, slept };
}

describe('take', () => {
  it('returns at once while tokens are there', async () => {
    const time = fakeTime();
    const bucket = new TokenBucket({ ratePerSecond: 1, burst: 2 }, time.clock);

    await take(bucket, 2, { sleep: time.sleep });

    expect(time.slept).toEqual([]);
  });

  it('waits exactly as long as the bucket needs to refill', async () => {
    const time = fakeTime();
    const bucket = new TokenBucket({ ratePerSecond: 4, burst: 1 }, time.clock);
    await take(bucket, 1, { sleep: time.sleep });

    await take(bucket, 1, { sleep: time.sleep });
    await take(bucket, 1, { sleep: time.sleep });

    expect(time.slept).toEqual([250, 250]);
    expect(time.clock.now()).toBe(500);
  });

  it('refuses more tokens than the burst instead of waiting forever', async () => {
    const time = fakeTime();
    const bucket = new TokenBucket({ ratePerSecond: 1, burst: 2 }, time.clock);

    await expect(take(bucket, 3, { sleep: time.sleep })).rejects.toMatchObject({
      code: 'INVALID_RATE_LIMIT',
    });
  });

  it('stops when aborted', async () => {
    const time = fakeTime();
    const bucket = new TokenBucket({ ratePerSecond: 1, burst: 1 }, time.clock);
    const controller = new AbortController();
    bucket.tryTake(1);
    controller.abort();

    await expect(
      take(bucket, 1, { sleep: time.sleep, signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(time.slept).toEqual([]);
  });
});

describe('timerSleep', () => {
  it('resolves after the timer fires', async () => {
    await expect(timerSleep(1)).resolves.toBeUndefined();
  });

  it('rejects with the reason when aborted while waiting', async () => {
    const controller = new AbortController();
    const sleeping = timerSleep(60_000, controller.signal);
    const reason = new Error('shutting down');

    controller.abort(reason);

    await expect(sleeping).rejects.toBe(reason);
  });

  it('rejects at once when already aborted', async () => {
    await expect(timerSleep(60_000, AbortSignal.abort())).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
