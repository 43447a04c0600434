import { connectorBusinessCentralConfig } from './connector-business-central.config';

const base = {
  BC_API_URL: 'https://api.businesscentral.dynamics.com/v2.0/t/production',
  BC_TENANT_ID: 't',
  BC_CLIENT_ID: 'c',
  BC_CLIENT_SECRET: 's',
  BC_COMPANY: 'CRONUS',
};

describe('BC settings', () => {
  it('loads defaults: polling as the primary source, port 3105, no subscriptions', () => {
    const config = connectorBusinessCentralConfig.load(base);
    expect([
      config.connector.sweepMode,
      config.http.port,
      config.bc.webhookBaseUrl,
      config.bc.warehouses,
    ]).toEqual(['primary', 3105, undefined, {}]);
  });

  it('reads the warehouse map and refuses a bad one naming the variable', () => {
    expect(
      connectorBusinessCentralConfig.load({
        ...base,
        BC_WAREHOUSES: '{"EU":{"company":"CRONUS EU","location":"EU1"}}',
      }).bc.warehouses,
    ).toEqual({
      EU: { company: 'CRONUS EU', location: 'EU1' },
    });
    expect(() =>
      connectorBusinessCentralConfig.load({ ...base, BC_WAREHOUSES: '{"EU":{}}' }),
    ).toThrow(/BC_WAREHOUSES/);
  });

  it('takes one clientState, or two (new first) while rotating, not three', () => {
    const load = (value: string) =>
      connectorBusinessCentralConfig.load({ ...base, BC_WEBHOOK_CLIENT_STATE: value }).bc
        .webhookClientState;
    const [one, two, three] = ['one', 'two', 'three'].map((name) => `${name}-client-state-0123`);
    expect([load(`${one}`), load(`${two}, ${one}`)]).toEqual([[one], [two, one]]);
    expect(() => load(`${one},${two},${three}`)).toThrow(/BC_WEBHOOK_CLIENT_STATE/);
    expect(() => load(`${one},short`)).toThrow(/BC_WEBHOOK_CLIENT_STATE/);
  });

  it('requires a clientState with a webhook URL, and a renewal margin longer than the check interval', () => {
    expect(() =>
      connectorBusinessCentralConfig.load({
        ...base,
        BC_WEBHOOK_BASE_URL: 'https://hub.example.com',
      }),
    ).toThrow(/BC_WEBHOOK_CLIENT_STATE/);
    expect(() =>
      connectorBusinessCentralConfig.load({ ...base, BC_SUBSCRIPTION_RENEW_BEFORE: '30m' }),
    ).toThrow(/BC_SUBSCRIPTION_RENEW_BEFORE/);
  });
});
