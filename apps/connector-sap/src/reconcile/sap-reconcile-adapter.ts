/**
 * The reconciliation read of SAP S/4HANA (issue #22): the unrestricted-use own stock of a
 * page of inventory level keys (`<warehouse>:<material>`) at each warehouse's plant and
 * storage location, from API_MATERIAL_STOCK_SRV (`A_MatlStkInAcctMod`, read only).
 *
 * A page's materials of one storage location are read as ONE range (`Material ge '<first>'
 * and Material le '<last>'`, first and last in code-point order, the order HANA compares
 * Material in), paged with `$top`/`$skip` ordered by Material; materials of the range that
 * are not on the page are dropped. Stock rows of other stock types (quality inspection,
 * blocked) and special stock (consignment, project) are not what the physical inventory
 * count sets, so they are left out. SAP has no stock row for a material that never had stock
 * data at the location: such a material reads as 0 (this read cannot tell it from an unknown
 * material). A warehouse not in SAP_WAREHOUSES has nothing at SAP (missing there).
 */
import { failedWith, inventoryLevelReads, type ReconcileAdapter } from '@hub/connector-runtime';
import { literal, resultsOf, stringOf } from '../client/odata-values';
import type { SapClient } from '../client/sap-client';
import { WRITE_ERROR_CODES, locationOf, type SapWriteSettings } from '../write/write-settings';

export const STOCK_SERVICE = 'API_MATERIAL_STOCK_SRV';
export const STOCK_SET = 'A_MatlStkInAcctMod';
/** Rows asked for per request. */
export const STOCK_PAGE = 5_000;
const UNRESTRICTED = '01';

export function sapReconcileAdapter(
  client: SapClient,
  settings: Pick<SapWriteSettings, 'systemId' | 'warehouses'>,
): ReconcileAdapter {
  return inventoryLevelReads(async (warehouse, materials, signal) => {
    let plant: string;
    let storageLocation: string;
    try {
      ({ plant, storageLocation } = locationOf({ ...settings, uomMap: {} }, warehouse));
    } catch (error) {
      if (failedWith(error, [WRITE_ERROR_CODES.unknownWarehouse])) return new Map();
      throw error;
    }
    const first = materials[0];
    const last = materials.at(-1);
    const stock = new Map(materials.map((material): [string, number] => [material, 0]));
    if (first === undefined || last === undefined) return new Map();
    const filter = [
      `Plant eq ${literal(plant)}`,
      `StorageLocation eq ${literal(storageLocation)}`,
      `InventoryStockType eq ${literal(UNRESTRICTED)}`,
      `Material ge ${literal(first)}`,
      `Material le ${literal(last)}`,
    ].join(' and ');
    for (let skip = 0; ; skip += STOCK_PAGE) {
      const answer = await client.request({
        service: STOCK_SERVICE,
        path: STOCK_SET,
        method: 'GET',
        query: {
          $filter: filter,
          $select: 'Material,InventorySpecialStockType,MatlWrhsStkQtyInMatlBaseUnit',
          $orderby: 'Material',
          $top: String(STOCK_PAGE),
          $skip: String(skip),
        },
        signal,
      });
      const rows = resultsOf(answer.data, 'the material stock');
      for (const row of rows) {
        const material = stringOf(row, 'Material');
        const held = stock.get(material);
        if (held === undefined || stringOf(row, 'InventorySpecialStockType') !== '') continue;
        stock.set(material, held + Number(stringOf(row, 'MatlWrhsStkQtyInMatlBaseUnit')));
      }
      if (rows.length < STOCK_PAGE) break;
    }
    // SAP quantities carry 3 decimals: the sum is rounded there, not left to float arithmetic.
    return new Map(
      [...stock].map(([material, quantity]) => [material, String(Number(quantity.toFixed(3)))]),
    );
  });
}
