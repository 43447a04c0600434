import { ConfigError } from '@hub/config';
import { erpSimulatorConfig } from './erp-simulator.config';
import { simulatorOptions } from './simulator-options';

describe('erpSimulatorConfig', () => {
  it('loads the defaults: port 3200, Odoo 17 with admin/admin, before-commit webhooks, no custom fields', () => {
    const config = erpSimulatorConfig.load({});
    expect([
      config.http.port,
      config.odoo.serverVersion,
      config.odoo.login,
      config.odoo.webhookTiming,
      config.odoo.commitDelay,
      simulatorOptions(config).odoo?.customFields,
    ]).toEqual([3200, '17.0', 'admin', 'before-commit', 200, []]);
  });

  it('pre-creates the custom fields ODOO_SIM_CUSTOM_FIELDS names, and refuses a name without x_', () => {
    const config = erpSimulatorConfig.load({
      ODOO_SIM_CUSTOM_FIELDS:
        'stock.picking:x_hub_correlation_id, stock.quant:x_hub_correlation_id',
    });
    expect(simulatorOptions(config).odoo?.customFields).toEqual([
      { model: 'stock.picking', name: 'x_hub_correlation_id' },
      { model: 'stock.quant', name: 'x_hub_correlation_id' },
    ]);
    expect(() => erpSimulatorConfig.load({ ODOO_SIM_CUSTOM_FIELDS: 'stock.quant:hub' })).toThrow(
      /ODOO_SIM_CUSTOM_FIELDS/,
    );
  });

  it('refuses a WMS secret without the whsec_ prefix, naming the variable but not the value', () => {
    expect(() => erpSimulatorConfig.load({ WMS_SIM_RECEIVE_SECRET: 'leaky' })).toThrow(ConfigError);
    expect(() => erpSimulatorConfig.load({ WMS_SIM_RECEIVE_SECRET: 'leaky' })).toThrow(
      /^(?![\s\S]*leaky)[\s\S]*WMS_SIM_RECEIVE_SECRET/,
    );
  });

  it('maps settings to simulator options', () => {
    const options = simulatorOptions(
      erpSimulatorConfig.load({
        ERP_SIMULATOR_PORT: '4000',
        ODOO_SIM_VERSION: '18.0',
        ODOO_SIM_API_KEY: 'k',
      }),
    );
    expect(options).toMatchObject({
      port: 4000,
      odoo: { serverVersion: '18.0', users: [{ uid: 2, login: 'admin', apiKey: 'k' }] },
    });
  });

  it('adds the integration user (uid 7) beside the administrator, who makes the hand edits', () => {
    const options = simulatorOptions(
      erpSimulatorConfig.load({
        ODOO_SIM_INTEGRATION_LOGIN: 'hub',
        ODOO_SIM_INTEGRATION_PASSWORD: 'p',
      }),
    );
    expect(options.odoo).toMatchObject({
      users: [
        { uid: 2, login: 'admin', name: 'Mitchell Admin' },
        { uid: 7, login: 'hub', password: 'p', name: 'Hub Integration' },
      ],
      handEditUid: 2,
    });
    expect(simulatorOptions(erpSimulatorConfig.load({})).odoo?.users).toHaveLength(1);
  });

  it('names a seed file that is not JSON', () => {
    expect(() =>
      simulatorOptions(erpSimulatorConfig.load({ ODOO_SIM_SEED_PATH: __filename })),
    ).toThrow(/ODOO_SIM_SEED_PATH/);
  });
});
