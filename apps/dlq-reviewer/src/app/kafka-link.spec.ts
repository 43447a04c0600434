import type { ConsumerRunner, Producer } from '@hub/messaging';
import { captureLogLines, createLogger } from '@hub/observability';
import { KafkaLink, explainFailure } from './kafka-link';

function fakeRunner(log: string[], name: string, failStarts: number): ConsumerRunner {
  let starts = 0;
  return {
    start: () => {
      starts += 1;
      log.push(`start ${name}`);
      return starts <= failStarts ? Promise.reject(new Error('broker gone')) : Promise.resolve();
    },
    stop: () => {
      log.push(`stop ${name}`);
      return Promise.resolve();
    },
    abort: () => Promise.resolve(),
    pause: () => undefined,
    resume: () => undefined,
    paused: () => [],
    consuming: () => starts > failStarts,
  };
}

function fakeProducer(log: string[]): Producer {
  return {
    connect: () => {
      log.push('connect producer');
      return Promise.resolve();
    },
    send: () => Promise.resolve(),
    disconnect: () => {
      log.push('disconnect producer');
      return Promise.resolve();
    },
  };
}

describe('KafkaLink', () => {
  it('retries until connected, with fresh runners each time, logging once per window', async () => {
    const log: string[] = [];
    const capture = captureLogLines();
    let topicFailures = 2;
    const link = new KafkaLink(
      {
        topics: ['dlq'],
        ensureTopics: () =>
          topicFailures-- > 0 ? Promise.reject(new Error('ECONNREFUSED')) : Promise.resolve(),
        producer: fakeProducer(log),
        makeRunners: () => ({
          deadLetters: fakeRunner(log, 'dlq', 0),
          // Built anew per attempt, so each one fails its first start once.
          outcomes: fakeRunner(log, 'outcomes', log.includes('start outcomes') ? 0 : 1),
        }),
      },
      createLogger({ service: 'test', level: 'info', destination: capture.destination }),
      { initialDelayMs: 1, maxDelayMs: 4, logEveryMs: 60_000 },
    );
    expect([link.producerReady, link.consuming]).toEqual([false, false]);
    link.start();
    await link.connected;
    expect([link.producerReady, link.consuming]).toEqual([true, true]);
    expect(log).toEqual([
      'connect producer',
      'start dlq',
      'start outcomes',
      'stop dlq',
      'stop outcomes',
      'start dlq',
      'start outcomes',
    ]);
    expect(capture.lines.map((line) => line.msg)).toEqual([
      'Kafka not reachable; API and console serve from Postgres',
      'Kafka connected after start-up failures',
    ]);
    await link.stop();
    expect([link.producerReady, link.consuming]).toEqual([false, false]);
    expect(log.slice(-3)).toEqual(['stop dlq', 'stop outcomes', 'disconnect producer']);
  });

  it('stops promptly while still waiting for Kafka', async () => {
    const link = new KafkaLink(
      {
        topics: ['dlq'],
        ensureTopics: () => Promise.reject(new Error('ECONNREFUSED')),
        producer: fakeProducer([]),
        makeRunners: () => {
          throw new Error('never reached');
        },
      },
      createLogger({ service: 'test', level: 'silent' }),
      { initialDelayMs: 60_000, maxDelayMs: 60_000, logEveryMs: 60_000 },
    );
    link.start();
    const started = Date.now();
    await link.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(link.producerReady).toBe(false);
  });

  it('names the topics and `npm run topics` when a consumed topic is missing, nothing else', () => {
    const missing = Object.assign(new Error('This server does not host this topic-partition'), {
      type: 'UNKNOWN_TOPIC_OR_PARTITION',
    });
    expect(explainFailure(missing, ['hub.dead-letter.v1', 'hub.delivery-outcome.v1'])).toMatch(
      /\(hub\.dead-letter\.v1, hub\.delivery-outcome\.v1\); it creates none at start-up: create them with `npm run topics`/,
    );
    expect(explainFailure(new Error('ECONNREFUSED'), ['x'])).toBe('ECONNREFUSED');
  });
});
