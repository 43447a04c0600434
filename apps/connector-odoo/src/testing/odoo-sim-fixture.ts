/** Starts the ERP simulator with a small Odoo (products, a warehouse, a vendor, POs) for connector tests. */
import {
  hubCorrelationFields,
  startErpSimulator,
  type ErpSimulator,
  type OdooSeed,
} from '@hub/erp-simulator';
import { connectorOdooConfig, type ConnectorOdooConfig } from '../app/connector-odoo.config';

export const SIM_API_KEY = 'sim-odoo-api-key';
export const WAREHOUSE = 'WH-EAST';

export const standardSeed: OdooSeed = {
  products: [
    { default_code: 'SKU-1001', name: 'Widget' },
    { default_code: 'SKU-1002', name: 'Gadget' },
    { default_code: 'SKU-1003', name: 'Gizmo' },
  ],
  warehouses: [{ code: WAREHOUSE, name: 'East' }],
  partners: [{ name: 'Acme Supplies', ref: 'V-300' }],
  quants: [{ default_code: 'SKU-1001', warehouse: WAREHOUSE, quantity: 5 }],
  // What the hub_connector module (extensions/odoo) adds; a fresh Odoo has neither.
  customFields: hubCorrelationFields,
};

export async function startOdooSim(seed: OdooSeed = standardSeed): Promise<ErpSimulator> {
  return startErpSimulator({ odoo: { seed } });
}

/** The ODOO_* part of the environment for a simulator. */
export function odooEnv(
  sim: { readonly url: string },
  protocol = 'json-rpc',
): Record<string, string> {
  return {
    ODOO_URL: sim.url,
    ODOO_ALLOW_INSECURE_HTTP: 'true',
    ODOO_DB: 'odoo',
    ODOO_LOGIN: 'admin',
    ODOO_PASSWORD: 'admin',
    ODOO_API_KEY: SIM_API_KEY,
    ODOO_PROTOCOL: protocol,
    ODOO_TIMEOUT: '5s',
    ODOO_UOM_MAP: '{"Units":"PCS"}',
  };
}

export function odooSettingsFor(
  sim: ErpSimulator,
  protocol = 'json-rpc',
): ConnectorOdooConfig['odoo'] {
  return connectorOdooConfig.load({ ...odooEnv(sim, protocol), CONNECTOR_SYSTEM_ID: 'odoo' }).odoo;
}

/** A purchase order seeded confirmed, with a receipt waiting; returns its name. */
export function seedConfirmedOrder(
  sim: ErpSimulator,
  name: string,
  lines: [string, number][],
): number {
  const result = sim.odoo.seed({
    purchaseOrders: [
      {
        name,
        partner: 'Acme Supplies',
        warehouse: WAREHOUSE,
        confirm: true,
        lines: lines.map(([default_code, product_qty]) => ({
          default_code,
          product_qty,
          price_unit: 2.5,
        })),
      },
    ],
  });
  const id = result.purchaseOrders[name];
  if (id === undefined) throw new Error(`seeding ${name} failed`);
  return id;
}

/** The quant's quantity of `sku` in the test warehouse, as Odoo holds it now. */
export function onHand(sim: ErpSimulator, sku: string): number | undefined {
  const product = sim.odoo.records('product.product', [['default_code', '=', sku]])[0];
  const location = sim.odoo.records('stock.warehouse', [['code', '=', WAREHOUSE]])[0];
  const quant = sim.odoo
    .records('stock.quant')
    .find((q) => q.product_id === product?.id && q.location_id === location?.lot_stock_id);
  return typeof quant?.quantity === 'number' ? quant.quantity : undefined;
}

/**
 * Every quantity `sku` passes through, sampled far faster than the hub writes, so an older
 * level shown even for a moment is seen; `stop()` returns them in order.
 */
export function watchOnHand(sim: ErpSimulator, sku: string): { stop(): (number | undefined)[] } {
  const seen: (number | undefined)[] = [];
  const sampler = setInterval(() => {
    const now = onHand(sim, sku);
    if (seen.at(-1) !== now || seen.length === 0) seen.push(now);
  }, 2);
  return {
    stop() {
      clearInterval(sampler);
      return seen;
    },
  };
}
