import { connectorSapConfig } from './connector-sap.config';
import { staleSapSettingsDocs } from './settings-docs';

describe('connector-sap settings', () => {
  it('the README table (and docs/configuration.md once it has the section) match the configuration (fix: npx tsx apps/connector-sap/src/app/settings-docs.ts)', () => {
    expect(staleSapSettingsDocs()).toEqual([]);
  });

  it('names each missing credential of the chosen logon', () => {
    const base = { SAP_URL: 'http://sap.example', SAP_WAREHOUSES: '{}' };
    expect(() => connectorSapConfig.load({ ...base })).toThrow(/SAP_USER[\s\S]*SAP_PASSWORD/);
    expect(() => connectorSapConfig.load({ ...base, SAP_AUTH: 'oauth' })).toThrow(
      /SAP_OAUTH_TOKEN_URL[\s\S]*SAP_OAUTH_CLIENT_ID[\s\S]*SAP_OAUTH_CLIENT_SECRET/,
    );
    expect(() =>
      connectorSapConfig.load({
        ...base,
        SAP_USER: 'u',
        SAP_PASSWORD: 'p',
        SAP_WAREHOUSES: '{"WH":{"plant":"10101"}}',
      }),
    ).toThrow(/SAP_WAREHOUSES/);
  });
});
