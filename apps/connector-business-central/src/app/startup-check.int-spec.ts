/** The start-up check: refused against a Business Central without the hub extension, naming the fix; starts once it is installed. */
import { BcHarness, bcSim } from '../testing/bc-harness';

describe('connector-business-central start-up check', () => {
  it('refuses a Business Central without the extension, and starts once it is installed', async () => {
    await expect(BcHarness.start(bcSim({ extensionInstalled: false }))).rejects.toThrow(
      /does not have the hub extension's API \(api\/hub\/wms\/v1\.0\)\. Install extensions\/business-central/,
    );
    const harness = await BcHarness.start(bcSim({ extensionInstalled: true }));
    await harness.close();
  });

  it('refuses a wrong client secret at once, naming the settings to check', async () => {
    await expect(BcHarness.start(bcSim(), { BC_CLIENT_SECRET: 'wrong' })).rejects.toThrow(
      /Entra ID refused the Business Central app's credentials \(invalid_client\).*check BC_CLIENT_ID, BC_CLIENT_SECRET/,
    );
  });
});
