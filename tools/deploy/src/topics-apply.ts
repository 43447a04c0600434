/**
 * Creates or updates the planned topics, idempotently: missing topics are created; existing
 * ones get the planned configs (incremental alter) and more partitions when fewer exist.
 * Partitions are never removed (Kafka cannot) and a replication-factor change is reported,
 * not made (it needs a reassignment).
 */
import { ConfigResourceTypes, type Admin, type ITopicConfig } from 'kafkajs';
import type { PlannedTopic } from './topic-plan';

export interface TopicsReport {
  readonly created: string[];
  readonly updated: string[];
  readonly unchanged: string[];
  readonly warnings: string[];
}

type TopicAdmin = Pick<
  Admin,
  | 'listTopics'
  | 'createTopics'
  | 'fetchTopicMetadata'
  | 'fetchTopicOffsets'
  | 'describeConfigs'
  | 'alterConfigs'
  | 'createPartitions'
>;

/**
 * A fresh topic answers UNKNOWN_TOPIC_OR_PARTITION / NOT_LEADER for a moment after
 * createTopics returned; the command finishes only once every partition has a leader that
 * answers, so an app started right after it does not fail on it.
 */
async function untilServed(
  admin: TopicAdmin,
  names: readonly string[],
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const name of names) {
    for (;;) {
      const served = await admin.fetchTopicOffsets(name).then(
        () => true,
        (error: unknown) => {
          if (Date.now() > deadline) throw error;
          return false;
        },
      );
      if (served) break;
      await new Promise((done) => setTimeout(done, 200));
    }
  }
}

export async function applyTopics(
  admin: TopicAdmin,
  plan: readonly PlannedTopic[],
): Promise<TopicsReport> {
  const report: TopicsReport = { created: [], updated: [], unchanged: [], warnings: [] };
  const existing = new Set(await admin.listTopics());
  const missing = plan.filter((topic) => !existing.has(topic.name));
  if (missing.length > 0) {
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic): ITopicConfig => ({
        topic: topic.name,
        numPartitions: topic.partitions,
        replicationFactor: topic.replicationFactor,
        configEntries: Object.entries(topic.config).map(([name, value]) => ({ name, value })),
      })),
    });
    report.created.push(...missing.map((topic) => topic.name));
    await untilServed(admin, report.created, 30_000);
  }
  const present = plan.filter((topic) => existing.has(topic.name));
  if (present.length === 0) return report;
  const metadata = await admin.fetchTopicMetadata({ topics: present.map((topic) => topic.name) });
  const configs = await admin.describeConfigs({
    includeSynonyms: false,
    resources: present.map((topic) => ({
      type: ConfigResourceTypes.TOPIC,
      name: topic.name,
      configNames: Object.keys(topic.config),
    })),
  });
  for (const topic of present) {
    let changed = false;
    const partitions = metadata.topics.find((item) => item.name === topic.name)?.partitions ?? [];
    if (partitions.length < topic.partitions) {
      await admin.createPartitions({
        topicPartitions: [{ topic: topic.name, count: topic.partitions }],
      });
      changed = true;
    } else if (partitions.length > topic.partitions) {
      report.warnings.push(
        `${topic.name} has ${partitions.length} partitions, more than the planned ${topic.partitions} (left as is)`,
      );
    }
    const replicas = partitions[0]?.replicas.length ?? topic.replicationFactor;
    if (replicas !== topic.replicationFactor) {
      report.warnings.push(
        `${topic.name} has replication factor ${replicas}, planned ${topic.replicationFactor} (needs a partition reassignment)`,
      );
    }
    const current =
      configs.resources.find((resource) => resource.resourceName === topic.name)?.configEntries ??
      [];
    const differing = Object.entries(topic.config).filter(
      ([name, value]) => current.find((item) => item.configName === name)?.configValue !== value,
    );
    if (differing.length > 0) {
      await admin.alterConfigs({
        validateOnly: false,
        resources: [
          {
            type: ConfigResourceTypes.TOPIC,
            name: topic.name,
            configEntries: differing.map(([name, value]) => ({ name, value })),
          },
        ],
      });
      changed = true;
    }
    (changed ? report.updated : report.unchanged).push(topic.name);
  }
  return report;
}
