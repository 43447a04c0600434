/**
 * The topics a connector reads and writes. Production uses @hub/contracts' names; tests
 * override them so runs sharing one broker never see each other's messages. Values are
 * always encoded under the catalog subjects, whatever topic carries them.
 */
import {
  canonicalTopics,
  entityTypes,
  redeliveryTopic,
  retryTopic,
  targetControlTopic,
  topics,
  type EntityType,
} from '@hub/contracts';

export interface ConnectorTopics {
  readonly canonical: Readonly<Record<EntityType, string>>;
  readonly sourceNotification: string;
  readonly deliveryOutcome: string;
  readonly deadLetter: string;
  readonly retry: string;
  readonly redelivery: string;
  /** The operators' target controls (read from the beginning by every replica). */
  readonly control: string;
}

export interface ConnectorTopicOverrides {
  readonly canonical?: Partial<Record<EntityType, string>>;
  readonly sourceNotification?: string;
  readonly deliveryOutcome?: string;
  readonly deadLetter?: string;
  readonly retry?: string;
  readonly redelivery?: string;
  readonly control?: string;
}

export function connectorTopics(
  system: string,
  overrides: ConnectorTopicOverrides = {},
): ConnectorTopics {
  const canonical = Object.fromEntries(
    entityTypes.map((type) => [type, overrides.canonical?.[type] ?? canonicalTopics[type]]),
  ) as Record<EntityType, string>;
  return {
    canonical,
    sourceNotification: overrides.sourceNotification ?? topics.sourceNotification,
    deliveryOutcome: overrides.deliveryOutcome ?? topics.deliveryOutcome,
    deadLetter: overrides.deadLetter ?? topics.deadLetter,
    retry: overrides.retry ?? retryTopic(system),
    redelivery: overrides.redelivery ?? redeliveryTopic(system),
    control: overrides.control ?? targetControlTopic,
  };
}

/** The entity type a canonical topic carries, by the (possibly overridden) names. */
export function entityTypeOfTopic(names: ConnectorTopics, topic: string): EntityType | undefined {
  return entityTypes.find((type) => names.canonical[type] === topic);
}
