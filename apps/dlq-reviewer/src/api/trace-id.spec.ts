import { hubHeaderNames } from '@hub/messaging';
import { detailPage } from '../console/pages';
import { redeliveryOf } from '../retry/redelivery';
import type { StoredItem } from '../store/item-types';
import { itemDetail } from './item-views';

const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const item = (headers: Record<string, string>): StoredItem => ({
  dedupKey: 'dlq/0/7',
  reason: 'permanent_failure',
  target: 'odoo',
  entityType: 'inventory-level',
  entityKey: 'WH-1:SKU-9',
  correlationId: 'c1-x',
  sourceSystem: 'wms',
  sourceVersion: 1_000,
  deadLetterEventId: 'dl-7',
  originalTopic: 'erp.inventory-level.v1',
  originalPartition: 0,
  originalOffset: 41,
  originalEventId: 'e-1',
  originalValue: Buffer.from([0, 0, 0, 0, 7, 1]),
  originalHeaders: {
    'hub-correlation-id': 'c1-x',
    'hub-source-system': 'wms',
    'hub-entity-type': 'inventory-level',
    'hub-source-version': '1000',
    'hub-event-id': 'e-1',
    ...headers,
  },
  messageKey: 'WH-1:SKU-9',
  dlqHeaders: {},
  attempts: [],
  errorClass: 'permanent',
  errorCode: 'ERP_VALIDATION',
  errorMessage: 'bad uom',
  firstFailureAt: 1_000,
  lastFailureAt: 2_000,
  deadLetteredAt: 2_500,
  id: '7',
  status: 'open',
  retryAttempt: null,
  retriedAt: null,
  createdAt: 2_500,
  updatedAt: 2_500,
  position: '1',
});
const detailOf = (stored: StoredItem) =>
  itemDetail(stored, { event: null, decodeError: 'no value' }, null, []);

describe('the trace id of a dead letter (issue #21)', () => {
  it("is the failed message's trace, in the API detail and on the console page", () => {
    const detail = detailOf(item({ [hubHeaderNames.traceparent]: traceparent }));
    expect(detail.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(detailPage(detail, 'ops', false)).toMatch(
      /<th>Trace id<\/th>\s*<td>4bf92f3577b34da6a3ce929d0e0e4736<\/td>/,
    );
  });

  it('is null for a message that carried none', () => {
    expect(detailOf(item({})).traceId).toBeNull();
  });

  it("goes with the operator's retry, which continues the trace", () => {
    const headers = redeliveryOf(item({ [hubHeaderNames.traceparent]: traceparent }), 'r-1')
      ?.message.headers;
    expect(headers?.[hubHeaderNames.traceparent]).toBe(traceparent);
  });
});
