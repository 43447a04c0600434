/**
 * The start-up check against the simulated Odoo 17, which like a fresh database has no
 * x_hub_correlation_id: the connector refuses to start and says how to create the field;
 * once an administrator created it over RPC (as the message shows), it starts.
 */
import { startErpSimulator, type ErpSimulator } from '@hub/erp-simulator';
import type { OdooProtocol } from '../transport/odoo-call';
import { ConnectorHarness } from '../testing/connector-harness';
import { moduleFieldRecords } from '../testing/hub-connector-module';
import { odooSettingsFor, standardSeed } from '../testing/odoo-sim-fixture';
import { createOdooAdapters } from './odoo-adapters';
import { checkOdooSetup } from './odoo-startup-check';

const quiet = { info: () => undefined, warn: () => undefined };
const { customFields: _created, ...freshSeed } = standardSeed;

function startFreshOdoo(): Promise<ErpSimulator> {
  return startErpSimulator({ odoo: { seed: freshSeed } });
}

async function createFieldAsAdmin(sim: ErpSimulator, model: string): Promise<void> {
  const { client } = createOdooAdapters(odooSettingsFor(sim, 'xml-rpc'), 'odoo');
  const signal = new AbortController().signal;
  const [irModel] = await client.searchRead('ir.model', [['model', '=', model]], ['id'], signal);
  await client.create(
    'ir.model.fields',
    {
      model_id: irModel?.id ?? 0,
      name: 'x_hub_correlation_id',
      ttype: 'char',
      field_description: 'Hub Correlation Id',
      index: true,
      copied: false,
    },
    signal,
  );
}

describe('connector-odoo start-up check of the fields it writes', () => {
  it('refuses to start against a fresh Odoo, naming model, field and the fix; starts once created', async () => {
    const sim = await startFreshOdoo();
    let harness: ConnectorHarness | undefined;
    try {
      await expect(ConnectorHarness.startWith(sim)).rejects.toThrow(
        /cannot start[\s\S]*stock\.picking \(Transfer\) has no field x_hub_correlation_id[\s\S]*stock\.quant \(Quants\) has no field x_hub_correlation_id[\s\S]*extensions\/odoo\/hub_connector[\s\S]*Settings > Technical > Fields > New[\s\S]*'ir\.model\.fields', 'create'/,
      );
      await createFieldAsAdmin(sim, 'stock.picking');
      await expect(ConnectorHarness.startWith(sim)).rejects.toThrow(
        /^(?![\s\S]*stock\.picking \(Transfer\) has no field)[\s\S]*stock\.quant \(Quants\) has no field/,
      );
      await createFieldAsAdmin(sim, 'stock.quant');
      harness = await ConnectorHarness.startWith(sim);
      expect(harness.app.runtime.status()).toMatchObject({ system: harness.system });
    } finally {
      if (harness) await harness.close();
      else await sim.close();
    }
  });

  it('passes once the fields of the shipped module (extensions/odoo/hub_connector) exist', async () => {
    const sim = await startFreshOdoo();
    try {
      const settings = odooSettingsFor(sim);
      const { client } = createOdooAdapters(settings, 'odoo');
      const signal = new AbortController().signal;
      const records = moduleFieldRecords();
      for (const { modelRef, values } of records) {
        // What Odoo does with the data file: model_id from the model's xml id, the rest as written.
        const model = String(values.model);
        expect(modelRef).toBe(`stock.model_${model.replaceAll('.', '_')}`);
        const [irModel] = await client.searchRead(
          'ir.model',
          [['model', '=', model]],
          ['id'],
          signal,
        );
        await client.create('ir.model.fields', { ...values, model_id: irModel?.id ?? 0 }, signal);
      }
      expect(records.map((r) => [r.values.model, r.values.name, r.values.ttype])).toEqual([
        ['stock.picking', 'x_hub_correlation_id', 'char'],
        ['stock.quant', 'x_hub_correlation_id', 'char'],
      ]);
      await expect(
        checkOdooSetup({ client, system: 'odoo', odoo: settings, timeoutMs: 0, logger: quiet }),
      ).resolves.toBeUndefined();
    } finally {
      await sim.close();
    }
  });

  it.each<OdooProtocol>(['json-rpc', 'xml-rpc', 'json-2'])(
    'checks with fields_get over %s',
    async (protocol) => {
      const sim = await startFreshOdoo();
      try {
        const settings = odooSettingsFor(sim, protocol);
        const check = () =>
          checkOdooSetup({
            client: createOdooAdapters(settings, 'odoo').client,
            system: 'odoo',
            odoo: settings,
            timeoutMs: 0,
            logger: quiet,
          });
        await expect(check()).rejects.toThrow(/stock\.quant \(Quants\) has no field/);
        sim.odoo.seed({ customFields: standardSeed.customFields ?? [] });
        await expect(check()).resolves.toBeUndefined();
        expect(sim.odoo.callCount('stock.quant', 'fields_get')).toBe(2);
      } finally {
        await sim.close();
      }
    },
  );
});
