import { queryCollection } from './fo-odata';
import { ON_HAND_SET } from './fo-onhand';
import { FoStore } from './fo-store';

describe(`F&O ${ON_HAND_SET}`, () => {
  const store = new FoStore({}, () => 0);
  store.onHand.set('usmf|A-1|11', 4);
  store.onHand.set('usmf|a-2|11', 0.5);
  store.onHand.set('usmf|A-1|12', 9);
  store.onHand.set('demf|A-1|11', 7);
  const rows = store.rows(ON_HAND_SET) ?? [];
  const select = (filter: string, crossCompany = true) =>
    queryCollection(rows, { filter, crossCompany }, 'usmf', 10_000).rows.map((row) => [
      row.dataAreaId,
      row.ItemNumber,
      row.InventoryWarehouseId,
      row.InventorySiteId,
      row.OnHandQuantity,
    ]);

  it('has a row per company, item and warehouse with its site and on-hand', () => {
    expect(select("dataAreaId eq 'usmf' and InventoryWarehouseId eq '11'")).toEqual([
      ['usmf', 'A-1', '11', '1', 4],
      ['usmf', 'a-2', '11', '1', 0.5],
    ]);
  });

  it('compares item numbers without case in ranges and or groups', () => {
    expect(select("dataAreaId eq 'usmf' and ItemNumber ge 'A-2' and ItemNumber le 'A-2'")).toEqual([
      ['usmf', 'a-2', '11', '1', 0.5],
    ]);
    expect(select("dataAreaId eq 'demf' and (ItemNumber eq 'x' or ItemNumber eq 'a-1')")).toEqual([
      ['demf', 'A-1', '11', '1', 7],
    ]);
  });
});
