/** `/__sim/sap/*`: what tests and the demo drive the SAP simulator with. */
import { csrfWrite, get, sapApp } from './sap-inject';

const MD = '/sap/opu/odata/sap/API_MATERIAL_DOCUMENT_SRV';

describe('SAP simulator control routes', () => {
  it('seeds, sets stock, creates and changes purchase orders, and shows the state', async () => {
    const { app } = await sapApp({ seed: {} });
    const seeded = await app.inject({
      method: 'POST',
      url: '/__sim/sap/seed',
      payload: {
        plants: [{ Plant: '1710', storageLocations: ['171A'] }],
        materials: [{ Material: 'M1' }],
      },
    });
    expect(seeded.statusCode).toBe(201);
    const created = await app.inject({
      method: 'POST',
      url: '/__sim/sap/purchase-orders',
      payload: {
        Supplier: 'S1',
        items: [{ Material: 'M1', Plant: '1710', OrderQuantity: 2, NetPriceAmount: 1 }],
      },
    });
    const { PurchaseOrder } = created.json<{ PurchaseOrder: string }>();
    expect(
      (
        await app.inject({
          method: 'PATCH',
          url: `/__sim/sap/purchase-orders/${PurchaseOrder}/items/10`,
          payload: { OrderQuantity: 3 },
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (
        await app.inject({
          method: 'PATCH',
          url: '/__sim/sap/purchase-orders/4599999999',
          payload: {},
        })
      ).statusCode,
    ).toBe(400);
    const stock = { Material: 'M1', Plant: '1710', StorageLocation: '171A', quantity: 4 };
    expect(
      (await app.inject({ method: 'POST', url: '/__sim/sap/stock', payload: stock })).statusCode,
    ).toBe(204);
    expect(
      (await app.inject({ method: 'POST', url: '/__sim/sap/stock', payload: { Material: 'M1' } }))
        .statusCode,
    ).toBe(400);
    const state = await app.inject({ method: 'GET', url: '/__sim/sap/state' });
    expect(state.json()).toMatchObject({ stock: { 'M1|1710|171A': 4 } });
    expect(state.json()).toMatchObject({
      purchaseOrders: [{ PurchaseOrder, Supplier: 'S1', items: [{ OrderQuantity: 3 }] }],
    });
  });

  it('adds and clears faults and SAP errors, and refuses malformed ones', async () => {
    const { app } = await sapApp();
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/__sim/sap/faults',
          payload: { kind: 'odooError' },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/__sim/sap/faults',
          payload: { kind: 'outage', mode: '503', times: 1 },
        })
      ).statusCode,
    ).toBe(201);
    expect((await get(app, `${MD}/A_MaterialDocumentHeader`)).statusCode).toBe(503);
    expect(
      (await app.inject({ method: 'POST', url: '/__sim/sap/errors', payload: { code: 'X' } }))
        .statusCode,
    ).toBe(400);
    await app.inject({
      method: 'POST',
      url: '/__sim/sap/errors',
      payload: {
        status: 423,
        code: 'M3/897',
        message: 'Plant data of material TG11 is locked by user CB9980000010',
      },
    });
    expect((await get(app, `${MD}/A_MaterialDocumentHeader`)).json()).toMatchObject({
      error: { code: 'M3/897' },
    });
    expect((await app.inject({ method: 'DELETE', url: '/__sim/sap/errors' })).statusCode).toBe(204);
    expect((await get(app, `${MD}/A_MaterialDocumentHeader`)).statusCode).toBe(200);
  });

  it("expires the next write's CSRF token on request, and lists the calls", async () => {
    const { app } = await sapApp();
    await app.inject({ method: 'POST', url: '/__sim/sap/csrf/expire', payload: { next: 1 } });
    const write = await csrfWrite(app, 'POST', `${MD}/A_MaterialDocumentHeader`, {});
    expect([write.statusCode, write.headers['x-csrf-token']]).toEqual([403, 'Required']);
    const calls = (await app.inject({ method: 'GET', url: '/__sim/sap/calls' })).json<{
      security: { csrfRefusals: number };
    }>();
    expect(calls.security.csrfRefusals).toBe(1);
  });
});
