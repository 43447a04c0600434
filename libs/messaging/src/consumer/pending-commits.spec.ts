import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { MessagingLogger } from '../logger';
import type { MessageDecoder } from './consumed-message';
import { LagReporter } from './lag-reporter';
import { processPartitionBatch, type BatchDeps } from './partition-batch';
import { PendingCommits, type PartitionOffset } from './pending-commits';

const silent: MessagingLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function setup(options: { messages?: number; ms?: number } = {}) {
  let clock = 0;
  const outside: PartitionOffset[][] = [];
  const aborter = new AbortController();
  const warnings: unknown[] = [];
  let failOutside: Error | undefined;
  const commits = new PendingCommits({
    policy: { messages: options.messages ?? 100, ms: options.ms ?? 1_000 },
    commitOutsideBatch: (offsets) => {
      if (failOutside !== undefined) return Promise.reject(failOutside);
      outside.push([...offsets]);
      return Promise.resolve();
    },
    logger: { ...silent, warn: (fields) => warnings.push(fields) },
    groupId: 'g',
    signal: aborter.signal,
    now: () => clock,
  });
  return {
    commits,
    outside,
    aborter,
    warnings,
    advance: (ms: number) => {
      clock += ms;
    },
    failOutsideWith: (error: Error | undefined) => {
      failOutside = error;
    },
  };
}

describe('PendingCommits', () => {
  it('commits a partition it never committed at once, then by count or after the interval', () => {
    const { commits, advance } = setup({ messages: 3, ms: 1_000 });
    commits.record('t', 0, '1', 1);
    expect(commits.due('t', 0)).toBe(true);
    expect(commits.due('t', 1)).toBe(false);
    return commits
      .commitPartition('t', 0, () => Promise.resolve())
      .then(() => {
        commits.record('t', 0, '2', 1);
        commits.record('t', 0, '3', 1);
        expect(commits.due('t', 0)).toBe(false);
        commits.record('t', 0, '4', 1);
        expect(commits.due('t', 0)).toBe(true);
        return commits.commitPartition('t', 0, () => Promise.resolve());
      })
      .then(() => {
        commits.record('t', 0, '5', 1);
        advance(999);
        expect(commits.due('t', 0)).toBe(false);
        advance(1);
        expect(commits.due('t', 0)).toBe(true);
      });
  });

  it('sends the newest offset, one commit at a time, never an older one after a newer', async () => {
    const { commits } = setup();
    const sent: string[] = [];
    const first = deferred();
    commits.record('t', 0, '5', 5);
    const slow = commits.commitPartition('t', 0, (offsets) => {
      sent.push(...offsets.map((o) => o.offset));
      return first.promise;
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(sent).toEqual(['5']);
    commits.record('t', 0, '9', 4);
    const fast = commits.commitPartition('t', 0, (offsets) => {
      sent.push(...offsets.map((o) => o.offset));
      return Promise.resolve();
    });
    await Promise.resolve();
    expect(sent).toEqual(['5']);
    first.resolve();
    await Promise.all([slow, fast]);
    expect(sent).toEqual(['5', '9']);
    commits.record('t', 0, '7', 1);
    await commits.commitPartition('t', 0, (offsets) => {
      sent.push(...offsets.map((o) => o.offset));
      return Promise.resolve();
    });
    expect(sent).toEqual(['5', '9']);
  });

  it('keeps the offsets of a failed commit pending, merged with newer ones', async () => {
    const { commits, outside, warnings, failOutsideWith } = setup();
    commits.record('t', 0, '3', 3);
    await expect(
      commits.commitPartition('t', 0, () => Promise.reject(new Error('coordinator moved'))),
    ).rejects.toThrow('coordinator moved');
    commits.record('t', 1, '8', 2);
    failOutsideWith(new Error('not the coordinator'));
    await commits.flush();
    expect(warnings).toHaveLength(1);
    failOutsideWith(undefined);
    await commits.flush();
    expect(outside).toEqual([
      [
        { topic: 't', partition: 0, offset: '3' },
        { topic: 't', partition: 1, offset: '8' },
      ],
    ]);
  });

  it('commits what is pending by the timer, and nothing once aborted', async () => {
    jest.useFakeTimers();
    try {
      const { commits, outside, aborter } = setup({ ms: 1_000 });
      commits.record('t', 0, '2', 2);
      commits.commitLater();
      commits.commitLater();
      await jest.advanceTimersByTimeAsync(999);
      expect(outside).toEqual([]);
      await jest.advanceTimersByTimeAsync(1);
      expect(outside).toEqual([[{ topic: 't', partition: 0, offset: '2' }]]);
      commits.record('t', 0, '4', 2);
      commits.commitLater();
      aborter.abort();
      await jest.advanceTimersByTimeAsync(5_000);
      expect(outside).toHaveLength(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('once closed, a commit that fails in flight is not retried by the timer', async () => {
    jest.useFakeTimers();
    try {
      const { commits, outside, failOutsideWith } = setup({ ms: 1_000 });
      commits.record('t', 0, '2', 2);
      const inFlight = deferred();
      const flushing = commits.commitPartition('t', 0, () => inFlight.promise);
      await Promise.resolve();
      commits.close();
      inFlight.reject(new Error('the consumer disconnected'));
      await expect(flushing).rejects.toThrow('the consumer disconnected');
      failOutsideWith(undefined);
      commits.commitLater();
      await jest.advanceTimersByTimeAsync(5_000);
      expect(outside).toEqual([]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('after a rejoin, forgets partitions it lost and commits the kept ones', async () => {
    const { commits, outside } = setup();
    commits.record('t', 0, '4', 4);
    commits.record('t', 1, '6', 6);
    commits.rejoined((topic, partition) => topic === 't' && partition === 1);
    await commits.flush();
    expect(outside).toEqual([[{ topic: 't', partition: 1, offset: '6' }]]);
  });

  it('once the runner stops, every batch is due', () => {
    const { commits } = setup();
    commits.record('t', 0, '1', 1);
    return commits
      .commitPartition('t', 0, () => Promise.resolve())
      .then(() => {
        commits.record('t', 0, '2', 1);
        expect(commits.due('t', 0)).toBe(false);
        commits.commitEveryBatch();
        expect(commits.due('t', 0)).toBe(true);
      });
  });
});

describe('a partition trickling one message per fetch', () => {
  const textDecoder: MessageDecoder<string, Record<string, string>> = {
    headers: () => ({}),
    value: (value) => value?.toString('utf8') ?? '',
  };

  function batchOf(offset: number, inBatch: PartitionOffset[][]): EachBatchPayload {
    const message = {
      offset: String(offset),
      key: Buffer.from('k'),
      value: Buffer.from(`m${String(offset)}`),
      timestamp: '0',
      attributes: 0,
      headers: {},
    } as KafkaMessage;
    return {
      batch: {
        topic: 't',
        partition: 0,
        highWatermark: String(offset + 1),
        messages: [message],
      },
      resolveOffset: () => undefined,
      heartbeat: () => Promise.resolve(),
      commitOffsetsIfNecessary: (offsets?: {
        topics: { topic: string; partitions: { partition: number; offset: string }[] }[];
      }) => {
        inBatch.push(
          (offsets?.topics ?? []).flatMap(({ topic, partitions }) =>
            partitions.map(({ partition, offset: committed }) => ({
              topic,
              partition,
              offset: committed,
            })),
          ),
        );
        return Promise.resolve();
      },
      isRunning: () => true,
      isStale: () => false,
    } as unknown as EachBatchPayload;
  }

  it('commits the first at once and the rest together, by the timer, not once per message', async () => {
    jest.useFakeTimers();
    try {
      const { commits, outside } = setup({ ms: 1_000 });
      const handled: string[] = [];
      const deps: BatchDeps<string, Record<string, string>> = {
        handling: {
          kind: 'each',
          keyConcurrency: 1,
          handler: (message) => {
            handled.push(message.value);
            return Promise.resolve();
          },
        },
        decode: textDecoder,
        deadLetter: () => Promise.resolve(),
        retryPolicy: { initialMs: 10, maxMs: 10 },
        sliceMessages: 100,
        commits,
        heartbeatIntervalMs: 3_000,
        logger: silent,
        random: () => 0.5,
        signal: new AbortController().signal,
        isPaused: () => false,
        lag: new LagReporter(undefined, 'g'),
      };
      const inBatch: PartitionOffset[][] = [];
      for (let offset = 0; offset < 10; offset++) {
        await processPartitionBatch(batchOf(offset, inBatch), deps);
        await jest.advanceTimersByTimeAsync(20);
      }
      expect(handled).toHaveLength(10);
      expect(inBatch).toEqual([[{ topic: 't', partition: 0, offset: '1' }]]);
      expect(outside).toEqual([]);
      await jest.advanceTimersByTimeAsync(1_000);
      expect(outside).toEqual([[{ topic: 't', partition: 0, offset: '10' }]]);
    } finally {
      jest.useRealTimers();
    }
  });
});
