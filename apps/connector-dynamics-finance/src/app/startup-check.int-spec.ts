/**
 * The start-up check against the simulated Entra ID and F&O: a refused secret, an app F&O
 * does not accept and an unknown legal entity refuse the start at once with the fix in
 * the message; the right settings start (the other suites start that way).
 */
import { FoHarness } from '../testing/fo-harness';

describe('connector-dynamics-finance start-up check', () => {
  it('refuses to start with a wrong client secret, naming Entra ID and the AADSTS code', async () => {
    await expect(
      FoHarness.start({ DYNAMICS_FINANCE_CLIENT_SECRET: 'not-the-secret' }),
    ).rejects.toThrow(
      /cannot start: .*Entra ID refused the F&O app's credentials \(invalid_client\): .*AADSTS7000215: Invalid client secret/,
    );
  });

  it('refuses to start when the legal entity does not exist', async () => {
    await expect(FoHarness.start({ DYNAMICS_FINANCE_LEGAL_ENTITY: 'zz01' })).rejects.toThrow(
      'legal entity zz01 does not exist; set DYNAMICS_FINANCE_LEGAL_ENTITY to a dataAreaId of that environment',
    );
  });

  it('refuses to start when F&O refuses the token (wrong resource: the app is not F&O’s)', async () => {
    await expect(
      FoHarness.start({ DYNAMICS_FINANCE_SCOPE: 'https://other.operations.dynamics.com/.default' }),
    ).rejects.toThrow(/HTTP 401 \(the token was refused: is the app registered in F&O/);
  });

  it('starts with the right settings and reports F&O in /status', async () => {
    const harness = await FoHarness.start();
    try {
      const status = await harness.app.server.inject({ method: 'GET', url: '/status' });
      expect(status.json()).toMatchObject({
        dynamicsFinance: {
          legalEntity: 'usmf',
          authorityHost: 'https://login.microsoftonline.com',
        },
      });
    } finally {
      await harness.close();
    }
  });
});
