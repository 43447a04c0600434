import type { Admin, ITopicMetadata } from 'kafkajs';
import { kafkaOf, type KafkaClient } from '../client/create-kafka-client';
import { describeError, MessagingError } from '../errors/messaging-error';
import { topicConfigEntries, topicSpecProblems, type TopicSpec } from './topic-spec';

export interface EnsureTopicsOptions {
  /** Fail with TOPIC_PARTITIONS_MISMATCH when an existing topic has another partition count. */
  readonly verifyPartitions?: boolean;
}

export interface EnsureTopicsReport {
  readonly created: readonly string[];
  readonly existing: readonly string[];
}

export interface TopicAdmin {
  /** Creates what is missing, leaves what exists; safe to run at every start-up, concurrently. */
  ensureTopics(
    specs: readonly TopicSpec[],
    options?: EnsureTopicsOptions,
  ): Promise<EnsureTopicsReport>;
  close(): Promise<void>;
}

export function createTopicAdmin(client: KafkaClient): TopicAdmin {
  let admin: Admin | undefined;
  const connected = async (): Promise<Admin> => {
    if (!admin) {
      const fresh = kafkaOf(client).admin();
      await fresh.connect();
      admin = fresh;
    }
    return admin;
  };
  return {
    async ensureTopics(specs, options = {}) {
      const problems = topicSpecProblems(specs);
      if (problems.length > 0)
        throw new MessagingError(
          'TOPIC_ADMIN_FAILED',
          `Bad topic specs: ${problems.join('; ')}`,
          false,
        );
      try {
        return await retryBrokerHiccups(async () => ensureWith(await connected(), specs, options));
      } catch (error) {
        if (error instanceof MessagingError) throw error;
        throw new MessagingError(
          'TOPIC_ADMIN_FAILED',
          `ensureTopics failed: ${describeError(error)}`,
          true,
          { cause: error },
        );
      }
    },
    async close() {
      const current = admin;
      admin = undefined;
      if (current) await current.disconnect();
    },
  };
}

/**
 * Topics just created can be unknown to the broker's metadata for a moment ("This server
 * does not host this topic-partition"): kafkajs marks such errors retriable, and the next
 * attempt sees the topics (creating is idempotent: listed ones are skipped).
 */
async function retryBrokerHiccups<T>(attempt: () => Promise<T>, attempts = 5): Promise<T> {
  for (let tried = 1; ; tried += 1) {
    try {
      return await attempt();
    } catch (error) {
      const retriable =
        typeof error === 'object' &&
        error !== null &&
        'retriable' in error &&
        error.retriable === true;
      if (!retriable || error instanceof MessagingError || tried >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * tried));
    }
  }
}

async function ensureWith(
  admin: Admin,
  specs: readonly TopicSpec[],
  options: EnsureTopicsOptions,
): Promise<EnsureTopicsReport> {
  const listed = new Set(await admin.listTopics());
  const missing = specs.filter((spec) => !listed.has(spec.name));
  if (missing.length > 0) {
    // false means every one of them already existed: another instance won the race.
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((spec) => ({
        topic: spec.name,
        numPartitions: spec.partitions,
        replicationFactor: spec.replicationFactor,
        configEntries: topicConfigEntries(spec),
      })),
    });
  }
  if (options.verifyPartitions === true) await verifyPartitions(admin, specs);
  const missingNames = new Set(missing.map((spec) => spec.name));
  return {
    created: specs.filter((spec) => missingNames.has(spec.name)).map((spec) => spec.name),
    existing: specs.filter((spec) => !missingNames.has(spec.name)).map((spec) => spec.name),
  };
}

async function verifyPartitions(admin: Admin, specs: readonly TopicSpec[]): Promise<void> {
  const { topics } = await admin.fetchTopicMetadata({ topics: specs.map((spec) => spec.name) });
  const byName = new Map<string, ITopicMetadata>(topics.map((topic) => [topic.name, topic]));
  const wrong = specs.flatMap((spec) => {
    const actual = byName.get(spec.name)?.partitions.length ?? 0;
    return actual === spec.partitions
      ? []
      : [`${spec.name} has ${actual} partitions, expected ${spec.partitions}`];
  });
  if (wrong.length > 0)
    throw new MessagingError('TOPIC_PARTITIONS_MISMATCH', wrong.join('; '), false);
}
