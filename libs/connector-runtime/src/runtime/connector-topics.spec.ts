import { connectorTopics, entityTypeOfTopic } from './connector-topics';

describe('connectorTopics', () => {
  it('uses the contract names by default', () => {
    expect(connectorTopics('odoo')).toEqual({
      canonical: {
        'inventory-level': 'erp.inventory-level.v1',
        'purchase-order': 'erp.purchase-order.v1',
        'goods-receipt': 'erp.goods-receipt.v1',
      },
      sourceNotification: 'hub.source-notification.v1',
      deliveryOutcome: 'hub.delivery-outcome.v1',
      deadLetter: 'hub.dead-letter.v1',
      retry: 'hub.retry.odoo.v1',
      redelivery: 'hub.redelivery.odoo.v1',
      control: 'hub.target-control.v1',
    });
  });

  it('takes overrides per topic and maps canonical topics back to their type', () => {
    const names = connectorTopics('odoo', {
      canonical: { 'goods-receipt': 't-receipts' },
      deadLetter: 't-dlq',
    });
    expect(names.canonical['goods-receipt']).toBe('t-receipts');
    expect(names.deadLetter).toBe('t-dlq');
    expect(entityTypeOfTopic(names, 't-receipts')).toBe('goods-receipt');
    expect(entityTypeOfTopic(names, 'elsewhere')).toBeUndefined();
  });

  it('refuses a system id that cannot be part of a topic name', () => {
    expect(() => connectorTopics('Odoo Prod')).toThrow();
  });
});
