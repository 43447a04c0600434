import { fieldChanges } from './change-request-body';

describe('fieldChanges', () => {
  it('lists the fields of the canonical proposal that differ from the current value', () => {
    expect(
      fieldChanges(
        { sku: 'SKU-1', quantityOnHand: '120', unitOfMeasure: 'PCS' },
        { sku: 'SKU-1', quantityOnHand: '100', unitOfMeasure: 'PCS', asOf: '2026-12-04T10:00:00Z' },
      ),
    ).toEqual([{ field: 'quantityOnHand', proposed: '120', current: '100' }]);
  });

  it('asks nothing of a field a partial proposal (mapped from a thin notification) leaves out', () => {
    expect(
      fieldChanges(
        { quantityOnHand: '7' },
        { sku: 'SKU-1', quantityOnHand: '40', unitOfMeasure: 'PCS' },
      ),
    ).toEqual([{ field: 'quantityOnHand', proposed: '7', current: '40' }]);
  });

  it('is empty when nothing differs', () => {
    expect(fieldChanges({ quantityOnHand: '5' }, { quantityOnHand: '5' })).toEqual([]);
  });

  it('is null without a canonical proposal or without a current value', () => {
    expect(fieldChanges({ quantityOnHand: '5' }, undefined)).toBeNull();
    expect(fieldChanges(null, { quantityOnHand: '5' })).toBeNull();
  });
});
