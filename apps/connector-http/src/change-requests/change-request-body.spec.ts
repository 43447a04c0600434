import { fieldChanges } from './change-request-body';

describe('fieldChanges', () => {
  it('lists the fields that differ when both sides are objects of the same form', () => {
    expect(
      fieldChanges(
        { sku: 'SKU-1', quantityOnHand: '120', unitOfMeasure: 'PCS' },
        { sku: 'SKU-1', quantityOnHand: '100', unitOfMeasure: 'PCS', asOf: '2026-12-04T10:00:00Z' },
      ),
    ).toEqual([
      { field: 'asOf', proposed: null, current: '2026-12-04T10:00:00Z' },
      { field: 'quantityOnHand', proposed: '120', current: '100' },
    ]);
  });

  it('is empty when nothing differs', () => {
    expect(fieldChanges({ quantityOnHand: '5' }, { quantityOnHand: '5' })).toEqual([]);
  });

  it('is null for a proposal in another form (an ERP notification) or without a current value', () => {
    expect(
      fieldChanges({ _model: 'stock.quant', _id: 7, quantity: 3 }, { quantityOnHand: '5' }),
    ).toBeNull();
    expect(fieldChanges({ quantityOnHand: '5' }, undefined)).toBeNull();
    expect(fieldChanges(null, { quantityOnHand: '5' })).toBeNull();
  });
});
