import type { OwnershipPolicyInvalidError } from './errors';
import { parsePolicy } from './parse-policy';
import type { PolicyIssue } from './policy-issue';
import { caught } from './testing/spec-helpers';

interface Doc {
  systems: Record<string, unknown>[];
  entityTypes: Record<string, unknown>[];
}

function valid(): Doc {
  return {
    systems: [
      { id: 'wms', kind: 'wms' },
      { id: 'odoo', kind: 'odoo' },
    ],
    entityTypes: [
      { type: 'inventory-level', owner: 'wms', receivers: ['odoo'], changeRequests: true },
      { type: 'purchase-order', owner: 'odoo', receivers: ['wms'] },
      { type: 'goods-receipt', owner: 'wms', receivers: ['odoo'] },
    ],
  };
}

function withChange(change: (doc: Doc) => void): Doc {
  const doc = valid();
  change(doc);
  return doc;
}

function issuesOf(input: unknown): readonly PolicyIssue[] {
  const error = caught(() => parsePolicy(input, 'test.yaml'));
  expect(error).toMatchObject({
    code: 'OWNERSHIP_POLICY_INVALID',
    retriable: false,
    source: 'test.yaml',
  });
  return (error as OwnershipPolicyInvalidError).issues;
}

describe('parsePolicy: the rules', () => {
  it.each<[string, (doc: Doc) => void, PolicyIssue[]]>([
    [
      'an owner that is not a declared system',
      (doc) => Object.assign(doc.entityTypes[1] ?? {}, { owner: 'erp' }),
      [{ path: 'entityTypes[1].owner', reason: 'unknown system "erp" (declared: wms, odoo)' }],
    ],
    [
      'a receiver that is not a declared system',
      (doc) => Object.assign(doc.entityTypes[2] ?? {}, { receivers: ['odoo', 'sap'] }),
      [
        {
          path: 'entityTypes[2].receivers[1]',
          reason: 'unknown system "sap" (declared: wms, odoo)',
        },
      ],
    ],
    [
      'no owner',
      (doc) => delete doc.entityTypes[0]?.owner,
      [
        {
          path: 'entityTypes[0].owner',
          reason: 'inventory-level has no owner; exactly one is required',
        },
      ],
    ],
    [
      'an empty owner',
      (doc) => Object.assign(doc.entityTypes[0] ?? {}, { owner: '' }),
      [
        {
          path: 'entityTypes[0].owner',
          reason: 'inventory-level has no owner; exactly one is required',
        },
      ],
    ],
    [
      'an empty list of owners',
      (doc) => Object.assign(doc.entityTypes[0] ?? {}, { owner: [] }),
      [
        {
          path: 'entityTypes[0].owner',
          reason: 'inventory-level has no owner; exactly one is required',
        },
      ],
    ],
    [
      'two owners in one entry',
      (doc) => Object.assign(doc.entityTypes[0] ?? {}, { owner: ['wms', 'odoo'], receivers: [] }),
      [
        {
          path: 'entityTypes[0].owner',
          reason: 'inventory-level has 2 owners (wms, odoo); exactly one is required',
        },
      ],
    ],
    [
      'two owners by declaring a type twice',
      (doc) => doc.entityTypes.push({ type: 'inventory-level', owner: 'odoo', receivers: ['wms'] }),
      [
        {
          path: 'entityTypes[3].type',
          reason:
            'inventory-level is declared again (first at entityTypes[0]): owners wms and odoo; a type has exactly one owner',
        },
      ],
    ],
    [
      'the owner among its own receivers',
      (doc) => Object.assign(doc.entityTypes[1] ?? {}, { receivers: ['wms', 'odoo'] }),
      [
        {
          path: 'entityTypes[1].receivers[1]',
          reason:
            'odoo owns purchase-order and cannot also receive it (data flows from the owner only)',
        },
      ],
    ],
    [
      'an unknown entity type',
      (doc) => doc.entityTypes.push({ type: 'sales-order', owner: 'odoo', receivers: [] }),
      [
        {
          path: 'entityTypes[3].type',
          reason:
            'unknown entity type "sales-order" (known: inventory-level, purchase-order, goods-receipt)',
        },
      ],
    ],
    [
      'a duplicate system id',
      (doc) => doc.systems.push({ id: 'wms', kind: 'http' }),
      [
        {
          path: 'systems[2].id',
          reason: 'duplicate system id "wms" (already declared at systems[0])',
        },
      ],
    ],
    [
      'an unknown system kind',
      (doc) => Object.assign(doc.systems[1] ?? {}, { kind: 'netsuite' }),
      [
        {
          path: 'systems[1].kind',
          reason:
            'unknown system kind "netsuite" (known: wms, odoo, business-central, sap, dynamics-finance, http)',
        },
      ],
    ],
    [
      'an entity type nobody owns because it is not declared',
      (doc) => doc.entityTypes.splice(2, 1),
      [
        {
          path: 'entityTypes',
          reason: 'goods-receipt is not declared; every entity type needs exactly one owner',
        },
      ],
    ],
    [
      'a receiver listed twice',
      (doc) => Object.assign(doc.entityTypes[0] ?? {}, { receivers: ['odoo', 'odoo'] }),
      [{ path: 'entityTypes[0].receivers[1]', reason: 'receiver odoo is listed twice' }],
    ],
  ])('refuses %s, naming the entry', (_case, change, expected) => {
    expect(issuesOf(withChange(change))).toEqual(expected);
  });

  it('names every problem at once, one line each, in the message', () => {
    const doc = withChange((d) => {
      d.systems.push({ id: 'odoo', kind: 'odoo' });
      Object.assign(d.entityTypes[0] ?? {}, { owner: 'erp' });
      Object.assign(d.entityTypes[1] ?? {}, { receivers: ['odoo'] });
    });

    expect(() => parsePolicy(doc, 'policies/prod.yaml')).toThrow(
      [
        'ownership policy policies/prod.yaml is invalid (3 problems):',
        '  - systems[2].id: duplicate system id "odoo" (already declared at systems[1])',
        '  - entityTypes[0].owner: unknown system "erp" (declared: wms, odoo)',
        '  - entityTypes[1].receivers[0]: odoo owns purchase-order and cannot also receive it (data flows from the owner only)',
      ].join('\n'),
    );
  });
});

describe('parsePolicy: the shape', () => {
  it.each<[string, unknown, string]>([
    ['not an object', 'wms owns everything', '(root)'],
    ['no systems', { entityTypes: valid().entityTypes }, 'systems'],
    ['an unknown top-level key', { ...valid(), entitytypes: [] }, '(root)'],
    [
      'an id unfit for topic names',
      withChange((d) => Object.assign(d.systems[0] ?? {}, { id: 'WMS 1' })),
      'systems[0].id',
    ],
    [
      'receivers that are not a list',
      withChange((d) => Object.assign(d.entityTypes[0] ?? {}, { receivers: 'odoo' })),
      'entityTypes[0].receivers',
    ],
    [
      'a missing receivers list',
      withChange((d) => delete d.entityTypes[1]?.receivers),
      'entityTypes[1].receivers',
    ],
    [
      'changeRequests that is not a boolean',
      withChange((d) => Object.assign(d.entityTypes[0] ?? {}, { changeRequests: 'yes' })),
      'entityTypes[0].changeRequests',
    ],
    [
      'an unknown key in an entry',
      withChange((d) => Object.assign(d.entityTypes[0] ?? {}, { owners: ['wms'] })),
      'entityTypes[0]',
    ],
  ])('refuses %s at %s', (_case, input, path) => {
    expect(issuesOf(input).map((issue) => issue.path)).toEqual([path]);
  });

  it('names the source as "(object)" when none is given', () => {
    expect(() => parsePolicy({})).toThrow('ownership policy (object) is invalid');
  });
});

describe('parsePolicy: a valid policy', () => {
  const threeSystems = withChange((doc) => {
    doc.systems.push({ id: 'bc-eu', kind: 'business-central' });
    Object.assign(doc.entityTypes[0] ?? {}, { receivers: ['odoo', 'bc-eu'] });
  });

  it('accepts an owner written as a one-element list', () => {
    const policy = parsePolicy(
      withChange((doc) => Object.assign(doc.entityTypes[1] ?? {}, { owner: ['odoo'] })),
    );

    expect(policy.ownersOf('purchase-order')).toEqual(['odoo']);
  });

  it('defaults change requests to disabled', () => {
    expect(parsePolicy(valid()).changeRequestsEnabled('goods-receipt')).toBe(false);
  });

  it('writes to every receiver, and refuses a write to a system that is neither owner nor receiver', () => {
    const policy = parsePolicy(threeSystems);

    const order = { entityType: 'purchase-order' as const, payload: {}, sourceSystem: 'odoo' };

    expect(policy.receiversOf({ entityType: 'inventory-level', payload: {} })).toEqual([
      'odoo',
      'bc-eu',
    ]);
    expect(policy.typesReceivedBy('bc-eu')).toEqual(['inventory-level']);
    expect(policy.mayWrite('bc-eu', order)).toBe(false);
    expect(policy.writeVerdict('bc-eu', order)).toEqual({
      allowed: false,
      code: 'OWNERSHIP_NOT_A_RECEIVER',
      message: 'bc-eu does not receive purchase-order (receivers: wms)',
      system: 'bc-eu',
      entityType: 'purchase-order',
      scope: undefined,
      owners: ['odoo'],
    });
  });

  it('lets a declared system own or receive nothing', () => {
    const policy = parsePolicy(withChange((doc) => doc.systems.push({ id: 'shop', kind: 'http' })));

    expect(policy.typesReceivedBy('shop')).toEqual([]);
    expect(policy.typesOwnedBy('shop')).toEqual([]);
    expect(policy.kindOf('shop')).toBe('http');
  });
});
