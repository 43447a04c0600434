/**
 * The simulator against examples recorded from SAP's documentation (recorded-examples.json,
 * each with its source): the documented requests are accepted and answered with the
 * documented keys; errors and business events have the documented shape.
 */
import recorded from './recorded-examples.json';
import { csrfWrite, sapApp } from '../sap-inject';

/** Every key path of a JSON value (arrays: the first element's). */
function shape(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return shape(value[0], `${path}[]`);
  if (typeof value !== 'object' || value === null) return [path];
  return Object.entries(value).flatMap(([key, inner]) =>
    shape(inner, path === '' ? key : `${path}.${key}`),
  );
}

describe('SAP simulator fidelity (recorded examples)', () => {
  it('accepts the documented goods receipt for a purchase order and answers its keys', async () => {
    const { app } = await sapApp();
    const { path, body, responseKeys } = recorded.goodsReceiptRequest;
    const response = await csrfWrite(app, 'POST', path, body);
    expect(response.statusCode).toBe(201);
    const d = response.json<{ d: Record<string, unknown> }>().d;
    expect(Object.keys(d)).toEqual(expect.arrayContaining(responseKeys));
  });

  it('accepts the documented physical inventory document and answers its keys', async () => {
    const { app } = await sapApp();
    const { path, body, responseKeys } = recorded.physicalInventoryCreateRequest;
    const response = await csrfWrite(app, 'POST', path, body);
    expect(response.statusCode).toBe(201);
    const d = response.json<{ d: Record<string, unknown> }>().d;
    expect(Object.keys(d)).toEqual(expect.arrayContaining(responseKeys));
  });

  it('answers errors in the documented OData V2 error shape', async () => {
    const { app } = await sapApp();
    const { path, body } = recorded.goodsReceiptRequest;
    const over = {
      ...body,
      to_MaterialDocumentItem: [{ ...body.to_MaterialDocumentItem[0], QuantityInEntryUnit: '12' }],
    };
    const response = await csrfWrite(app, 'POST', path, over);
    expect(response.statusCode).toBe(400);
    expect(shape(response.json()).sort()).toEqual(shape(recorded.errorResponse.body).sort());
  });

  it('sends business events in the documented CloudEvents shape, data carrying the key only', async () => {
    const received: unknown[] = [];
    const { default: Fastify } = await import('fastify');
    const receiver = Fastify();
    receiver.addContentTypeParser(
      'application/cloudevents+json',
      { parseAs: 'string' },
      (_r, b, done) => {
        done(null, JSON.parse(String(b)) as unknown);
      },
    );
    receiver.post('/events', (request) => {
      received.push(request.body);
      return {};
    });
    const url = await receiver.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { sap } = await sapApp({ events: { url: `${url}/events` } });
      await sap.createPurchaseOrder({
        Supplier: '17300001',
        items: [{ Material: 'TG11', Plant: '1010', OrderQuantity: 1, NetPriceAmount: 1 }],
      });
      expect(received).toHaveLength(1);
      expect(
        shape(received[0])
          .map((p) => p.replace(/^data\..*/, 'data.<key>'))
          .sort(),
      ).toEqual(
        shape(recorded.businessEvent.body)
          .map((p) => p.replace(/^data\..*/, 'data.<key>'))
          .sort(),
      );
      expect(received[0]).toMatchObject({
        type: 'sap.s4.beh.purchaseorder.v1.PurchaseOrder.Created.v1',
        data: { PurchaseOrder: expect.stringMatching(/^45\d{8}$/) as unknown },
      });
    } finally {
      await receiver.close();
    }
  });
});
