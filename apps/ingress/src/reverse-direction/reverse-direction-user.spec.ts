import { requesterUser } from './reverse-direction-user';

describe('requesterUser', () => {
  it("takes Odoo's write_uid: the id, or the name of [id, name]", () => {
    expect(requesterUser({ _model: 'stock.quant', write_uid: 7 })).toBe('7');
    expect(requesterUser({ _model: 'stock.quant', write_uid: [7, 'Mitchell Admin'] })).toBe(
      'Mitchell Admin',
    );
  });

  it('is null when the notification names no user', () => {
    expect(requesterUser({ _model: 'stock.quant', quantity: 3 })).toBeNull();
    expect(requesterUser({ write_uid: false })).toBeNull();
    expect(requesterUser(null)).toBeNull();
    expect(requesterUser([1, 2])).toBeNull();
  });
});
