import { lastWriterId, requesterUser, writerIdForm } from './reverse-direction-user';

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

describe('lastWriterId', () => {
  it("is Odoo's write_uid id, as sent (load=None) or read with its name", () => {
    expect(lastWriterId({ _model: 'stock.quant', write_uid: 7 })).toBe('7');
    expect(lastWriterId({ write_uid: [7, 'Hub Integration'] })).toBe('7');
  });

  it("is F&O's InitiatingUserAADObjectId without braces, lower case; the empty GUID is none", () => {
    const event = { InitiatingUserAADObjectId: '{C4B1D7E0-1E2F-4A55-9A35-6D2F6E3F1B2A}' };
    expect(lastWriterId(event)).toBe('c4b1d7e0-1e2f-4a55-9a35-6d2f6e3f1b2a');
    expect(requesterUser(event)).toBe('c4b1d7e0-1e2f-4a55-9a35-6d2f6e3f1b2a');
    expect(
      lastWriterId({ InitiatingUserAADObjectId: '{00000000-0000-0000-0000-000000000000}' }),
    ).toBeNull();
    expect(writerIdForm('{C4B1D7E0-1E2F-4A55-9A35-6D2F6E3F1B2A}')).toBe(
      'c4b1d7e0-1e2f-4a55-9a35-6d2f6e3f1b2a',
    );
    expect(writerIdForm('7')).toBe('7');
  });

  it('is null when no writer is named', () => {
    expect(lastWriterId({ _model: 'stock.quant', quantity: 3 })).toBeNull();
    expect(lastWriterId({ write_uid: false })).toBeNull();
    expect(lastWriterId('7')).toBeNull();
  });
});
