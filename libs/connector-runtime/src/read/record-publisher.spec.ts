import { parsePolicy } from '@hub/ownership';
import { createLogger } from '@hub/observability';
import type { SourceRecord } from '../adapter/erp-adapter';
import { RecordingSender, fixedIdentity, jsonSerde, unitTopics } from '../testing/unit-fakes';
import { RecordPublisher } from './record-publisher';

// Purchase orders owned per supplier stand in for a scope a read side meets: each ERP
// publishes only what it owns in that scope.
const policy = parsePolicy({
  systems: [
    { id: 'wms', kind: 'wms' },
    { id: 'odoo-eu', kind: 'odoo' },
    { id: 'bc-us', kind: 'business-central' },
  ],
  entityTypes: [
    { type: 'inventory-level', owner: 'wms', receivers: ['odoo-eu', 'bc-us'] },
    { type: 'goods-receipt', owner: 'wms', receivers: ['odoo-eu', 'bc-us'] },
    {
      type: 'purchase-order',
      scopeField: 'supplierId',
      scopes: [
        { values: ['V-EU'], owner: 'odoo-eu', receivers: ['wms'] },
        { values: ['V-US'], owner: 'bc-us', receivers: ['wms'] },
      ],
    },
  ],
});

function order(poNumber: string, supplierId: string): SourceRecord {
  return {
    entityType: 'purchase-order',
    sourceRecordId: poNumber,
    sourceVersion: 5_000,
    payload: {
      poNumber,
      supplierId,
      status: 'confirmed',
      currency: 'EUR',
      lines: [],
      company: null,
    },
  };
}

describe('record publisher with a scoped policy', () => {
  it('publishes only the records the system owns in their scope, and says why it left the others', async () => {
    const sender = new RecordingSender();
    const lines: string[] = [];
    const logger = createLogger({
      service: 'unit',
      level: 'warn',
      destination: { write: (line: string) => lines.push(line) },
    });
    const publisher = new RecordPublisher({
      system: 'odoo-eu',
      policy,
      serde: jsonSerde,
      identity: fixedIdentity,
      topics: unitTopics,
      sender,
      logger,
    });
    await expect(
      publisher.publish([order('PO-1', 'V-EU'), order('PO-2', 'V-US')], 'sweep'),
    ).resolves.toBe(1);
    expect(sender.sent.map((message) => message.key)).toEqual(['PO-1']);
    expect(lines.join('')).toContain(
      'reverse-direction write: odoo-eu may not source purchase-order (supplierId V-US); its owner is bc-us; record not published',
    );
  });
});
