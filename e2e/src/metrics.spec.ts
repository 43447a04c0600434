import { metricSum } from '@hub/demo';

const text = [
  '# HELP hub_connector_writes_total Writes',
  '# TYPE hub_connector_writes_total counter',
  'hub_connector_writes_total{target="odoo",entity_type="inventory-level",outcome="succeeded"} 50',
  'hub_connector_writes_total{target="odoo",entity_type="goods-receipt",outcome="succeeded"} 2',
  'hub_connector_writes_total{target="odoo",entity_type="inventory-level",outcome="duplicate"} 3',
  'hub_connector_writes_total_other{target="odoo"} 7',
  'hub_breaker_state{target="odoo"} 2',
].join('\n');

describe('metricSum', () => {
  it('sums the samples whose labels match', () => {
    expect(metricSum(text, 'hub_connector_writes_total', { outcome: 'succeeded' })).toBe(52);
    expect(
      metricSum(text, 'hub_connector_writes_total', {
        entity_type: 'inventory-level',
        outcome: 'duplicate',
      }),
    ).toBe(3);
  });

  it('counts only the exact metric name and answers 0 when nothing matches', () => {
    expect(metricSum(text, 'hub_connector_writes_total')).toBe(55);
    expect(metricSum(text, 'hub_breaker_state', { target: 'wms' })).toBe(0);
  });
});
