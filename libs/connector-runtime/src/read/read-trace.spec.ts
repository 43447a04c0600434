import {
  SpanKind,
  contextOfTraceparent,
  createLogger,
  inSpan,
  traceparentOfSpan,
} from '@hub/observability';
import { startInMemoryTracing, type Tracing } from '@hub/observability/src/tracing/tracing';
import { parsePolicy } from '@hub/ownership';
import { RecordingSender, fixedIdentity, jsonSerde, unitTopics } from '../testing/unit-fakes';
import { RecordPublisher } from './record-publisher';

const policy = parsePolicy({
  systems: [
    { id: 'wms', kind: 'wms' },
    { id: 'odoo', kind: 'odoo' },
  ],
  entityTypes: [
    { type: 'inventory-level', owner: 'wms', receivers: ['odoo'] },
    { type: 'goods-receipt', owner: 'wms', receivers: ['odoo'] },
    { type: 'purchase-order', owner: 'odoo', receivers: ['wms'] },
  ],
});
const order = {
  entityType: 'purchase-order',
  sourceRecordId: 'PO-1',
  sourceVersion: 5_000,
  payload: {
    poNumber: 'PO-1',
    supplierId: 'V-1',
    status: 'confirmed',
    currency: 'EUR',
    lines: [],
    company: null,
  },
} as const;
const notification = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('the read side continues the notification trace (tracing on)', () => {
  let tracing: Tracing;
  beforeAll(() => {
    ({ tracing } = startInMemoryTracing('read-trace'));
  });
  afterAll(() => tracing.shutdown());

  const publish = async (sender: RecordingSender) =>
    new RecordPublisher({
      system: 'odoo',
      policy,
      serde: jsonSerde,
      identity: fixedIdentity,
      topics: unitTopics,
      sender,
      logger: createLogger({ service: 'unit', level: 'silent' }),
    }).publish([order], 'notification');
  const traceparentsOf = (sender: RecordingSender) =>
    sender.sent.map((message) => (message.headers as Record<string, string>)['traceparent']);

  it("gives each published event the traceparent of the notification's span", async () => {
    const sender = new RecordingSender();
    const span = await inSpan(
      'connector.read',
      { kind: SpanKind.CONSUMER, parent: contextOfTraceparent(notification) },
      async (current) => {
        await publish(sender);
        return current;
      },
    );
    expect(traceparentsOf(sender)).toEqual([traceparentOfSpan(span)]);
    expect(traceparentOfSpan(span)).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-/);
  });

  it('writes none outside a trace (a sweep)', async () => {
    const sender = new RecordingSender();
    await publish(sender);
    expect(traceparentsOf(sender)).toEqual([undefined]);
  });
});
