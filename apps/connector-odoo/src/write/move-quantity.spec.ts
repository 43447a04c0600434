import { receivedMoveValues } from './move-quantity';

describe('receivedMoveValues', () => {
  it('uses quantity and picked from Odoo 17 on', () => {
    expect(receivedMoveValues(17, 4)).toEqual({ quantity: 4, picked: true });
    expect(receivedMoveValues(18, 0)).toEqual({ quantity: 0, picked: false });
  });

  it('uses quantity_done on Odoo 16', () => {
    expect(receivedMoveValues(16, 4)).toEqual({ quantity_done: 4 });
  });
});
