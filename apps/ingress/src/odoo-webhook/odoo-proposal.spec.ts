import { parseOdooNotification } from './odoo-notification';
import { odooCanonicalProposal } from './odoo-proposal';

/** The canonical proposal of a notification body as Odoo 17 sends it. */
function proposalOf(body: string): unknown {
  const parsed: unknown = JSON.parse(body);
  const notification = parseOdooNotification(parsed);
  if (!notification.ok) throw new Error('expected a valid body');
  return odooCanonicalProposal(notification.notification, parsed);
}

const quant = (fields: string) =>
  `{"_action": "Send Webhook Notification(#62)", "_id": 42, "_model": "stock.quant"${fields}}`;

describe('Odoo notification → canonical proposal', () => {
  it("maps stock.quant's on-hand quantity to the canonical quantityOnHand, spelled as the contract spells decimals", () => {
    expect(proposalOf(quant(', "quantity": 17.0, "write_uid": 2'))).toEqual({
      quantityOnHand: '17',
    });
    expect(proposalOf(quant(', "quantity": 0.125'))).toEqual({ quantityOnHand: '0.125' });
  });

  it('takes the on hand, not a count entered but not applied (inventory_quantity)', () => {
    expect(proposalOf(quant(', "inventory_quantity": 7.0, "quantity": 40.0'))).toEqual({
      quantityOnHand: '40',
    });
  });

  it('maps nothing it cannot spell as a canonical on-hand quantity', () => {
    expect(proposalOf(quant(''))).toBeNull();
    expect(proposalOf(quant(', "quantity": false'))).toBeNull();
    expect(proposalOf(quant(', "quantity": "17"'))).toBeNull();
    expect(proposalOf(quant(', "quantity": -3.0'))).toBeNull();
    expect(proposalOf(quant(', "quantity": 1e-7'))).toBeNull();
  });

  it('maps nothing from a purchase order or picking: only the connector re-reads them', () => {
    expect(
      proposalOf('{"_action": "a", "_id": 3, "_model": "purchase.order", "state": "purchase"}'),
    ).toBeNull();
    expect(
      proposalOf('{"_action": "a", "_id": 3, "_model": "stock.picking", "quantity": 2}'),
    ).toBeNull();
  });
});
