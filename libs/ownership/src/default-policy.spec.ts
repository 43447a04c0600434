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

/** An event of the type as its owner sent it; the unscoped default policy ignores the payload. */
function eventOf(entityType: EntityType): {
  entityType: EntityType;
  payload: unknown;
  sourceSystem: string;
} {
  return { entityType, payload: { warehouse: 'WH1' }, sourceSystem: OWNERS[entityType] };
}

function verdict(system: string, type: EntityType, direction: Direction) {
  return direction === 'source'
    ? policy.sourceVerdict(system, eventOf(type))
    : policy.writeVerdict(system, eventOf(type));
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
      expect(verdict(system, type, direction)).toEqual({
        allowed: true,
        owner: OWNERS[type],
        scope: undefined,
      });
      expect(
        direction === 'source'
          ? policy.maySource(system, eventOf(type))
          : policy.mayWrite(system, eventOf(type)),
      ).toBe(true);
    },
  );

  it.each(table.filter((row) => row[3] === 'refused'))(
    '%s / %s / %s: %s',
    (system, type, direction) => {
      expect(verdict(system, type, direction)).toMatchObject({
        allowed: false,
        code: 'REVERSE_DIRECTION_WRITE',
        system,
        entityType: type,
        owners: [OWNERS[type]],
      });
    },
  );

  it('refuses a write of an event whose source is not the owner', () => {
    expect(
      policy.writeVerdict('odoo', { ...eventOf('inventory-level'), sourceSystem: 'sap' }),
    ).toMatchObject({
      allowed: false,
      code: 'SOURCE_NOT_OWNER',
      message:
        "sap does not own inventory-level (the owner is wms); only the owner's events are written",
    });
  });

  it('judges a notification by the type alone', () => {
    expect(policy.notificationVerdict('odoo', 'purchase-order')).toMatchObject({ allowed: true });
    expect(policy.notificationVerdict('odoo', 'inventory-level')).toMatchObject({
      allowed: false,
      code: 'REVERSE_DIRECTION_WRITE',
      owners: ['wms'],
    });
  });

  it('says who owns and who receives each type', () => {
    expect(policy.entityTypes).toEqual([
      {
        type: 'inventory-level',
        scopeField: undefined,
        scopes: [{ values: '*', owner: 'wms', receivers: ['odoo'] }],
        owners: ['wms'],
        receivers: ['odoo'],
        changeRequests: true,
      },
      {
        type: 'purchase-order',
        scopeField: undefined,
        scopes: [{ values: '*', owner: 'odoo', receivers: ['wms'] }],
        owners: ['odoo'],
        receivers: ['wms'],
        changeRequests: false,
      },
      {
        type: 'goods-receipt',
        scopeField: undefined,
        scopes: [{ values: '*', owner: 'wms', receivers: ['odoo'] }],
        owners: ['wms'],
        receivers: ['odoo'],
        changeRequests: false,
      },
    ]);
    expect(policy.receiversOf(eventOf('purchase-order'))).toEqual(['wms']);
    expect(policy.ownerOf(eventOf('purchase-order'))).toBe('odoo');
  });

  it('tells each connector what to subscribe to and what to publish', () => {
    expect(policy.typesReceivedBy('odoo')).toEqual(['inventory-level', 'goods-receipt']);
    expect(policy.typesReceivedBy('wms')).toEqual(['purchase-order']);
    expect(policy.typesOwnedBy('odoo')).toEqual(['purchase-order']);
    expect(policy.typesOwnedBy('wms')).toEqual(['inventory-level', 'goods-receipt']);
  });

  it('answers the start-up check of a receiver', () => {
    expect(policy.receiverVerdict('wms', 'purchase-order')).toMatchObject({ allowed: true });
    expect(policy.receiverVerdict('wms', 'inventory-level')).toMatchObject({
      allowed: false,
      code: 'REVERSE_DIRECTION_WRITE',
      message: 'reverse-direction write: wms owns inventory-level and never receives it',
    });
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
    expect(verdict('odoo', 'inventory-level', 'source')).toMatchObject({
      message: 'reverse-direction write: odoo may not source inventory-level; its owner is wms',
    });
    expect(verdict('odoo', 'purchase-order', 'write')).toMatchObject({
      message: 'reverse-direction write: purchase-order may not be written to odoo, its owner',
    });
  });
});

describe('the default policy and a system it does not declare', () => {
  it.each([['source' as const], ['write' as const]])(
    'refuses it in the %s verdict with its own code',
    (direction) => {
      expect(verdict('sap', 'inventory-level', direction)).toMatchObject({
        allowed: false,
        code: 'OWNERSHIP_UNKNOWN_SYSTEM',
        system: 'sap',
        message: 'unknown system "sap" (declared: wms, odoo)',
      });
    },
  );

  it('answers false without throwing in owns and receives', () => {
    expect(policy.owns('sap', 'purchase-order')).toBe(false);
    expect(policy.receives('sap', 'purchase-order')).toBe(false);
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

    expect(caught(() => policy.sourceVerdict('wms', eventOf(stranger)))).toMatchObject({
      code: 'OWNERSHIP_UNKNOWN_ENTITY_TYPE',
    });
    expect(policy.owns('wms', stranger)).toBe(false);
  });
});
