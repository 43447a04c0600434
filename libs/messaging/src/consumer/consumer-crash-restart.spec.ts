import { EventEmitter } from 'node:events';
import type { Consumer, Producer } from 'kafkajs';
import { createKafkaClient, kafkaOf } from '../client/create-kafka-client';
import type { MessagingLogger } from '../logger';
import { createConsumerRunner } from './consumer-runner';
import type { ConsumerRunner } from './consumer-runner-options';

const silent: MessagingLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** The part of a kafkajs consumer the runner uses, with crashes on demand. */
function fakeConsumer() {
  const emitter = new EventEmitter();
  const fake = {
    events: {
      CRASH: 'consumer.crash',
      GROUP_JOIN: 'consumer.group_join',
      REBALANCING: 'consumer.rebalancing',
    },
    connect: jest.fn(() => Promise.resolve()),
    subscribe: jest.fn(() => Promise.resolve()),
    run: jest.fn(() => Promise.resolve()),
    disconnect: jest.fn(() => Promise.resolve()),
    paused: () => [],
    on: (event: string, listener: (event: unknown) => void) => {
      emitter.on(event, listener);
      return () => emitter.off(event, listener);
    },
    /** As kafkajs reports it, after it disconnected the consumer. */
    crash: (restart: boolean) => {
      emitter.emit('consumer.crash', {
        payload: { error: new Error('Failed to find group coordinator'), groupId: 'g', restart },
      });
    },
    join: () => emitter.emit('consumer.group_join', { payload: {} }),
  };
  return fake;
}

describe('consumer runner: a consumer kafkajs does not restart after a crash', () => {
  let consumer: ReturnType<typeof fakeConsumer>;
  let runner: ConsumerRunner;

  beforeEach(async () => {
    jest.useFakeTimers();
    consumer = fakeConsumer();
    const client = createKafkaClient({
      clientId: 'crash-test',
      brokers: ['127.0.0.1:1'],
      logger: silent,
    });
    const kafka = kafkaOf(client);
    jest.spyOn(kafka, 'consumer').mockReturnValue(consumer as unknown as Consumer);
    const producer = {
      connect: () => Promise.resolve(),
      disconnect: () => Promise.resolve(),
      sendBatch: () => Promise.resolve([]),
    };
    jest.spyOn(kafka, 'producer').mockReturnValue(producer as unknown as Producer);
    runner = createConsumerRunner(client, {
      groupId: 'g',
      topics: ['t'],
      handler: () => Promise.resolve(),
      decode: { headers: () => undefined, value: () => '' },
      deadLetter: { topic: 'dlq' },
      logger: silent,
      random: () => 0,
    });
    await runner.start();
  });

  afterEach(async () => {
    await runner.stop();
    jest.useRealTimers();
  });

  it('runs it again (a broker restart can end in "Failed to find group coordinator")', async () => {
    consumer.crash(false);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(consumer.run).toHaveBeenCalledTimes(2);
    expect(consumer.connect).toHaveBeenCalledTimes(2);
  });

  it('keeps trying, with growing waits, while the broker is away', async () => {
    consumer.connect
      .mockRejectedValueOnce(new Error('ECONNREFUSED'))
      .mockRejectedValueOnce(new Error('ECONNREFUSED'));
    consumer.crash(false);
    await jest.advanceTimersByTimeAsync(500); // attempt 1 after 500 ms: refused
    await jest.advanceTimersByTimeAsync(1_000); // attempt 2 after 1 s: refused
    expect(consumer.run).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1_999);
    expect(consumer.run).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1); // attempt 3 after 2 s: runs
    expect(consumer.connect).toHaveBeenCalledTimes(4);
    expect(consumer.run).toHaveBeenCalledTimes(2);
  });

  it('starts the backoff afresh once the consumer joined its group again', async () => {
    consumer.connect.mockRejectedValueOnce(new Error('ECONNREFUSED'));
    consumer.crash(false);
    await jest.advanceTimersByTimeAsync(1_500);
    expect(consumer.run).toHaveBeenCalledTimes(2);
    consumer.join();
    consumer.crash(false);
    await jest.advanceTimersByTimeAsync(500);
    expect(consumer.run).toHaveBeenCalledTimes(3);
  });

  it('leaves the restart to kafkajs when kafkajs restarts it', async () => {
    consumer.crash(true);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(consumer.run).toHaveBeenCalledTimes(1);
  });

  it('does not bring back a runner that was stopped', async () => {
    consumer.crash(false);
    await runner.stop();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(consumer.run).toHaveBeenCalledTimes(1);
    expect(consumer.disconnect).toHaveBeenCalledTimes(1);
  });

  it('reports not consuming from a crash until the consumer joins its group again', async () => {
    expect(runner.consuming()).toBe(true);
    consumer.crash(true);
    expect(runner.consuming()).toBe(false);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(runner.consuming()).toBe(false);
    consumer.join();
    expect(runner.consuming()).toBe(true);
    await runner.stop();
    expect(runner.consuming()).toBe(false);
  });
});
