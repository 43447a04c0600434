/** The SAP simulator's rules: logon, CSRF, physical inventory posting, immutable material documents, PO reads, faults. */
import { BASIC, csrfWrite, get, sapApp } from './sap-inject';

const PI = '/sap/opu/odata/sap/API_PHYSICAL_INVENTORY_DOC_SRV';
const MD = '/sap/opu/odata/sap/API_MATERIAL_DOCUMENT_SRV';
const PO = '/sap/opu/odata/sap/API_PURCHASEORDER_PROCESS_SRV';

interface Keys {
  readonly d: Record<string, string>;
}

const receipt = (quantity: string, text = 'HUB:abc') => ({
  GoodsMovementCode: '01',
  MaterialDocumentHeaderText: text,
  ReferenceDocument: 'ASN-1',
  to_MaterialDocumentItem: [
    {
      Material: 'TG11',
      Plant: '1010',
      StorageLocation: '101A',
      GoodsMovementType: '101',
      PurchaseOrder: '4500000123',
      PurchaseOrderItem: '10',
      GoodsMovementRefDocType: 'B',
      EntryUnit: 'PC',
      QuantityInEntryUnit: quantity,
    },
  ],
});

describe('SAP simulator', () => {
  it('refuses a request without logon (401) and a write without a CSRF token (403 Required)', async () => {
    const { app } = await sapApp();
    expect((await app.inject({ method: 'GET', url: `${PO}/A_PurchaseOrder` })).statusCode).toBe(
      401,
    );
    const write = await app.inject({
      method: 'POST',
      url: `${MD}/A_MaterialDocumentHeader`,
      headers: { authorization: BASIC, 'content-type': 'application/json' },
      payload: JSON.stringify(receipt('1')),
    });
    expect([write.statusCode, write.headers['x-csrf-token'], write.body]).toEqual([
      403,
      'Required',
      'CSRF token validation failed',
    ]);
    expect(
      (await csrfWrite(app, 'POST', `${MD}/A_MaterialDocumentHeader`, receipt('1'))).statusCode,
    ).toBe(201);
  });

  it('refuses a token without its session cookie, and an expired one', async () => {
    let now = 1_000_000;
    const { app, sap } = await sapApp({ clock: () => now, csrfTokenTtlMs: 1_000 });
    const fetched = await app.inject({
      method: 'GET',
      url: `${MD}/`,
      headers: { authorization: BASIC, 'x-csrf-token': 'Fetch' },
    });
    const token = String(fetched.headers['x-csrf-token']);
    const cookie = ([] as string[])
      .concat(fetched.headers['set-cookie'] ?? [])
      .map((c) => c.split(';')[0])
      .join('; ');
    const post = (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: `${MD}/A_MaterialDocumentHeader`,
        headers: { authorization: BASIC, 'content-type': 'application/json', ...headers },
        payload: JSON.stringify(receipt('1')),
      });
    expect((await post({ 'x-csrf-token': token })).statusCode).toBe(403);
    now += 2_000;
    expect((await post({ 'x-csrf-token': token, cookie })).statusCode).toBe(403);
    expect(sap.security.counts.csrfRefusals).toBe(2);
  });

  it('physical inventory: count with If-Match, post once; a second posting is refused; the posted flag is readable', async () => {
    const { app, sap } = await sapApp();
    const created = await csrfWrite(app, 'POST', `${PI}/A_PhysInventoryDocHeader`, {
      Plant: '1010',
      StorageLocation: '101A',
      PhysInventoryReferenceNumber: 'HUB-1',
      to_PhysicalInventoryDocumentItem: [{ Material: 'TG11' }],
    });
    const { FiscalYear, PhysicalInventoryDocument } = created.json<Keys>().d;
    const item = `${PI}/A_PhysInventoryDocItem(FiscalYear='${FiscalYear}',PhysicalInventoryDocument='${PhysicalInventoryDocument}',PhysicalInventoryDocumentItem='1')`;
    expect(
      (await csrfWrite(app, 'PATCH', item, { QuantityInUnitOfEntry: '4', UnitOfEntry: 'PC' }))
        .statusCode,
    ).toBe(428);
    const etag = String((await get(app, item)).headers.etag);
    expect(
      (
        await csrfWrite(
          app,
          'PATCH',
          item,
          { QuantityInUnitOfEntry: '4', UnitOfEntry: 'PC' },
          { 'if-match': etag },
        )
      ).statusCode,
    ).toBe(204);
    const post = `${PI}/PostDifferences?FiscalYear='${FiscalYear}'&PhysicalInventoryDocument='${PhysicalInventoryDocument}'`;
    expect((await csrfWrite(app, 'POST', post)).statusCode).toBe(200);
    const again = await csrfWrite(app, 'POST', post);
    expect([again.statusCode, again.json<{ error: { code: string } }>().error.code]).toEqual([
      400,
      'M7/716',
    ]);
    expect((await get(app, item)).json()).toMatchObject({
      d: { PhysInvtryDifferenceIsPosted: true, MaterialDocument: expect.any(String) as unknown },
    });
    expect(sap.store.getStock('TG11', '1010', '101A')).toBe(4);
    const found = await get(
      app,
      `${PI}/A_PhysInventoryDocHeader?$filter=PhysInventoryReferenceNumber eq 'HUB-1'&$expand=to_PhysicalInventoryDocumentItem`,
    );
    expect(found.json<{ d: { results: unknown[] } }>().d.results).toHaveLength(1);
  });

  it('material documents cannot be changed; Cancel reverses once', async () => {
    const { app, sap } = await sapApp();
    const created = await csrfWrite(app, 'POST', `${MD}/A_MaterialDocumentHeader`, receipt('3'));
    const { MaterialDocument, MaterialDocumentYear } = created.json<Keys>().d;
    const key = `(MaterialDocumentYear='${MaterialDocumentYear}',MaterialDocument='${MaterialDocument}')`;
    expect(
      (
        await csrfWrite(app, 'PATCH', `${MD}/A_MaterialDocumentHeader${key}`, {
          MaterialDocumentHeaderText: 'x',
        })
      ).statusCode,
    ).toBe(501);
    const cancel = `${MD}/Cancel?MaterialDocumentYear='${MaterialDocumentYear}'&MaterialDocument='${MaterialDocument}'`;
    expect((await csrfWrite(app, 'POST', cancel)).json()).toMatchObject({
      d: { to_MaterialDocumentItem: { results: [{ GoodsMovementType: '102' }] } },
    });
    expect((await csrfWrite(app, 'POST', cancel)).statusCode).toBe(400);
    expect(sap.store.getStock('TG11', '1010', '101A')).toBe(10);
    const byText = await get(
      app,
      `${MD}/A_MaterialDocumentHeader?$filter=MaterialDocumentHeaderText eq 'HUB:abc'&$expand=to_MaterialDocumentItem`,
    );
    expect(byText.json()).toMatchObject({
      d: {
        results: [{ to_MaterialDocumentItem: { results: [{ GoodsMovementIsCancelled: true }] } }],
      },
    });
  });

  it('refuses an over-delivery (M7/022), a completed item (M7/064) and a header text longer than 25', async () => {
    const { app } = await sapApp();
    const code = async (body: unknown) =>
      (await csrfWrite(app, 'POST', `${MD}/A_MaterialDocumentHeader`, body)).json<{
        error?: { code: string };
      }>().error?.code;
    expect(await code(receipt('8'))).toBe('M7/022');
    expect(await code(receipt('1', 'x'.repeat(26)))).toBe('/IWBEP/CM_MGW_RT/004');
    expect(await code(receipt('7'))).toBeUndefined();
    expect(await code(receipt('1'))).toBe('M7/064');
  });

  it('reads purchase orders with items, filtered by LastChangeDateTime; item changes move it', async () => {
    let now = Date.parse('2025-03-01T10:00:00Z');
    const { app, sap } = await sapApp({ clock: () => now });
    now = Date.parse('2025-03-02T10:00:00Z');
    sap.changePurchaseOrderItem('4500000123', '10', { OrderQuantity: 9 });
    const url = `${PO}/A_PurchaseOrder?$filter=LastChangeDateTime ge datetimeoffset'2025-03-02T00:00:00Z'&$orderby=LastChangeDateTime&$expand=to_PurchaseOrderItem`;
    expect((await get(app, url)).json()).toMatchObject({
      d: {
        results: [
          {
            PurchaseOrder: '4500000123',
            to_PurchaseOrderItem: { results: [{ OrderQuantity: '9.000' }] },
          },
        ],
      },
    });
    const before = `${PO}/A_PurchaseOrder?$filter=LastChangeDateTime gt datetimeoffset'2025-03-02T10:00:00Z'`;
    expect((await get(app, before)).json()).toEqual({ d: { results: [] } });
    expect((await get(app, `${PO}/A_PurchaseOrder('4599999999')`)).statusCode).toBe(404);
    expect((await get(app, `${PO}/$metadata`)).body).toContain('EntitySet Name="A_PurchaseOrder"');
  });

  it('answers 500 after committing when told to, and injected SAP errors as OData errors', async () => {
    const { app, sap } = await sapApp();
    sap.addFault({ kind: 'failAfterCommit', model: 'A_MaterialDocumentHeader', times: 1 });
    expect(
      (await csrfWrite(app, 'POST', `${MD}/A_MaterialDocumentHeader`, receipt('1'))).statusCode,
    ).toBe(500);
    expect(sap.store.materialDocuments).toHaveLength(1);
    sap.addError({
      status: 400,
      code: 'M7/021',
      message: 'Deficit of SL Unrestricted-use 5 PC : TG11 1010 101A',
      times: 1,
    });
    expect((await get(app, `${PO}/A_PurchaseOrder`)).json()).toMatchObject({
      error: {
        code: 'M7/021',
        message: { value: 'Deficit of SL Unrestricted-use 5 PC : TG11 1010 101A' },
      },
    });
  });
});
