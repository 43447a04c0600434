import { ConfigError } from '@hub/config';
import { connectorDynamicsFinanceConfig } from './connector-dynamics-finance.config';

const required = {
  DYNAMICS_FINANCE_URL: 'https://contoso.operations.dynamics.com',
  DYNAMICS_FINANCE_TENANT_ID: 't',
  DYNAMICS_FINANCE_CLIENT_ID: 'c',
  DYNAMICS_FINANCE_CLIENT_SECRET: 's',
  DYNAMICS_FINANCE_LEGAL_ENTITY: 'USMF',
};

describe('connector-dynamics-finance configuration', () => {
  it('loads with defaults: system id, port 3107, Entra host, legal entity lower case', () => {
    const config = connectorDynamicsFinanceConfig.load(required);
    expect(config.connector.systemId).toBe('dynamics-finance');
    expect(config.http.port).toBe(3107);
    expect(config.dynamicsFinance).toMatchObject({
      legalEntity: 'usmf',
      authorityHost: 'https://login.microsoftonline.com',
      countingJournalName: 'ICnt',
      loginRoute: undefined,
    });
  });

  it('refuses an http authority, a URL ending in /data and a malformed legal entity, naming each variable', () => {
    let error: unknown;
    try {
      connectorDynamicsFinanceConfig.load({
        ...required,
        DYNAMICS_FINANCE_URL: 'https://contoso.operations.dynamics.com/data',
        DYNAMICS_FINANCE_AUTHORITY_HOST: 'http://login.example',
        DYNAMICS_FINANCE_LEGAL_ENTITY: 'not a company',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const variable of ['DYNAMICS_FINANCE_AUTHORITY_HOST', 'DYNAMICS_FINANCE_LEGAL_ENTITY'])
      expect(message).toContain(variable);
  });

  it('refuses the OData URL in place of the environment URL', () => {
    expect(() =>
      connectorDynamicsFinanceConfig.load({
        ...required,
        DYNAMICS_FINANCE_URL: 'https://contoso.operations.dynamics.com/data',
      }),
    ).toThrow('DYNAMICS_FINANCE_URL');
  });
});
