import { thrown } from '../testing/thrown';
import { canonicalTopics, redeliveryTopic, retryTopic, valueSubject } from './topic-names';

describe('topic names', () => {
  it('names one canonical topic per entity type', () => {
    expect(canonicalTopics).toEqual({
      'inventory-level': 'erp.inventory-level.v1',
      'purchase-order': 'erp.purchase-order.v1',
      'goods-receipt': 'erp.goods-receipt.v1',
    });
  });

  it('names retry and redelivery topics per target', () => {
    expect(retryTopic('business-central')).toBe('hub.retry.business-central.v1');
    expect(redeliveryTopic('odoo-eu')).toBe('hub.redelivery.odoo-eu.v1');
  });

  it.each(['', 'Odoo', 'odoo.eu', 'odoo_eu', 'odoo eu', 'x'.repeat(201)])(
    'refuses the target id %j',
    (target) => {
      expect(thrown(() => retryTopic(target))).toMatchObject({
        code: 'INVALID_SYSTEM_ID',
        retriable: false,
      });
      expect(thrown(() => redeliveryTopic(target))).toMatchObject({ code: 'INVALID_SYSTEM_ID' });
    },
  );

  it('keeps the longest target id within Kafka’s 249-character topic limit', () => {
    expect(redeliveryTopic('x'.repeat(200)).length).toBeLessThanOrEqual(249);
  });

  it('uses the TopicNameStrategy subject', () => {
    expect(valueSubject('erp.goods-receipt.v1')).toBe('erp.goods-receipt.v1-value');
  });
});
