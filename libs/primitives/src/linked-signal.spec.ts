import { getEventListeners } from 'node:events';
import { withLinkedSignal } from './linked-signal';

/** What a source still references: withLinkedSignal only adds abort listeners to it. */
const listeners = (signal: AbortSignal): number => getEventListeners(signal, 'abort').length;

describe('withLinkedSignal', () => {
  it('aborts with the reason of the first source that aborts', async () => {
    const stop = new AbortController();
    const other = new AbortController();
    const reason = new Error('stopping');

    const seen = await withLinkedSignal([other.signal, stop.signal], (signal) => {
      stop.abort(reason);
      return Promise.resolve(signal.reason as unknown);
    });

    expect(seen).toBe(reason);
  });

  it('starts aborted when a source already is', async () => {
    const stopped = AbortSignal.abort('gone');

    const aborted = await withLinkedSignal([new AbortController().signal, stopped], (signal) =>
      Promise.resolve(signal.aborted && signal.reason === 'gone'),
    );

    expect(aborted).toBe(true);
  });

  it('leaves nothing on long-lived sources once its operations settle, failed or not', async () => {
    const runtime = new AbortController();
    const consumer = new AbortController();
    const sources = [consumer.signal, runtime.signal];

    for (let i = 0; i < 1_000; i++)
      await withLinkedSignal(sources, () => Promise.resolve(i)).catch(() => undefined);
    await expect(
      withLinkedSignal(sources, () => Promise.reject(new Error('failed'))),
    ).rejects.toThrow('failed');
    const inFlight = withLinkedSignal(
      sources,
      () => new Promise((resolve) => setImmediate(resolve)),
    );
    const held = listeners(runtime.signal);
    await inFlight;

    expect(held).toBe(1);
    expect(listeners(runtime.signal)).toBe(0);
    expect(listeners(consumer.signal)).toBe(0);
  });
});
