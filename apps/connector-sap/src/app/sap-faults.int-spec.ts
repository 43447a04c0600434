/**
 * SAP failing the way real systems do (simulator faults), seen through the adapters: what is
 * transient (with SAP's Retry-After), what is permanent (with SAP's text), and the CSRF
 * re-fetch giving up after a second refusal.
 */
import type { WriteContext } from '@hub/connector-runtime';
import { goodsReceipt, inventoryLevel } from '@hub/connector-testing';
import {
  WAREHOUSE,
  sapSettingsFor,
  seedPurchaseOrder,
  startSapSim,
  type SapSim,
} from '../testing/sap-sim-fixture';
import { createSapAdapters, type SapAdapters } from './sap-adapters';

const wms = { warehouse: WAREHOUSE };
const marks = { claim: () => Promise.resolve(true) };
const context = (n: number): WriteContext => ({
  correlationId: `c1-fault${String(n).padStart(27, '0')}`,
  attempt: 1,
  signal: new AbortController().signal,
});

let sim: SapSim;
let adapters: SapAdapters;

beforeAll(async () => {
  sim = await startSapSim();
  adapters = createSapAdapters(sapSettingsFor(sim), 'sap', marks);
});
afterEach(() => {
  sim.sap.clearFaults();
});
afterAll(async () => {
  await sim.close();
});

describe('SAP faults through the adapters', () => {
  it('429 with Retry-After is transient and keeps the delay', async () => {
    sim.sap.addFault({ kind: 'rateLimit', retryAfterSeconds: 3, times: 1 });
    await expect(
      adapters.write.apply(inventoryLevel('TG11', '1', wms), context(1)),
    ).rejects.toMatchObject({ code: 'HTTP_RATE_LIMITED', retriable: true, retryAfterMs: 3_000 });
  });

  it('an outage (503, refused connection) is transient', async () => {
    sim.sap.addFault({ kind: 'outage', mode: '503', times: 1 });
    await expect(
      adapters.write.apply(inventoryLevel('TG11', '1', wms), context(2)),
    ).rejects.toMatchObject({ retriable: true, httpStatus: 503 });
    sim.sap.addFault({ kind: 'outage', mode: 'refuse-connection', times: 1 });
    await expect(
      adapters.write.apply(inventoryLevel('TG11', '1', wms), context(3)),
    ).rejects.toMatchObject({ retriable: true });
  });

  it('a slow SAP times out as transient', async () => {
    const slow = createSapAdapters(sapSettingsFor(sim, { SAP_TIMEOUT: '200ms' }), 'sap', marks);
    sim.sap.addFault({ kind: 'latency', latencyMs: 1_000, times: 1 });
    await expect(
      slow.write.findPriorWrite(inventoryLevel('TG11', '1', wms), context(4)),
    ).rejects.toMatchObject({ retriable: true });
  });

  it("a material that is not the PO item's is permanent, with SAP's text", async () => {
    const po = seedPurchaseOrder(sim, [['TG11', 5]]);
    const error = await adapters.write
      .apply(goodsReceipt(po, [[10, 'TG12', '1']], wms), context(5))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SAP_REFUSED', retriable: false });
    expect((error as Error).message).toContain(
      `(M7/360): Material TG12 differs from the material TG11 in purchase order item ${po} 10`,
    );
  });

  it('a warehouse without a plant and storage location is permanent, before any call', async () => {
    const calls = sim.sap.calls.length;
    const level = inventoryLevel('TG11', '1', wms);
    const elsewhere = {
      ...level,
      payload: { ...level.payload, warehouse: 'WH-NOWHERE' },
    } as typeof level;
    await expect(adapters.write.apply(elsewhere, context(6))).rejects.toMatchObject({
      code: 'SAP_UNKNOWN_WAREHOUSE',
      retriable: false,
    });
    expect(sim.sap.calls.length).toBe(calls);
  });

  it('a CSRF token refused twice in a row gives up as transient; nothing is written', async () => {
    const po = seedPurchaseOrder(sim, [['TG13', 5]]);
    sim.sap.security.expireNext = 2;
    await expect(
      adapters.write.apply(goodsReceipt(po, [[10, 'TG13', '1']], wms), context(7)),
    ).rejects.toMatchObject({ code: 'SAP_CSRF_REFUSED', retriable: true });
    expect(
      sim.sap.store.materialDocuments.filter((d) => d.items.some((i) => i.PurchaseOrder === po)),
    ).toEqual([]);
  });

  it('an OAuth token SAP no longer accepts is fetched again once, and the call goes through', async () => {
    const oauth = createSapAdapters(
      sapSettingsFor(sim, {
        SAP_AUTH: 'oauth',
        SAP_OAUTH_TOKEN_URL: `${sim.url}/sap/bc/sec/oauth2/token`,
        SAP_OAUTH_CLIENT_ID: 'hub-client',
        SAP_OAUTH_CLIENT_SECRET: 'hub-client-secret',
      }),
      'sap',
      marks,
    );
    const issued = sim.sap.security.counts.tokensIssued;
    await oauth.write.findPriorWrite(inventoryLevel('TG11', '1', wms), context(8));
    sim.sap.security.revokeAccessTokens();
    await oauth.write.findPriorWrite(inventoryLevel('TG11', '1', wms), context(9));
    expect(sim.sap.security.counts.tokensIssued - issued).toBe(2);
  });
});
