/**
 * Topics the reviewer needs, created when missing with DLQ_TOPIC_PARTITIONS and
 * DLQ_TOPIC_REPLICATION: the DLQ and outcome topics at start-up, a target's retry
 * topic just before the first operator retry to it (targets are only known from dead letters).
 */
import type { MessageSender, OutgoingMessage, TopicAdmin, TopicSpec } from '@hub/messaging';
import type { Logger } from '@hub/observability';
import type { DlqReviewerConfig } from './dlq-reviewer.config';

export interface TopicProvisioning {
  ensure(names: readonly string[]): Promise<void>;
}

export function topicProvisioning(
  admin: TopicAdmin,
  config: Pick<DlqReviewerConfig, 'topicPartitions' | 'topicReplication'>,
  logger: Logger,
): TopicProvisioning {
  const ensured = new Set<string>();
  return {
    async ensure(names) {
      const missing = [...new Set(names)].filter((name) => !ensured.has(name));
      if (missing.length === 0) return;
      const specs: TopicSpec[] = missing.map((name) => ({
        name,
        partitions: config.topicPartitions,
        replicationFactor: config.topicReplication,
      }));
      const report = await admin.ensureTopics(specs);
      if (report.created.length > 0) logger.info({ topics: report.created }, 'topics created');
      for (const name of missing) ensured.add(name);
    },
  };
}

/** A sender that makes sure each topic it writes to exists (once per topic per process). */
export function provisioningSender(
  sender: MessageSender,
  provisioning: TopicProvisioning,
): MessageSender {
  return {
    async send(messages: readonly OutgoingMessage[]) {
      await provisioning.ensure(messages.map((message) => message.topic));
      return sender.send(messages);
    },
  };
}
