/**
 * Change requests as the ingress publishes them (a refused reverse-direction write), and the
 * owner's inventory events they are compared with, encoded under the catalog subjects.
 */
import {
  buildEnvelope,
  canonicalTopics,
  changeRequestEventSchema,
  correlationId,
  createEvent,
  inventoryLevelEventSchema,
  payloadDigest,
  schemaText,
  systemEventIdentity,
  topics as hubTopics,
  valueSubject,
  type CanonicalEvent,
  type ChangeRequestEvent,
} from '@hub/contracts';
import { createSchemaRegistrySerde, encodeHubHeaders, type OutgoingMessage } from '@hub/messaging';
import { testEndpoints } from '@hub/testing';

const serde = createSchemaRegistrySerde({ url: testEndpoints().schemaRegistryUrl });
const requestSubject = valueSubject(hubTopics.changeRequest);
const levelSubject = valueSubject(canonicalTopics['inventory-level']);

export async function registerChangeRequestSubjects(): Promise<void> {
  await serde.register(
    requestSubject,
    JSON.parse(schemaText(changeRequestEventSchema)) as Readonly<Record<string, unknown>>,
  );
  await serde.register(
    levelSubject,
    JSON.parse(schemaText(inventoryLevelEventSchema)) as Readonly<Record<string, unknown>>,
  );
}

export function ownerCount(
  owner: string,
  sku: string,
  quantityOnHand: string,
  sourceVersion: number,
): CanonicalEvent<'inventory-level'> {
  return createEvent(
    'inventory-level',
    {
      sourceSystem: owner,
      sourceRecordId: `count/${sku}/${String(sourceVersion)}`,
      sourceVersion,
      payload: {
        sku,
        warehouse: 'WH-EAST',
        quantityOnHand,
        unitOfMeasure: 'PCS',
        asOf: sourceVersion,
      },
    },
    systemEventIdentity,
  );
}

/**
 * What the ingress publishes when `requester` writes an entity `owner` owns: `proposed` as
 * the requester sent it, `canonical` what the ingress mapped of it (null: nothing).
 */
export function changeRequest(
  owner: string,
  entityKey: string,
  proposed: unknown,
  {
    requester = 'odoo',
    user = null,
    recordId = `stock.quant/${entityKey}`,
    canonical = null,
  }: { requester?: string; user?: string | null; recordId?: string; canonical?: unknown } = {},
): ChangeRequestEvent {
  const sourceVersion = Date.now();
  const sourceRecordId = recordId;
  const envelope = buildEnvelope(
    {
      correlationId: correlationId({
        sourceSystem: requester,
        entityType: 'inventory-level',
        sourceRecordId,
        sourceVersion,
        payloadDigest: payloadDigest(proposed),
      }),
      entityType: 'inventory-level',
      entityKey,
      sourceSystem: requester,
      sourceRecordId,
      sourceVersion,
    },
    systemEventIdentity,
  );
  return {
    ...envelope,
    payload: {
      ownerSystem: owner,
      requestedBy: user,
      reason: `reverse-direction write from ${requester}`,
      proposedPayloadJson: JSON.stringify(proposed),
      canonicalProposalJson: canonical === null ? null : JSON.stringify(canonical),
    },
  };
}

export function changeRequestMessage(topic: string, request: ChangeRequestEvent): OutgoingMessage {
  return {
    topic,
    key: request.entityKey,
    value: serde.encode(requestSubject, request),
    headers: encodeHubHeaders(request),
  };
}

export function ownerCountMessage(
  topic: string,
  event: CanonicalEvent<'inventory-level'>,
): OutgoingMessage {
  return {
    topic,
    key: event.entityKey,
    value: serde.encode(levelSubject, event),
    headers: encodeHubHeaders(event),
  };
}
