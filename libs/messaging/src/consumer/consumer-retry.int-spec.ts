import { testTopics, uniqueName } from '@hub/testing';
import { MessagingError } from '../errors/messaging-error';
import {
  committedOffsets,
  endOffsets,
  eventually,
  produceAll,
  recordingLogger,
  testClient,
  textDecoder,
} from '../testing/messaging-fixtures';
import { createConsumerRunner } from './consumer-runner';

describe('consumer runner: a throwing handler', () => {
  const topics = testTopics();
  afterAll(() => topics.deleteAll());

  it('retries the same message with backoff, without committing it or moving past it', async () => {
    const topic = await topics.create('retry', 1);
    const deadLetterTopic = await topics.create('retry-dlq', 1);
    const groupId = uniqueName('retry-group');
    const logger = recordingLogger();
    const client = testClient(logger);
    await produceAll(
      client,
      ['m0', 'm1', 'm2', 'm3', 'm4'].map((value) => ({
        topic,
        key: 'k',
        value: Buffer.from(value),
      })),
    );
    const handled: string[] = [];
    const committedWhileFailing: number[] = [];
    let failuresLeft = 2;
    const runner = createConsumerRunner(client, {
      groupId,
      topics: [topic],
      decode: textDecoder,
      deadLetter: { topic: deadLetterTopic },
      handlerRetry: { initialMs: 100, maxMs: 400 },
      logger,
      handler: async (message) => {
        if (message.value === 'm2' && failuresLeft > 0) {
          failuresLeft -= 1;
          committedWhileFailing.push((await committedOffsets(groupId, topic)).get(0) ?? -1);
          throw new Error('ERP connection refused');
        }
        handled.push(message.value);
      },
    });

    await runner.start();
    await eventually(() => handled.length >= 5, 'all five messages');
    await runner.stop();

    expect(handled).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    // First failure: m0 and m1 may still be uncommitted; before the retry they are committed, m2 is not.
    expect(committedWhileFailing[1]).toBe(2);
    expect(
      logger.lines.filter((line) => line.level === 'error').map((line) => line.details),
    ).toEqual([
      expect.objectContaining({ topic, partition: 0, offset: '2', attempt: 1 }),
      expect.objectContaining({ topic, partition: 0, offset: '2', attempt: 2 }),
    ]);
    expect(await committedOffsets(groupId, topic)).toEqual(new Map([[0, 5]]));
  });

  it('retries a decode failure marked retriable (registry down) instead of dead-lettering it', async () => {
    const topic = await topics.create('retry-decode', 1);
    const deadLetterTopic = await topics.create('retry-decode-dlq', 1);
    const client = testClient();
    await produceAll(client, [{ topic, key: 'k', value: Buffer.from('only') }]);
    let outage = true;
    const handled: string[] = [];
    const runner = createConsumerRunner(client, {
      groupId: uniqueName('retry-decode-group'),
      topics: [topic],
      decode: {
        headers: textDecoder.headers,
        value: (bytes: Buffer | null) => {
          if (outage) {
            outage = false;
            throw new MessagingError('SCHEMA_REGISTRY_UNAVAILABLE', 'registry down', true);
          }
          return textDecoder.value(bytes);
        },
      },
      deadLetter: { topic: deadLetterTopic },
      handlerRetry: { initialMs: 50, maxMs: 50 },
      handler: (message) => {
        handled.push(message.value);
        return Promise.resolve();
      },
    });

    await runner.start();
    await eventually(() => handled.length >= 1, 'the message after the outage');
    await runner.stop();

    expect(handled).toEqual(['only']);
    expect(await endOffsets(deadLetterTopic)).toEqual(new Map([[0, 0]]));
  });
});
