/**
 * Finding what a canonical event names: a product by its Internal Reference
 * (`product.product.default_code` = SKU) and a warehouse by its short name
 * (`stock.warehouse.code`) → its stock location (`lot_stock_id`), §1.5.
 */
import type { OdooClient } from '../odoo/odoo-client';
import { many2oneId, numberOf } from '../odoo/odoo-values';
import { TtlCache } from '@hub/connector-runtime';
import { WRITE_ERROR_CODES, permanent } from './write-errors';
import type { OdooWriteSettings } from './write-settings';

export class OdooLookups {
  private readonly products: TtlCache<number>;
  private readonly locations: TtlCache<number>;

  constructor(
    private readonly client: OdooClient,
    private readonly settings: OdooWriteSettings,
  ) {
    this.products = new TtlCache<number>({ ttlMs: settings.lookupCacheTtlMs });
    this.locations = new TtlCache<number>({ ttlMs: settings.lookupCacheTtlMs });
  }

  productId(sku: string, signal: AbortSignal): Promise<number> {
    return this.products.getOrLoad(sku, async () => {
      const found = await this.client.searchRead(
        'product.product',
        [['default_code', '=', sku]],
        ['id'],
        signal,
        {
          limit: 2,
        },
      );
      const { systemId } = this.settings;
      if (found.length === 0)
        throw permanent(
          WRITE_ERROR_CODES.unknownProduct,
          `Product ${sku} does not exist in Odoo ${systemId} (no product.product with Internal Reference "${sku}")`,
        );
      if (found.length > 1)
        throw permanent(
          WRITE_ERROR_CODES.ambiguousProduct,
          `Several products in Odoo ${systemId} have Internal Reference "${sku}"; make it unique`,
        );
      return numberOf(found[0]?.id);
    });
  }

  stockLocationId(warehouseCode: string, signal: AbortSignal): Promise<number> {
    return this.locations.getOrLoad(warehouseCode, async () => {
      const found = await this.client.searchRead(
        'stock.warehouse',
        [['code', '=', warehouseCode]],
        ['id', 'lot_stock_id'],
        signal,
        { limit: 1 },
      );
      const locationId = many2oneId(found[0]?.lot_stock_id);
      if (locationId === undefined)
        throw permanent(
          WRITE_ERROR_CODES.unknownWarehouse,
          `Warehouse ${warehouseCode} does not exist in Odoo ${this.settings.systemId} (no stock.warehouse with Short Name "${warehouseCode}" and a stock location)`,
        );
      return locationId;
    });
  }
}
