/**
 * OpenAPI schemas of the bodies the ingress reads and writes, in the JSON form senders use.
 * The source of truth stays in code (wms-envelope.ts, odoo-notification.ts,
 * bc-notification.ts, sap-event.ts and the contracts); these describe it for integrators.
 */
import type { SchemaObject } from '@nestjs/swagger';

const decimal: SchemaObject = { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' };
const timestamp: SchemaObject = { type: 'string', format: 'date-time' };

export const problemSchema: SchemaObject = {
  type: 'object',
  description:
    'RFC 9457 problem details; `type` is stable (urn:hub:problem:<slug>), `code` its UPPER_SNAKE twin.',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', example: 'urn:hub:problem:invalid-payload' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', example: 'INVALID_PAYLOAD' },
    instance: {
      type: 'string',
      description: 'The route pattern (never the URL: it may hold a token).',
    },
    errors: {
      type: 'array',
      description: 'invalid-payload only: every field error.',
      items: {
        type: 'object',
        properties: { path: { type: 'string' }, message: { type: 'string' } },
      },
    },
    owner: { type: 'string', description: 'reverse-direction-write only: the owning system.' },
    entityType: { type: 'string', description: 'reverse-direction-write only.' },
    correlationId: { type: 'string', description: 'reverse-direction-write only.' },
    changeRequestForwarded: {
      type: 'boolean',
      description: 'reverse-direction-write only: forwarded to the owner as a change request.',
    },
  },
};

export const acceptedSchema: SchemaObject = {
  type: 'object',
  required: ['correlationId', 'status'],
  properties: {
    correlationId: {
      type: 'string',
      example: 'c1-0f4c2a9e5b7d4e1fa3c6b8d0e2f4a6c8',
      description: 'Stable per delivered fact: the same delivery repeated gets the same id.',
    },
    status: { type: 'string', enum: ['accepted'] },
  },
};

/** 200: a refused notification recognised as the echo of the hub's own write (hubWriterUsers). */
export const echoIgnoredSchema: SchemaObject = {
  type: 'object',
  required: ['correlationId', 'status', 'reason', 'detail'],
  properties: {
    correlationId: { type: 'string' },
    status: { type: 'string', enum: ['ignored'] },
    reason: { type: 'string', enum: ['hub-echo'] },
    detail: { type: 'string', description: 'Why: the last writer named is a hub writer user.' },
  },
};

export const sapRefusedSchema: SchemaObject = {
  type: 'object',
  required: ['correlationId', 'status', 'reason', 'owner'],
  properties: {
    correlationId: { type: 'string' },
    status: { type: 'string', enum: ['refused'] },
    reason: { type: 'string', enum: ['reverse-direction-write'] },
    owner: { type: 'string', description: 'The system that owns the entity type.' },
  },
};

export const bcOutcomeSchema: SchemaObject = {
  type: 'object',
  required: ['status', 'accepted', 'rejected'],
  properties: {
    status: { type: 'string', enum: ['accepted'] },
    accepted: { type: 'integer', description: 'Notifications published.' },
    rejected: {
      type: 'integer',
      description: 'Notifications recorded and counted but not published (BC must still see 2xx).',
    },
  },
};

const inventoryLevel: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  required: ['sku', 'warehouse', 'quantityOnHand', 'unitOfMeasure', 'asOf'],
  properties: {
    sku: { type: 'string' },
    warehouse: { type: 'string' },
    quantityOnHand: decimal,
    unitOfMeasure: { type: 'string' },
    asOf: { ...timestamp, description: 'When the level was true; the source version.' },
  },
};

const goodsReceipt: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  required: ['receiptId', 'poNumber', 'warehouse', 'receivedAt', 'lines'],
  properties: {
    receiptId: { type: 'string' },
    poNumber: { type: 'string' },
    warehouse: { type: 'string' },
    receivedAt: { ...timestamp, description: 'The source version.' },
    lines: {
      type: 'array',
      items: {
        type: 'object',
        required: ['poLineNumber', 'sku', 'quantityReceived', 'unitOfMeasure'],
        properties: {
          poLineNumber: { type: 'integer' },
          sku: { type: 'string' },
          quantityReceived: decimal,
          unitOfMeasure: { type: 'string' },
        },
      },
    },
  },
};

export const wmsDeliverySchema: SchemaObject = {
  type: 'object',
  required: ['type', 'timestamp', 'data'],
  description: 'Standard Webhooks payload; `data` is the canonical entity in its JSON form.',
  properties: {
    type: { type: 'string', enum: ['inventory-level.changed', 'goods-receipt.recorded'] },
    timestamp: {
      ...timestamp,
      description: 'When the WMS emitted the webhook (validated, unused).',
    },
    data: { oneOf: [inventoryLevel, goodsReceipt] },
  },
  example: {
    type: 'inventory-level.changed',
    timestamp: '2026-11-27T02:40:00Z',
    data: {
      sku: 'SKU-1001',
      warehouse: 'WH-EAST',
      quantityOnHand: '125.50',
      unitOfMeasure: 'PCS',
      asOf: '2026-11-27T02:39:58.123Z',
    },
  },
};

export const odooNotificationSchema: SchemaObject = {
  type: 'object',
  required: ['_action', '_id', '_model'],
  additionalProperties: true,
  description:
    'Odoo "Send Webhook Notification" body: the fields selected on the rule, plus these.',
  properties: {
    _action: { type: 'string', example: 'Send Webhook Notification(#42)' },
    _id: { type: 'integer', example: 7 },
    _model: { type: 'string', enum: ['purchase.order', 'stock.quant', 'stock.picking'] },
    write_date: { type: 'string', example: '2026-11-27 02:39:58', description: 'Naive UTC.' },
  },
};

export const bcNotificationsSchema: SchemaObject = {
  type: 'object',
  required: ['value'],
  properties: {
    value: {
      type: 'array',
      items: {
        type: 'object',
        required: [
          'subscriptionId',
          'clientState',
          'resource',
          'changeType',
          'lastModifiedDateTime',
        ],
        properties: {
          subscriptionId: { type: 'string' },
          clientState: { type: 'string' },
          expirationDateTime: timestamp,
          resource: { type: 'string', example: '/api/v2.0/companies(…)/purchaseOrders(…)' },
          changeType: { type: 'string', enum: ['created', 'updated', 'deleted', 'collection'] },
          lastModifiedDateTime: timestamp,
        },
      },
    },
  },
};

export const cloudEventSchema: SchemaObject = {
  type: 'object',
  required: ['specversion', 'id', 'source', 'type'],
  description:
    'Structured mode. In binary mode the attributes travel as ce-* headers and the body is `data`.',
  properties: {
    specversion: { type: 'string', enum: ['1.0'] },
    id: { type: 'string' },
    source: { type: 'string', example: '/default/sap.s4.beh/ER9CLNT001' },
    type: { type: 'string', example: 'sap.s4.beh.purchaseorder.v1.PurchaseOrder.Changed.v1' },
    time: timestamp,
    datacontenttype: { type: 'string' },
    data: {
      type: 'object',
      required: ['PurchaseOrder'],
      properties: { PurchaseOrder: { type: 'string' } },
    },
  },
};

export const foBusinessEventSchema: SchemaObject = {
  type: 'object',
  required: ['BusinessEventId', 'ControlNumber', 'EventId', 'PurchaseOrderNumber'],
  additionalProperties: true,
  description:
    'One F&O business event (HTTPS endpoint); the legal entity as BusinessEventLegalEntity or LegalEntity.',
  properties: {
    BusinessEventId: { type: 'string', enum: ['PurchaseOrderConfirmedBusinessEvent'] },
    BusinessEventLegalEntity: { type: 'string', example: 'USMF' },
    LegalEntity: { type: 'string', example: 'USMF' },
    ControlNumber: { type: 'integer', example: 5637145326, description: 'Increasing, with gaps.' },
    EventId: { type: 'string' },
    EventTime: { type: 'string', example: '/Date(1573472190000)/' },
    EventTimeIso8601: timestamp,
    PurchaseOrderNumber: { type: 'string', example: '00000123' },
  },
};
