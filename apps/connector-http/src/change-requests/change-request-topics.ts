/**
 * Where change requests come from and where their failures go. A change request is not a
 * canonical event, so its retries cannot share the canonical events' retry and redelivery
 * topics (the runtime's redelivery flow would refuse it): they travel under a retry target
 * of their own, `<system>-change-requests`, which the retry scheduler must list in
 * RETRY_TARGETS like any target. Outcomes and dead letters go to the hub's usual topics.
 */
import { connectorTopics, type ConnectorTopicOverrides } from '@hub/connector-runtime';
import {
  changeRequestTarget,
  redeliveryTopic,
  retryTopic,
  topics as hubTopics,
  type EntityType,
} from '@hub/contracts';

export interface ChangeRequestTopics {
  readonly changeRequest: string;
  readonly canonical: Readonly<Record<EntityType, string>>;
  readonly deliveryOutcome: string;
  readonly deadLetter: string;
  readonly retry: string;
  readonly redelivery: string;
}

/** Test seams: the runtime's overrides plus the change-request topic. */
export interface ChangeRequestTopicOverrides extends ConnectorTopicOverrides {
  readonly changeRequest?: string;
}

export function changeRequestTopics(
  system: string,
  overrides: ChangeRequestTopicOverrides = {},
): ChangeRequestTopics {
  const runtime = connectorTopics(system, overrides);
  const target = changeRequestTarget(system);
  return {
    changeRequest: overrides.changeRequest ?? hubTopics.changeRequest,
    canonical: runtime.canonical,
    deliveryOutcome: runtime.deliveryOutcome,
    deadLetter: runtime.deadLetter,
    retry: retryTopic(target),
    redelivery: redeliveryTopic(target),
  };
}

/** Consumer groups: the deliveries (first and redelivered), and the owner's state. */
export function changeRequestGroups(system: string): {
  readonly deliveries: string;
  readonly ownerState: string;
} {
  return {
    deliveries: `connector-${system}-change-requests`,
    ownerState: `connector-${system}-owner-state`,
  };
}
