import { connectorOdooConfig } from './connector-odoo.config';

const base = {
  ODOO_URL: 'https://odoo.example.com',
  ODOO_DB: 'acme',
  ODOO_LOGIN: 'hub',
  ODOO_PASSWORD: 'hunter2-pw',
};

describe('connector-odoo configuration', () => {
  it('has defaults for everything but the URL, database, login and secret', () => {
    const config = connectorOdooConfig.load(base);
    expect(config.odoo).toMatchObject({
      url: 'https://odoo.example.com',
      allowInsecureHttp: false,
      maxResponseSize: 16 * 1024 * 1024,
      protocol: 'json-rpc',
      referenceField: 'x_hub_correlation_id',
      overReceiptTolerance: 0,
      backorder: 'create',
      publishStates: ['purchase', 'cancel'],
      uomMap: {},
      timeout: 30_000,
    });
    expect(config.connector.systemId).toBe('odoo');
  });

  it('reads a tolerance in percent and a unit map', () => {
    const config = connectorOdooConfig.load({
      ...base,
      ODOO_OVER_RECEIPT_TOLERANCE: '2.5%',
      ODOO_UOM_MAP: '{"Units":"PCS"}',
    });
    expect(config.odoo.overReceiptTolerance).toBe(2.5);
    expect(config.odoo.uomMap).toEqual({ Units: 'PCS' });
  });

  it('names every problem', () => {
    expect(() =>
      connectorOdooConfig.load({
        ...base,
        ODOO_UOM_MAP: '[1]',
        ODOO_PUBLISH_PO_STATES: 'purchase,shipped',
      }),
    ).toThrow(
      /ODOO_PUBLISH_PO_STATES: item 2: must be one of[\s\S]*ODOO_UOM_MAP: must be a JSON object/,
    );
  });

  it('needs an API key for JSON-2 and a password or key for RPC', () => {
    expect(() => connectorOdooConfig.load({ ...base, ODOO_PROTOCOL: 'json-2' })).toThrow(
      /ODOO_API_KEY: is required when ODOO_PROTOCOL is json-2/,
    );
    expect(() => connectorOdooConfig.load({ ...base, ODOO_PASSWORD: undefined })).toThrow(
      /ODOO_PASSWORD: or ODOO_API_KEY is required/,
    );
  });

  it('refuses an http:// Odoo (the password would travel in clear) unless explicitly allowed', () => {
    const plain = { ...base, ODOO_URL: 'http://odoo.internal:8069' };
    expect(() => connectorOdooConfig.load(plain)).toThrow(
      /ODOO_URL: is http:\/\/, so the password or API key would cross the network unencrypted: use the https:\/\/ URL of the Odoo, or set ODOO_ALLOW_INSECURE_HTTP=true/,
    );
    expect(connectorOdooConfig.load({ ...plain, ODOO_ALLOW_INSECURE_HTTP: 'true' }).odoo.url).toBe(
      'http://odoo.internal:8069',
    );
    expect(() => connectorOdooConfig.load({ ...base, ODOO_URL: undefined })).toThrow(/ODOO_URL/);
  });

  it('redacts the password and the API key', () => {
    const config = connectorOdooConfig.load({ ...base, ODOO_API_KEY: 'k3y' });
    expect(JSON.stringify(connectorOdooConfig.redact(config))).not.toMatch(/hunter2|k3y/);
  });
});
