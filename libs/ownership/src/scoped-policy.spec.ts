import { resolve } from 'node:path';
import type { OwnershipPolicyInvalidError } from './errors';
import { loadPolicyFile } from './load-policy';
import { parsePolicy } from './parse-policy';
import { caught } from './testing/spec-helpers';

const policy = loadPolicyFile(resolve(__dirname, '../policies/two-erps-by-warehouse.yaml'));

function level(warehouse: string | undefined, sourceSystem = 'wms') {
  return {
    entityType: 'inventory-level' as const,
    payload: { sku: 'SKU-1', warehouse, quantityOnHand: '1', unitOfMeasure: 'PCS', asOf: 1 },
    sourceSystem,
  };
}

describe('a policy scoped by warehouse, two ERPs', () => {
  it('writes a warehouse only to the ERP that holds it', () => {
    expect(policy.writeVerdict('odoo-eu', level('WH-EU'))).toEqual({
      allowed: true,
      owner: 'wms',
      scope: { field: 'warehouse', value: 'WH-EU' },
    });
    expect(policy.writeVerdict('bc-us', level('WH-US'))).toMatchObject({ allowed: true });
    expect(policy.receiversOf(level('WH-US'))).toEqual(['bc-us']);
  });

  it("calls the other ERP's warehouse another scope, not an error", () => {
    expect(policy.writeVerdict('odoo-eu', level('WH-US'))).toEqual({
      allowed: false,
      code: 'OWNERSHIP_OTHER_SCOPE',
      message:
        'odoo-eu does not receive inventory-level (warehouse WH-US); that scope goes to bc-us',
      system: 'odoo-eu',
      entityType: 'inventory-level',
      scope: { field: 'warehouse', value: 'WH-US' },
      owners: ['wms'],
    });
  });

  it('refuses a warehouse no scope covers, at the source and at the writer', () => {
    const expected = {
      allowed: false,
      code: 'OUT_OF_SCOPE',
      message:
        'inventory-level warehouse WH-CN is in no scope of the ownership policy (scopes cover WH-EU, WH-US)',
      owners: [],
    };
    expect(policy.sourceVerdict('wms', level('WH-CN'))).toMatchObject(expected);
    expect(policy.writeVerdict('odoo-eu', level('WH-CN'))).toMatchObject(expected);
    expect(policy.sourceVerdict('wms', level(undefined))).toMatchObject({
      code: 'OUT_OF_SCOPE',
      message: 'inventory-level has no warehouse, so no scope of the ownership policy covers it',
    });
  });

  it('refuses an ERP as the source of a level, naming the owner of its scope', () => {
    expect(policy.sourceVerdict('bc-us', level('WH-US', 'bc-us'))).toMatchObject({
      allowed: false,
      code: 'REVERSE_DIRECTION_WRITE',
      message:
        'reverse-direction write: bc-us may not source inventory-level (warehouse WH-US); its owner is wms',
      owners: ['wms'],
    });
    expect(policy.writeVerdict('bc-us', level('WH-US', 'odoo-eu'))).toMatchObject({
      code: 'SOURCE_NOT_OWNER',
    });
  });

  it('routes subscriptions by any scope', () => {
    expect(policy.typesReceivedBy('odoo-eu')).toEqual(['inventory-level', 'goods-receipt']);
    expect(policy.typesReceivedBy('bc-us')).toEqual(['inventory-level', 'goods-receipt']);
    expect(policy.typesOwnedBy('wms')).toEqual(['inventory-level', 'goods-receipt']);
    expect(policy.receiverVerdict('bc-us', 'purchase-order')).toMatchObject({
      code: 'OWNERSHIP_NOT_A_RECEIVER',
    });
  });

  it("lets a '*' scope take every warehouse no other scope names", () => {
    const withRest = parsePolicy({
      systems: [
        { id: 'wms', kind: 'wms' },
        { id: 'odoo-eu', kind: 'odoo' },
        { id: 'bc-us', kind: 'business-central' },
      ],
      entityTypes: [
        {
          type: 'inventory-level',
          scopeField: 'warehouse',
          scopes: [
            { values: ['WH-US'], owner: 'wms', receivers: ['bc-us'] },
            { values: '*', owner: 'wms', receivers: ['odoo-eu'] },
          ],
        },
        { type: 'goods-receipt', owner: 'wms', receivers: ['odoo-eu', 'bc-us'] },
        { type: 'purchase-order', owner: 'odoo-eu', receivers: ['wms'] },
      ],
    });
    expect(withRest.receiversOf(level('WH-CN'))).toEqual(['odoo-eu']);
    expect(withRest.receiversOf(level('WH-US'))).toEqual(['bc-us']);
  });
});

describe('purchase orders owned by one ERP per company', () => {
  const byCompany = parsePolicy({
    systems: [
      { id: 'wms', kind: 'wms' },
      { id: 'sap-eu', kind: 'sap' },
      { id: 'bc-us', kind: 'business-central' },
    ],
    entityTypes: [
      { type: 'inventory-level', owner: 'wms', receivers: ['sap-eu'] },
      { type: 'goods-receipt', owner: 'wms', receivers: ['sap-eu'] },
      {
        type: 'purchase-order',
        scopeField: 'company',
        scopes: [
          { values: ['1010'], owner: 'sap-eu', receivers: ['wms'] },
          { values: ['US01'], owner: 'bc-us', receivers: ['wms'] },
        ],
      },
    ],
  });
  const order = (company: string | null, sourceSystem: string) => ({
    entityType: 'purchase-order' as const,
    payload: {
      poNumber: 'PO-1',
      supplierId: 'V',
      status: 'confirmed',
      currency: 'EUR',
      lines: [],
      company,
    },
    sourceSystem,
  });

  it("takes each company's orders from its own ERP only", () => {
    expect(byCompany.sourceVerdict('sap-eu', order('1010', 'sap-eu'))).toMatchObject({
      allowed: true,
      scope: { field: 'company', value: '1010' },
    });
    expect(byCompany.sourceVerdict('bc-us', order('US01', 'bc-us'))).toMatchObject({
      allowed: true,
    });
    expect(byCompany.sourceVerdict('sap-eu', order('US01', 'sap-eu'))).toMatchObject({
      allowed: false,
      code: 'REVERSE_DIRECTION_WRITE',
    });
  });

  it('refuses an order whose ERP does not name its company', () => {
    expect(byCompany.sourceVerdict('sap-eu', order(null, 'sap-eu'))).toMatchObject({
      allowed: false,
      code: 'OUT_OF_SCOPE',
      message: 'purchase-order has no company, so no scope of the ownership policy covers it',
    });
  });
});

describe('scoped policies refused at start', () => {
  const systems = [
    { id: 'wms', kind: 'wms' },
    { id: 'odoo-eu', kind: 'odoo' },
    { id: 'bc-us', kind: 'business-central' },
  ];
  const po = { type: 'purchase-order', owner: 'odoo-eu', receivers: ['wms'] };

  function messageOf(entityTypes: unknown[]): string {
    const error = caught(() => parsePolicy({ systems, entityTypes }, 'scoped.yaml'));
    expect(error).toMatchObject({ code: 'OWNERSHIP_POLICY_INVALID', retriable: false });
    return (error as OwnershipPolicyInvalidError).message;
  }

  it('names overlapping scopes: one warehouse with two owners', () => {
    expect(
      messageOf([
        {
          type: 'inventory-level',
          scopeField: 'warehouse',
          scopes: [
            { values: ['WH-EU', 'WH-US'], owner: 'wms', receivers: ['odoo-eu'] },
            { values: ['WH-US'], owner: 'bc-us', receivers: ['odoo-eu'] },
          ],
        },
        { type: 'goods-receipt', owner: 'wms', receivers: ['odoo-eu'] },
        po,
      ]),
    ).toBe(
      [
        'ownership policy scoped.yaml is invalid (1 problem):',
        '  - entityTypes[0].scopes[1].values[0]: overlapping scopes: inventory-level warehouse WH-US is in scopes[0] (owner wms) and scopes[1] (owner bc-us); exactly one owner per (inventory-level, warehouse)',
      ].join('\n'),
    );
  });

  it("names two '*' scopes as overlapping", () => {
    expect(
      messageOf([
        {
          type: 'inventory-level',
          scopeField: 'warehouse',
          scopes: [
            { values: '*', owner: 'wms', receivers: ['odoo-eu'] },
            { values: '*', owner: 'wms', receivers: ['bc-us'] },
          ],
        },
        { type: 'goods-receipt', owner: 'wms', receivers: ['odoo-eu'] },
        po,
      ]),
    ).toContain(
      "entityTypes[0].scopes[1].values: overlapping scopes: inventory-level every other warehouse ('*') is in scopes[0] (owner wms) and scopes[1] (owner wms)",
    );
  });

  it('names uncovered scopes: a warehouse one type routes and another leaves out', () => {
    expect(
      messageOf([
        {
          type: 'inventory-level',
          scopeField: 'warehouse',
          scopes: [
            { values: ['WH-EU'], owner: 'wms', receivers: ['odoo-eu'] },
            { values: ['WH-US'], owner: 'wms', receivers: ['bc-us'] },
          ],
        },
        {
          type: 'goods-receipt',
          scopeField: 'warehouse',
          scopes: [{ values: ['WH-EU'], owner: 'wms', receivers: ['odoo-eu'] }],
        },
        po,
      ]),
    ).toBe(
      [
        'ownership policy scoped.yaml is invalid (1 problem):',
        "  - entityTypes[1].scopes: uncovered scopes: goods-receipt has no scope for warehouse WH-US (named by inventory-level); add them to a scope, or add a scope with values: '*'",
      ].join('\n'),
    );
  });

  it('names a scope field the payload does not have, a scope without values, and a type-level owner', () => {
    const message = messageOf([
      {
        type: 'inventory-level',
        scopeField: 'company',
        owner: 'wms',
        scopes: [{ values: [], owner: 'wms', receivers: ['odoo-eu', 'wms'] }],
      },
      { type: 'goods-receipt', owner: 'wms', receivers: ['odoo-eu'] },
      po,
    ]);
    expect(message.split('\n').slice(1)).toEqual([
      '  - entityTypes[0].owner: inventory-level is scoped: owner and receivers go in each of its scopes, not on the type',
      '  - entityTypes[0].scopeField: inventory-level has no string field "company" to be scoped by (its fields: sku, warehouse, quantityOnHand, unitOfMeasure)',
      "  - entityTypes[0].scopes[0].values: a scope of inventory-level covers no company; list its values, or '*' for every value no other scope names",
      '  - entityTypes[0].scopes[0].receivers[1]: wms owns inventory-level (company (no values)) and cannot also receive it (data flows from the owner only)',
    ]);
  });

  it('still asks an unscoped type for its receivers', () => {
    expect(messageOf([{ type: 'inventory-level', owner: 'wms' }, po])).toContain(
      'entityTypes[0].receivers: inventory-level has no receivers list; a type nobody receives says receivers: []',
    );
  });
});
