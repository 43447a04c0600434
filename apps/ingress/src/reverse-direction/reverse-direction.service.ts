/**
 * A non-owner tried to source an entity type (ARCHITECTURE.md, "reverse-direction write"):
 * record it, count it, forward it to the owner as a change request where the policy says
 * so, and refuse it with a 403 naming the owner. Never retried, never published.
 */
import { buildEnvelope, payloadDigest, topics, type EntityType } from '@hub/contracts';
import type { ReverseDirectionWriteError } from '@hub/ownership';
import type { IngressDeps } from '../app/ingress-deps';
import { IngressError, refuse } from '../problem/ingress-error';
import type { ReverseDirectionRecord } from './reverse-direction-store';

export interface RefusedEvent {
  readonly entityType: EntityType;
  readonly entityKey: string;
  readonly correlationId: string;
  readonly sourceRecordId: string;
  readonly sourceVersion: number;
  readonly payload: unknown;
  /** The entity as the sender sent it (JSON form), for the change request. */
  readonly proposedJson: unknown;
}

export async function refuseReverseDirection(
  deps: IngressDeps,
  error: ReverseDirectionWriteError,
  event: RefusedEvent,
): Promise<IngressError> {
  const { system, owner } = error;
  await recordOrUnavailable(deps, {
    at: deps.identity.now(),
    systemId: system,
    entityType: event.entityType,
    entityKey: event.entityKey,
    correlationId: event.correlationId,
    ownerSystem: owner,
    reason: error.code,
    payloadDigest: payloadDigest(event.payload),
  });
  deps.metrics.reverseDirectionWrites.inc({ system, entity_type: event.entityType });
  deps.logger.warn(
    { system, owner, entityType: event.entityType, correlationId: event.correlationId },
    'reverse-direction write refused',
  );
  const changeRequest = deps.policy.changeRequestsEnabled(event.entityType);
  if (changeRequest) await publishChangeRequest(deps, system, owner, event);
  return refuse(
    'REVERSE_DIRECTION_WRITE',
    `${system} does not own ${event.entityType}; ${owner} does.`,
    {
      owner,
      entityType: event.entityType,
      correlationId: event.correlationId,
      changeRequestForwarded: changeRequest,
    },
  );
}

/** Postgres down is the hub's transient failure (503, the sender retries), never a 500. */
async function recordOrUnavailable(
  deps: IngressDeps,
  entry: ReverseDirectionRecord,
): Promise<void> {
  try {
    await deps.reverseDirection.record(entry);
  } catch (error) {
    deps.logger.error({ err: error }, 'could not record a reverse-direction write');
    throw new IngressError(
      'STORE_UNAVAILABLE',
      'The refusal could not be recorded; retry later.',
      true,
    );
  }
}

async function publishChangeRequest(
  deps: IngressDeps,
  requester: string,
  owner: string,
  event: RefusedEvent,
): Promise<void> {
  const envelope = buildEnvelope(
    {
      correlationId: event.correlationId,
      entityType: event.entityType,
      entityKey: event.entityKey,
      sourceSystem: requester,
      sourceRecordId: event.sourceRecordId,
      sourceVersion: event.sourceVersion,
    },
    deps.identity,
  );
  await deps.publisher.publish({
    topic: topics.changeRequest,
    key: event.entityKey,
    value: {
      ...envelope,
      payload: {
        ownerSystem: owner,
        requestedBy: null,
        reason: `reverse-direction write from ${requester}`,
        proposedPayloadJson: JSON.stringify(event.proposedJson),
      },
    },
    headers: {
      correlationId: envelope.correlationId,
      sourceSystem: requester,
      entityType: event.entityType,
      entityKey: event.entityKey,
      sourceVersion: event.sourceVersion,
      eventId: envelope.eventId,
    },
  });
}
