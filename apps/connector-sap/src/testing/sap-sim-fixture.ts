/** The ERP simulator with an SAP module seeded for connector tests: one plant, two materials, a PO. */
import {
  DEFAULT_SAP_USER,
  SapSimulator,
  startErpSimulator,
  type ErpSimulator,
  type SapSeed,
  type SapSimOptions,
} from '@hub/erp-simulator';
import { connectorSapConfig, type SapSettings } from '../app/connector-sap.config';

export const WAREHOUSE = 'WH-EAST';
export const PLANT = '1010';
export const STORAGE_LOCATION = '101A';

export const standardSapSeed: SapSeed = {
  plants: [{ Plant: PLANT, storageLocations: [STORAGE_LOCATION, '101B'] }],
  materials: [{ Material: 'TG11' }, { Material: 'TG12' }, { Material: 'TG13' }],
  stock: [{ Material: 'TG11', Plant: PLANT, StorageLocation: STORAGE_LOCATION, quantity: 5 }],
};

export interface SapSim {
  readonly url: string;
  readonly sap: SapSimulator;
  readonly server: ErpSimulator;
  close(): Promise<void>;
}

export async function startSapSim(options: SapSimOptions = {}): Promise<SapSim> {
  const sap = new SapSimulator({
    seed: standardSapSeed,
    oauthClients: { 'hub-client': 'hub-client-secret' },
    ...options,
  });
  const server = await startErpSimulator({ modules: [sap] });
  return { url: server.url, sap, server, close: () => server.close() };
}

/** The SAP_* part of the environment for a simulator. */
export function sapEnv(sim: { readonly url: string }): Record<string, string> {
  return {
    SAP_URL: sim.url,
    SAP_USER: DEFAULT_SAP_USER.name,
    SAP_PASSWORD: DEFAULT_SAP_USER.password,
    SAP_TIMEOUT: '5s',
    SAP_WAREHOUSES: JSON.stringify({
      [WAREHOUSE]: { plant: PLANT, storageLocation: STORAGE_LOCATION },
    }),
    SAP_STARTUP_CHECK_TIMEOUT: '2s',
  };
}

export function sapSettingsFor(
  sim: { readonly url: string },
  env: Record<string, string> = {},
): SapSettings {
  return connectorSapConfig.load({ ...sapEnv(sim), CONNECTOR_SYSTEM_ID: 'sap', ...env }).sap;
}

/** Stock of a material in the test storage location, as SAP holds it now. */
export function stockOf(sim: SapSim, material: string): number {
  return sim.sap.store.getStock(material, PLANT, STORAGE_LOCATION);
}

/** A PO for `lines` of [material, quantity], released; returns its number. */
export function seedPurchaseOrder(sim: SapSim, lines: [string, number][]): string {
  return sim.sap.store.createPurchaseOrder({
    Supplier: '17300001',
    items: lines.map(([Material, OrderQuantity]) => ({
      Material,
      Plant: PLANT,
      StorageLocation: STORAGE_LOCATION,
      OrderQuantity,
      NetPriceAmount: 2.5,
    })),
  });
}
