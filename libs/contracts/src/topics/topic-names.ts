/**
 * Topic names, versioned: a breaking change is a new topic (`.v2`), never a new schema
 * under the old one. Canonical topics carry one entity type each, keyed by entity key.
 */
import type { EntityType } from '../identity/entity-types';
import { assertSystemId } from '../identity/system-ids';

export const topics = {
  inventoryLevel: 'erp.inventory-level.v1',
  purchaseOrder: 'erp.purchase-order.v1',
  goodsReceipt: 'erp.goods-receipt.v1',
  sourceNotification: 'hub.source-notification.v1',
  changeRequest: 'hub.change-request.v1',
  deliveryOutcome: 'hub.delivery-outcome.v1',
  deadLetter: 'hub.dead-letter.v1',
} as const;

export type FixedTopic = (typeof topics)[keyof typeof topics];

export const canonicalTopics = {
  'inventory-level': topics.inventoryLevel,
  'purchase-order': topics.purchaseOrder,
  'goods-receipt': topics.goodsReceipt,
} as const satisfies Record<EntityType, string>;

export type CanonicalTopic = (typeof canonicalTopics)[EntityType];

/**
 * Where a target's failed writes wait for the retry scheduler. Its messages are the
 * canonical events unchanged (same bytes, same schema id, registered under the canonical
 * topic's subject); the failure context travels in headers. One topic per target carries
 * several entity types, so no subject is registered for it.
 */
export function retryTopic(target: string): string {
  return `hub.retry.${assertSystemId(target, 'retry target')}.v1`;
}

/** Where the retry scheduler hands a target's due retries back to its connector; messages as on retryTopic. */
export function redeliveryTopic(target: string): string {
  return `hub.redelivery.${assertSystemId(target, 'redelivery target')}.v1`;
}

const CHANGE_REQUEST_TARGET_SUFFIX = '-change-requests';

/**
 * The retry target of the change requests routed to `owner` (hub.change-request.v1). A
 * change request is not a canonical event, so its retries travel apart from the owner's
 * own: `hub.retry.<owner>-change-requests.v1`, listed in the retry scheduler's targets.
 */
export function changeRequestTarget(owner: string): string {
  return `${assertSystemId(owner, 'change-request owner')}${CHANGE_REQUEST_TARGET_SUFFIX}`;
}

/** Whether a delivery target (an outcome's, a dead letter's) is a change-request target. */
export function isChangeRequestTarget(target: string): boolean {
  return (
    target.endsWith(CHANGE_REQUEST_TARGET_SUFFIX) &&
    target.length > CHANGE_REQUEST_TARGET_SUFFIX.length
  );
}

/** The Confluent TopicNameStrategy subject of a topic's values. */
export function valueSubject(topic: string): string {
  return `${topic}-value`;
}
