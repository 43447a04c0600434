import { createTopicAdmin } from '@hub/messaging';
import { createLogger } from '@hub/observability';
import { testKafka } from '@hub/testing';
import { RuntimeHarness } from '../testing/runtime-harness';
import { ControlReader } from './control-reader';

describe('the control topic reader (real broker)', () => {
  const harness = new RuntimeHarness();

  afterAll(() => harness.close());

  async function groups(): Promise<string[]> {
    const admin = testKafka('control-groups').admin();
    await admin.connect();
    try {
      return (await admin.listGroups()).groups.map((group) => group.groupId);
    } finally {
      await admin.disconnect();
    }
  }

  it('reads the topic to its end at start, and leaves no consumer group behind at stop', async () => {
    const admin = createTopicAdmin(harness.client);
    await admin.ensureTopics([
      { name: harness.topics.control, partitions: 1, replicationFactor: 1 },
    ]);
    await admin.close();
    const reader = new ControlReader({
      client: harness.client,
      sender: await harness.connectedProducer(),
      groupPrefix: `test-${harness.system}`,
      deadLetterTopic: harness.topics.deadLetter,
      topic: harness.topics.control,
      logger: createLogger({ service: 'control-reader-spec', level: 'silent' }),
    });

    await reader.start();
    const running = await groups();
    await reader.stop();
    const stopped = await groups();

    expect(reader.consuming()).toBe(false);
    expect([running.includes(reader.groupId), stopped.includes(reader.groupId)]).toEqual([
      true,
      false,
    ]);
  });
});
