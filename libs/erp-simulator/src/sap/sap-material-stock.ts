/**
 * API_MATERIAL_STOCK_SRV, read only: `A_MatlStkInAcctMod`, one row per material, plant,
 * storage location and stock type with its quantity in the base unit
 * (MatlWrhsStkQtyInMatlBaseUnit, a V2 decimal string). The simulator keeps own,
 * unrestricted-use stock only (InventoryStockType '01', no special stock), one row for each
 * storage location a material has stock data at, also when the quantity is 0.
 */
import { decimalString, type ODataRecord } from './sap-odata';
import type { SapStore } from './sap-store';

export const MATERIAL_STOCK_SERVICE = 'API_MATERIAL_STOCK_SRV';
export const MATERIAL_STOCK_SET = 'A_MatlStkInAcctMod';

export function materialStockRecords(store: SapStore): ODataRecord[] {
  return [...store.stock].map(([key, quantity]) => {
    const [Material = '', Plant = '', StorageLocation = ''] = key.split('|');
    return {
      Material,
      Plant,
      StorageLocation,
      Batch: '',
      Supplier: '',
      Customer: '',
      WBSElementInternalID: '00000000',
      SDDocument: '',
      SDDocumentItem: '000000',
      InventorySpecialStockType: '',
      InventoryStockType: '01',
      MaterialBaseUnit: store.materials.get(Material)?.BaseUnit ?? 'PC',
      MatlWrhsStkQtyInMatlBaseUnit: decimalString(quantity),
    };
  });
}
