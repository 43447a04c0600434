/**
 * Kafka preparation before the apps start. The canonical topics are shared by every run
 * (their names are fixed by the contracts), and the apps' consumer groups start a new group
 * from the beginning of a topic, so a fresh group would replay every event ever published
 * there (other runs, other tests). The hub under test therefore moves each of its groups to
 * the current end of its topics before the apps join them: the run sees only its own events.
 */
import { Kafka, logLevel, type Admin } from 'kafkajs';

/** Topic names from @hub/contracts (tooling may not import it: module boundaries). */
export const hubTopics = {
  inventoryLevel: 'erp.inventory-level.v1',
  goodsReceipt: 'erp.goods-receipt.v1',
  purchaseOrder: 'erp.purchase-order.v1',
  sourceNotification: 'hub.source-notification.v1',
  changeRequest: 'hub.change-request.v1',
  deadLetter: 'hub.dead-letter.v1',
  deliveryOutcome: 'hub.delivery-outcome.v1',
  targetControl: 'hub.target-control.v1',
  retry: (target: string): string => `hub.retry.${target}.v1`,
  redelivery: (target: string): string => `hub.redelivery.${target}.v1`,
} as const;

export interface GroupStart {
  readonly groupId: string;
  readonly topics: readonly string[];
}

async function withAdmin<T>(brokers: string, work: (admin: Admin) => Promise<T>): Promise<T> {
  const kafka = new Kafka({
    clientId: 'hub-under-test',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

export async function prepareKafka(
  brokers: string,
  topics: readonly string[],
  groups: readonly GroupStart[],
): Promise<void> {
  return withAdmin(brokers, async (admin) => {
    const existing = new Set(await admin.listTopics());
    const missing = [...new Set(topics)].filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: 3, replicationFactor: 1 })),
      });
    }
    for (const group of groups) {
      for (const topic of group.topics) {
        const ends = await offsetsOnceLed(admin, topic);
        await admin
          .setOffsets({
            groupId: group.groupId,
            topic,
            partitions: ends.map((end) => ({ partition: end.partition, offset: end.high })),
          })
          .catch((error: unknown) => {
            throw new Error(
              `Cannot start consumer group ${group.groupId} at the end of ${topic} (${error instanceof Error ? error.message : String(error)}): is another hub with the same system ids still running (a demo with --keep, or one whose apps outlived it)? Stop it first.`,
            );
          });
      }
    }
  });
}

/** A topic created a moment ago on a fresh broker answers NOT_LEADER briefly: wait that out. */
async function offsetsOnceLed(admin: Admin, topic: string) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await admin.fetchTopicOffsets(topic);
    } catch (error) {
      const retriable =
        typeof error === 'object' &&
        error !== null &&
        'retriable' in error &&
        error.retriable === true;
      if (!retriable || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Messages ever written to a topic (sum of the partitions' high-water marks). */
export async function topicEnd(brokers: string, topic: string): Promise<number> {
  return withAdmin(brokers, async (admin) => {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
  });
}

/** Removes a finished run's own topics and consumer groups; best effort (the run is over). */
export async function removeRunKafkaState(
  brokers: string,
  topics: readonly string[],
  groupIds: readonly string[],
): Promise<void> {
  return withAdmin(brokers, async (admin) => {
    await admin.deleteGroups([...groupIds]).catch(() => undefined);
    if (topics.length > 0) await admin.deleteTopics({ topics: [...topics] }).catch(() => undefined);
  });
}
