/**
 * The ingress's one answer to an ownership refusal; every route asks the policy for its
 * verdict (`sourceVerdict` for a full entity, `notificationVerdict` for a thin
 * notification) and hands a refusal here. A non-owner of the entity's scope
 * (docs/architecture.md, "One owner per entity type") is recorded, counted, forwarded to the owner
 * as a change request where the policy says so, and refused with a 403 naming the owner.
 * An entity in no scope of the policy has no owner to name or forward to: 403 out-of-scope,
 * counted but not recorded. Never retried, never published.
 */
import {
  buildEnvelope,
  payloadDigest,
  topics,
  type EntityType,
  type JsonValue,
} from '@hub/contracts';
import { OWNERSHIP_ERROR_CODES, describeScope, type OwnershipRefusal } from '@hub/ownership';
import type { IngressDeps } from '../app/ingress-deps';
import { IngressError, refuse } from '../problem/ingress-error';
import type { ReverseDirectionRecord } from './reverse-direction-store';
import { requesterUser } from './reverse-direction-user';

export interface RefusedEvent {
  readonly entityType: EntityType;
  readonly entityKey: string;
  readonly correlationId: string;
  readonly sourceRecordId: string;
  readonly sourceVersion: number;
  readonly payload: unknown;
  /** The entity or notification as the sender sent it (JSON), for the change request. */
  readonly proposedJson: unknown;
  /**
   * The proposal in the canonical payload's JSON form, as far as the sender's message tells
   * it (each route maps its own system's form); null when it tells none.
   */
  readonly canonicalProposal: JsonValue | null;
}

export async function refuseOwnership(
  deps: IngressDeps,
  refusal: OwnershipRefusal,
  event: RefusedEvent,
): Promise<IngressError> {
  const { system, code } = refusal;
  if (code === OWNERSHIP_ERROR_CODES.outOfScope)
    return refuse('OUT_OF_SCOPE', `${refusal.message}.`, {
      entityType: event.entityType,
      correlationId: event.correlationId,
    });
  // Every route authenticates against a system the policy declares before it asks for a
  // verdict, so another refusal here is a bug (answered 500), not a caller's mistake.
  if (code !== OWNERSHIP_ERROR_CODES.reverseDirectionWrite)
    throw new Error(`ownership refused an authenticated system "${system}" with ${code}`);
  const owner = refusal.owners.join(', ');
  await recordOrUnavailable(deps, {
    at: deps.identity.now(),
    systemId: system,
    entityType: event.entityType,
    entityKey: event.entityKey,
    correlationId: event.correlationId,
    ownerSystem: owner,
    reason: code,
    payloadDigest: payloadDigest(event.payload),
  });
  deps.metrics.reverseDirectionWrites.inc({ system, entity_type: event.entityType });
  deps.logger.warn(
    { system, owner, entityType: event.entityType, correlationId: event.correlationId },
    'reverse-direction write refused',
  );
  // A notification of a type owned per scope may have several owners: no one to forward to.
  const [only] = refusal.owners;
  const changeRequest =
    deps.policy.changeRequestsEnabled(event.entityType) &&
    refusal.owners.length === 1 &&
    only !== undefined;
  if (changeRequest) await publishChangeRequest(deps, system, only, event);
  return refuse(
    'REVERSE_DIRECTION_WRITE',
    `${system} does not own ${event.entityType}${describeScope(refusal.scope)}; ${owner} does.`,
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
        requestedBy: requesterUser(event.proposedJson),
        reason: `reverse-direction write from ${requester}`,
        proposedPayloadJson: JSON.stringify(event.proposedJson),
        canonicalProposalJson:
          event.canonicalProposal === null ? null : JSON.stringify(event.canonicalProposal),
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
