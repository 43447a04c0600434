/**
 * The start-up check against the simulated SAP: a refused logon refuses the start at once
 * with the fix; an unreachable SAP refuses it after the timeout; an SAP that answers 503 at
 * first is asked again and the connector comes up.
 */
import { SapHarness } from '../testing/sap-harness';
import { startSapSim } from '../testing/sap-sim-fixture';

describe('connector-sap start-up check', () => {
  it('refuses to start when SAP refuses the logon, naming the communication scenario', async () => {
    const started = Date.now();
    const error = await SapHarness.start({
      SAP_PASSWORD: 'wrong-password',
      SAP_STARTUP_CHECK_TIMEOUT: '30s',
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /^connector-sap cannot start: reading the \$metadata of API_PHYSICAL_INVENTORY_DOC_SRV on SAP sap-\w+ \(http:\/\/127\.0\.0\.1:\d+\) failed: .*HTTP 401.*SAP_COM_0107/,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('refuses to start when SAP stays unreachable for the check timeout', async () => {
    const sim = await startSapSim();
    const url = sim.url;
    await sim.close();
    const error = await SapHarness.start({ SAP_URL: url, SAP_STARTUP_CHECK_TIMEOUT: '1s' }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toContain(
      'connector-sap cannot start: reading the $metadata of API_PHYSICAL_INVENTORY_DOC_SRV',
    );
  });

  it('waits for an SAP that answers 503 at first, then starts and is ready', async () => {
    const sim = await startSapSim();
    sim.sap.addFault({ kind: 'outage', mode: '503', times: 1 });
    const harness = await SapHarness.start({ SAP_STARTUP_CHECK_TIMEOUT: '20s' }, sim);
    try {
      const ready = await harness.app.server.inject({ method: 'GET', url: '/healthz' });
      expect(ready.statusCode).toBe(200);
      expect(sim.sap.faults.list()).toEqual([]);
    } finally {
      await harness.close();
    }
  });
});
