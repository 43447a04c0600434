import { PermanentError, TransientError } from '@hub/resilience';
import { untilReachable } from './until-reachable';

const signal = new AbortController().signal;

function clockedOptions() {
  let now = 0;
  const warnings: string[] = [];
  return {
    warnings,
    options: {
      timeoutMs: 10_000,
      retryDelayMs: 2_000,
      target: 'Acme a-1',
      logger: {
        warn: (_details: object, message: string) => {
          warnings.push(message);
        },
      },
      now: () => now,
      sleep: (ms: number) => {
        now += ms;
        return Promise.resolve();
      },
    },
  };
}

const giveUp = (failure: { message: string }) => new Error(`cannot start: ${failure.message}`);

describe('untilReachable', () => {
  it('asks again while the target is unreachable, then answers', async () => {
    const { options, warnings } = clockedOptions();
    let calls = 0;
    const answer = await untilReachable(
      options,
      () =>
        ++calls < 3 ? Promise.reject(new TransientError('DOWN', 'refused')) : Promise.resolve(42),
      giveUp,
      signal,
    );
    expect(answer).toBe(42);
    expect(warnings).toEqual([
      'Acme a-1 not reachable for the start-up check, trying again: refused',
      'Acme a-1 not reachable for the start-up check, trying again: refused',
    ]);
  });

  it('gives up at once on a permanent failure', async () => {
    const { options } = clockedOptions();
    let calls = 0;
    const attempt = () => {
      calls += 1;
      return Promise.reject(new PermanentError('REFUSED', 'wrong secret'));
    };
    await expect(untilReachable(options, attempt, giveUp, signal)).rejects.toThrow(
      'cannot start: wrong secret',
    );
    expect(calls).toBe(1);
  });

  it('gives up once the timeout has passed', async () => {
    const { options } = clockedOptions();
    let calls = 0;
    const attempt = () => {
      calls += 1;
      return Promise.reject(new TransientError('DOWN', 'refused'));
    };
    await expect(untilReachable(options, attempt, giveUp, signal)).rejects.toThrow(
      'cannot start: refused',
    );
    // At 0, 2, 4, 6, 8 and 10 s: the last attempt falls on the deadline.
    expect(calls).toBe(6);
  });
});
