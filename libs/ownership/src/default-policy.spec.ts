import { DEFAULT_POLICY_PATH, loadPolicyFile } from './load-policy';
import { caught } from './testing/spec-helpers';
import type { Direction, EntityType } from './vocabulary';

const policy = loadPolicyFile(DEFAULT_POLICY_PATH);

// Every (system, type, direction) of the default policy: the WMS owns inventory levels and
// goods receipts, the ERP owns purchase orders.
const table: readonly (readonly [string, EntityType, Direction, 'allowed' | 'refused'])[] = [
  ['wms', 'inventory-level', 'source', 'allowed'],
  ['wms', 'inventory-level', 'write', 'refused'],
  ['odoo', 'inventory-level', 'source', 'refused'],
  ['odoo', 'inventory-level', 'write', 'allowed'],
  ['wms', 'goods-receipt', 'source', 'allowed'],
  ['wms', 'goods-receipt', 'write', 'refused'],
  ['odoo', 'goods-receipt', 'source', 'refused'],
  ['odoo', 'goods-receipt', 'write', 'allowed'],
  ['odoo', 'purchase-order', 'source', 'allowed'],
  ['odoo', 'purchase-order', 'write', 'refused'],
  ['wms', 'purchase-order', 'source', 'refused'],
  ['wms', 'purchase-order', 'write', 'allowed'],
];

const OWNERS = {
  'inventory-level': 'wms',
  'goods-receipt': 'wms',
  'purchase-order': 'odoo',
} as const;

function guard(system: string, type: EntityType, direction: Direction): () => void {
  return direction === 'source'
    ? () => {
        policy.assertMaySource(system, type);
      }
    : () => {
        policy.assertMayWrite(system, type);
      };
}

function may(system: string, type: EntityType, direction: Direction): boolean {
  return direction === 'source' ? policy.maySource(system, type) : policy.mayWrite(system, type);
}

describe('the default policy', () => {
  it('covers every (system, type, direction) in the table', () => {
    expect(
      new Set(table.map(([system, type, direction]) => `${system}/${type}/${direction}`)).size,
    ).toBe(2 * 3 * 2);
  });

  it.each(table.filter((row) => row[3] === 'allowed'))(
    '%s / %s / %s: %s',
    (system, type, direction) => {
      expect(may(system, type, direction)).toBe(true);
      expect(guard(system, type, direction)).not.toThrow();
    },
  );

  it.each(table.filter((row) => row[3] === 'refused'))(
    '%s / %s / %s: %s',
    (system, type, direction) => {
      expect(may(system, type, direction)).toBe(false);
      expect(caught(guard(system, type, direction))).toMatchObject({
        name: 'ReverseDirectionWriteError',
        code: 'REVERSE_DIRECTION_WRITE',
        retriable: false,
        system,
        entityType: type,
        owner: OWNERS[type],
        direction,
      });
    },
  );

  it('says who owns and who receives each type', () => {
    expect(policy.entityTypes).toEqual([
      { type: 'inventory-level', owner: 'wms', receivers: ['odoo'], changeRequests: true },
      { type: 'purchase-order', owner: 'odoo', receivers: ['wms'], changeRequests: false },
      { type: 'goods-receipt', owner: 'wms', receivers: ['odoo'], changeRequests: false },
    ]);
    expect(policy.receiversOf('purchase-order')).toEqual(['wms']);
  });

  it('tells each connector what to subscribe to and what to publish', () => {
    expect(policy.typesReceivedBy('odoo')).toEqual(['inventory-level', 'goods-receipt']);
    expect(policy.typesReceivedBy('wms')).toEqual(['purchase-order']);
    expect(policy.typesOwnedBy('odoo')).toEqual(['purchase-order']);
    expect(policy.typesOwnedBy('wms')).toEqual(['inventory-level', 'goods-receipt']);
  });

  it('enables change requests for inventory levels only', () => {
    expect([
      policy.changeRequestsEnabled('inventory-level'),
      policy.changeRequestsEnabled('purchase-order'),
      policy.changeRequestsEnabled('goods-receipt'),
    ]).toEqual([true, false, false]);
  });

  it('knows each system kind', () => {
    expect(policy.systems).toEqual([
      { id: 'wms', kind: 'wms' },
      { id: 'odoo', kind: 'odoo' },
    ]);
    expect(policy.kindOf('odoo')).toBe('odoo');
  });

  it('explains a refusal in words', () => {
    expect(guard('odoo', 'inventory-level', 'source')).toThrow(
      'reverse-direction write: odoo may not source inventory-level; its owner is wms',
    );
    expect(guard('odoo', 'purchase-order', 'write')).toThrow(
      'reverse-direction write: purchase-order may not be written to odoo, its owner',
    );
  });
});

describe('the default policy and a system it does not declare', () => {
  it.each([['source' as const], ['write' as const]])(
    'refuses it in the %s guard with its own code',
    (direction) => {
      expect(caught(guard('sap', 'inventory-level', direction))).toMatchObject({
        code: 'OWNERSHIP_UNKNOWN_SYSTEM',
        retriable: false,
        system: 'sap',
        declared: ['wms', 'odoo'],
      });
    },
  );

  it('answers false without throwing in maySource and mayWrite', () => {
    expect(policy.maySource('sap', 'purchase-order')).toBe(false);
    expect(policy.mayWrite('sap', 'purchase-order')).toBe(false);
  });

  it('refuses it in the subscription queries', () => {
    expect(caught(() => policy.typesReceivedBy('sap'))).toMatchObject({
      code: 'OWNERSHIP_UNKNOWN_SYSTEM',
    });
    expect(caught(() => policy.typesOwnedBy('sap'))).toMatchObject({
      code: 'OWNERSHIP_UNKNOWN_SYSTEM',
    });
  });

  it('refuses an entity type from outside the vocabulary', () => {
    const stranger = 'sales-order' as EntityType;

    expect(
      caught(() => {
        policy.assertMaySource('wms', stranger);
      }),
    ).toMatchObject({
      code: 'OWNERSHIP_UNKNOWN_ENTITY_TYPE',
    });
    expect(policy.maySource('wms', stranger)).toBe(false);
  });
});
