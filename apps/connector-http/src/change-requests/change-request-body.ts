/**
 * A change request → the body the owner's endpoint receives, in the same Standard Webhooks
 * `{type, timestamp, data}` shape as every delivery (webhook-body.ts). `data` says who
 * wants what changed (the requesting system, its user when it said, the record there), the
 * proposal as the requester sent it, the owner's current value as far as the hub knows it
 * (owner-state.ts) and which of the fields the canonical proposal names differ from it.
 */
import { formatTimestamp, type ChangeRequestEvent, type JsonValue } from '@hub/contracts';
import type { LedgerRow } from '@hub/reconciliation';

export const CHANGE_REQUEST_WEBHOOK_TYPE = 'change-request.proposed';

export interface FieldChange {
  readonly field: string;
  readonly proposed: JsonValue;
  readonly current: JsonValue;
}

export interface ChangeRequestBody {
  readonly type: typeof CHANGE_REQUEST_WEBHOOK_TYPE;
  /** When the requester changed the record (the request's source version). */
  readonly timestamp: string;
  readonly data: {
    readonly correlationId: string;
    readonly entityType: string;
    readonly entityKey: string;
    readonly ownerSystem: string;
    readonly requestedBy: {
      readonly system: string;
      readonly user: string | null;
      readonly recordId: string;
    };
    readonly reason: string | null;
    /** The entity as the requester would have it, as it sent it (null: only a notification). */
    readonly proposed: JsonValue;
    /** The owner's newest state of the key the hub saw; null when it saw none. */
    readonly current: {
      /** The owner's key (the request's, or the one the hub wrote the requester's record for). */
      readonly entityKey: string;
      readonly value: JsonValue;
      readonly sourceVersion: string;
      readonly correlationId: string;
    } | null;
    /** Fields of the canonical proposal that differ; null without one or without a current value. */
    readonly changes: readonly FieldChange[] | null;
  };
}

type JsonObject = { readonly [key: string]: JsonValue };

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The fields of the canonical proposal whose values differ from the current value's. A
 * proposal mapped from a thin notification names only what the notification told (Odoo's
 * quant: the quantity); a field it leaves out it does not ask to change. Null when either
 * side is no object: there is nothing to compare field by field.
 */
export function fieldChanges(
  proposed: JsonValue,
  current: JsonValue | undefined,
): FieldChange[] | null {
  if (!isObject(proposed) || !isObject(current)) return null;
  return Object.keys(proposed)
    .sort()
    .map((field) => ({ field, proposed: proposed[field] ?? null, current: current[field] ?? null }))
    .filter((change) => JSON.stringify(change.proposed) !== JSON.stringify(change.current));
}

/** A proposal's JSON (as sent, or canonical) parsed, a broken one kept as its text. */
export function parsedProposal(json: string | null): JsonValue {
  if (json === null) return null;
  try {
    return JSON.parse(json) as JsonValue;
  } catch {
    // The schema says it is JSON; keep a broken one visible rather than drop the request.
    return json;
  }
}

export function changeRequestBody(
  request: ChangeRequestEvent,
  current: LedgerRow | undefined,
): ChangeRequestBody {
  const proposed = parsedProposal(request.payload.proposedPayloadJson);
  return {
    type: CHANGE_REQUEST_WEBHOOK_TYPE,
    timestamp: formatTimestamp(request.sourceVersion),
    data: {
      correlationId: request.correlationId,
      entityType: request.entityType,
      entityKey: request.entityKey,
      ownerSystem: request.payload.ownerSystem,
      requestedBy: {
        system: request.sourceSystem,
        user: request.payload.requestedBy,
        recordId: request.sourceRecordId,
      },
      reason: request.payload.reason,
      proposed,
      current:
        current === undefined
          ? null
          : {
              entityKey: current.entityKey,
              value: current.payload,
              sourceVersion: formatTimestamp(current.sourceVersion),
              correlationId: current.correlationId,
            },
      changes: fieldChanges(
        parsedProposal(request.payload.canonicalProposalJson),
        current?.payload,
      ),
    },
  };
}
