import { MATERIAL_STOCK_SET, materialStockRecords } from './sap-material-stock';
import { matchesFilter, parseFilter, SapODataError } from './sap-odata';
import { SapStore } from './sap-store';

describe(`SAP ${MATERIAL_STOCK_SET}`, () => {
  const store = new SapStore(() => 0);
  store.seed({
    plants: [{ Plant: '1010', storageLocations: ['101A', '101B'] }],
    materials: [{ Material: 'A-1' }, { Material: 'A-2', BaseUnit: 'KG' }, { Material: 'B-1' }],
    stock: [
      { Material: 'A-1', Plant: '1010', StorageLocation: '101A', quantity: 5 },
      { Material: 'A-2', Plant: '1010', StorageLocation: '101A', quantity: 0.5 },
      { Material: 'A-2', Plant: '1010', StorageLocation: '101B', quantity: 9 },
      { Material: 'B-1', Plant: '1010', StorageLocation: '101A', quantity: 0 },
    ],
  });
  const select = (filter: string) => {
    const terms = parseFilter(filter);
    return materialStockRecords(store)
      .filter((row) => matchesFilter(row, terms))
      .map((row) => [row.Material, row.StorageLocation, row.MatlWrhsStkQtyInMatlBaseUnit]);
  };

  it('has a row per material and storage location with stock data, zero included, as V2 decimals', () => {
    expect(select("StorageLocation eq '101A' and InventoryStockType eq '01'")).toEqual([
      ['A-1', '101A', '5.000'],
      ['A-2', '101A', '0.5'],
      ['B-1', '101A', '0.000'],
    ]);
  });

  it('filters a range of materials with ge and le, and or groups in parentheses', () => {
    expect(select("StorageLocation eq '101A' and Material ge 'A-2' and Material le 'B-0'")).toEqual(
      [['A-2', '101A', '0.5']],
    );
    expect(
      select("(Material eq 'A-1' or Material eq 'B-1') and StorageLocation eq '101A'"),
    ).toEqual([
      ['A-1', '101A', '5.000'],
      ['B-1', '101A', '0.000'],
    ]);
  });

  it('refuses an operator Gateway does not take here', () => {
    expect(() => parseFilter("Material ne 'A-1'")).toThrow(SapODataError);
  });
});
