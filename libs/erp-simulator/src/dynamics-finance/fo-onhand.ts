/**
 * `WarehousesOnHandV2` (data entity "Inventory on-hand by warehouse V2", read only): one row
 * per company, item and warehouse the item has inventory records at, with the warehouse's
 * site, the physical on-hand (OnHandQuantity) and what of it is available. The simulator
 * keeps no product dimensions (colour, size, style, configuration, version: blank) and no
 * reservations (available = on hand).
 */
import type { FoRow } from './fo-model';
import type { FoStore } from './fo-store';

export const ON_HAND_SET = 'WarehousesOnHandV2';

export function onHandRows(store: FoStore): FoRow[] {
  return [...store.onHand].map(([key, quantity]) => {
    const [dataAreaId = '', ItemNumber = '', InventoryWarehouseId = ''] = key.split('|');
    const site = store.warehouses.find(
      (w) => w.dataAreaId === dataAreaId && w.warehouseId === InventoryWarehouseId,
    )?.siteId;
    return {
      dataAreaId,
      ItemNumber,
      ProductColorId: '',
      ProductConfigurationId: '',
      ProductSizeId: '',
      ProductStyleId: '',
      ProductVersionId: '',
      InventorySiteId: site ?? '',
      InventoryWarehouseId,
      OnHandQuantity: quantity,
      AvailableOnHandQuantity: quantity,
      ReservedOnHandQuantity: 0,
    };
  });
}
