import { buildErpSimulatorApp } from '../start-erp-simulator';
import { executeKw, injectJsonRpc, injectXmlRpc } from '../testing/rpc-helpers';
import { WmsSimulator } from '../wms/wms-simulator';
import { hubCorrelationFields } from './custom-fields';
import { OdooSimulator } from './odoo-simulator';

const field = 'x_hub_correlation_id';

async function pickingId(odoo: OdooSimulator): Promise<number> {
  const id = await odoo.rpc('stock.picking', 'create', [
    { picking_type_id: 1, location_id: 4, location_dest_id: 8 },
  ]);
  return Number(id);
}

async function createThroughIrModelFields(odoo: OdooSimulator, model: string): Promise<unknown> {
  const [irModel] = (await odoo.rpc('ir.model', 'search', [[['model', '=', model]]])) as number[];
  return odoo.rpc('ir.model.fields', 'create', [
    { model_id: irModel, name: field, ttype: 'char', field_description: 'Hub Correlation Id' },
  ]);
}

describe('custom fields (a fresh Odoo 17 database has none)', () => {
  it('does not know x_hub_correlation_id until someone creates it', async () => {
    const odoo = new OdooSimulator();
    const id = await pickingId(odoo);
    await expect(
      odoo.rpc('stock.picking', 'write', [[id], { [field]: 'c1' }]),
    ).rejects.toMatchObject({
      odooName: 'builtins.ValueError',
      message: "Invalid field 'x_hub_correlation_id' on model 'stock.picking'",
    });
    await expect(
      odoo.rpc('stock.picking', 'search_read', [[[field, '=', 'c1']], ['name']]),
    ).rejects.toMatchObject({ odooName: 'builtins.ValueError' });
    await expect(odoo.rpc('stock.picking', 'read', [[id], [field]])).rejects.toMatchObject({
      odooName: 'builtins.ValueError',
    });
    expect(await odoo.rpc('stock.picking', 'fields_get', [[field], ['type']])).toEqual({});
  });

  it('creates it with create on ir.model.fields (model_id from ir.model), as an admin does', async () => {
    const odoo = new OdooSimulator();
    const id = await pickingId(odoo);
    expect(typeof (await createThroughIrModelFields(odoo, 'stock.picking'))).toBe('number');
    expect(await odoo.rpc('stock.picking', 'fields_get', [[field], ['type', 'string']])).toEqual({
      [field]: { type: 'char', string: 'Hub Correlation Id' },
    });
    expect(await odoo.rpc('stock.picking', 'read', [[id], [field]])).toEqual([
      { id, [field]: false },
    ]);
    await odoo.rpc('stock.picking', 'write', [[id], { [field]: 'c1' }]);
    expect(await odoo.rpc('stock.picking', 'search', [[[field, '=', 'c1']]])).toEqual([id]);
    // Only the model it was created on has it.
    await expect(odoo.rpc('stock.quant', 'search', [[[field, '=', 'c1']]])).rejects.toMatchObject({
      odooName: 'builtins.ValueError',
    });
    expect(
      await odoo.rpc('ir.model.fields', 'search_read', [
        [['model', '=', 'stock.picking']],
        ['name', 'ttype', 'state'],
      ]),
    ).toEqual([expect.objectContaining({ name: field, ttype: 'char', state: 'manual' })]);
  });

  it("refuses names without x_, duplicates and a missing model_id, as Odoo's constraints do", async () => {
    const odoo = new OdooSimulator();
    const [irModel] = (await odoo.rpc('ir.model', 'search', [
      [['model', '=', 'stock.quant']],
    ])) as number[];
    const create = (vals: Record<string, unknown>) =>
      odoo.rpc('ir.model.fields', 'create', [
        { model_id: irModel, ttype: 'char', field_description: 'Hub', ...vals },
      ]);
    await expect(create({ name: 'hub_correlation_id' })).rejects.toMatchObject({
      odooName: 'odoo.exceptions.ValidationError',
      message: "Custom fields must have a name that starts with 'x_'!",
    });
    await create({ name: field });
    await expect(create({ name: field })).rejects.toMatchObject({
      odooName: 'odoo.exceptions.ValidationError',
    });
    await expect(create({ name: 'x_other', model_id: false })).rejects.toMatchObject({
      odooName: 'odoo.exceptions.ValidationError',
    });
  });

  it('is Odoo 17 by default: webhooks before commit, committed 200 ms after they answered', () => {
    const odoo = new OdooSimulator();
    expect([odoo.webhookTiming, odoo.commitDelayMs, odoo.customFields()]).toEqual([
      'before-commit',
      200,
      [],
    ]);
  });

  it('pre-creates fields by option, by seed and by the in-process shortcut', () => {
    const byOption = new OdooSimulator({ customFields: hubCorrelationFields });
    expect(byOption.customFields().map((f) => `${f.model}.${f.name}`)).toEqual([
      'stock.picking.x_hub_correlation_id',
      'stock.quant.x_hub_correlation_id',
    ]);
    const bySeed = new OdooSimulator();
    bySeed.seed({ customFields: [{ model: 'stock.quant', name: field }] });
    bySeed.createCustomField({ model: 'purchase.order', name: 'x_note', ttype: 'text' });
    expect(bySeed.customFields()).toEqual([
      { model: 'stock.quant', name: field, ttype: 'char', string: field },
      { model: 'purchase.order', name: 'x_note', ttype: 'text', string: 'x_note' },
    ]);
  });

  it("answers the unknown field with Odoo's envelopes: JSON-RPC error and XML-RPC fault 1", async () => {
    const app = buildErpSimulatorApp(new OdooSimulator(), new WmsSimulator());
    const params = executeKw('stock.quant', 'search_read', [[[field, '=', 'c1']]]);
    const { status, body } = await injectJsonRpc(app, 'object', 'execute_kw', params);
    expect(status).toBe(200);
    expect(body.error).toMatchObject({
      code: 200,
      message: 'Odoo Server Error',
      data: {
        name: 'builtins.ValueError',
        message: "Invalid field 'x_hub_correlation_id' on model 'stock.quant'",
      },
    });
    const xml = await injectXmlRpc(app, 'object', 'execute_kw', params);
    await expect(xml.value).rejects.toMatchObject({
      faultCode: 1,
      faultString: expect.stringContaining("Invalid field 'x_hub_correlation_id'") as unknown,
    });
    await app.close();
  });
});
