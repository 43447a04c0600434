/**
 * Every topic the hub needs, from the contracts' catalog (the fixed topics) and the
 * ownership policy (one retry and one redelivery topic per system that receives writes),
 * with partitions, replication factor, retention and clean-up policy. The one source for
 * the `topics` command, compose's one-shot service and the Strimzi KafkaTopic resources.
 *
 * Partitions: 12 for the high-volume topics. Partitions bound a consumer group's
 * parallelism (a partition is read by one member), and adding partitions later moves keys
 * to other partitions, which breaks per-entity ordering while both old and new partitions
 * hold a key's events; so the count is chosen once, with room. 12 divides evenly over 1, 2,
 * 3, 4, 6 and 12 replicas, costs little on the broker, and is the ceiling for every KEDA
 * ScaledObject (max replicas ≤ partitions). Retry, redelivery, change-request and
 * dead-letter traffic is a fraction of the main flow: 6 (dead letters 3).
 */
import {
  changeRequestTarget,
  redeliveryTopic,
  retryTopic,
  targetControlTopic,
  topics,
} from '@hub/contracts';

export interface PlannedTopic {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly config: Readonly<Record<string, string>>;
  /** What it carries, for the KafkaTopic annotation and the docs. */
  readonly role:
    | 'canonical'
    | 'notification'
    | 'retry'
    | 'redelivery'
    | 'outcome'
    | 'dead-letter'
    | 'change-request'
    | 'control';
}

export interface TopicPlanOptions {
  /** Systems that receive writes (a retry and a redelivery topic each). */
  readonly targets: readonly string[];
  readonly replicationFactor: number;
  /** Multiplies every partition count (1 = the defaults above); for small dev clusters use partitions instead. */
  readonly partitions?: number;
}

const DAY = 24 * 60 * 60 * 1000;

export const DEFAULT_PARTITIONS = { main: 12, side: 6, deadLetter: 3 } as const;

function entry(
  name: string,
  role: PlannedTopic['role'],
  partitions: number,
  replicationFactor: number,
  retentionMs: number,
  cleanupPolicy: 'delete' | 'compact,delete' | 'compact',
): PlannedTopic {
  const config: Record<string, string> = {
    'retention.ms': String(retentionMs),
    'cleanup.policy': cleanupPolicy,
  };
  // With 3 replicas a write must reach 2 before it is acknowledged (the producers use acks=all).
  if (replicationFactor >= 3) config['min.insync.replicas'] = '2';
  return { name, role, partitions, replicationFactor, config };
}

/** The topics, sorted by name. A fixed `partitions` overrides every default (dev clusters). */
export function topicPlan(options: TopicPlanOptions): PlannedTopic[] {
  const rf = options.replicationFactor;
  const p = (base: number): number => options.partitions ?? base;
  const { main, side, deadLetter } = DEFAULT_PARTITIONS;
  const planned: PlannedTopic[] = [
    // State topics keyed by entity key: only the latest version per key matters (the
    // stale-write guard refuses older ones), so compaction keeps them small; delete after 7 d.
    entry(topics.inventoryLevel, 'canonical', p(main), rf, 7 * DAY, 'compact,delete'),
    entry(topics.purchaseOrder, 'canonical', p(main), rf, 7 * DAY, 'compact,delete'),
    // Each receipt is its own fact: never compacted.
    entry(topics.goodsReceipt, 'canonical', p(main), rf, 7 * DAY, 'delete'),
    entry(topics.sourceNotification, 'notification', p(main), rf, 3 * DAY, 'delete'),
    entry(topics.changeRequest, 'change-request', p(side), rf, 7 * DAY, 'delete'),
    entry(topics.deliveryOutcome, 'outcome', p(main), rf, 3 * DAY, 'delete'),
    // Dead letters are copied into the reviewer's Postgres; the topic keeps 30 d for replays.
    entry(topics.deadLetter, 'dead-letter', p(deadLetter), rf, 30 * DAY, 'delete'),
    // The operators' standing orders per target (pause, forced breaker): the latest record per
    // target is the state, so it is compacted and never deleted by age; one partition keeps it small.
    entry(targetControlTopic, 'control', 1, rf, -1, 'compact'),
  ];
  for (const target of [...new Set(options.targets)].sort()) {
    // Longer than the retry horizon (RETRY_MAX_AGE, 24 h by default) with room for an outage.
    planned.push(entry(retryTopic(target), 'retry', p(side), rf, 7 * DAY, 'delete'));
    planned.push(entry(redeliveryTopic(target), 'redelivery', p(side), rf, 3 * DAY, 'delete'));
  }
  return planned.sort((a, b) => a.name.localeCompare(b.name));
}

/** The systems of a policy that receive some entity type: the retry targets. */
export function writeTargets(policy: {
  readonly entityTypes: readonly { readonly receivers: readonly string[] }[];
}): string[] {
  return [...new Set(policy.entityTypes.flatMap((type) => type.receivers))].sort();
}

/**
 * The retry targets of the change requests a policy allows: one per owner of an entity type
 * with `changeRequests: true` (connector-http retries their delivery apart from the owner's
 * own writes).
 */
export function changeRequestTargets(policy: {
  readonly entityTypes: readonly {
    readonly owners: readonly string[];
    readonly changeRequests: boolean;
  }[];
}): string[] {
  const owners = policy.entityTypes
    .filter((type) => type.changeRequests)
    .flatMap((type) => type.owners);
  return [...new Set(owners)].sort().map(changeRequestTarget);
}
