import { createEvent } from '@hub/contracts';
import { parsePolicy } from '@hub/ownership';
import type { AnyCanonicalEvent } from '../adapter/erp-adapter';
import { FakeWriteAdapter } from '../testing/fake-write-adapter';
import { delivery, proceed, signal } from '../testing/pipeline-fixture';
import {
  RecordingSender,
  fixedIdentity,
  jsonSerde,
  silentLogger,
  unitMetrics,
  unitTopics,
} from '../testing/unit-fakes';
import { DeliveryRecords } from './delivery-records';
import { WritePipeline, type WriteStore } from './write-pipeline';

// Two ERPs, one per warehouse: each connector sees every level on the canonical topic.
const policy = parsePolicy({
  systems: [
    { id: 'wms', kind: 'wms' },
    { id: 'odoo-eu', kind: 'odoo' },
    { id: 'bc-us', kind: 'business-central' },
  ],
  entityTypes: [
    {
      type: 'inventory-level',
      scopeField: 'warehouse',
      scopes: [
        { values: ['WH-EU'], owner: 'wms', receivers: ['odoo-eu'] },
        { values: ['WH-US'], owner: 'wms', receivers: ['bc-us'] },
      ],
    },
    { type: 'goods-receipt', owner: 'wms', receivers: ['odoo-eu', 'bc-us'] },
    { type: 'purchase-order', owner: 'odoo-eu', receivers: ['wms'] },
  ],
});

function level(warehouse: string, sourceSystem = 'wms'): AnyCanonicalEvent {
  return createEvent(
    'inventory-level',
    {
      sourceSystem,
      sourceRecordId: `${warehouse}:SKU-1`,
      sourceVersion: 1_000,
      payload: {
        sku: 'SKU-1',
        warehouse,
        quantityOnHand: '3',
        unitOfMeasure: 'PCS',
        asOf: 1_000,
      },
    },
    fixedIdentity,
  );
}

function pipelineFor(target: string) {
  const adapter = new FakeWriteAdapter();
  const sender = new RecordingSender();
  const begin = jest
    .fn<ReturnType<WriteStore['begin']>, Parameters<WriteStore['begin']>>()
    .mockResolvedValue(proceed());
  const store: WriteStore = {
    begin,
    complete: () => Promise.resolve({ guardAdvanced: true, appliedVersion: 1_000 }),
    fail: () => Promise.resolve(),
    release: () => Promise.resolve(),
    reopen: () => Promise.resolve(false),
  };
  const metrics = unitMetrics();
  const pipeline = new WritePipeline({
    target,
    adapter,
    policy,
    store,
    gate: { call: (_op, work) => work() },
    records: new DeliveryRecords(target, jsonSerde, fixedIdentity, unitTopics),
    sender,
    clock: { now: () => 1_700_000_000_000 },
    leaseOwner: `${target}/test`,
    leaseMs: 60_000,
    metrics,
    logger: silentLogger,
  });
  return { adapter, sender, begin, pipeline, metrics };
}

describe('write pipeline with a policy scoped by warehouse', () => {
  it("writes its own warehouse's level", async () => {
    const { adapter, pipeline } = pipelineFor('odoo-eu');
    await expect(pipeline.handle(delivery(level('WH-EU')), signal)).resolves.toBe('succeeded');
    expect(adapter.applyCalls).toHaveLength(1);
  });

  it("skips the other ERP's warehouse: no store, no target, no dead letter, no outcome; counted", async () => {
    const { adapter, sender, begin, pipeline, metrics } = pipelineFor('odoo-eu');
    await expect(pipeline.handle(delivery(level('WH-US')), signal)).resolves.toBe('out-of-scope');
    expect(begin).not.toHaveBeenCalled();
    expect(adapter.applyCalls).toHaveLength(0);
    expect(sender.sent).toHaveLength(0);
    const counted = await metrics.connectorWrites.get();
    expect(counted.values).toEqual([
      expect.objectContaining({
        labels: { target: 'odoo-eu', entity_type: 'inventory-level', outcome: 'out-of-scope' },
        value: 1,
      }),
    ]);
  });

  it('dead-letters a warehouse no scope covers, with OUT_OF_SCOPE', async () => {
    const { adapter, sender, pipeline } = pipelineFor('bc-us');
    await expect(pipeline.handle(delivery(level('WH-CN')), signal)).resolves.toBe('rejected');
    expect(adapter.applyCalls).toHaveLength(0);
    expect(sender.to(unitTopics.deadLetter)).toHaveLength(1);
    const [outcome] = sender.to(unitTopics.deliveryOutcome);
    expect(JSON.parse(outcome?.value?.toString() ?? 'null')).toMatchObject({
      value: { payload: { outcome: 'failed_permanent', failure: { code: 'OUT_OF_SCOPE' } } },
    });
  });

  it('dead-letters a level of its scope from a source that does not own it, with SOURCE_NOT_OWNER', async () => {
    const { sender, pipeline } = pipelineFor('bc-us');
    await expect(pipeline.handle(delivery(level('WH-US', 'odoo-eu')), signal)).resolves.toBe(
      'rejected',
    );
    expect(sender.to(unitTopics.deadLetter)).toHaveLength(1);
  });
});
