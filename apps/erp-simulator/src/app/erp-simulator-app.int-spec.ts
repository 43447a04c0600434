import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startErpSimulator } from '@hub/erp-simulator';
import { erpSimulatorConfig } from './erp-simulator.config';
import { simulatorOptions } from './simulator-options';

describe('erp-simulator app wiring', () => {
  it('starts with a seed file and webhook rules from the environment and serves Odoo and the control API', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'erp-sim-'));
    const seedPath = join(dir, 'seed.json');
    const webhooksPath = join(dir, 'webhooks.json');
    writeFileSync(
      seedPath,
      JSON.stringify({ products: [{ default_code: 'SKU-1', name: 'Widget' }] }),
    );
    writeFileSync(
      webhooksPath,
      JSON.stringify([
        { model: 'purchase.order', url: 'http://127.0.0.1:1/hook', fields: ['name'] },
      ]),
    );
    const config = erpSimulatorConfig.load({
      ERP_SIMULATOR_PORT: '1',
      SIM_HOST: '127.0.0.1',
      ODOO_SIM_SEED_PATH: seedPath,
      ODOO_SIM_WEBHOOKS_PATH: webhooksPath,
    });
    const sim = await startErpSimulator({ ...simulatorOptions(config), port: 0 });
    try {
      const version = await fetch(`${sim.url}/web/version`);
      const products = await fetch(`${sim.url}/__sim/odoo/records/product.product`);
      const hooks = await fetch(`${sim.url}/__sim/odoo/webhooks`);
      expect([
        ((await version.json()) as { version: string }).version,
        ((await products.json()) as { default_code: string }[]).map((p) => p.default_code),
        ((await hooks.json()) as { model: string }[]).map((h) => h.model),
      ]).toEqual(['17.0', ['SKU-1'], ['purchase.order']]);
    } finally {
      await sim.close();
    }
  });
});
