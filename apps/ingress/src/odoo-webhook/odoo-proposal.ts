/**
 * A refused Odoo notification → its proposal in the canonical payload's JSON form, as far
 * as the notification tells it (the change request's `canonicalProposalJson`): the owner's
 * connector compares canonical payloads only and never reads Odoo's shapes. The automation
 * rule sends `read(load=None)` fields: record ids, not the SKU, warehouse code or unit, so
 * of an inventory level only the quantity maps. stock.quant's `quantity` is the on hand;
 * its `inventory_quantity` is a count entered but not applied, which changes nothing yet
 * (Odoo announces an adjustment twice, once when the count is entered with the old
 * `quantity`, once when it is applied with the new one). Null when nothing maps: another
 * model (a purchase order or picking needs the connector's re-read), no `quantity`, or
 * one that is not an on-hand quantity as the contract spells it (a negative quant).
 */
import {
  fromJsonForm,
  inventoryLevelSchema,
  type EntityType,
  type JsonValue,
} from '@hub/contracts';
import type { OdooNotification } from './odoo-notification';

type Fields = Readonly<Record<string, unknown>>;
type ProposalMapping = (fields: Fields) => Readonly<Record<string, JsonValue>> | null;

type LevelField = (typeof inventoryLevelSchema.fields)[number];
type OnHandField = Extract<LevelField, { readonly name: 'quantityOnHand' }>;

const onHandField = inventoryLevelSchema.fields.find(
  (field): field is OnHandField => field.name === 'quantityOnHand',
);
if (onHandField === undefined) throw new Error('InventoryLevel has no quantityOnHand');
const quantityOnHandSchema = onHandField.type;

/** Odoo writes quantities as JSON numbers (floats); the contract wants a decimal string. */
function onHandOf(quantity: unknown): string | null {
  if (typeof quantity !== 'number' || !Number.isFinite(quantity)) return null;
  const parsed = fromJsonForm(quantityOnHandSchema, String(quantity));
  return parsed.ok ? parsed.value : null;
}

const quantProposal: ProposalMapping = (fields) => {
  const quantityOnHand = onHandOf(fields['quantity']);
  return quantityOnHand === null ? null : { quantityOnHand };
};

/** Nothing in the notification is the canonical entity; the connector's re-read is. */
const noProposal: ProposalMapping = () => null;

/** By the entity type the notification's model maps to (odooModelEntityTypes: one model each). */
const proposalMappings: Readonly<Record<EntityType, ProposalMapping>> = {
  'inventory-level': quantProposal,
  'purchase-order': noProposal,
  'goods-receipt': noProposal,
};

export function odooCanonicalProposal(
  notification: OdooNotification,
  body: unknown,
): Readonly<Record<string, JsonValue>> | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  return proposalMappings[notification.entityType](body as Fields);
}
