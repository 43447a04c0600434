/**
 * Whether a change request asks the owner for anything. A requester can announce a change
 * that leaves the owner's value as it is: Odoo announces an inventory adjustment twice, once
 * when the count is entered (the on-hand quantity still the old one) and once when it is
 * applied; the first proposes the quantity the WMS already has. Such a request is recorded
 * as `no-change` and not delivered: a reviewer gets one request per proposed change.
 * The rule reads the request's canonical proposal only (`canonicalProposalJson`: the ingress
 * maps each requester's form to the canonical payload's JSON form, as far as its message
 * tells it), never a requester's own shapes. When the owner's current value is unknown, or
 * the request has no canonical proposal, the answer is `unknown` and the request is delivered.
 *
 * The rule is per entity type, and the record below names every type, so a type that starts
 * taking change requests has to choose one. Today only inventory levels take change requests
 * (every policy under libs/ownership/policies and k8s enables them for inventory-level only).
 */
import type { EntityType, JsonValue } from '@hub/contracts';
import { inventoryQuantityOf, sameQuantity } from '@hub/reconciliation';

export type ProposalVerdict = 'no-change' | 'change' | 'unknown';

/** The canonical proposal (possibly partial) against the owner's current payload. */
type ProposalRule = (proposed: JsonValue, current: JsonValue) => ProposalVerdict;

type JsonObject = Readonly<Record<string, JsonValue>>;

function isObject(value: JsonValue): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every proposal is delivered: the type has no rule for "asks nothing" (yet). */
const alwaysDeliver: ProposalRule = () => 'unknown';

/**
 * The fields of the canonical inventory level besides the quantity that a proposal in the
 * same form must leave as they are to ask nothing; `asOf` says when, not what, so it is not
 * one of them.
 */
const inventoryLevelFields = ['sku', 'warehouse', 'unitOfMeasure'] as const;

/**
 * An inventory level asks nothing when its `quantityOnHand` equals the owner's on hand as
 * the hub compares quantities everywhere (exact decimals: `5` is `5.000`, sameQuantity) and
 * the sku, warehouse and unit of measure it names are the owner's too (a thin notification's
 * proposal names none of them: the request's key already is the owner's). A proposal
 * without a quantity is unknown.
 */
const inventoryLevelRule: ProposalRule = (proposed, current) => {
  const owned = inventoryQuantityOf(current);
  if (!isObject(proposed) || !isObject(current) || owned === null) return 'unknown';
  if (!Object.hasOwn(proposed, 'quantityOnHand')) return 'unknown';
  const sameFields = inventoryLevelFields.every(
    (field) => !Object.hasOwn(proposed, field) || proposed[field] === current[field],
  );
  return sameFields && sameQuantity(proposed['quantityOnHand'], owned) ? 'no-change' : 'change';
};

const proposalRules: Readonly<Record<EntityType, ProposalRule>> = {
  'inventory-level': inventoryLevelRule,
  // A purchase order or goods receipt is a whole document; "the same" would need its own
  // rule (lines, quantities, states) once a policy forwards its change requests.
  'purchase-order': alwaysDeliver,
  'goods-receipt': alwaysDeliver,
};

/** `unknown` when the owner's current value is unknown (no owner state yet): deliver as always. */
export function proposalVerdict(
  entityType: EntityType,
  proposed: JsonValue,
  current: JsonValue | undefined,
): ProposalVerdict {
  return current === undefined ? 'unknown' : proposalRules[entityType](proposed, current);
}
