import { proposalVerdict } from './proposal-change';

const owner = {
  sku: 'SKU-1',
  warehouse: 'WH-EAST',
  quantityOnHand: '40.000',
  unitOfMeasure: 'PCS',
  asOf: '2026-12-04T10:00:00.000Z',
};

describe('proposalVerdict', () => {
  it("inventory level, canonical form: the owner's quantity as an exact decimal asks nothing", () => {
    const proposal = { sku: 'SKU-1', warehouse: 'WH-EAST', quantityOnHand: '40', asOf: null };
    expect(proposalVerdict('inventory-level', proposal, owner)).toBe('no-change');
    expect(
      proposalVerdict('inventory-level', { ...proposal, quantityOnHand: '40.01' }, owner),
    ).toBe('change');
    // The same quantity in another unit is a change.
    expect(proposalVerdict('inventory-level', { ...proposal, unitOfMeasure: 'BOX' }, owner)).toBe(
      'change',
    );
  });

  it('inventory level, the part of the canonical form a thin notification tells: its quantity decides', () => {
    // What the ingress maps from Odoo's stock.quant notification (its on-hand `quantity`).
    expect(proposalVerdict('inventory-level', { quantityOnHand: '40' }, owner)).toBe('no-change');
    expect(proposalVerdict('inventory-level', { quantityOnHand: '7' }, owner)).toBe('change');
    // Without a quantity the rule cannot tell.
    expect(proposalVerdict('inventory-level', { asOf: owner.asOf }, owner)).toBe('unknown');
  });

  it("never reads a requester's own shape: an Odoo notification is not a canonical proposal", () => {
    const entered = { _model: 'stock.quant', _id: 4, inventory_quantity: 7, quantity: 40 };
    expect(proposalVerdict('inventory-level', entered, owner)).toBe('unknown');
    expect(proposalVerdict('inventory-level', { ...entered, quantity: 7 }, owner)).toBe('unknown');
  });

  it('an unknown owner value or a proposal that is no object is unknown: delivered', () => {
    expect(proposalVerdict('inventory-level', { quantityOnHand: '40' }, undefined)).toBe('unknown');
    expect(proposalVerdict('inventory-level', null, owner)).toBe('unknown');
    expect(proposalVerdict('inventory-level', '{broken', owner)).toBe('unknown');
  });

  it('purchase orders and goods receipts have no rule: always delivered', () => {
    expect(proposalVerdict('purchase-order', { poNumber: 'PO-1' }, { poNumber: 'PO-1' })).toBe(
      'unknown',
    );
    expect(proposalVerdict('goods-receipt', { id: 1 }, { id: 1 })).toBe('unknown');
  });
});
