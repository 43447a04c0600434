/**
 * Example values for tests: canonical payloads in their JSON form (as a WMS webhook sends
 * them) and one valid Avro-form value for every catalog topic.
 */
import type { FixedTopic } from '../topics/topic-names';
import type { TopicValue } from '../topics/contract-catalog';

export const inventoryLevelJson = {
  sku: 'SKU-1001',
  warehouse: 'WH-EAST',
  quantityOnHand: '125.50',
  unitOfMeasure: 'PCS',
  asOf: '2024-05-01T10:05:00.123+02:00',
};

export const purchaseOrderJson = {
  poNumber: 'PO-2024-0042',
  supplierId: 'V-300',
  status: 'confirmed',
  currency: 'EUR',
  lines: [
    {
      lineNumber: 10,
      sku: 'SKU-1001',
      quantityOrdered: '40',
      unitOfMeasure: 'PCS',
      unitPrice: '12.3400',
      expectedDate: '2024-05-20',
    },
    {
      lineNumber: 20,
      sku: 'SKU-2002',
      quantityOrdered: '2.5',
      unitOfMeasure: 'KG',
      unitPrice: '0.10',
      expectedDate: null,
    },
  ],
};

export const goodsReceiptJson = {
  receiptId: 'GR-77',
  poNumber: 'PO-2024-0042',
  warehouse: 'WH-EAST',
  receivedAt: '2024-05-21T08:30:00Z',
  lines: [{ poLineNumber: 10, sku: 'SKU-1001', quantityReceived: '40', unitOfMeasure: 'PCS' }],
};

const envelope = {
  eventId: '3f2b8c1e-4d5a-4e6f-8a7b-9c0d1e2f3a4b',
  correlationId: 'c1-0123456789abcdef0123456789abcdef',
  sourceSystem: 'wms',
  sourceRecordId: 'rec-1',
  sourceVersion: 1_714_550_700_123,
  publishedAt: 1_714_550_701_000,
} as const;

const failure = {
  code: 'ERP_TIMEOUT',
  errorClass: 'transient',
  message: 'timed out after 10 s',
  httpStatus: null,
} as const;

export const exampleValues: { readonly [T in FixedTopic]: TopicValue<T> } = {
  'erp.inventory-level.v1': {
    ...envelope,
    entityType: 'inventory-level',
    entityKey: 'WH-EAST:SKU-1001',
    payload: {
      sku: 'SKU-1001',
      warehouse: 'WH-EAST',
      quantityOnHand: '125.5',
      unitOfMeasure: 'PCS',
      asOf: 1_714_550_700_123,
    },
  },
  'erp.purchase-order.v1': {
    ...envelope,
    sourceSystem: 'odoo',
    entityType: 'purchase-order',
    entityKey: 'PO-2024-0042',
    payload: {
      poNumber: 'PO-2024-0042',
      supplierId: 'V-300',
      status: 'confirmed',
      currency: 'EUR',
      company: null,
      lines: [
        {
          lineNumber: 10,
          sku: 'SKU-1001',
          quantityOrdered: '40',
          unitOfMeasure: 'PCS',
          unitPrice: '12.34',
          expectedDate: 19_863,
        },
        {
          lineNumber: 20,
          sku: 'SKU-2002',
          quantityOrdered: '2.5',
          unitOfMeasure: 'KG',
          unitPrice: '0.1',
          expectedDate: null,
        },
      ],
    },
  },
  'erp.goods-receipt.v1': {
    ...envelope,
    entityType: 'goods-receipt',
    entityKey: 'PO-2024-0042',
    payload: {
      receiptId: 'GR-77',
      poNumber: 'PO-2024-0042',
      warehouse: 'WH-EAST',
      receivedAt: 1_716_280_200_000,
      lines: [{ poLineNumber: 10, sku: 'SKU-1001', quantityReceived: '40', unitOfMeasure: 'PCS' }],
    },
  },
  'hub.source-notification.v1': {
    ...envelope,
    sourceSystem: 'business-central',
    sourceRecordId: '5d115c9c-44e3-ea11-bb43-000d3a2feca1',
    entityType: 'purchase-order',
    entityKey: '5d115c9c-44e3-ea11-bb43-000d3a2feca1',
    payload: {
      changeKind: 'updated',
      resource: 'companies(1)/purchaseOrders(5d115c9c-44e3-ea11-bb43-000d3a2feca1)',
      sourceEventId: null,
      receivedAt: 1_714_550_700_500,
      attributes: { companyId: '1' },
    },
  },
  'hub.change-request.v1': {
    ...envelope,
    sourceSystem: 'odoo',
    entityType: 'inventory-level',
    entityKey: 'WH-EAST:SKU-1001',
    payload: {
      ownerSystem: 'wms',
      requestedBy: 'alice',
      reason: 'cycle count',
      proposedPayloadJson: '{"_model":"stock.quant","_id":42,"quantity":120.0}',
      canonicalProposalJson: '{"quantityOnHand":"120"}',
    },
  },
  'hub.delivery-outcome.v1': {
    ...envelope,
    entityType: 'inventory-level',
    entityKey: 'WH-EAST:SKU-1001',
    payload: {
      deliveredEventId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      target: 'odoo',
      outcome: 'failed_transient',
      attempt: 1,
      targetReference: null,
      failure,
      targetCalled: true,
    },
  },
  'hub.dead-letter.v1': {
    ...envelope,
    entityType: 'goods-receipt',
    entityKey: 'PO-2024-0042',
    payload: {
      target: 'sap',
      reason: 'permanent_failure',
      originalTopic: 'erp.goods-receipt.v1',
      originalPartition: 2,
      originalOffset: 4711,
      originalEventId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      originalValue: Buffer.from([0, 0, 0, 0, 7, 2, 4, 6]),
      originalHeaders: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
      firstFailureAt: 1_716_280_300_000,
      attempts: [
        {
          attempt: 1,
          failedAt: 1_716_280_300_000,
          failure: { ...failure, code: 'UNKNOWN_PO', errorClass: 'permanent', httpStatus: 404 },
        },
      ],
    },
  },
};
